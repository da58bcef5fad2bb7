"""`licman audit verify`: walk the hash chain of the audit log and name the first event that
was changed, removed or inserted behind the application's back.

It streams the log in batches, in constant memory, fetching the next batch while hashing
this one. On PostgreSQL a million events take well under a minute (bench/audit_verify.py):
rows are read raw rather than as models, and hashed with orjson first (see `is_intact`)."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from pypika_tortoise.queries import Table

from licman.models import AuditChainHead, AuditEvent
from licman.resolvers.audit import GENESIS_HASH, HASHED_FIELDS, body_hash

BATCH = 5000


@dataclass(frozen=True, slots=True)
class ChainProblem:
    event_id: int | None  # the first event that is wrong (None: after the last one)
    kind: str  # "changed", "removed" or "inserted"
    detail: str


@dataclass(frozen=True, slots=True)
class ChainReport:
    events_checked: int
    problem: ChainProblem | None


@dataclass(frozen=True, slots=True)
class StoredEvent:
    id: int
    hash: str
    prev_hash: str
    body: dict[str, Any]  # the hashed fields, occurred_at as its canonical text


def is_intact(event: StoredEvent) -> bool:
    """Whether the event still hashes to its stored hash. orjson writes the same bytes as
    the canonical encoder (sorted keys, no spaces, UTF-8) except for some floats, several
    times faster: a match proves the bytes equal; on a mismatch the canonical encoder
    decides."""
    try:
        fast = orjson.dumps(event.body, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:  # e.g. an integer beyond 64 bits
        fast = b""
    if hashlib.sha256(fast).hexdigest() == event.hash:
        return True
    return body_hash(event.body) == event.hash


async def _events_after(last_id: int, size: int) -> list[StoredEvent]:
    """The next `size` events after `last_id`. Raw rows: building a model (or Tortoise's
    `.values()`) per event cost more than hashing it. The two columns whose type differs by
    database go through the field's own conversion unless already in the usual form."""
    db = AuditEvent._meta.db
    table = Table(AuditEvent._meta.db_table)
    columns = ("id", *HASHED_FIELDS, "hash")
    query = (
        db.query_class.from_(table)
        .select(*(table[name] for name in columns))
        .where(table.id > last_id)
        .orderby(table.id)
        .limit(size)
    )
    _, rows = await db.execute_query(*query.get_parameterized_sql())
    fields = AuditEvent._meta.fields_map
    batch = []
    for row in rows:
        # Rows are asyncpg records, sqlite3 rows or (MariaDB) dicts; all keep column order.
        values = tuple(row.values()) if isinstance(row, dict) else tuple(row)
        body = dict(zip(HASHED_FIELDS, values[1:-1], strict=True))
        when = body["occurred_at"]
        if not (isinstance(when, datetime) and when.tzinfo is not None):  # MariaDB, SQLite
            when = fields["occurred_at"].to_python_value(when)
        body["occurred_at"] = when.astimezone(UTC).isoformat(timespec="microseconds")
        changes = body["changes"]
        body["changes"] = (
            orjson.loads(changes)
            if isinstance(changes, str | bytes)
            else fields["changes"].to_python_value(changes)
        )
        batch.append(StoredEvent(values[0], values[-1], body["prev_hash"], body))
    return batch


async def audit_verify(batch_size: int = BATCH) -> ChainReport:
    """Walk the chain in id order; report the first event that was changed, removed or
    inserted, or that the newest events are missing."""
    expected_prev = GENESIS_HASH
    before_prev = None  # the hash two events back, to tell an insertion from a removal
    checked = 0
    last_id = 0
    following: asyncio.Future[list[StoredEvent]] | None = asyncio.ensure_future(
        _events_after(0, batch_size)
    )
    try:
        while following is not None:
            batch = await following
            following = None
            if len(batch) == batch_size:
                following = asyncio.ensure_future(_events_after(batch[-1].id, batch_size))
                await asyncio.sleep(0)  # let it send its query before this batch is hashed
            for event in batch:
                checked += 1
                if not is_intact(event):
                    detail = "its content no longer matches its hash"
                    return ChainReport(checked, ChainProblem(event.id, "changed", detail))
                if event.prev_hash != expected_prev:
                    if before_prev is not None and event.prev_hash == before_prev:
                        detail = "it follows the event before the previous one"
                        return ChainReport(checked, ChainProblem(last_id, "inserted", detail))
                    detail = "an event before it is missing"
                    return ChainReport(checked, ChainProblem(event.id, "removed", detail))
                before_prev, expected_prev, last_id = expected_prev, event.hash, event.id
    finally:
        if following is not None:  # stopped early: let the query in flight finish
            with contextlib.suppress(Exception):
                await following
    head = await AuditChainHead.get_or_none(id=1)
    if head is not None and (head.last_hash != expected_prev or head.last_event_id != last_id):
        detail = f"the newest event (id {head.last_event_id}) is missing"
        return ChainReport(checked, ChainProblem(None, "removed", detail))
    return ChainReport(checked, None)
