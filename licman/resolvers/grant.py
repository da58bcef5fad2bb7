"""Grants: give a user or a team rights on one license or on every license of a vendor, list
them, revoke them. Admins manage every grant; the owner of a license manages the grants on it,
and may hand out only the rights they hold on it themselves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tortoise.transactions import in_transaction

from licman.models import Grant, GrantRight, License, Team, User, Vendor
from licman.resolvers.audit import audit_record
from licman.resolvers.common import require_signed_in, snapshot
from licman.resolvers.errors import DomainError, ErrorCode, forbidden, invalid, not_found
from licman.resolvers.license import visible_license
from licman.resolvers.license_guards import vendor_of
from licman.resolvers.validation import Checker
from licman.security.permissions import (
    Action,
    forget_grants,
    is_signed_in,
    manageable_grants,
    may_manage_license_grants,
    may_manage_vendor_grants,
    rights_not_held,
    scope_needed,
)
from licman.security.principal import Principal

OBJECT_FIELDS = ("licenseId", "vendorId")
GRANTEE_FIELDS = ("userId", "teamId")


async def _license(principal: Principal, license_id: int, field: str) -> License:
    """The license whose grants P wants to manage: NOT_FOUND on `field` if P may not see it,
    FORBIDDEN if P sees it but may not manage its grants."""
    try:
        license_ = await visible_license(principal, license_id)
    except DomainError as exc:
        if exc.code is ErrorCode.NOT_FOUND:
            raise not_found("license", field) from None
        raise
    if not may_manage_license_grants(principal, owner_id=license_.owner_id):
        raise forbidden(
            "manage the grants on this license", scope_needed(principal, Action.GRANT_MANAGE)
        )
    return license_


async def _vendor(principal: Principal, vendor_id: int, field: str) -> Vendor:
    # Vendors are no secret (every role may list them), so FORBIDDEN comes first.
    if not may_manage_vendor_grants(principal):
        raise forbidden("manage grants on vendors", scope_needed(principal, Action.GRANT_MANAGE))
    vendor = await Vendor.get_or_none(id=vendor_id)
    if vendor is None:
        raise not_found("vendor", field)
    return vendor


def _ordered(rights: set[GrantRight]) -> list[str]:
    return [r.value for r in GrantRight if r in rights]


def _clean_rights(
    check: Checker,
    license_id: int | None,
    vendor_id: int | None,
    user_id: int | None,
    team_id: int | None,
    rights: Sequence[GrantRight | str],
) -> set[GrantRight]:
    if (license_id is None) == (vendor_id is None):
        for name in OBJECT_FIELDS:
            check.fail(name, "give exactly one of licenseId and vendorId")
    if (user_id is None) == (team_id is None):
        for name in GRANTEE_FIELDS:
            check.fail(name, "give exactly one of userId and teamId")
    clean: set[GrantRight] = set()
    for right in rights:
        try:
            clean.add(GrantRight(right))
        except ValueError:
            known = ", ".join(r.value for r in GrantRight)
            check.fail("rights", f"{str(right)[:40]!r} is not a right; use {known}")
    if not rights:
        check.fail("rights", "give at least one right")
    return clean


async def _held(principal: Principal, license_: License, rights: set[GrantRight]) -> None:
    """Refuse rights beyond the caller's own on the license (an owner may not hand out, or
    give themselves, more than ownership gives them)."""
    missing = await rights_not_held(
        principal,
        rights,
        license_id=license_.id,
        vendor_id=await vendor_of(license_.product_id),
        owner_id=license_.owner_id,
    )
    if missing:
        raise DomainError(
            ErrorCode.FORBIDDEN,
            f"You may only grant rights you hold on this license yourself, not: "
            f"{', '.join(r.value for r in missing)}.",
            "rights",
        )


async def _grantee(user_id: int | None, team_id: int | None) -> None:
    if user_id is not None and not await User.exists(id=user_id, is_active=True):
        raise not_found("active user", "userId")
    if team_id is not None and not await Team.exists(id=team_id):
        raise not_found("team", "teamId")


def _forget_grants(principal: Principal) -> None:
    # The caller's grants are memoised per request; this change may alter them.
    forget_grants(principal)


async def grant_list(
    principal: Principal, *, license_id: int | None = None, vendor_id: int | None = None
) -> list[Grant]:
    """Grants on the license, or on the vendor, or (with neither) every grant P may manage;
    each with its user or team loaded. Grants through the license's vendor are not included
    in a license's list."""
    require_signed_in(principal)
    if license_id is not None and vendor_id is not None:
        raise invalid("vendorId", "give licenseId or vendorId, not both")
    if license_id is not None:
        await _license(principal, license_id, "licenseId")
        query = Grant.filter(license_id=license_id)
    elif vendor_id is not None:
        await _vendor(principal, vendor_id, "vendorId")
        query = Grant.filter(vendor_id=vendor_id)
    else:
        query = Grant.filter(manageable_grants(principal))
    return await query.select_related("user", "team").order_by("id")


