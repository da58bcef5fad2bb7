"""SQL on the audit log past its append-only triggers, as an operator purging events does
(docs/operations.md): tests tamper with events to check that `audit verify` notices."""

from __future__ import annotations

from tortoise.transactions import in_transaction


async def as_maintenance(*statements: str) -> None:
    """Run the statements in one transaction, in the audit log's maintenance mode."""
    async with in_transaction() as conn:
        dialect = conn.capabilities.dialect
        if dialect == "postgres":
            await conn.execute_script("SET LOCAL licman.audit_maintenance = 'on'")
        elif dialect == "mysql":
            await conn.execute_script("SET @licman_audit_maintenance = 1")
        try:
            for statement in statements:
                await conn.execute_script(statement)
        finally:
            if dialect == "mysql":  # a session variable: the pooled connection lives on
                await conn.execute_script("SET @licman_audit_maintenance = NULL")
