"""The audit trail: one hash-chained event per change or secret reveal, written inside the
same transaction as the change, so that a change without its event cannot be committed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

import orjson
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from licman.models import AuditChainHead, AuditEvent
from licman.resolvers.bulk import insert_rows
from licman.security.principal import Principal

GENESIS_HASH = "0" * 64
REDACTED = "[redacted]"
# Never copied into an event: secrets, their ciphertexts and fingerprints, credential hashes.
SENSITIVE_FIELDS = frozenset(
    {
        "secret",
        "secret_ciphertext",
        "secret_fingerprint",
        "password",
        "password_hash",
        "token_hash",
        "key_hash",
        "client_secret_hash",
        "access_token_hash",
        "refresh_token_hash",
        "code_hash",
    }
)


_AS_IS = frozenset({str, int, bool, float, type(None)})


def _plain(value: Any) -> Any:
    if type(value) in _AS_IS:
        return value  # the common case, first
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return value


def _redacted(key: str, value: Any) -> Any:
    if key not in SENSITIVE_FIELDS:
        return _plain(value)
    return None if value is None else REDACTED  # whether there is one, never what it is


def redact(snapshot: dict[str, Any] | None) -> dict[str, Any] | None:
    """A JSON-safe copy with sensitive values replaced by a marker (null stays null, so the
    reader sees a secret added or removed, never what it is)."""
    if snapshot is None:
        return None
    return {k: _redacted(k, v) for k, v in snapshot.items()}


def secrets_changed(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The sensitive fields whose values differ: redacted on both sides, a changed secret
    would otherwise look unchanged in the diff."""
    return sorted(
        k for k in SENSITIVE_FIELDS & before.keys() & after.keys() if before[k] != after[k]
    )


# What an event's hash covers: every recorded field and the previous event's hash.
HASHED_FIELDS = (
    "occurred_at", "actor_kind", "actor_user_id", "actor_label", "api_token_id",
    "oauth_client_id", "ip", "user_agent", "request_id", "action", "object_type",
    "object_id", "changes", "prev_hash",
)  # fmt: skip
# json.dumps(..., sort_keys=True, separators=(",", ":"), ensure_ascii=False), built once.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def body_hash(body: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of an event's hashed fields (occurred_at as text)."""
    return hashlib.sha256(_CANONICAL.encode(body).encode()).hexdigest()


def hash_values(values: Mapping[str, Any]) -> str:
    """The hash of an event given as values (a row as `.values()` gives it)."""
    body = {name: values[name] for name in HASHED_FIELDS}
    body["occurred_at"] = _plain(body["occurred_at"])
    return body_hash(body)


