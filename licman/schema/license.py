"""Licenses over GraphQL: the License type (built from finished rows), the paginated
`licenses` connection, `license`, and `duplicates`."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

import licman.schema.enums  # noqa: F401  (registers the model enums with Strawberry)
from licman import models
from licman.resolvers import license as license_ops
from licman.resolvers import license_query as query
from licman.resolvers.common import require_scope
from licman.resolvers.errors import forbidden
from licman.resolvers.money import CurrencyRates
from licman.resolvers.validation import Checker, micros_to_decimal
from licman.schema import fast_path
from licman.schema.abilities import LicenseViewerCan
from licman.schema.context import Info
from licman.schema.dashboard import Money
from licman.schema.ids import decode_id, decode_ids, nodes_by_id
from licman.schema.product import Product
from licman.schema.selection import selected, selected_paths, wants_any
from licman.schema.tag import Tag
from licman.schema.user import User
from licman.schema.vendor import Vendor
from licman.security.permissions import Action, may, prefetch_grants, scope_needed
from licman.security.principal import Principal

if TYPE_CHECKING:
    from licman.schema.audit import AuditEventConnection

HistoryFirst = Annotated[
    int | None, strawberry.argument(description="Page size: 1 to 100, default 50.")
]
HistoryAfter = Annotated[
    str | None, strawberry.argument(description="endCursor of the previous page (older events).")
]


@strawberry.type(description="A user's seat on a license: held now, or ended.")
class SeatAssignment:
    id: strawberry.ID
    user: User = strawberry.field(
        description="Who holds (or held) the seat; their e-mail as User.email allows."
    )
    assigned_at: datetime = strawberry.field(description="When the seat was assigned.")
    ends_on: date | None = strawberry.field(description="When the seat should be taken back.")
    ended_at: datetime | None = strawberry.field(
        default=None,
        description="When the seat ended (unassigned, or released by a revoke); null while "
        "it is held.",
    )
    end_note: str | None = strawberry.field(
        default=None,
        description="Why the seat ended: the unassign note or the revoke reason (may be "
        "empty); null while it is held.",
    )

    @classmethod
    def from_values(cls, a: dict[str, Any]) -> SeatAssignment:
        ended = a.get("revoked_at")
        return cls(
            id=strawberry.ID(str(a["id"])),
            user=_user(a, "user__", a["user_id"]),  # type: ignore[arg-type]
            assigned_at=a["assigned_at"],
            ends_on=a["ends_on"],
            ended_at=ended,
            end_note=a["revoke_reason"] if ended is not None else None,
        )


@strawberry.type(description="One period of a license and what it cost.")
class RenewalTerm:
    id: strawberry.ID
    starts_on: date
    ends_on: date
    currency: str | None
    note: str
    created_at: datetime
    cost_micros: strawberry.Private[int | None]
    license_key: strawberry.Private[tuple[int, int, int | None]]  # license, vendor, owner ids

    @strawberry.field(description="Cost of the term. Same permission as License.cost.")
    async def cost(self, info: Info) -> Decimal | None:
        license_id, vendor_id, owner_id = self.license_key
        allowed = await may(
            info.context.principal,
            Action.LICENSE_VIEW_COST,
            license_id=license_id,
            vendor_id=vendor_id,
            owner_id=owner_id,
        )
        if not allowed:
            principal = info.context.principal
            raise forbidden("see costs", scope_needed(principal, Action.LICENSE_VIEW_COST))
        return micros_to_decimal(self.cost_micros)


def _user(values: dict[str, Any], prefix: str, user_id: int | None) -> User | None:
    if user_id is None:
        return None
    return User(
        id=user_id,
        email_value=values[f"{prefix}email"],
        name=values[f"{prefix}name"],
        role=models.Role(values[f"{prefix}role"]),
        is_active=values[f"{prefix}is_active"],
    )


@strawberry.type(description="A software license, subscription, API key or credential.")
class License(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Optional display name.")
    kind: models.LicenseKind
    status: models.LicenseStatus = strawberry.field(
        description="The status today: an ACTIVE or TRIAL license past its expiresOn is "
        "EXPIRED (until renewed); any other status is as it was set."
    )
    seats: int | None = strawberry.field(
        description="Seats bought (0 to 1,000,000); null means unlimited."
    )
    seats_used: int = strawberry.field(description="Seats currently assigned.")
    currency: str | None = strawberry.field(description="ISO 4217 code of cost.")
    billing_period: models.BillingPeriod | None
    purchased_on: date | None
    starts_on: date | None
    expires_on: date | None
    cancel_by: date | None = strawberry.field(description="Last day to cancel before renewal.")
    auto_renew: bool
    remind_seat_holders: bool = strawberry.field(
        description="Seat holders get expiry e-mails too (owners and managers always do)."
    )
    notes: str
    metadata: JSON = strawberry.field(description="Custom fields: a JSON object.")
    external_id: str | None = strawberry.field(description="Id in another system; unique.")
    archived_at: datetime | None
    version: int = strawberry.field(description="Send it back with licenseUpdate.")
    created_at: datetime
    updated_at: datetime
    has_secret: bool = strawberry.field(description="Whether a secret is stored.")
    product: Product
    vendor: Vendor
    owner: User | None
    tags: list[Tag]
    assignments: list[SeatAssignment] = strawberry.field(description="Active seats, oldest first.")
    past_assignments: list[SeatAssignment] = strawberry.field(
        description="Ended seats (unassigned, or released when the license was revoked), "
        "most recently ended first."
    )
    renewals: list[RenewalTerm] = strawberry.field(description="Term history, oldest first.")
    cost_micros: strawberry.Private[int | None]
    owner_id: strawberry.Private[int | None]
    vendor_id: strawberry.Private[int]

    @strawberry.field(description="Seats left; null when unlimited.")
    def seats_free(self) -> int | None:
        return None if self.seats is None else self.seats - self.seats_used

    @strawberry.field(
        description="Cost per billing period. Needs admin, manager or auditor, or a change "
        "grant on the license."
    )
    async def cost(self, info: Info) -> Decimal | None:
        if not await self._may(info, Action.LICENSE_VIEW_COST):
            principal = info.context.principal
            raise forbidden("see costs", scope_needed(principal, Action.LICENSE_VIEW_COST))
        return micros_to_decimal(self.cost_micros)

    @strawberry.field(
        description="The cost in the default currency (the default_currency setting, "
        "Dashboard.currency), converted through currency_rates; the same amount when cost "
        "is in that currency. Null without a cost, or when its currency has no rate: then "
        "only cost and currency say it, never to be added to or compared with amounts in "
        "other currencies. Needs what cost needs."
    )
    async def cost_converted(self, info: Info) -> Money | None:
        if not await self._may(info, Action.LICENSE_VIEW_COST):
            principal = info.context.principal
            raise forbidden("see costs", scope_needed(principal, Action.LICENSE_VIEW_COST))
        rates = CurrencyRates.of(info.context.settings)
        micros = rates.convert(self.cost_micros, self.currency)
        amount = micros_to_decimal(micros)
        return None if amount is None else Money(currency=rates.default, amount=amount)

    async def _may(self, info: Info, action: Action) -> bool:
        return await may(
            info.context.principal,
            action,
            license_id=self.id,
            vendor_id=self.vendor_id,
            owner_id=self.owner_id,
        )

    @strawberry.field(
        description="The secret in plain text. Needs the reveal permission (admins; members "
        "for licenses they own). Every read is recorded in the audit log."
    )
    async def secret(self, info: Info) -> str | None:
        return await license_ops.license_reveal_secret(info.context.principal, self.id)

    @strawberry.field(description="Whether you may reveal the secret (no audit event).")
    async def can_reveal_secret(self, info: Info) -> bool:
        return await self._may(info, Action.LICENSE_REVEAL)

    @strawberry.field(description="What you may do with this license.")
    async def viewer_can(self, info: Info) -> LicenseViewerCan:
        return await LicenseViewerCan.of(info, self.id, self.vendor_id, self.owner_id)

    @strawberry.field(
        description="What happened to this license (its audit events: changes, seats, "
        "renewals, reveals), newest first, for everyone who may see it. Costs in them as "
        "License.cost allows, e-mail addresses as User.email does, who keys were issued to "
        "to those who may issue them, secrets never (only that one changed). Histories of "
        "a page of licenses load together."
    )
    async def history(
        self, info: Info, first: HistoryFirst = None, after: HistoryAfter = None
    ) -> Annotated[AuditEventConnection, strawberry.lazy("licman.schema.audit")] | None:
        from licman.schema.audit import object_history

        costs = await self._may(info, Action.LICENSE_VIEW_COST)
        # Issuing a key or license file needs license.assign (may_issue_license_keys).
        issue = await self._may(info, Action.LICENSE_ASSIGN)
        return await object_history(
            info, "license", self.id, first, after, may_see_costs=costs, may_issue_keys=issue
        )

    @classmethod
    def from_row(cls, row: query.LicenseRow) -> License:
        return cls(**{name: value(row.values, row) for name, value in ROW_FIELDS.items()})

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[License | None]:
        want = want_from(selected_paths(info), nodes=("",))

        async def rows(principal: Principal, ids: list[int]) -> dict[int, query.LicenseRow]:
            return await query.license_rows(principal, ids, want)

        return await nodes_by_id(info, node_ids, rows, cls.from_row)


def want_from(
    paths: set[str] | frozenset[str],
    total_path: str | None = None,
    nodes: tuple[str, ...] | None = None,
) -> query.Want:
    """What to read for this selection; with `nodes` (the prefixes under which the paths
    select License fields), only the columns those fields read. For a remembered selection
    (`selected`: a frozenset), the one Want made for it (nothing changes a Want)."""
    if isinstance(paths, frozenset):
        return _want_for(paths, total_path, nodes)
    return _want(paths, total_path, nodes)


@functools.lru_cache(maxsize=512)
def _want_for(
    paths: frozenset[str], total_path: str | None, nodes: tuple[str, ...] | None
) -> query.Want:
    return _want(set(paths), total_path, nodes)


def _want(paths: set[str], total_path: str | None, nodes: tuple[str, ...] | None) -> query.Want:
    return query.Want(
        tags=wants_any(paths, "tags"),
        assignments=wants_any(paths, "assignments"),
        past_assignments=wants_any(paths, "pastAssignments"),
        renewals=wants_any(paths, "renewals"),
        total_count=bool(total_path and {total_path, f"{total_path}IsEstimate"} & paths),
        columns=None if nodes is None else license_columns(paths, nodes),
    )


# The row columns each License field reads (beyond query.ALWAYS_FIELDS); for the objects
# inside, by their own fields. A field not named here (a new one) reads every column.
_NOTHING: tuple[str, ...] = ()
LICENSE_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": _NOTHING, "__typename": _NOTHING, "kind": _NOTHING, "status": _NOTHING,
    "name": ("name",), "seats": ("seats",), "seatsUsed": ("seats_used",),
    "seatsFree": ("seats", "seats_used"), "currency": ("currency",),
    "billingPeriod": ("billing_period",), "purchasedOn": ("purchased_on",),
    "startsOn": ("starts_on",), "expiresOn": ("expires_on",), "cancelBy": ("cancel_by",),
    "autoRenew": ("auto_renew",), "remindSeatHolders": ("remind_seat_holders",),
    "notes": ("notes",), "metadata": ("metadata",), "externalId": ("external_id",),
    "archivedAt": ("archived_at",), "version": ("version",), "createdAt": ("created_at",),
    "updatedAt": ("updated_at",), "hasSecret": ("secret_fingerprint",),
    "cost": ("cost_micros",), "costConverted": ("cost_micros", "currency"),
    "secret": _NOTHING, "canRevealSecret": _NOTHING,
    "viewerCan": _NOTHING, "tags": _NOTHING, "assignments": _NOTHING, "renewals": _NOTHING,
}  # fmt: skip
_OBJECT_COLUMNS: dict[str, tuple[str, dict[str, tuple[str, ...]]]] = {
    "product": ("product__", {
        "id": _NOTHING, "__typename": _NOTHING, "licenseCount": _NOTHING,
        "name": ("name",), "notes": ("notes",), "vendorId": ("vendor_id",),
        "archivedAt": ("archived_at",), "version": ("version",),
        "createdAt": ("created_at",), "updatedAt": ("updated_at",),
    }),
    "vendor": ("product__vendor__", {
        "id": _NOTHING, "__typename": _NOTHING, "licenseCount": _NOTHING,
        "products": _NOTHING, "viewerCan": _NOTHING,
        "name": ("name",), "website": ("website",), "notes": ("notes",),
        "archivedAt": ("archived_at",), "version": ("version",),
        "createdAt": ("created_at",), "updatedAt": ("updated_at",),
    }),
    "owner": ("owner__", {
        "id": _NOTHING, "__typename": _NOTHING, "role": _NOTHING, "reminders": _NOTHING,
        "viewerCan": _NOTHING,
        "name": ("name",), "email": ("email",), "isActive": ("is_active",),
    }),
}  # fmt: skip


def license_columns(paths: set[str], nodes: tuple[str, ...]) -> frozenset[str] | None:
    """The ROW_FIELDS the License fields selected under these prefixes read; None (all of
    them) when one is not known here."""
    columns: set[str] = set()
    for path in paths:
        for prefix in nodes:
            if not path.startswith(prefix):
                continue
            field, _, rest = path[len(prefix) :].partition(".")
            if not field:
                continue
            inner = _OBJECT_COLUMNS.get(field)
            if inner is not None:
                column_prefix, known = inner
                sub = rest.partition(".")[0]
                if not sub:
                    continue
                if sub not in known:
                    return None
                columns.update(f"{column_prefix}{c}" for c in known[sub])
                continue
            found = LICENSE_COLUMNS.get(field)
            if found is None:
                return None
            columns.update(found)
    return frozenset(columns)


# Fields that ask the permission engine once per license: their answers need the caller's
# grants, loaded once before the rows' fields run side by side.
PER_LICENSE_DECISIONS = ("viewerCan", "canRevealSecret", "cost", "secret", "history")


@functools.lru_cache(maxsize=512)
def _decides_per_license(paths: frozenset[str]) -> bool:
    return wants_any(set(paths), *PER_LICENSE_DECISIONS)


async def _prefetch(info: Info, paths: set[str] | frozenset[str]) -> None:
    decides = (
        _decides_per_license(paths)
        if isinstance(paths, frozenset)
        else wants_any(paths, *PER_LICENSE_DECISIONS)
    )
    if decides:
        await prefetch_grants(info.context.principal)


async def load_licenses(
    info: Info,
    ids: list[int],
    paths: set[str] | frozenset[str],
    nodes: tuple[str, ...] | None = None,
) -> dict[int, License]:
    """Licenses by id as the caller may see them, with what the selection needs (only the
    columns it reads when `nodes` says where in `paths` the License fields are)."""
    rows = await query.license_rows(info.context.principal, ids, want_from(paths, nodes=nodes))
    await _prefetch(info, paths)
    return {pk: license_of(info, row) for pk, row in rows.items()}


def _renewals(v: dict[str, Any], row: query.LicenseRow) -> list[RenewalTerm]:
    return [
        RenewalTerm(
            id=strawberry.ID(str(t["id"])),
            starts_on=t["starts_on"],
            ends_on=t["ends_on"],
            currency=t["currency"],
            note=t["note"],
            created_at=t["created_at"],
            cost_micros=t["cost_micros"],
            license_key=(v["id"], v["product__vendor_id"], v["owner_id"]),
        )
        for t in row.renewals
    ]


def _column(name: str) -> Callable[[dict[str, Any], query.LicenseRow], Any]:
    def make(v: dict[str, Any], _row: query.LicenseRow) -> Any:
        return v[name]

    make.column = name  # type: ignore[attr-defined]  # the plan reads it itself
    return make


# Each License attribute from its row (the values, and the row for its relations): the one
# definition both License.from_row and LicenseRowView read.
ROW_FIELDS: dict[str, Callable[[dict[str, Any], query.LicenseRow], Any]] = {
    **{
        name: _column(name)
        for name in (
            "id", "name", "seats", "seats_used", "currency", "purchased_on", "starts_on",
            "expires_on", "cancel_by", "notes", "metadata", "external_id", "archived_at",
            "version", "created_at", "updated_at", "cost_micros", "owner_id",
        )
    },
    "kind": lambda v, _r: models.LicenseKind(v["kind"]),
    "status": lambda v, _r: models.LicenseStatus(v["status"]),
    "billing_period": lambda v, _r: (
        models.BillingPeriod(v["billing_period"]) if v["billing_period"] else None
    ),
    "auto_renew": lambda v, _r: bool(v["auto_renew"]),
    "remind_seat_holders": lambda v, _r: bool(v["remind_seat_holders"]),
    "has_secret": lambda v, _r: v["secret_fingerprint"] is not None,
    "product": lambda v, _r: Product.from_values(v, "product__"),
    "vendor": lambda v, _r: Vendor.from_values(v, "product__vendor__"),
    "owner": lambda v, _r: _user(v, "owner__", v["owner_id"]),
    "tags": lambda _v, r: [Tag.from_values(t) for t in r.tags],
    "assignments": lambda _v, r: [SeatAssignment.from_values(a) for a in r.assignments],
    "past_assignments": lambda _v, r: [
        SeatAssignment.from_values(a) for a in r.past_assignments
    ],
    "renewals": _renewals,
    "vendor_id": lambda v, _r: v["product__vendor_id"],
}  # fmt: skip


def _tag_dicts(row: query.LicenseRow) -> list[dict[str, Any]]:
    return row.tags


class LicenseRowView(License):
    """A License for the compiled fast path: each attribute made from the row when the plan
    first reads it (ROW_FIELDS, as from_row makes it), so the ~35 a page of 50 does not
    select are never made. Only fast_path.run has these built (Context.plan_rows), and only
    the plan reads them; the normal executor always gets License.from_row."""

    def __init__(self, row: query.LicenseRow) -> None:
        self.__dict__["_row"] = row

    def __getattr__(self, name: str) -> Any:
        make = ROW_FIELDS.get(name)
        if make is None:
            raise AttributeError(name)
        row: query.LicenseRow = self.__dict__["_row"]
        value = make(row.values, row)
        self.__dict__[name] = value
        return value


# The objects ROW_FIELDS' makers build from the values alone (Product.from_values,
# Vendor.from_values, Tag.from_values): the attributes they copy as they are.
_NESTED = {
    "product": fast_path.Nested(
        "product__",
        frozenset({"id", "name", "notes", "archived_at", "version", "created_at", "updated_at"}),
    ),
    "vendor": fast_path.Nested(
        "product__vendor__",
        frozenset(
            {"id", "name", "website", "notes", "archived_at", "version", "created_at", "updated_at"}
        ),
    ),
    "tags": fast_path.Nested("", frozenset({"id", "name", "color", "archived_at"}), _tag_dicts),
}
fast_path.row_view("License", LicenseRowView, ROW_FIELDS, _NESTED)


def license_of(info: Info, row: query.LicenseRow) -> License:
    return LicenseRowView(row) if info.context.plan_rows else License.from_row(row)


# --- the connection -------------------------------------------------------------------------


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class LicenseEdge:
    cursor: str
    node: License


class LicenseRowEdge(LicenseEdge):
    """A LicenseEdge whose cursor is made from its row when read (most pages' selections
    read no edge's cursor; encoding 50 of them was a tenth of a page's CPU)."""

    def __init__(self, row: query.LicenseRow, node: License) -> None:
        self.__dict__["_row"] = row
        self.node = node

    @property
    def cursor(self) -> str:  # type: ignore[override]
        row: query.LicenseRow = self.__dict__["_row"]
        return row.cursor


@strawberry.type(description="A page of licenses.")
class LicenseConnection:
    edges: list[LicenseEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(
        description="All licenses that match, on every page. Exact up to 10,000; past that, "
        "on PostgreSQL, the database's estimate (never 10,000 or fewer): "
        "totalCountIsEstimate says which."
    )
    total_count_is_estimate: bool = strawberry.field(
        description="True when totalCount is an estimate (more than 10,000 licenses match, "
        "on PostgreSQL); false when it is exact."
    )

    @strawberry.field(description="The licenses of this page (the same as edges' nodes).")
    def nodes(self) -> list[License]:
        return [edge.node for edge in self.edges]


@strawberry.enum(description="What to sort licenses by; ties are broken by id.")
class LicenseOrderField(Enum):
    EXPIRY = "EXPIRY"
    PRODUCT = "PRODUCT"
    VENDOR = "VENDOR"
    COST = strawberry.enum_value(
        "COST",
        description="The cost converted to the default currency (the default_currency setting, "
        "Dashboard.currency): costs in "
        "a currency without a configured rate are never compared with others; they sort "
        "with the licenses without a cost (after the others going up, before them going "
        "down), as do costs you may not read.",
    )
    CREATED = "CREATED"
    UPDATED = "UPDATED"


@strawberry.enum(description="Sort direction.")
class OrderDirection(Enum):
    ASC = "ASC"
    DESC = "DESC"


@strawberry.input
class LicenseOrder:
    field: LicenseOrderField = LicenseOrderField.EXPIRY
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input(description="Custom field (metadata) equality: the value compares as text.")
class CustomFieldFilter:
    key: str
    value: str


@strawberry.input(description="Every given condition must hold.")
class LicenseFilter:
    vendor_ids: list[strawberry.ID] | None = None
    product_ids: list[strawberry.ID] | None = None
    kinds: list[models.LicenseKind] | None = None
    statuses: list[models.LicenseStatus] | None = strawberry.field(
        default=None, description="Has one of these statuses today (as License.status reads)."
    )
    tag_ids_any: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Has at least one of these tags."
    )
    tag_ids_all: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Has every one of these tags."
    )
    assignee_id: strawberry.ID | None = strawberry.field(
        default=None, description="A user who holds an active seat."
    )
    held_by_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="A user who holds or held a seat (active or ended: a person's seat "
        "history, with License.assignments and License.pastAssignments).",
    )
    owner_id: strawberry.ID | None = None
    expiring_within_days: int | None = strawberry.field(
        default=None, description="Expires between today and today + N days (N: 0 to 3,660)."
    )
    expired: bool | None = strawberry.field(
        default=None,
        description="True: status EXPIRED today (as statuses: [EXPIRED]); false: any other.",
    )
    has_free_seats: bool | None = None
    cost_min: Decimal | None = strawberry.field(
        default=None, description="0 to 1,000,000,000,000, like License.cost."
    )
    cost_max: Decimal | None = strawberry.field(
        default=None, description="0 to 1,000,000,000,000, like License.cost."
    )
    currency: str | None = None
    custom_field: CustomFieldFilter | None = None
    archived: bool = strawberry.field(
        default=False, description="True lists only archived licenses, false only live ones."
    )

    def to_domain(self) -> query.LicenseFilter:
        money = Checker()
        flt = query.LicenseFilter(
            vendor_ids=decode_ids(self.vendor_ids, "Vendor", "filter.vendorIds")
            if self.vendor_ids else None,
            product_ids=decode_ids(self.product_ids, "Product", "filter.productIds")
            if self.product_ids else None,
            kinds=self.kinds,
            statuses=self.statuses,
            tag_ids_any=decode_ids(self.tag_ids_any, "Tag", "filter.tagIdsAny")
            if self.tag_ids_any else None,
            tag_ids_all=decode_ids(self.tag_ids_all, "Tag", "filter.tagIdsAll")
            if self.tag_ids_all else None,
            assignee_id=decode_id(self.assignee_id, "User", "filter.assigneeId")
            if self.assignee_id is not None else None,
            held_by_id=decode_id(self.held_by_id, "User", "filter.heldById")
            if self.held_by_id is not None else None,
            owner_id=decode_id(self.owner_id, "User", "filter.ownerId")
            if self.owner_id is not None else None,
            expiring_within_days=self.expiring_within_days,
            expired=self.expired,
            has_free_seats=self.has_free_seats,
            cost_min=money.money("filter.costMin", self.cost_min),
            cost_max=money.money("filter.costMax", self.cost_max),
            currency=self.currency,
            custom_field=(self.custom_field.key, self.custom_field.value)
            if self.custom_field else None,
            archived=self.archived,
        )  # fmt: skip
        money.done()
        return flt


@strawberry.type(description="Licenses whose secrets are identical.")
class DuplicateGroup:
    licenses: list[License]


@strawberry.type
class LicenseQuery:
    @strawberry.field(
        description="Licenses you may see, a page at a time (first/after forward, "
        "last/before backward; at most 100 a page)."
    )
    async def licenses(
        self,
        info: Info,
        first: Annotated[
            int | None, strawberry.argument(description="Page size going forward: 1 to 100.")
        ] = None,
        after: str | None = None,
        last: Annotated[
            int | None, strawberry.argument(description="Page size going backward: 1 to 100.")
        ] = None,
        before: str | None = None,
        filter: LicenseFilter | None = None,
        search: Annotated[
            str | None,
            strawberry.argument(
                description="Case-insensitive text in name, product, vendor, notes, tags, "
                "external id."
            ),
        ] = None,
        order_by: LicenseOrder | None = None,
    ) -> LicenseConnection:
        paths = selected(info)
        order = order_by or LicenseOrder()
        page = await query.license_page(
            info.context.principal,
            first=first,
            after=after,
            last=last,
            before=before,
            flt=filter.to_domain() if filter else None,
            search=search,
            order=query.LicenseOrderField[order.field.value],
            descending=order.direction is OrderDirection.DESC,
            want=want_from(paths, "totalCount", ("edges.node.", "nodes.")),
            rates=CurrencyRates.of(info.context.settings),
        )
        await _prefetch(info, paths)
        edges: list[LicenseEdge] = [LicenseRowEdge(row, license_of(info, row)) for row in page.rows]
        return LicenseConnection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=page.has_next_page,
                has_previous_page=page.has_previous_page,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            total_count=page.total_count or 0,
            total_count_is_estimate=page.total_is_estimate,
        )

    @strawberry.field(description="One license by id, or null if you may not see it.")
    async def license(self, info: Info, id: strawberry.ID) -> License | None:
        pk = decode_id(id, "License", "id")
        require_scope(info.context.principal, Action.LICENSE_VIEW, "see licenses")
        return (await load_licenses(info, [pk], selected(info), ("",))).get(pk)

    @strawberry.field(description="Groups of licenses you may see that share a secret.")
    async def duplicates(self, info: Info) -> list[DuplicateGroup]:
        groups = await query.duplicate_groups(info.context.principal)
        ids = [pk for group in groups for pk in group]
        paths = {p.removeprefix("licenses.") for p in selected_paths(info)}
        found = await load_licenses(info, ids, paths)
        return [
            DuplicateGroup(licenses=[found[i] for i in group if i in found]) for group in groups
        ]
