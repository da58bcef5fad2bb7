"""One object's history: the audit events of a license or a vendor, newest first, a page at a
time, for whoever may see the object (the caller has checked that). The field rules of the
audit log hold (costs and e-mail addresses hidden from those who may not read them elsewhere,
secrets were never recorded), and the people the events name come back with them, so the
reader gets names instead of ids.

Many objects' histories (a page of licenses, each with its history) load together: one
statement picks the newest events of every object (a window function, on all three
databases), one reads them, one counts them if asked.

A vendor's history includes its products' events (created, renamed, archived, deleted: products
have no page of their own): those of its products today, and of the deleted ones whose delete
event names the vendor. A product moved to another vendor brings its earlier events along."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tortoise import connections
from tortoise.functions import Count

from licman.models import AuditEvent, User
from licman.resolvers.audit_query import (
    AUDIT_EVENT_FIELDS,
    DEFAULT_PAGE,
    HIDDEN,
    MAX_PAGE,
    Page,
    Row,
    _masked,
    decode_cursor,
    encode_cursor,
    hide_hashes,
)
from licman.resolvers.bulk import placeholder
from licman.resolvers.errors import invalid
from licman.security.permissions import (
    Action,
    history_hidden_keys,
    may_see_audit_actor_label,
    role_allows,
)
from licman.security.principal import Principal

CURSOR_KIND = "history"
# The object types that have a history field, and so the values object_type may take here.
HISTORY_TYPES = frozenset({"license", "vendor"})


@dataclass(frozen=True, slots=True)
class HistoryKey:
    """One object's page: which object, how many events, after which cursor."""

    object_type: str
    object_id: int
    first: int | None = None
    after: str | None = None
    want_total: bool = False


def page_size(first: int | None) -> int:
    size = DEFAULT_PAGE if first is None else first
    if not 1 <= size <= MAX_PAGE:
        raise invalid("first", f"first must be between 1 and {MAX_PAGE}")
    return size


async def _newest_ids(
    object_type: str, object_ids: Sequence[str], before_id: int | None, size: int
) -> list[int]:
    """The ids of the newest `size` events of each object (older than before_id if given),
    in one statement."""
    conn = connections.get("default")
    dialect = conn.capabilities.dialect
    params: list[Any] = [object_type, *object_ids]
    marks = [placeholder(dialect, i) for i in range(1, len(params) + 1)]
    older = ""
    if before_id is not None:
        params.append(before_id)
        older = f" AND id < {placeholder(dialect, len(params))}"
    params.append(size)
    sql = (
        "SELECT id FROM (SELECT id, ROW_NUMBER() OVER "  # noqa: S608 (markers only)
        "(PARTITION BY object_id ORDER BY id DESC) AS rn FROM audit_event "
        f"WHERE object_type = {marks[0]} AND object_id IN ({', '.join(marks[1:])}){older}) "
        f"AS ranked WHERE rn <= {placeholder(dialect, len(params))}"
    )
    rows = await conn.execute_query_dict(sql, params)
    return [int(r["id"]) for r in rows]


async def _totals(object_type: str, object_ids: Sequence[str]) -> dict[str, int]:
    rows = (
        await AuditEvent.filter(object_type=object_type, object_id__in=list(object_ids))
        .annotate(total=Count("id"))
        .group_by("object_id")
        .values("object_id", "total")
    )
    return {r["object_id"]: int(r["total"]) for r in rows}


# The vendor a product's delete event names (its `before`), as text, per dialect: on
# PostgreSQL and SQLite the key of the index audit_event_deleted_product_vendor (migration
# 0016), which the planner matches by this exact expression.
_BEFORE_VENDOR = {
    "postgres": "CAST(changes AS JSONB) -> 'before' ->> 'vendor_id'",
    "mysql": "JSON_UNQUOTE(JSON_EXTRACT(changes, '$.before.vendor_id'))",
    "sqlite": "CAST(json_extract(changes, '$.before.vendor_id') AS TEXT)",
}
# The condition of that index (migration 0016), as literals: a prepared statement's generic
# plan can use a partial index only if the statement's own conditions imply the index's.
_DELETED_PRODUCT = "object_type = 'product' AND action = 'product.delete'"
# A product's id as an audit object id (text), per dialect.
_PRODUCT_ID = {
    "postgres": "CAST(id AS TEXT)",
    "mysql": "CAST(id AS CHAR)",
    "sqlite": "CAST(id AS TEXT)",
}


