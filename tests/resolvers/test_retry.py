"""A transaction the database aborts to break a deadlock runs again, on PostgreSQL and
MariaDB; any other database error is not retried."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from licman.models import Tag
from licman.resolvers.retry import retry_deadlocks
from tests.backends import TestDatabase


@pytest.fixture(autouse=True)
def _servers_only(db: TestDatabase) -> None:
    if db.backend == "sqlite":
        pytest.skip("SQLite runs one write transaction at a time: it cannot deadlock")


async def test_a_deadlock_victim_runs_again_and_both_transactions_commit() -> None:
    # Given two transactions that lock the same two rows in opposite orders
    first, second = await Tag.create(name="First"), await Tag.create(name="Second")
    both_hold_one = asyncio.Barrier(2)
    attempts: Counter[str] = Counter()

    async def lock(name: str, one: int, other: int) -> None:
        async def once() -> None:
            attempts[name] += 1
            async with in_transaction():
                await Tag.filter(id=one).select_for_update()
                if attempts[name] == 1:
                    await both_hold_one.wait()  # a certain deadlock the first time round
                await Tag.filter(id=other).select_for_update()
                await Tag.filter(id__in=[one, other]).update(color=f"#{name * 6}")

        await retry_deadlocks(once)

    # When both run at once
    await asyncio.gather(lock("a", first.id, second.id), lock("b", second.id, first.id))

    # Then the database picked one victim, which ran again after the other committed
    assert sorted(attempts.values()) == [1, 2]
    victim = next(name for name, n in attempts.items() if n == 2)
    assert {t.color for t in await Tag.all()} == {f"#{victim * 6}"}


async def test_other_database_errors_are_not_retried() -> None:
    await Tag.create(name="Design")
    attempts = 0

    async def duplicate() -> None:
        nonlocal attempts
        attempts += 1
        async with in_transaction():
            await Tag.create(name="design")  # the same folded name: a unique violation

    with pytest.raises(IntegrityError):
        await retry_deadlocks(duplicate)
    assert attempts == 1
