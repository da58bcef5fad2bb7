"""MariaDB with binary logging refuses CREATE TRIGGER to a user without SUPER (error 1419)
unless log_bin_trust_function_creators is on. The append-only migration then fails with a
message that says what to do, not the server's bare refusal. (The servers here run without
binary logging, so the refusal is the server's exact error, raised by the connection.)"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from tortoise.exceptions import OperationalError

from licman.migration_ops import (
    BINLOG_TRIGGER_HINT,
    RunSQLPerDialect,
    TriggerPrivilegeError,
    trigger_privilege_hint,
)

MARIADB_1419 = (
    1419,
    "You do not have the SUPER privilege and binary logging is enabled (you *might* want to "
    "use the less safe log_bin_trust_function_creators variable)",
)


class RefusingEditor:
    """A schema editor whose database refuses every statement as MariaDB does here."""

    collect_sql = False

    def __init__(self, dialect: str, error: BaseException) -> None:
        self.client = SimpleNamespace(capabilities=SimpleNamespace(dialect=dialect))
        self.error = error
        self.sent: list[str] = []

    async def _run_sql(self, sql: str) -> None:
        self.sent.append(sql)
        raise self.error


def _append_only() -> RunSQLPerDialect:
    from importlib import import_module

    migration = import_module("licman.migrations.0003_audit_append_only").Migration
    (operation,) = migration.operations
    assert isinstance(operation, RunSQLPerDialect)
    return operation


async def test_the_refusal_names_super_and_log_bin_trust_function_creators() -> None:
    editor = RefusingEditor("mysql", OperationalError(MARIADB_1419))

    with pytest.raises(TriggerPrivilegeError) as refused:
        await _append_only().database_forward("licman", None, None, editor)  # type: ignore[arg-type]

    message = str(refused.value)
    assert "SUPER" in message
    assert "log_bin_trust_function_creators=1" in message
    assert "docs/operations.md" in message
    assert "CREATE TRIGGER" in editor.sent[0]


@pytest.mark.parametrize(
    ("dialect", "error"),
    [
        ("mysql", OperationalError((1142, "TRIGGER command denied to user"))),
        ("postgres", OperationalError("permission denied for table audit_event")),
    ],
    ids=["another-mariadb-refusal", "postgres"],
)
async def test_other_refusals_pass_through_unchanged(dialect: str, error: Any) -> None:
    editor = RefusingEditor(dialect, error)

    with pytest.raises(OperationalError) as refused:
        await _append_only().database_forward("licman", None, None, editor)  # type: ignore[arg-type]

    assert refused.value is error


def test_upgrade_finds_the_refusal_however_the_migration_executor_wrapped_it() -> None:
    # `licman db upgrade` turns it into a DatabaseError: one line on stderr, no traceback
    wrapped = RuntimeError("migration 0003_audit_append_only failed")
    wrapped.__cause__ = OperationalError(MARIADB_1419)

    assert trigger_privilege_hint(wrapped) == BINLOG_TRIGGER_HINT
    assert "\n" not in BINLOG_TRIGGER_HINT
    assert trigger_privilege_hint(OperationalError((1142, "TRIGGER command denied"))) is None