def _vendor_events(dialect: str, vendor_id: str, before_id: int | None) -> tuple[str, list[Any]]:
    """The ids of a vendor's events and of its products' (those it has today, and the deleted
    ones whose delete event names it), as one SELECT and its parameters. The products are
    subqueries: no product id, and no other vendor's delete event, leaves the database. Three
    branches joined by UNION rather than one WHERE with OR, so that each reads the history
    index (object_type, object_id, id) instead of the whole log."""
    params: list[Any] = []

    def mark(value: Any) -> str:
        params.append(value)
        return placeholder(dialect, len(params))

    def older() -> str:
        return "" if before_id is None else f" AND id < {mark(before_id)}"

    vendor = f"object_type = {mark('vendor')} AND object_id = {mark(vendor_id)}{older()}"
    today = (
        f"object_type = {mark('product')} AND object_id IN (SELECT {_PRODUCT_ID[dialect]} "  # noqa: S608
        f"FROM product WHERE vendor_id = {mark(int(vendor_id))}){older()}"
    )
    deleted = (
        f"object_type = {mark('product')} AND object_id IN (SELECT object_id FROM audit_event "  # noqa: S608
        f"WHERE {_DELETED_PRODUCT} AND {_BEFORE_VENDOR[dialect]} = {mark(vendor_id)}){older()}"
    )
    # UNION, not UNION ALL: a product id given out again after a delete (SQLite continues
    # after the largest id) is in both product branches.
    sql = " UNION ".join(
        f"SELECT id FROM audit_event WHERE {where}"  # noqa: S608 (markers only)
        for where in (vendor, today, deleted)
    )
    return sql, params


async def _vendor_newest_ids(vendor_id: str, before_id: int | None, size: int) -> list[int]:
    """The newest `size` events of a vendor and its products (older than before_id)."""
    conn = connections.get("default")
    dialect = conn.capabilities.dialect
    events, params = _vendor_events(dialect, vendor_id, before_id)
    params.append(size)
    sql = (
        f"SELECT id FROM ({events}) AS events "  # noqa: S608 (markers only)
        f"ORDER BY id DESC LIMIT {placeholder(dialect, len(params))}"
    )
    rows = await conn.execute_query_dict(sql, params)
    return [int(r["id"]) for r in rows]


async def _vendor_total(vendor_id: str) -> int:
    conn = connections.get("default")
    events, params = _vendor_events(conn.capabilities.dialect, vendor_id, None)
    sql = f"SELECT COUNT(*) AS total FROM ({events}) AS events"  # noqa: S608 (markers only)
    rows = await conn.execute_query_dict(sql, params)
    return int(rows[0]["total"])


async def _vendor_pages(
    members: list[HistoryKey], size: int, before: int | None
) -> dict[HistoryKey, Page]:
    vendor_ids = sorted({str(k.object_id) for k in members})
    owner: dict[int, str] = {}
    for vendor in vendor_ids:  # one statement per vendor: a vendor page asks for one
        for event_id in await _vendor_newest_ids(vendor, before, size):
            owner[event_id] = vendor
    values = await AuditEvent.filter(id__in=list(owner)).order_by("-id").values(*AUDIT_EVENT_FIELDS)
    by_vendor: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for v in values:
        by_vendor[owner[v["id"]]].append(v)
    found: dict[HistoryKey, Page] = {}
    for key in members:
        vendor = str(key.object_id)
        rows = by_vendor.get(vendor, [])
        page = rows[: size - 1]
        total = await _vendor_total(vendor) if key.want_total else None
        found[key] = Page(
            rows=[Row(v, encode_cursor(CURSOR_KIND, v["id"])) for v in page],
            has_next_page=len(rows) > len(page),
            has_previous_page=before is not None,
            total_count=total,
        )
    return found


