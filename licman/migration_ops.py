"""Migration operations that work around gaps in Tortoise 1.1.9's migrations.

`CreateModel` in Tortoise 1.1.9 leaves a model's CHECK constraints out of CREATE TABLE, and
adding them afterwards with `AddConstraint` makes SQLite rebuild the table without its
unique-together constraints and indexes. `CreateModelWithChecks` writes the CHECK
constraints into the CREATE TABLE statement itself, the same on every database.

`RunSQLPerDialect` runs the statements written for the database at hand (triggers differ
on each), and nothing on a database it has none for.
"""

from __future__ import annotations

import re
from typing import Any

from tortoise.migrations import operations as ops
from tortoise.migrations.constraints import CheckConstraint


def _inject_checks(create_sql: str, checks: list[str]) -> str:
    # The column list is rendered as "(\n    col,\n    col\n)": the first "\n)" closes it.
    head, sep, tail = create_sql.partition("\n)")
    if not sep:
        raise RuntimeError("unexpected CREATE TABLE layout; cannot add CHECK constraints")
    return head + "".join(f",\n    {check}" for check in checks) + sep + tail


class CreateModelWithChecks(ops.CreateModel):
    async def database_forward(
        self,
        app_label: str,
        old_state: Any,
        new_state: Any,
        state_editor: Any = None,
    ) -> None:
        if not state_editor:
            return
        model = new_state.apps.get_model(f"{app_label}.{self.name}")
        data = state_editor._get_model_sql_data(model)
        checks = [
            state_editor.CHECK_CONSTRAINT_CREATE_TEMPLATE.format(name=c.name, check=c.check)
            for c in model._meta.constraints
            if isinstance(c, CheckConstraint)
        ]
        table_sql = _inject_checks(data.table_sql, checks)
        await state_editor._run_sql("\n".join([table_sql, *data.m2m_tables_sql]))


def use_checked_create(source: str) -> str:
    """Rewrite a generated migration so every CreateModel that has CHECK constraints uses
    CreateModelWithChecks. `licman db makemigrations` applies this to each new file."""
    blocks = re.split(r"(?=        ops\.CreateModel\()", source)
    changed = False
    for i, block in enumerate(blocks):
        if block.startswith("        ops.CreateModel(") and "CheckConstraint(" in block:
            blocks[i] = block.replace("ops.CreateModel(", "CreateModelWithChecks(", 1)
            changed = True
    if not changed:
        return source
    return "from licman.migration_ops import CreateModelWithChecks\n" + "".join(blocks)


# MariaDB/MySQL with binary logging refuses CREATE TRIGGER (and FUNCTION, PROCEDURE) from a
# user without SUPER unless log_bin_trust_function_creators is on: error 1419.
BINLOG_TRIGGER_ERROR = 1419
BINLOG_TRIGGER_HINT = (
    "MariaDB refused to create a trigger: binary logging is on, and creating triggers then "
    "needs the SUPER privilege or log_bin_trust_function_creators=1. Either run "
    "`licman db upgrade` as a user with SUPER, or set log_bin_trust_function_creators=1 "
    "(SET GLOBAL, or in the server's configuration), then run it again. See "
    '"Migrations on MariaDB with binary logging" in docs/operations.md.'
)


class TriggerPrivilegeError(RuntimeError):
    """A migration's CREATE TRIGGER refused for want of SUPER under binary logging."""


def _is_binlog_trigger_refusal(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        text = " ".join(str(a) for a in seen.args) if seen.args else str(seen)
        if str(BINLOG_TRIGGER_ERROR) in text or "log_bin_trust_function_creators" in text:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def trigger_privilege_hint(exc: BaseException) -> str | None:
    """The operator's next step when a migration failed for want of SUPER under binary
    logging (whether or not the operation translated it), else None."""
    return BINLOG_TRIGGER_HINT if _is_binlog_trigger_refusal(exc) else None


class RunSQLPerDialect(ops.RunSQL):
    """Raw SQL per Tortoise dialect ("postgres", "mysql", "sqlite"), forward and backward.
    Each statement is sent on its own (MariaDB takes one statement per query)."""

    def __init__(
        self, forward: dict[str, list[str]], backward: dict[str, list[str]] | None = None
    ) -> None:
        super().__init__(forward, backward)
        self.forward = forward
        self.backward = backward or {}

    @staticmethod
    def _dialect(state_editor: Any) -> str:
        return str(state_editor.client.capabilities.dialect)

    async def database_forward(
        self, app_label: str, old_state: Any, new_state: Any, state_editor: Any = None
    ) -> None:
        if not state_editor:
            return
        dialect = self._dialect(state_editor)
        try:
            await self._run_sql(state_editor, self.forward.get(dialect, []))
        except Exception as exc:
            if dialect == "mysql" and _is_binlog_trigger_refusal(exc):
                raise TriggerPrivilegeError(BINLOG_TRIGGER_HINT) from exc
            raise

    async def database_backward(
        self, app_label: str, old_state: Any, new_state: Any, state_editor: Any = None
    ) -> None:
        if state_editor:
            await self._run_sql(state_editor, self.backward.get(self._dialect(state_editor), []))