def _has_float(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float):
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def fast_hash_values(values: Mapping[str, Any]) -> str:
    """`hash_values` for plain values (as `redact` makes them), the same digest several times
    faster: orjson writes the canonical encoder's exact bytes (sorted keys, no spaces, UTF-8)
    unless a float or an escaped character (a quote, a backslash, a control character) is
    in the body; those bodies, and what orjson refuses, go through the canonical encoder."""
    body = {name: values[name] for name in HASHED_FIELDS}
    body["occurred_at"] = _plain(body["occurred_at"])
    try:
        fast = orjson.dumps(body, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:
        return body_hash(body)
    if b"\\" in fast or _has_float(body["changes"]):
        return body_hash(body)
    return hashlib.sha256(fast).hexdigest()


def event_hash(event: AuditEvent) -> str:
    """SHA-256 over every recorded field and the previous event's hash."""
    return hash_values({name: getattr(event, name) for name in HASHED_FIELDS})


async def _chain_head() -> AuditChainHead:
    head = await AuditChainHead.select_for_update().get_or_none(id=1)
    if head is not None:
        return head
    try:
        async with in_transaction():  # a savepoint: losing the race must not end our transaction
            await AuditChainHead.create(id=1, last_event_id=0, last_hash=GENESIS_HASH)
    except IntegrityError:
        pass
    return await AuditChainHead.select_for_update().get(id=1)


async def audit_record(
    principal: Principal,
    action: str,
    object_type: str = "",
    object_id: int | str | None = None,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. Call inside the transaction of the change it records."""
    head = await _chain_head()
    changes: dict[str, Any] = dict(redact(extra) or {})
    if before is not None:
        changes["before"] = redact(before)
    if after is not None:
        changes["after"] = redact(after)
    if before is not None and after is not None and (changed := secrets_changed(before, after)):
        changes["secrets_changed"] = changed
    origin = principal.origin
    event = AuditEvent(
        occurred_at=datetime.now(UTC),
        actor_kind=principal.kind.value,
        actor_user_id=principal.user.id if principal.user else None,
        actor_label=principal.label[:254],
        api_token_id=principal.api_token_id,
        oauth_client_id=principal.oauth_client_id,
        ip=origin.ip[:45],
        user_agent=origin.user_agent[:512],
        request_id=origin.request_id[:64],
        action=action,
        object_type=object_type,
        object_id="" if object_id is None else str(object_id),
        changes=changes,
        prev_hash=head.last_hash,
    )
    event.hash = event_hash(event)
    await event.save()
    head.last_event_id = event.id
    head.last_hash = event.hash
    await head.save(update_fields=["last_event_id", "last_hash"])
    return event


@dataclass(frozen=True, slots=True)
class PendingEvent:
    """One event of a batch for `audit_record_many`."""

    action: str
    object_type: str
    object_id: int | str | None
    extra: dict[str, Any] | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


EVENT_COLUMNS = (
    "occurred_at", "actor_kind", "actor_user_id", "actor_label", "api_token_id",
    "oauth_client_id", "ip", "user_agent", "request_id", "action", "object_type", "object_id",
    "changes", "prev_hash", "hash",
)  # fmt: skip


async def audit_record_many(
    principal: Principal, events: list[PendingEvent], conn: BaseDBAsyncClient
) -> int:
    """Append many events in order, as `audit_record` would one by one, inside the caller's
    transaction (`conn`): the chain head is locked once, the hashes are chained in Python and
    the rows written in one bulk insert. For jobs that change thousands of rows."""
    if not events:
        return 0
    head = await _chain_head()
    origin = principal.origin
    moment = datetime.now(UTC)
    prev = head.last_hash
    rows: list[list[Any]] = []
    for pending in events:
        changes: dict[str, Any] = dict(redact(pending.extra) or {})
        if pending.before is not None:
            changes["before"] = redact(pending.before)
        if pending.after is not None:
            changes["after"] = redact(pending.after)
        # A plain dict, not a model instance: thousands are made per batch.
        values: dict[str, Any] = {
            "occurred_at": moment,
            "actor_kind": principal.kind.value,
            "actor_user_id": principal.user.id if principal.user else None,
            "actor_label": principal.label[:254],
            "api_token_id": principal.api_token_id,
            "oauth_client_id": principal.oauth_client_id,
            "ip": origin.ip[:45],
            "user_agent": origin.user_agent[:512],
            "request_id": origin.request_id[:64],
            "action": pending.action,
            "object_type": pending.object_type,
            "object_id": "" if pending.object_id is None else str(pending.object_id),
            "changes": changes,
            "prev_hash": prev,
        }
        values["hash"] = prev = fast_hash_values(values)
        row = [values[name] for name in EVENT_COLUMNS]
        row[EVENT_COLUMNS.index("changes")] = orjson.dumps(changes).decode()
        rows.append(row)
    await insert_rows(conn, "audit_event", EVENT_COLUMNS, rows)
    # The head is locked, so no other event was appended meanwhile: ours are the newest.
    last = await AuditEvent.filter(hash=prev).using_db(conn).values_list("id", flat=True)
    head.last_event_id = last[0]
    head.last_hash = prev
    await head.save(update_fields=["last_event_id", "last_hash"], using_db=conn)
    return len(events)
