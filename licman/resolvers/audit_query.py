"""Reading the audit log and the API request log: filters and keyset pages (newest first,
cursor on id), for admins and auditors only."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar

from tortoise.models import Model
from tortoise.queryset import QuerySet

from licman.models import ApiRequest, AuditEvent
from licman.resolvers.common import require
from licman.resolvers.errors import invalid
from licman.security.permissions import Action, audit_hidden_keys, may_see_audit_actor_label
from licman.security.principal import Principal

MAX_PAGE = 100
DEFAULT_PAGE = 50
# An action ("license.reveal"), or a prefix of actions ending with a dot ("license.").
ACTION_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*\.?$")

M = TypeVar("M", bound=Model)
HIDDEN = "[hidden]"  # a value the reader may not see (null stays null)


class ApiOutcome(StrEnum):
    """How a GraphQL request ended, as the API request log records it."""

    OK = "ok"
    ERROR = "error"  # an error in the response that is neither of the two below
    DENIED = "denied"  # FORBIDDEN or UNAUTHENTICATED, or refused with 401/403
    INVALID = "invalid"  # syntax, validation or limit errors, or refused with 400/413


AUDIT_EVENT_FIELDS = (
    "id", "occurred_at", "actor_kind", "actor_user_id", "actor_label", "ip", "user_agent",
    "request_id", "action", "object_type", "object_id", "changes", "hash", "prev_hash",
)  # fmt: skip
API_REQUEST_FIELDS = (
    "id", "occurred_at", "principal_kind", "user_id", "api_token_id", "oauth_client_id", "ip",
    "user_agent", "request_id", "operation_name", "operation_type", "duration_ms", "outcome",
    "status_code",
)  # fmt: skip


@dataclass
class AuditEventFilter:
    actor_user_id: int | None = None
    action: str | None = None  # exact, or every action under it when it ends with "."
    object_type: str | None = None
    object_id: str | None = None
    occurred_after: datetime | None = None  # inclusive
    occurred_before: datetime | None = None  # exclusive


@dataclass
class ApiRequestFilter:
    user_id: int | None = None
    operation_name: str | None = None
    outcome: ApiOutcome | None = None
    occurred_after: datetime | None = None  # inclusive
    occurred_before: datetime | None = None  # exclusive


@dataclass
class Row:
    values: dict[str, Any]
    cursor: str


@dataclass
class Page:
    rows: list[Row]
    has_next_page: bool
    has_previous_page: bool
    total_count: int | None  # None unless asked for


def encode_cursor(kind: str, row_id: int) -> str:
    return base64.urlsafe_b64encode(f"{kind}:{row_id}".encode()).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str) -> int:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        found, _, row_id = base64.urlsafe_b64decode(padded).decode().partition(":")
        if found != kind or not row_id.isdigit():
            raise ValueError
        return int(row_id)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise invalid("after", "after is not a cursor of this list") from None


def _aware(value: datetime) -> datetime:
    """A time without a zone is taken as UTC, the zone every row is stored in."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _longest(field: str, value: str | None, limit: int) -> None:
    if value is not None and len(value) > limit:
        raise invalid(field, f"{field} must be at most {limit} characters")


def _in_time(query: QuerySet[M], after: datetime | None, before: datetime | None) -> QuerySet[M]:
    if after is not None:
        query = query.filter(occurred_at__gte=_aware(after))
    if before is not None:
        query = query.filter(occurred_at__lt=_aware(before))
    return query


async def _page(
    query: QuerySet[M],
    kind: str,
    fields: tuple[str, ...],
    first: int | None,
    after: str | None,
    want_total: bool,
) -> Page:
    size = DEFAULT_PAGE if first is None else first
    if not 1 <= size <= MAX_PAGE:
        raise invalid("first", f"first must be between 1 and {MAX_PAGE}")
    page = query
    if after:
        page = page.filter(id__lt=decode_cursor(kind, after))
    values = await page.order_by("-id").limit(size + 1).values(*fields)
    more = len(values) > size
    rows = [Row(v, encode_cursor(kind, v["id"])) for v in values[:size]]
    total = await query.count() if want_total else None
    return Page(rows, has_next_page=more, has_previous_page=bool(after), total_count=total)