async def history_pages(keys: Sequence[HistoryKey]) -> list[Page]:
    """A page per key, in the keys' order: a fixed number of statements for the whole batch
    (keys that share their page size and cursor go together; a page of objects does). The
    field rules are not applied yet: see `apply_history_rules`."""
    groups: dict[tuple[str, int, int | None], list[HistoryKey]] = defaultdict(list)
    for key in keys:
        if key.object_type not in HISTORY_TYPES:
            raise ValueError(f"no history for {key.object_type}")
        before = decode_cursor(CURSOR_KIND, key.after) if key.after else None
        groups[(key.object_type, page_size(key.first) + 1, before)].append(key)

    found: dict[HistoryKey, Page] = {}
    for (object_type, size, before), members in groups.items():
        if object_type == "vendor":
            found.update(await _vendor_pages(members, size, before))
            continue
        object_ids = sorted({str(k.object_id) for k in members})
        ids = await _newest_ids(object_type, object_ids, before, size)
        values = await AuditEvent.filter(id__in=ids).order_by("-id").values(*AUDIT_EVENT_FIELDS)
        by_object: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for v in values:
            by_object[v["object_id"]].append(v)
        totals: dict[str, int] = {}
        if any(k.want_total for k in members):
            totals = await _totals(object_type, object_ids)
        for key in members:
            rows = by_object.get(str(key.object_id), [])
            page = rows[: size - 1]
            found[key] = Page(
                rows=[Row(v, encode_cursor(CURSOR_KIND, v["id"])) for v in page],
                has_next_page=len(rows) > len(page),
                has_previous_page=before is not None,
                total_count=totals.get(str(key.object_id), 0) if key.want_total else None,
            )
    return [found[key] for key in keys]


def apply_history_rules(
    principal: Principal, page: Page, *, may_see_costs: bool, may_issue_keys: bool = True
) -> Page:
    """The audit log's field rules on one object's events (a copy: pages are cached per
    request and shared). Costs hang on the caller's right on this very object (a change grant
    on the license shows them, as License.cost does); e-mail addresses on `user.view_email`."""
    hidden = history_hidden_keys(
        principal, may_see_costs=may_see_costs, may_issue_keys=may_issue_keys
    )
    audit_reader = role_allows(principal, Action.AUDIT_VIEW)
    me = principal.user.id if principal.user else None
    rows = []
    for row in page.rows:
        values = dict(row.values)
        if hidden:
            values["changes"] = _masked(values["changes"], hidden)
            hide_hashes(values)
        if not may_see_audit_actor_label(principal, values["actor_user_id"]):
            values["actor_label"] = HIDDEN
        if not audit_reader and values["actor_user_id"] != me:
            # Where others were when they acted is the audit log's (admins, auditors)
            values["ip"] = values["user_agent"] = HIDDEN
        rows.append(Row(values, row.cursor))
    return Page(rows, page.has_next_page, page.has_previous_page, page.total_count)


# Keys in an event's changes (at any depth) that hold the database id of a user.
def _is_user_key(key: str) -> bool:
    return key == "owner_id" or key.endswith("user_id")


# Keys that hold a list of users' ids (an import's new seat holders).
USER_LIST_KEYS = frozenset({"seats_added"})


def _is_user_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _user_ids_in(value: Any, into: set[int]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            if _is_user_key(k) and _is_user_id(v):
                into.add(v)
            elif k in USER_LIST_KEYS and isinstance(v, list):
                into.update(i for i in v if _is_user_id(i))
            else:
                _user_ids_in(v, into)
    elif isinstance(value, list):
        for v in value:
            _user_ids_in(v, into)


def people_named(rows: Sequence[Row]) -> list[int]:
    """The users a page of events names: the actors, seat holders and owners, by id."""
    ids: set[int] = set()
    for row in rows:
        if row.values["actor_user_id"] is not None:
            ids.add(row.values["actor_user_id"])
        _user_ids_in(row.values["changes"], ids)
    return sorted(ids)


async def users_by_id(user_ids: Sequence[int]) -> list[User | None]:
    """Users by id in one statement (None for one removed since), for naming the people an
    object's history or the audit log mentions. Whoever may read those events may read the
    names of the people in them; e-mail addresses keep their own rule (User.email)."""
    found = {u.id: u for u in await User.filter(id__in=list(set(user_ids)))}
    return [found.get(pk) for pk in user_ids]
