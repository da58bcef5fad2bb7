"""PostgreSQL connections go back to the pool without asyncpg's reset query (licman.db.
keep_session), which is safe only while Licman keeps no state in a database session: this
checks the code for what the reset query would have undone, and that the pool still rolls
back a transaction left open."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tortoise import connections
from tortoise.transactions import in_transaction

from licman.db import keep_session
from licman.models import Tag
from tests.backends import TestDatabase

PACKAGE = Path(__file__).resolve().parents[1] / "licman"
# Session state the reset query (pg_advisory_unlock_all, CLOSE ALL, UNLISTEN *, RESET ALL)
# clears: session-level advisory locks, cursors held past a transaction, LISTEN, and SET
# without LOCAL.
SESSION_STATE = re.compile(
    r"(?i:pg_advisory_lock|pg_try_advisory_lock\()|WITH HOLD|\bLISTEN\b|"
    r"\bSET\s+(?!LOCAL\b)(SESSION\b|search_path|statement_timeout|TIME ZONE|ROLE\b)"
)


def test_licman_keeps_no_state_in_a_database_session() -> None:
    found = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if SESSION_STATE.search(line)
    ]
    assert found == []


async def test_the_pool_uses_keep_session_and_still_rolls_back(db: TestDatabase) -> None:
    if db.backend != "postgres":
        pytest.skip("only PostgreSQL's pool has a reset query")
    client = connections.get("default")
    assert client._pool._reset is keep_session  # type: ignore[attr-defined]

    async def abandoned() -> None:
        async with in_transaction():
            await Tag.create(name="never")
            raise RuntimeError("abandoned")

    with pytest.raises(RuntimeError):
        await abandoned()

    assert await Tag.filter(name="never").count() == 0
    assert await Tag.create(name="kept")