async def grant_get_many(principal: Principal, grant_ids: Sequence[int]) -> dict[int, Grant]:
    """The grants among these ids that P may manage (the others are simply absent)."""
    if not is_signed_in(principal):
        return {}
    rows = await Grant.filter(manageable_grants(principal), id__in=list(grant_ids)).select_related(
        "user", "team"
    )
    return {g.id: g for g in rows}


async def grant_create(
    principal: Principal,
    *,
    license_id: int | None = None,
    vendor_id: int | None = None,
    user_id: int | None = None,
    team_id: int | None = None,
    rights: Sequence[GrantRight | str],
) -> Grant:
    """Give rights on one object to one grantee. If the grantee already has a grant on the
    object, the rights are added to it (one grant per object and grantee)."""
    require_signed_in(principal)
    check = Checker()
    clean = _clean_rights(check, license_id, vendor_id, user_id, team_id, rights)
    check.done()
    async with in_transaction():
        if license_id is not None:
            license_ = await _license(principal, license_id, "licenseId")
            await _held(principal, license_, clean)
            # Locked: concurrent grants to the same grantee on this object wait, so the
            # look-up below cannot miss a row another one is inserting.
            if await License.select_for_update().get_or_none(id=license_id) is None:
                raise not_found("license", "licenseId")
        else:
            assert vendor_id is not None
            await _vendor(principal, vendor_id, "vendorId")
            if await Vendor.select_for_update().get_or_none(id=vendor_id) is None:
                raise not_found("vendor", "vendorId")
        await _grantee(user_id, team_id)
        existing = (
            await Grant.select_for_update()
            .filter(license_id=license_id, vendor_id=vendor_id, user_id=user_id, team_id=team_id)
            .first()
        )
        if existing is None:
            grant = await Grant.create(
                license_id=license_id,
                vendor_id=vendor_id,
                user_id=user_id,
                team_id=team_id,
                rights=_ordered(clean),
                created_by=principal.user,
            )
            await audit_record(principal, "grant.create", "grant", grant.id, after=snapshot(grant))
        else:
            grant = existing
            merged = _ordered(clean | {GrantRight(r) for r in existing.rights})
            if merged != existing.rights:
                before = snapshot(existing)
                await Grant.filter(id=existing.id).update(rights=merged)
                grant.rights = merged
                await audit_record(
                    principal,
                    "grant.update",
                    "grant",
                    grant.id,
                    before=before,
                    after=snapshot(grant),
                )
    _forget_grants(principal)
    return await Grant.get(id=grant.id).select_related("user", "team")


async def grant_revoke(principal: Principal, grant_id: int) -> int:
    """Take a grant away, with all its rights; it no longer counts from the next request."""
    require_signed_in(principal)
    async with in_transaction():
        grant = await Grant.select_for_update().get_or_none(id=grant_id)
        if grant is None:
            raise not_found("grant")
        try:
            if grant.license_id is not None:
                await _license(principal, grant.license_id, "id")
            else:
                assert grant.vendor_id is not None
                await _vendor(principal, grant.vendor_id, "id")
        except DomainError as exc:
            if exc.code is ErrorCode.NOT_FOUND:
                raise not_found("grant") from None
            raise
        before: dict[str, Any] = snapshot(grant)
        await grant.delete()
        await audit_record(principal, "grant.revoke", "grant", grant_id, before=before)
    _forget_grants(principal)
    return grant_id
