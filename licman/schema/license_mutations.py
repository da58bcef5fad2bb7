"""License mutations: create, update, archive, restore, delete, assign, unassign, revoke,
renew, and bulk tag / untag. Each returns its payload with typed errors."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal
from typing import Any

import strawberry
from strawberry.scalars import JSON

from licman import models
from licman.resolvers import license as ops
from licman.resolvers import license_query as query
from licman.resolvers import license_seats as seat_ops
from licman.schema.context import Info
from licman.schema.errors import UserError
from licman.schema.ids import decode_id, decode_ids
from licman.schema.license import License, LicenseFilter, load_licenses
from licman.schema.mutation import attempt, given
from licman.schema.selection import selected_paths

# The documented ranges (docs/graphql.md, "Limits"); resolvers/validation.py enforces them.
SEATS = "Seats bought: 0 to 1,000,000; null: unlimited."
COST = (
    "Cost per billing period: 0 to 1,000,000,000,000 with at most 6 decimal places; needs currency."
)
METADATA = (
    "Custom fields: a JSON object of at most 100 keys and 16 KB; numbers within "
    "+-9,007,199,254,740,991 (2^53 - 1)."
)
VERSION = "The version you loaded (License.version); any other number: CONFLICT."


@strawberry.input(description="A new license. Only the product is required.")
class LicenseCreateInput:
    product_id: strawberry.ID
    name: str = ""
    kind: models.LicenseKind = models.LicenseKind.OTHER
    secret: str | None = strawberry.field(
        default=None, description="Key, token, serial or password; stored encrypted."
    )
    seats: int | None = strawberry.field(default=None, description=SEATS)
    cost: Decimal | None = strawberry.field(default=None, description=COST)
    currency: str | None = strawberry.field(default=None, description="ISO 4217, e.g. EUR.")
    billing_period: models.BillingPeriod | None = None
    purchased_on: date | None = None
    starts_on: date | None = None
    expires_on: date | None = None
    cancel_by: date | None = None
    auto_renew: bool = False
    remind_seat_holders: bool = strawberry.field(
        default=False, description="Seat holders get expiry e-mails too."
    )
    status: models.LicenseStatus = models.LicenseStatus.ACTIVE
    owner_id: strawberry.ID | None = None
    notes: str = ""
    metadata: JSON | None = strawberry.field(default=None, description=METADATA)
    external_id: str | None = None
    tag_ids: list[strawberry.ID] | None = None


@strawberry.input(description="Changes to a license; fields left out stay as they are.")
class LicenseUpdateInput:
    id: strawberry.ID
    version: int = strawberry.field(description=VERSION)
    product_id: strawberry.ID | None = strawberry.UNSET
    name: str | None = strawberry.UNSET
    kind: models.LicenseKind | None = strawberry.UNSET
    secret: str | None = strawberry.field(
        default=strawberry.UNSET, description="A new secret; null removes it."
    )
    seats: int | None = strawberry.field(default=strawberry.UNSET, description=SEATS)
    cost: Decimal | None = strawberry.field(default=strawberry.UNSET, description=COST)
    currency: str | None = strawberry.UNSET
    billing_period: models.BillingPeriod | None = strawberry.UNSET
    purchased_on: date | None = strawberry.UNSET
    starts_on: date | None = strawberry.UNSET
    expires_on: date | None = strawberry.UNSET
    cancel_by: date | None = strawberry.UNSET
    auto_renew: bool | None = strawberry.UNSET
    remind_seat_holders: bool | None = strawberry.UNSET
    status: models.LicenseStatus | None = strawberry.UNSET
    owner_id: strawberry.ID | None = strawberry.UNSET
    notes: str | None = strawberry.UNSET
    metadata: JSON | None = strawberry.field(default=strawberry.UNSET, description=METADATA)
    external_id: str | None = strawberry.UNSET
    tag_ids: list[strawberry.ID] | None = strawberry.field(
        default=strawberry.UNSET, description="The complete new set of tags."
    )


@strawberry.input
class LicenseIdInput:
    id: strawberry.ID


@strawberry.input
class LicenseAssignInput:
    license_id: strawberry.ID
    user_id: strawberry.ID
    until: date | None = strawberry.field(default=None, description="Planned end of the seat.")


@strawberry.input
class LicenseUnassignInput:
    license_id: strawberry.ID
    user_id: strawberry.ID
    note: str = strawberry.field(
        default="",
        description="Why the seat ends (up to 500 characters): kept on the ended seat "
        "(License.pastAssignments.endNote) and in the audit log.",
    )


@strawberry.input
class LicenseRevokeInput:
    id: strawberry.ID
    reason: str = strawberry.field(description="Why; kept in the audit log and on the seats.")


@strawberry.input(description="A new term: the license then expires on endsOn.")
class LicenseRenewInput:
    id: strawberry.ID
    version: int = strawberry.field(description=VERSION)
    starts_on: date
    ends_on: date
    cost: Decimal | None = strawberry.field(default=None, description=COST)
    currency: str | None = None
    note: str = ""


@strawberry.input(
    description='The licenses the list shows for a filter and search: what "select all N '
    'matching" selects (at most 1,000; more is refused, naming `matching`).'
)
class LicenseMatching:
    filter: LicenseFilter | None = strawberry.field(
        default=None, description="As Query.licenses takes it."
    )
    search: str | None = strawberry.field(default=None, description="As Query.licenses takes it.")


@strawberry.input(
    description="Licenses by id (up to 100) or by `matching` (up to 1,000), and up to 100 "
    "tags. All or nothing: if you may not change one of the licenses, nothing changes."
)
class LicensesTagInput:
    license_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="The licenses, 1 to 100. Give this or matching."
    )
    tag_ids: list[strawberry.ID] = strawberry.field(description="The tags, 1 to 100.")
    matching: LicenseMatching | None = strawberry.field(
        default=None,
        description="Instead of licenseIds: every license that matches (the list's filter "
        "and search, as you may see them), at most 1,000.",
    )


@strawberry.type
class LicensePayload:
    license: License | None
    errors: list[UserError]


@strawberry.type
class LicenseDeletePayload:
    deleted_id: strawberry.ID | None
    errors: list[UserError]


@strawberry.type
class LicensesTagPayload:
    licenses: list[License]
    errors: list[UserError]


def _license_id(value: strawberry.ID, field: str = "id") -> int:
    return decode_id(value, "License", field)


def _user_id(value: strawberry.ID, field: str) -> int:
    return decode_id(value, "User", field)


def _domain_input(source: Any) -> ops.LicenseInput:
    """Copy the given fields of a create or update input, decoding global ids."""
    return ops.LicenseInput(
        product_id=given(source.product_id, lambda v: decode_id(v, "Product", "productId")),
        name=given(source.name),
        kind=given(source.kind),
        secret=given(source.secret),
        seats=given(source.seats),
        cost=given(source.cost),
        currency=given(source.currency),
        billing_period=given(source.billing_period),
        purchased_on=given(source.purchased_on),
        starts_on=given(source.starts_on),
        expires_on=given(source.expires_on),
        cancel_by=given(source.cancel_by),
        auto_renew=given(source.auto_renew),
        remind_seat_holders=given(source.remind_seat_holders),
        status=given(source.status),
        owner_id=given(source.owner_id, lambda v: _user_id(v, "ownerId")),
        notes=given(source.notes),
        metadata=given(source.metadata),
        external_id=given(source.external_id),
        tag_ids=given(source.tag_ids, lambda v: decode_ids(v, "Tag", "tagIds")),
    )


async def _license_payload(info: Info, call: Callable[[], Awaitable[Any]]) -> LicensePayload:
    result, errors = await attempt(call)
    if result is None:
        return LicensePayload(license=None, errors=errors)
    pk = result.license_id if isinstance(result, models.SeatAssignment) else result.id
    paths = {p.removeprefix("license.") for p in selected_paths(info)}
    found = await load_licenses(info, [pk], paths)
    return LicensePayload(license=found.get(pk), errors=[])


@strawberry.type
class LicenseMutation:
    @strawberry.mutation(description="Add a license. Needs admin or manager.")
    async def license_create(self, info: Info, input: LicenseCreateInput) -> LicensePayload:
        principal = info.context.principal
        return await _license_payload(
            info, lambda: ops.license_create(principal, _domain_input(input))
        )

    @strawberry.mutation(description="Change a license (optimistic locking by version).")
    async def license_update(self, info: Info, input: LicenseUpdateInput) -> LicensePayload:
        principal = info.context.principal
        return await _license_payload(
            info,
            lambda: ops.license_update(
                principal, _license_id(input.id), input.version, _domain_input(input)
            ),
        )

    @strawberry.mutation(description="Hide a license from lists (filter archived: true).")
    async def license_archive(self, info: Info, input: LicenseIdInput) -> LicensePayload:
        principal = info.context.principal
        return await _license_payload(
            info, lambda: ops.license_archive(principal, _license_id(input.id))
        )

    @strawberry.mutation(description="Bring an archived license back.")
    async def license_restore(self, info: Info, input: LicenseIdInput) -> LicensePayload:
        principal = info.context.principal
        return await _license_payload(
            info, lambda: ops.license_restore(principal, _license_id(input.id))
        )

    @strawberry.mutation(description="Delete a license, its seats and term history. Admin only.")
    async def license_delete(self, info: Info, input: LicenseIdInput) -> LicenseDeletePayload:
        principal = info.context.principal
        deleted, errors = await attempt(
            lambda: ops.license_delete(principal, _license_id(input.id))
        )
        return LicenseDeletePayload(deleted_id=input.id if deleted else None, errors=errors)

    @strawberry.mutation(
        description="Give a user a seat. NO_SEATS_LEFT when all are taken; a user holds at "
        "most one active seat of a license (ALREADY_ASSIGNED)."
    )
    async def license_assign(self, info: Info, input: LicenseAssignInput) -> LicensePayload:
        principal = info.context.principal
        return await _license_payload(
            info,
            lambda: seat_ops.license_assign(
                principal,
                _license_id(input.license_id, "licenseId"),
                _user_id(input.user_id, "userId"),
                input.until,
            ),
        )

    @strawberry.mutation(
        description="Take a user's seat back; the ended seat stays in License.pastAssignments."
    )
    async def license_unassign(self, info: Info, input: LicenseUnassignInput) -> LicensePayload:
        principal = info.context.principal
        return await _license_payload(
            info,
            lambda: seat_ops.license_unassign(
                principal,
                _license_id(input.license_id, "licenseId"),
                _user_id(input.user_id, "userId"),
                input.note,
            ),
        )

    @strawberry.mutation(description="Revoke the license: all seats end, status REVOKED.")
    async def license_revoke(self, info: Info, input: LicenseRevokeInput) -> LicensePayload:
        principal = info.context.principal
        return await _license_payload(
            info, lambda: seat_ops.license_revoke(principal, _license_id(input.id), input.reason)
        )

    @strawberry.mutation(description="Record a new term; the history keeps the old ones.")
    async def license_renew(self, info: Info, input: LicenseRenewInput) -> LicensePayload:
        principal = info.context.principal
        return await _license_payload(
            info,
            lambda: seat_ops.license_renew(
                principal,
                _license_id(input.id),
                input.version,
                starts_on=input.starts_on,
                ends_on=input.ends_on,
                cost=input.cost,
                currency=input.currency,
                note=input.note,
            ),
        )

    @strawberry.mutation(description="Add tags to many licenses at once.")
    async def licenses_tag(self, info: Info, input: LicensesTagInput) -> LicensesTagPayload:
        return await _bulk(info, input, ops.licenses_tag)

    @strawberry.mutation(description="Remove tags from many licenses at once.")
    async def licenses_untag(self, info: Info, input: LicensesTagInput) -> LicensesTagPayload:
        return await _bulk(info, input, ops.licenses_untag)


async def _bulk(
    info: Info, input: LicensesTagInput, operation: Callable[..., Awaitable[list[int]]]
) -> LicensesTagPayload:
    principal = info.context.principal

    def matching() -> ops.Matching | None:
        if input.matching is None:
            return None
        flt = input.matching.filter
        return ops.Matching(
            flt.to_domain() if flt else query.LicenseFilter(), input.matching.search
        )

    ids, errors = await attempt(
        lambda: operation(
            principal,
            None
            if input.license_ids is None
            else decode_ids(input.license_ids, "License", "licenseIds"),
            decode_ids(input.tag_ids, "Tag", "tagIds"),
            matching(),
        )
    )
    if ids is None:
        return LicensesTagPayload(licenses=[], errors=errors)
    paths = {p.removeprefix("licenses.") for p in selected_paths(info)}
    found = await load_licenses(info, ids, paths)
    return LicensesTagPayload(licenses=[found[i] for i in ids if i in found], errors=[])
