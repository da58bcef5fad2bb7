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
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pypika_tortoise.queries import Table

from licman.models import AuditChainHead, AuditCheckpoint, AuditEvent
from licman.resolvers.audit import GENESIS_HASH, HASHED_FIELDS, body_hash
from licman.security.signing import BadSignature, verify_document

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
    # The signed checkpoint the chain was checked from (after a purge), if any.
    checkpoint: Checkpoint | None = None


@dataclass(frozen=True, slots=True)
class Checkpoint:
    through_event_id: int
    through_hash: str
    events_purged: int
    created_at: str


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


class CheckpointProblem(Exception):
    pass


async def _start(public: Ed25519PublicKey | None) -> Checkpoint | None:
    """The newest checkpoint, checked: signed by the site's key, and its row as signed."""
    row = await AuditCheckpoint.all().order_by("-through_event_id").first()
    if row is None:
        return None
    where = f"the checkpoint through event {row.through_event_id}"
    if public is None:
        raise CheckpointProblem(f"{where} cannot be checked: no signing key is configured")
    try:
        signed = verify_document(orjson.loads(row.document), public, kind="audit_checkpoint")
    except (BadSignature, orjson.JSONDecodeError) as exc:
        raise CheckpointProblem(f"{where} is not signed by this site's key: {exc}") from None
    if (signed.get("through_event_id"), signed.get("through_hash")) != (
        row.through_event_id,
        row.through_hash,
    ):
        raise CheckpointProblem(f"{where} was changed: its row differs from what was signed")
    return Checkpoint(
        row.through_event_id,
        row.through_hash,
        int(signed.get("events_purged", 0)),
        str(signed.get("created_at", "")),
    )


async def audit_verify(
    batch_size: int = BATCH, public_key: Ed25519PublicKey | None = None
) -> ChainReport:
    """Walk the chain in id order; report the first event that was changed, removed or
    inserted, or that the newest events are missing. After a purge the chain starts from the
    newest signed checkpoint (`public_key` checks its signature): the first remaining event
    must follow the last purged one."""
    try:
        checkpoint = await _start(public_key)
    except CheckpointProblem as exc:
        return ChainReport(0, ChainProblem(None, "checkpoint", str(exc)))
    expected_prev = GENESIS_HASH if checkpoint is None else checkpoint.through_hash
    last_id = 0 if checkpoint is None else checkpoint.through_event_id
    if checkpoint is not None:
        older = await AuditEvent.filter(id__lte=last_id).order_by("id").first()
        if older is not None:
            detail = "it is older than the signed checkpoint, which says it was purged"
            return ChainReport(0, ChainProblem(older.id, "inserted", detail), checkpoint)
    before_prev = None  # the hash two events back, to tell an insertion from a removal
    checked = 0
    following: asyncio.Future[list[StoredEvent]] | None = asyncio.ensure_future(
        _events_after(last_id, batch_size)
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
                    return ChainReport(
                        checked, ChainProblem(event.id, "changed", detail), checkpoint
                    )
                if event.prev_hash != expected_prev:
                    if before_prev is not None and event.prev_hash == before_prev:
                        detail = "it follows the event before the previous one"
                        return ChainReport(
                            checked, ChainProblem(last_id, "inserted", detail), checkpoint
                        )
                    detail = "an event before it is missing"
                    return ChainReport(
                        checked, ChainProblem(event.id, "removed", detail), checkpoint
                    )
                before_prev, expected_prev, last_id = expected_prev, event.hash, event.id
    finally:
        if following is not None:  # stopped early: let the query in flight finish
            with contextlib.suppress(Exception):
                await following
    head = await AuditChainHead.get_or_none(id=1)
    if head is not None and (head.last_hash != expected_prev or head.last_event_id != last_id):
        detail = f"the newest event (id {head.last_event_id}) is missing"
        return ChainReport(checked, ChainProblem(None, "removed", detail), checkpoint)
    return ChainReport(checked, None, checkpoint)
