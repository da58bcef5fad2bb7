"""Running a write again when the database aborted it to break a deadlock.

Seat and tag changes lock their licenses first, in id order, so they wait for each other
instead of deadlocking. MariaDB can still pick a victim between changes of *different*
licenses whose rows share an index gap (REPEATABLE READ locks gaps); the whole transaction
was rolled back then, so running it again is safe and the caller never sees the deadlock.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

import structlog

T = TypeVar("T")
log = structlog.get_logger(__name__)

ATTEMPTS = 5
# PostgreSQL: deadlock_detected, serialization_failure. MariaDB: ER_LOCK_DEADLOCK.
_SQLSTATES = frozenset({"40P01", "40001"})
_MYSQL_DEADLOCK = 1213


def is_deadlock(exc: BaseException) -> bool:
    """Whether the error, or one it was raised from or while handling, is a deadlock. Tortoise
    wraps the driver's error, and on MariaDB a deadlock inside a savepoint surfaces as
    "SAVEPOINT ... does not exist" raised while handling it."""
    pending: list[object] = [exc]
    seen: set[int] = set()
    while pending:
        error = pending.pop()
        if not isinstance(error, BaseException) or id(error) in seen:
            continue
        seen.add(id(error))
        if getattr(error, "sqlstate", None) in _SQLSTATES:
            return True
        if error.args and error.args[0] == _MYSQL_DEADLOCK:
            return True
        pending += [*error.args[:1], error.__cause__, error.__context__]
    return False


async def retry_deadlocks(call: Callable[[], Awaitable[T]]) -> T:
    """Run `call` (one whole transaction, not nested in another) up to ATTEMPTS times while
    the database aborts it as a deadlock victim, waiting a little longer each time."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return await call()
        except Exception as exc:
            if attempt == ATTEMPTS or not is_deadlock(exc):
                raise
            log.info("deadlock victim, running the transaction again", attempt=attempt)
            await asyncio.sleep(random.uniform(0, 0.01 * 2**attempt))  # noqa: S311 - jitter
    raise AssertionError("unreachable")
