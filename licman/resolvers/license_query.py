"""Reading licenses fast: filters, search, keyset pagination, and finished rows.

One statement fetches the page (license, product, vendor and owner joined, the permission
filter inside the WHERE), one counts it, and one more per requested relation (tags, active
seats with their users, ended seats with theirs, renewal terms) fetches those for the whole
page. So a page costs the same number of statements whatever its size: no N+1.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

import orjson
from pypika_tortoise.context import SqlContext
from pypika_tortoise.terms import Term
from tortoise import connections
from tortoise.expressions import Case, F, Q, RawSQL, Subquery, When
from tortoise.functions import Count
from tortoise.queryset import QuerySet

from licman.models import (
    License,
    LicenseKind,
    LicenseStatus,
    RenewalTerm,
    SeatAssignment,
    Tag,
)
from licman.models.base import fold
from licman.resolvers.common import require_scope, require_signed_in
from licman.resolvers.errors import invalid
from licman.resolvers.license_count import total_count
from licman.resolvers.license_search import (
    EitherPageQ,
    RareCandidatesQ,
    SearchPlan,
    SearchTextQ,
    TextLengthQ,
    exact_in_search_text,
    search_plan,
)
from licman.resolvers.license_status import STATUS_TODAY, with_status_today
from licman.resolvers.money import CurrencyRates, json_key
from licman.resolvers.statements import STATEMENTS, compile_values, dialect, q_key, sentinels
from licman.security.permissions import (
    Action,
    action_scope,
    license_scope,
    license_scope_keyed,
    role_allows,
)
from licman.security.principal import Principal

MAX_PAGE = 100
CUSTOM_FIELD_KEY_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")

# Columns of the page query: the license, and its product, vendor and owner joined.
ROW_FIELDS = (
    "id", "name", "kind", "status", "seats", "seats_used", "cost_micros", "currency",
    "billing_period", "purchased_on", "starts_on", "expires_on", "cancel_by", "auto_renew",
    "remind_seat_holders", "notes", "metadata", "external_id", "archived_at", "version",
    "created_at", "updated_at",
    "secret_fingerprint", "product_id", "owner_id",
    "product__id", "product__name", "product__notes", "product__vendor_id",
    "product__archived_at", "product__version", "product__created_at", "product__updated_at",
    "product__vendor__id", "product__vendor__name", "product__vendor__website",
    "product__vendor__notes", "product__vendor__archived_at", "product__vendor__version",
    "product__vendor__created_at", "product__vendor__updated_at",
    "owner__email", "owner__name", "owner__role", "owner__is_active",
)  # fmt: skip


class LicenseOrderField(StrEnum):
    EXPIRY = "expires_on"
    PRODUCT = "product__name_key"
    VENDOR = "product__vendor__name_key"
    COST = "cost_micros"
    CREATED = "created_at"
    UPDATED = "updated_at"
    CANCEL_BY = "cancel_by"  # not offered over GraphQL; the renewal calendar export uses it


NULLABLE_ORDER = {LicenseOrderField.EXPIRY, LicenseOrderField.COST, LicenseOrderField.CANCEL_BY}
DATE_ORDER = {LicenseOrderField.EXPIRY, LicenseOrderField.CANCEL_BY}
# Cost is read license by license (License.cost): a caller who may read it on some licenses
# only filters and sorts by this copy of it, null on the others, so a hidden cost decides
# nothing (neither which rows match nor where they sort, nor what a cursor carries).
COST_SEEN = "cost_seen"
# Sorting by cost sorts by this: the cost in the default currency (see money.py), so amounts
# in different currencies are never compared as bare numbers.
COST_KEY = "cost_key"


@dataclass
class LicenseFilter:
    vendor_ids: list[int] | None = None
    product_ids: list[int] | None = None
    kinds: list[LicenseKind] | None = None
    statuses: list[LicenseStatus] | None = None
    tag_ids_any: list[int] | None = None
    tag_ids_all: list[int] | None = None
    assignee_id: int | None = None
    held_by_id: int | None = None  # holds or held a seat (active or ended)
    owner_id: int | None = None
    expiring_within_days: int | None = None
    expired: bool | None = None
    has_free_seats: bool | None = None
    cost_min: int | None = None  # micros
    cost_max: int | None = None
    currency: str | None = None
    custom_field: tuple[str, str] | None = None
    archived: bool = False  # True: only archived ones; False: only live ones


# Columns every row has, whatever was selected: the ids that objects, permission checks and
# global ids are made of, and the values the schema turns into enums.
ALWAYS_FIELDS = frozenset(
    {"id", "kind", "product_id", "owner_id", "product__id", "product__vendor_id",
     "product__vendor__id", "owner__role"}
)  # fmt: skip


@dataclass(frozen=True)
class Want:
    """Which parts of a license row the caller selected (the GraphQL look-ahead). `columns`:
    the ROW_FIELDS to read (with ALWAYS_FIELDS), None for all; the others are None in the
    rows, so only a caller that knows it never reads them may leave them out."""

    tags: bool = False
    assignments: bool = False
    past_assignments: bool = False
    renewals: bool = False
    total_count: bool = False
    columns: frozenset[str] | None = None

    def fields(self, *extra: str) -> tuple[tuple[str, ...], dict[str, None]]:
        """The columns to select, in ROW_FIELDS' order, then `extra` not among them; and
        the left-out ones, as None values to put in each row."""
        chosen: tuple[str, ...]
        if self.columns is None:
            chosen = ROW_FIELDS
        else:
            wanted = self.columns | ALWAYS_FIELDS
            chosen = tuple(f for f in ROW_FIELDS if f in wanted)
        more = tuple(e for e in dict.fromkeys(extra) if e not in chosen)
        missing = dict.fromkeys(f for f in ROW_FIELDS if f not in chosen and f not in more)
        return (*chosen, *more), missing


@dataclass(slots=True)
class LicenseRow:
    values: dict[str, Any]
    tags: list[dict[str, Any]] = field(default_factory=list)
    assignments: list[dict[str, Any]] = field(default_factory=list)
    past_assignments: list[dict[str, Any]] = field(default_factory=list)
    renewals: list[dict[str, Any]] = field(default_factory=list)
    # A page's row: the order and the column its cursor encodes (the cursor is made when
    # read: a page whose selection reads no cursor, or only pageInfo's, makes one or two).
    cursor_of: tuple[LicenseOrderField, str] | None = None

    @property
    def cursor(self) -> str:
        if self.cursor_of is None:
            return ""
        return encode_cursor(self.cursor_of[0], self.values, self.cursor_of[1])


@dataclass
class LicensePage:
    rows: list[LicenseRow]
    has_next_page: bool
    has_previous_page: bool
    total_count: int | None
    total_is_estimate: bool = False  # see license_count.total_count


def _dialect() -> str:
    return str(connections.get("default").capabilities.dialect)


def _custom_field_sql(key: str) -> str:
    """The metadata value under `key` as text, in this database's JSON dialect. The key was
    checked against a strict pattern, so it is safe inside the SQL."""
    dialect = _dialect()
    if dialect == "postgres":
        return f'CAST("license"."metadata" AS JSONB) ->> \'{key}\''
    if dialect == "mysql":
        return f"JSON_UNQUOTE(JSON_EXTRACT(`license`.`metadata`, '$.\"{key}\"'))"
    path = f"'$.\"{key}\"'"
    # json_extract gives 1/0 for JSON booleans; spell them as the other databases do.
    return (
        f'CASE json_type("license"."metadata", {path}) '
        "WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' "
        f'ELSE CAST(json_extract("license"."metadata", {path}) AS TEXT) END'
    )


def _filtered(
    scope: Q,
    flt: LicenseFilter,
    search: str | None,
    cost_readable: Q | None = None,
    plan: SearchPlan | None = None,
) -> QuerySet[License]:
    """The licenses in `scope` that match; with `cost_readable`, cost conditions look only
    at the costs of the licenses it selects (the others count as having none)."""
    query = with_status_today(License.filter(scope))
    cost = "cost_micros"
    if cost_readable is not None:
        query = query.annotate(
            **{COST_SEEN: Case(When(cost_readable, then=F("cost_micros")), default=None)}
        )
        cost = COST_SEEN
    query = query.filter(archived_at__isnull=not flt.archived)
    if flt.vendor_ids:
        query = query.filter(product__vendor_id__in=flt.vendor_ids)
    if flt.product_ids:
        query = query.filter(product_id__in=flt.product_ids)
    if flt.kinds:
        query = query.filter(kind__in=flt.kinds)
    if flt.statuses:  # the status of today, as every read shows it
        query = query.filter(**{f"{STATUS_TODAY}__in": [s.value for s in flt.statuses]})
    if flt.tag_ids_any:
        tagged = License.filter(tags__id__in=flt.tag_ids_any).values("id")
        query = query.filter(id__in=Subquery(tagged))
    for tag_id in flt.tag_ids_all or []:
        query = query.filter(id__in=Subquery(License.filter(tags__id=tag_id).values("id")))
    if flt.assignee_id is not None:
        held = SeatAssignment.filter(user_id=flt.assignee_id, active_holder__isnull=False)
        query = query.filter(id__in=Subquery(held.values("license_id")))
    if flt.held_by_id is not None:
        ever = SeatAssignment.filter(user_id=flt.held_by_id)
        query = query.filter(id__in=Subquery(ever.values("license_id")))
    if flt.owner_id is not None:
        query = query.filter(owner_id=flt.owner_id)
    today = date.today()
    if flt.expiring_within_days is not None:
        end = today + timedelta(days=flt.expiring_within_days)
        query = query.filter(expires_on__gte=today, expires_on__lte=end)
    if flt.expired is not None:  # the same as statuses [EXPIRED], or all but EXPIRED
        expired = Q(**{STATUS_TODAY: LicenseStatus.EXPIRED.value})
        query = query.filter(expired if flt.expired else ~expired)
    if flt.has_free_seats is True:
        query = query.filter(Q(seats__isnull=True) | Q(seats__gt=F("seats_used")))
    elif flt.has_free_seats is False:
        query = query.filter(seats__isnull=False, seats__lte=F("seats_used"))
    if flt.cost_min is not None:
        query = query.filter(**{f"{cost}__gte": flt.cost_min})
    if flt.cost_max is not None:
        query = query.filter(**{f"{cost}__lte": flt.cost_max})
    if flt.currency:
        query = query.filter(currency=flt.currency.upper())
    if flt.custom_field is not None:
        key, value = flt.custom_field
        query = query.annotate(custom_value=RawSQL(_custom_field_sql(key))).filter(
            custom_value=value
        )
    if search:
        term = search.strip()
        if plan is not None and plan.rare:
            # A rare term on PostgreSQL: its candidates through the index, then by key.
            query = query.filter(RareCandidatesQ(term))
        return query.filter(_search_q(term))
    return query


def _search_q(term: str) -> Q:
    """The licenses `term` matches: in their name, notes, external id, or the name of their
    product, vendor or a tag. On PostgreSQL the search text (license_search) narrows the
    candidates first, through its trigram index or as a cheap test of each row walked."""
    # Names are matched on their case-folded keys, so "MÜLLER" finds "Müller" on every
    # database (SQLite's own case-insensitive LIKE only folds ASCII letters).
    folded = fold(term)
    postgres = _dialect() == "postgres"
    by_tag: Term = (
        _TaggedThisLicense(folded)
        if postgres
        else Subquery(License.filter(tags__name_key__contains=folded).values("id"))
    )
    exact = (
        Q(name__icontains=term)
        | Q(product__name_key__contains=folded)
        | Q(product__vendor__name_key__contains=folded)
        | Q(notes__icontains=term)
        | Q(external_id__icontains=term)
        | Q(id__in=by_tag)
    )
    if not postgres:
        return exact
    if exact_in_search_text(term):
        return SearchTextQ(term)
    return SearchTextQ(term) & exact


class _TaggedThisLicense(Term):
    """PostgreSQL: `(SELECT license_id FROM license_tag WHERE license_id = "license"."id" AND
    tag_id = ANY(ARRAY(tags matching)))`, for `id__in=` in a common term's walk along the
    page's order. Correlated, so it is probed license by license through license_tag's (license_id,
    tag_id) index: uncorrelated, PostgreSQL would first hash every license carrying a
    matching tag (270,000 for a tag on a quarter of 1,000,000 licenses: about a second)."""

    def __init__(self, folded: str) -> None:
        super().__init__()
        self.tags = Tag.filter(name_key__contains=folded).values("id")

    def get_sql(self, ctx: SqlContext) -> str:
        self.tags._choose_db_if_not_chosen()
        self.tags._make_query()
        tags = self.tags.query.get_parameterized_sql(ctx)[0]  # its values are bound parameters
        if tags.startswith("(") and tags.endswith(")"):
            tags = tags[1:-1]
        # Fixed identifiers around Tortoise's parameterised subquery. ARRAY(…): the matching
        # tags are read once for the statement (an InitPlan), not again for every license.
        probe = 'SELECT "license_tag"."license_id" FROM "license_tag" '
        return f'({probe}WHERE "license_tag"."license_id"="license"."id" AND "license_tag"."tag_id" = ANY(ARRAY({tags})))'  # noqa: E501


async def search_matches(search: str | None) -> SearchPlan | None:
    """On PostgreSQL, how a search term is read (license_search.search_plan): a rare term's
    candidates through the trigram index and by key, a common term by walking the page's
    order. None without a search, and on SQLite and MariaDB (no index to help)."""
    if not search or not search.strip():
        return None
    return await search_plan(search.strip())


def check_filter(flt: LicenseFilter, search: str | None) -> None:
    if flt.custom_field is not None and not CUSTOM_FIELD_KEY_RE.match(flt.custom_field[0]):
        raise invalid("filter.customField.key", "key must be 1-64 letters, digits, '_', '-' or '.'")
    if flt.expiring_within_days is not None and not 0 <= flt.expiring_within_days <= 3660:
        raise invalid("filter.expiringWithinDays", "must be between 0 and 3660")
    if search is not None and len(search) > 200:
        raise invalid("search", "search must be at most 200 characters")


# --- keyset cursors ------------------------------------------------------------------------


def _key_value(column: str, row: dict[str, Any]) -> Any:
    value = row[column]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return json_key(value)


def encode_cursor(order: LicenseOrderField, row: dict[str, Any], column: str | None = None) -> str:
    """The row's place in the order; `column` holds the sort key if not the order's own."""
    key = _key_value(column or order.value, row)
    parts = [order.value, key, row["id"]]
    try:
        raw = orjson.dumps(parts)
    except TypeError:  # past 64 bits
        raw = b""
    if not raw or not raw.isascii():  # json.dumps' bytes, as before (it escapes non-ASCII)
        raw = json.dumps(parts, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(order: LicenseOrderField, cursor: str, field_name: str) -> tuple[Any, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        kind, key, row_id = json.loads(base64.urlsafe_b64decode(padded))
        if kind != order.value or not isinstance(row_id, int):
            raise ValueError
        if key is not None and order in DATE_ORDER:
            key = date.fromisoformat(key)
        elif key is not None and order in (LicenseOrderField.CREATED, LicenseOrderField.UPDATED):
            key = datetime.fromisoformat(key)
    except (ValueError, TypeError):
        raise invalid(field_name, f"{field_name} is not a cursor of this list and order") from None
    return key, row_id


def _q(conditions: dict[str, Any]) -> Q:
    return Q(**conditions)


def _after(
    order: LicenseOrderField, descending: bool, key: Any, row_id: int, column: str | None = None
) -> Q:
    """Rows strictly after (key, id) in the order. NULL keys sort after every value going
    up, and before every value going down."""
    col = column or order.value
    op = "lt" if descending else "gt"
    past_key = _q({f"{col}__{op}": key})
    same_key_past_id = _q({col: key, f"id__{op}": row_id})
    if order not in NULLABLE_ORDER:
        return past_key | same_key_past_id
    null_past_id = _q({f"{col}__isnull": True, f"id__{op}": row_id})
    if descending:
        if key is None:
            return null_past_id | _q({f"{col}__isnull": False})
        return past_key | same_key_past_id
    if key is None:
        return null_past_id
    return past_key | same_key_past_id | _q({f"{col}__isnull": True})


def _ordered(
    query: QuerySet[License],
    order: LicenseOrderField,
    descending: bool,
    column: str | None = None,
    known: Q | None = None,
) -> QuerySet[License]:
    """Sorted by the order's key (or `column`), then id; `known` selects the rows whose
    `column` is not null (when it is an annotation)."""
    sign = "-" if descending else ""
    column = column or order.value
    keys = [f"{sign}{column}", f"{sign}id"]
    # PostgreSQL already sorts NULLs last going up and first going down, as we want, and
    # then an index on the column serves the ORDER BY; SQLite and MariaDB need the flag.
    if order in NULLABLE_ORDER and _dialect() != "postgres":
        # Literal SQL, not Case/When: PostgreSQL cannot type Tortoise's bound THEN values.
        # The column names are fixed identifiers of the license table (NULLABLE_ORDER).
        is_null: Any = RawSQL(f"CASE WHEN {order.value} IS NULL THEN 1 ELSE 0 END")
        if known is not None:
            # RawSQL works here at run time; Tortoise's annotations of When/Case are narrower.
            zero: Any = RawSQL("0")
            one: Any = RawSQL("1")
            is_null = Case(When(known, then=zero), default=one)
        query = query.annotate(key_is_null=is_null)
        keys.insert(0, f"{sign}key_is_null")
    return query.order_by(*keys)


def _cost_key(
    query: QuerySet[License], readable: Q | None, rates: CurrencyRates
) -> tuple[QuerySet[License], Q]:
    """COST_KEY: the cost converted to the default currency (a double), null where there is
    none, its currency has no rate, or P may not read it; and the rows where it is known."""
    seen = readable if readable is not None else Q()
    cases = rates.sql_cases(_dialect())
    whens: list[Any] = [
        When(seen & Q(currency=code), then=RawSQL(sql))  # type: ignore[arg-type]
        for code, sql in cases
    ]
    known = seen & Q(cost_micros__isnull=False, currency__in=[code for code, _ in cases])
    return query.annotate(**{COST_KEY: Case(*whens, default=None)}), known


async def cost_readable(principal: Principal) -> Q | None:
    """None if P may read the cost of every license it sees (the role's right); else the
    licenses whose cost P may read (through CHANGE grants), for COST_SEEN."""
    if role_allows(principal, Action.LICENSE_VIEW_COST):
        return None
    return await action_scope(principal, Action.LICENSE_VIEW_COST)


# --- the page -----------------------------------------------------------------------------


@dataclass
class _Parts:
    """What the page's SQL is made of besides the filter: the licenses P sees, those whose
    cost P may read (when a cost decides anything), how a search is read."""

    scope: Q
    readable: Q | None
    matches: SearchPlan | None
    scope_key: tuple[Any, ...] | None = None  # license_scope_keyed's; None with `within`


async def _parts(
    principal: Principal,
    flt: LicenseFilter,
    search: str | None,
    by_cost: bool = False,
    within: Q | None = None,
) -> _Parts:
    readable = None
    if by_cost or flt.cost_min is not None or flt.cost_max is not None:
        readable = await cost_readable(principal)
    matches = await search_matches(search)
    scope, scope_key = await license_scope_keyed(principal)
    if within is not None:
        return _Parts(scope & within, readable, matches)
    return _Parts(scope, readable, matches, scope_key)


async def _base(
    principal: Principal,
    flt: LicenseFilter,
    search: str | None,
    by_cost: bool = False,
    within: Q | None = None,
) -> tuple[QuerySet[License], Q | None]:
    """The licenses P sees that match (and, with `within`, also pass that filter), and the
    licenses whose cost P may read when a cost decides anything (else None)."""
    parts = await _parts(principal, flt, search, by_cost, within)
    return _filtered(parts.scope, flt, search, parts.readable, parts.matches), parts.readable


async def license_match_count(
    principal: Principal,
    flt: LicenseFilter | None = None,
    search: str | None = None,
    *,
    within: Q | None = None,
) -> int:
    """How many licenses the list shows for this filter and search (its totalCount); with
    `within`, how many of those also pass that filter."""
    require_scope(principal, Action.LICENSE_VIEW, "see licenses")
    flt = flt or LicenseFilter()
    check_filter(flt, search)
    base, _ = await _base(principal, flt, search, within=within)
    return await base.count()


async def license_match_ids(
    principal: Principal, flt: LicenseFilter, search: str | None, limit: int
) -> list[int]:
    """The ids of the licenses the list shows for this filter and search (at most `limit`,
    by id): what "select all N matching" selects."""
    require_scope(principal, Action.LICENSE_VIEW, "see licenses")
    check_filter(flt, search)
    base, _ = await _base(principal, flt, search)
    ids = await base.order_by("id").limit(limit).values_list("id", flat=True)
    return [int(i) for i in ids]  # type: ignore[call-overload]


async def license_page(
    principal: Principal,
    *,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
    flt: LicenseFilter | None = None,
    search: str | None = None,
    order: LicenseOrderField = LicenseOrderField.EXPIRY,
    descending: bool = False,
    want: Want | None = None,
    max_page: int = MAX_PAGE,
    rates: CurrencyRates | None = None,
) -> LicensePage:
    """A page of the licenses P sees. `max_page` is for callers inside Licman (an export
    reads bigger pages); GraphQL keeps MAX_PAGE. Sorting by cost sorts by the cost in the
    default currency (`rates`; default: the settings'); costs that cannot be converted
    (no rate) sort with the licenses without a cost."""
    require_scope(principal, Action.LICENSE_VIEW, "see licenses")
    flt = flt or LicenseFilter()
    want = want or Want()
    check_filter(flt, search)
    if (first is None) == (last is None):
        raise invalid("first", "give either first (with after) or last (with before)")
    size = first if first is not None else last
    assert size is not None
    name = "first" if first is not None else "last"
    if not 1 <= size <= max_page:
        raise invalid(name, f"{name} must be between 1 and {max_page}")
    backwards = last is not None
    by_cost = order is LicenseOrderField.COST
    parts = await _parts(principal, flt, search, by_cost)
    readable = parts.readable
    column = order.value
    cost_rates = None
    if by_cost:
        cost_rates = rates or CurrencyRates.of()
        column = COST_KEY
    cursor = before if backwards else after
    cursor_key = None
    if cursor:
        cursor_key = decode_cursor(order, cursor, "before" if backwards else "after")
    selected, missing = want.fields(column)  # the cursor reads the order's column
    shape = _page_key(parts, flt, search, order, descending, backwards, cursor_key, size)
    # Sorting by cost writes the configured rates into the SQL (money.py): they key it too.
    rates_key = None
    if cost_rates is not None:
        rates_key = (cost_rates.default, tuple(sorted(cost_rates.rates.items())))
    statement_key = None if shape is None else (shape, selected, rates_key)
    statement = STATEMENTS.get(statement_key)
    if statement is None:
        query = _filtered(parts.scope, flt, search, readable, parts.matches)
        known: Q | None = None
        if cost_rates is not None:
            query, known = _cost_key(query, readable, cost_rates)
        if cursor_key is not None:
            key, row_id = cursor_key
            query = query.filter(_after(order, descending != backwards, key, row_id, column))
        query = _ordered(query, order, descending != backwards, column, known).limit(size + 1)
        if parts.matches is not None and parts.matches.rare:
            query = _rows_in_order(
                query, size + 1, readable, cost_rates, order, descending != backwards
            )
        elif _walks_narrow_index(parts.matches, flt, search, order):
            query = _walked(query, size + 1, order, descending != backwards)
        statement = compile_values(query.values(*selected, STATUS_TODAY))
        assert statement is not None  # no slots: it always compiles
        STATEMENTS.put(statement_key, statement)
    values = _status_of_today(await statement.fetch(), missing)
    more = len(values) > size
    values = values[:size]
    if backwards:
        values.reverse()
    cursor_of = (order, column)
    rows = [LicenseRow(v, cursor_of=cursor_of) for v in values]
    await attach_related(rows, want)
    total = None
    if want.total_count:
        base = _filtered(parts.scope, flt, search, readable, parts.matches)
        # Only a caller who sees every license may get the planner's estimate (license_count).
        sees_all = role_allows(principal, Action.LICENSE_VIEW)
        common = parts.matches is not None and not parts.matches.rare  # a common search term
        total = await total_count(base, estimate=sees_all, likely_large=common)
    return LicensePage(
        rows=rows,
        has_next_page=more if not backwards else before is not None,
        has_previous_page=more if backwards else after is not None,
        total_count=total.count if total else None,
        total_is_estimate=total.estimate if total else False,
    )


def _walks_narrow_index(
    matches: SearchPlan | None, flt: LicenseFilter, search: str | None, order: LicenseOrderField
) -> bool:
    """Whether a common term's page walks migration 0015's indexes: on PostgreSQL, live
    licenses in the expiry order, a term the search text alone decides (no other column)."""
    return (
        matches is not None
        and not matches.rare
        and not flt.archived
        and order is LicenseOrderField.EXPIRY
        and search is not None
        and exact_in_search_text(search.strip())
    )


def _walked(
    page: QuerySet[License], limit: int, order: LicenseOrderField, descending: bool
) -> QuerySet[License]:
    """A common term's page (PostgreSQL, _walks_narrow_index): its ids found by walking
    `license_search_walk` (the search text beside the expiry key: an index-only scan, no row
    of the license table read while testing) and `license_search_walk_long` (the licenses with
    longer texts), each ordered and limited, merged and joined to their product, vendor and
    owner in the outer statement, sorted again (one statement)."""
    short = page.filter(TextLengthQ(short=True)).values("id")
    long = page.filter(TextLengthQ(short=False)).values("id")
    rows = with_status_today(License.filter(EitherPageQ(short, long)))
    return _ordered(rows, order, descending).limit(limit)


def _rows_in_order(
    page: QuerySet[License],
    limit: int,
    readable: Q | None,
    rates: CurrencyRates | None,
    order: LicenseOrderField,
    descending: bool,
) -> QuerySet[License]:
    """The rows of `page` (filtered, ordered, limited), with their product, vendor and owner
    joined to those rows only: `id IN (the page's ids)`, in the same order. For a rare
    search term (PostgreSQL): its candidates come through the index, and PostgreSQL would
    otherwise join every candidate before the sort keeps a page of them; here the sort sees
    the license table alone, and the joins get the page's rows."""
    ids = Subquery(page.values("id"))
    rows = with_status_today(License.filter(id__in=ids))
    known: Q | None = None
    column = None
    if rates is not None:
        rows, known = _cost_key(rows, readable, rates)
        column = COST_KEY
    return _ordered(rows, order, descending, column, known).limit(limit)


async def license_rows(principal: Principal, ids: list[int], want: Want) -> dict[int, LicenseRow]:
    """Finished rows for these ids (those P may see), for `license(id)`, `node` and payloads.
    A token without licenses:read gets none (`node` answers null; the `license` root field
    itself refuses, naming the scope)."""
    require_signed_in(principal)
    scope = await license_scope(principal)
    ids = list(dict.fromkeys(ids))  # each id once: one slot each
    selected, missing = want.fields()
    shape = _rows_key(scope, len(ids))
    statement_key = None if shape is None else (shape, selected)
    statement = STATEMENTS.get(statement_key)
    if statement is None and statement_key is not None:
        query = with_status_today(License.filter(scope, id__in=sentinels(len(ids))))
        statement = compile_values(query.values(*selected, STATUS_TODAY), len(ids))
        STATEMENTS.put(statement_key, statement)
    if statement is None:  # not cacheable: built for these ids
        query = with_status_today(License.filter(scope, id__in=ids))
        statement = compile_values(query.values(*selected, STATUS_TODAY))
        assert statement is not None
        values = _status_of_today(await statement.fetch(), missing)
    else:
        values = _status_of_today(await statement.fetch(ids), missing)
    rows = [LicenseRow(v) for v in values]
    await attach_related(rows, want)
    return {row.values["id"]: row for row in rows}


# --- statements cached by shape (statements.py) -------------------------------------------


def _page_key(
    parts: _Parts,
    flt: LicenseFilter,
    search: str | None,
    order: LicenseOrderField,
    descending: bool,
    backwards: bool,
    cursor: tuple[Any, int] | None,
    size: int,
) -> Hashable | None:
    """Everything the page's SQL depends on, or None when something in it has no key (a
    subquery in the scope): then it is built for this call."""
    # A member's scope holds subqueries (no q_key) whose SQL depends only on the member's id:
    # license_scope_keyed's key, which holds that id, keys it instead.
    scope = q_key(parts.scope)
    if scope is None and parts.scope_key is not None:
        scope = ("scope", parts.scope_key)
    readable = q_key(parts.readable)
    if scope is None or readable is None:
        return None
    try:
        filter_key = tuple(
            (name, tuple(value) if isinstance(value, list) else value)
            for name, value in vars(flt).items()
        )
        hash(filter_key)
        hash(cursor)
    except TypeError:
        return None
    # The SQL holds today's date (the status of today, expiring within N days).
    today = date.today()
    rare = parts.matches is not None and parts.matches.rare  # a search read through the index
    return ("page", dialect(), today, scope, readable, filter_key, search, rare, order,
            descending, backwards, cursor, size)  # fmt: skip


def _rows_key(scope: Q, count: int) -> Hashable | None:
    key = q_key(scope)
    return None if key is None else ("rows", dialect(), date.today(), key, count)


def _status_of_today(
    values: list[dict[str, Any]], missing: dict[str, None] | None = None
) -> list[dict[str, Any]]:
    """Rows whose `status` is the status of today (see license_status), not the stored one,
    with the columns left out (`missing`) as None."""
    for row in values:
        if missing:
            row.update(missing)
        row["status"] = row.pop(STATUS_TODAY)
    return values


def _tags_query(ids: list[int]) -> Any:
    return (
        Tag.filter(licenses__id__in=ids)
        .order_by("name_key")
        .values("id", "name", "color", "archived_at", license_id="licenses__id")
    )


def _seats_query(ids: list[int]) -> Any:
    active = SeatAssignment.filter(license_id__in=ids, active_holder__isnull=False)
    return active.order_by("assigned_at", "id").values(
        "id", "license_id", "user_id", "assigned_at", "ends_on",
        "user__email", "user__name", "user__role", "user__is_active",
    )  # fmt: skip


def _renewals_query(ids: list[int]) -> Any:
    return RenewalTerm.filter(license_id__in=ids).order_by("starts_on", "id").values(
        "id", "license_id", "starts_on", "ends_on", "cost_micros", "currency", "note",
        "created_at",
    )  # fmt: skip


async def _related(name: str, build: Any, ids: list[int]) -> list[dict[str, Any]]:
    """The relation's rows for these ids: its statement built once per number of ids."""
    key = (name, dialect(), len(ids))
    statement = STATEMENTS.get(key)
    if statement is None:
        statement = compile_values(build(sentinels(len(ids))), len(ids))
        STATEMENTS.put(key, statement)
    if statement is None:  # a sentinel did not land in one parameter: as Tortoise runs it
        rows: list[dict[str, Any]] = await build(ids)
        return rows
    return await statement.fetch(ids)


async def attach_related(rows: list[LicenseRow], want: Want) -> None:
    """One statement per wanted relation for all rows together."""
    by_id = {row.values["id"]: row for row in rows}
    ids = list(by_id)
    if not ids:
        return
    if want.tags:
        for tag in await _related("tags", _tags_query, ids):
            by_id[tag.pop("license_id")].tags.append(tag)
    if want.assignments:
        for seat in await _related("seats", _seats_query, ids):
            by_id[seat["license_id"]].assignments.append(seat)
    if want.past_assignments:
        # Ended seats are kept (revoked_at set, active_holder NULL): the seat history.
        ended = SeatAssignment.filter(license_id__in=ids, revoked_at__isnull=False)
        past = await ended.order_by("-revoked_at", "-id").values(
            "id", "license_id", "user_id", "assigned_at", "ends_on", "revoked_at",
            "revoke_reason", "user__email", "user__name", "user__role", "user__is_active",
        )  # fmt: skip
        for seat in past:
            by_id[seat["license_id"]].past_assignments.append(seat)
    if want.renewals:
        for term in await _related("renewals", _renewals_query, ids):
            by_id[term["license_id"]].renewals.append(term)


async def duplicate_groups(principal: Principal, limit: int = 100) -> list[list[int]]:
    """Groups of licenses whose secrets are equal (by keyed fingerprint), among those whose
    secret P may reveal: the grouping would otherwise confirm guesses of a hidden secret
    (set a known secret on a license you may change, see which licenses join it)."""
    require_scope(principal, Action.LICENSE_VIEW, "see licenses")
    visible = License.filter(
        await license_scope(principal),
        await action_scope(principal, Action.LICENSE_REVEAL),
        secret_fingerprint__isnull=False,
    )
    repeated = (
        await visible.annotate(copies=Count("id"))
        .group_by("secret_fingerprint")
        .filter(copies__gt=1)
        .limit(limit)
        .values_list("secret_fingerprint", flat=True)
    )
    if not repeated:
        return []
    rows = (
        await visible.filter(secret_fingerprint__in=list(repeated))
        .order_by("secret_fingerprint", "id")
        .values_list("secret_fingerprint", "id")
    )
    groups: dict[str, list[int]] = {}
    for fingerprint, license_id in rows:
        groups.setdefault(fingerprint, []).append(license_id)
    return list(groups.values())