def _masked(value: Any, hidden: frozenset[str]) -> Any:
    """`value` with every non-null value under a hidden key replaced, at any depth."""
    if isinstance(value, dict):
        return {
            k: (HIDDEN if v is not None else None) if k in hidden else _masked(v, hidden)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_masked(v, hidden) for v in value]
    return value


def hide_hashes(values: dict[str, Any]) -> None:
    """For a reader some values are hidden from: no `hash` nor `prev_hash`. Each is a SHA-256
    over the whole event as recorded, so with the rest of the event in hand it would confirm
    a guessed cost or e-mail address offline; and `prev_hash` is the previous event's hash.
    Such a reader cannot check the chain anyway: `licman audit verify` does."""
    values["hash"] = values["prev_hash"] = HIDDEN


def event_field_rules(principal: Principal) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """The field rules of the rest of the API, as a function applied to each event's values
    (see permissions): used by the audit log and by signed audit reports alike."""
    hidden = audit_hidden_keys(principal)

    def apply(values: dict[str, Any]) -> dict[str, Any]:
        if hidden:
            values["changes"] = _masked(values["changes"], hidden)
            hide_hashes(values)
        if not may_see_audit_actor_label(principal, values["actor_user_id"]):
            values["actor_label"] = HIDDEN
        return values

    return apply


def _apply_field_rules(principal: Principal, page: Page) -> Page:
    """The field rules applied to each event of the page."""
    apply = event_field_rules(principal)
    for row in page.rows:
        apply(row.values)
    return page


async def audit_event_page(
    principal: Principal,
    *,
    first: int | None = None,
    after: str | None = None,
    flt: AuditEventFilter | None = None,
    want_total: bool = False,
) -> Page:
    """Audit events, newest first. E-mail addresses and costs in them only for callers who
    may read those fields elsewhere (`[hidden]` otherwise); see permissions."""
    require(principal, Action.AUDIT_VIEW, "see the audit log")
    query = audit_event_query(flt or AuditEventFilter())
    page = await _page(query, "audit_event", AUDIT_EVENT_FIELDS, first, after, want_total)
    return _apply_field_rules(principal, page)


def audit_event_query(flt: AuditEventFilter) -> QuerySet[AuditEvent]:
    """The events matching the filter (checked: a bad value is INVALID naming its field).
    The caller has checked that its principal may read them."""
    query = AuditEvent.all()
    if flt.actor_user_id is not None:
        query = query.filter(actor_user_id=flt.actor_user_id)
    if flt.action is not None:
        if not ACTION_RE.match(flt.action) or len(flt.action) > 64:
            raise invalid("filter.action", 'action must look like "license.reveal" or "license."')
        if flt.action.endswith("."):
            query = query.filter(action__startswith=flt.action)
        else:
            query = query.filter(action=flt.action)
    _longest("filter.objectType", flt.object_type, 32)
    _longest("filter.objectId", flt.object_id, 64)
    if flt.object_type is not None:
        query = query.filter(object_type=flt.object_type)
    if flt.object_id is not None:
        query = query.filter(object_id=flt.object_id)
    return _in_time(query, flt.occurred_after, flt.occurred_before)


async def api_request_page(
    principal: Principal,
    *,
    first: int | None = None,
    after: str | None = None,
    flt: ApiRequestFilter | None = None,
    want_total: bool = False,
) -> Page:
    """API requests (one per GraphQL operation), newest first."""
    require(principal, Action.AUDIT_VIEW, "see the API request log")
    flt = flt or ApiRequestFilter()
    query = ApiRequest.all()
    if flt.user_id is not None:
        query = query.filter(user_id=flt.user_id)
    _longest("filter.operationName", flt.operation_name, 200)
    if flt.operation_name is not None:
        query = query.filter(operation_name=flt.operation_name)
    if flt.outcome is not None:
        query = query.filter(outcome=flt.outcome.value)
    query = _in_time(query, flt.occurred_after, flt.occurred_before)
    return await _page(query, "api_request", API_REQUEST_FIELDS, first, after, want_total)
