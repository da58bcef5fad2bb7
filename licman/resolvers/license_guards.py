"""Checks on license changes whose effect reaches past the license's own fields: giving it an
owner or moving it under another vendor's grants (both give people rights on it, so the
caller must hold those rights), and external ids, which are unique across licenses the caller
may not see."""

from __future__ import annotations

from collections.abc import Iterable

from licman.models import Product
from licman.resolvers.errors import DomainError, ErrorCode
from licman.security.permissions import (
    OWNERSHIP_CONFERS,
    Action,
    grants_of,
    license_rights,
    rights_held,
    role_allows,
    vendor_grant_actions,
)
from licman.security.principal import Principal


def _names(actions: Iterable[Action]) -> str:
    return ", ".join(sorted(str(a) for a in actions))


async def vendor_of(product_id: int) -> int | None:
    rows = await Product.filter(id=product_id).values("vendor_id")
    return int(rows[0]["vendor_id"]) if rows else None


async def check_owner_given(
    principal: Principal,
    *,
    license_id: int | None,
    vendor_id: int | None,
    current_owner_id: int | None,
    new_owner_id: int | None,
) -> None:
    """Giving a license an owner (license_id None: a new license) is a grant of everything
    ownership confers; the caller must hold all of it on the license as it is now. Taking
    the owner away gives nobody anything."""
    if new_owner_id is None or new_owner_id == current_owner_id:
        return
    held = await license_rights(
        principal, license_id=license_id, vendor_id=vendor_id, owner_id=current_owner_id
    )
    missing = OWNERSHIP_CONFERS - held
    if missing:
        raise DomainError(
            ErrorCode.FORBIDDEN,
            f"An owner holds {_names(OWNERSHIP_CONFERS)} on the license; giving it an owner "
            f"needs all of these rights on it yourself, and you lack: {_names(missing)}.",
            "ownerId",
        )


async def check_vendor_move(
    principal: Principal,
    licenses: Iterable[tuple[int, int | None]],
    *,
    from_vendor_id: int | None,
    to_vendor_id: int | None,
    field: str,
) -> None:
    """Moving licenses (id, owner id) to another vendor puts them under that vendor's grants
    (present and future licenses of a vendor): the caller must already hold, on each, every
    right those grants give."""
    if to_vendor_id is None or to_vendor_id == from_vendor_id:
        return
    opened = await vendor_grant_actions(to_vendor_id)
    if all(role_allows(principal, action) for action in opened):
        return
    grants = await grants_of(principal)
    for license_id, owner_id in licenses:
        held = rights_held(
            principal, grants, license_id=license_id, vendor_id=from_vendor_id, owner_id=owner_id
        )
        missing = opened - held
        if missing:
            raise DomainError(
                ErrorCode.FORBIDDEN,
                "Grants on that vendor would give people rights on the license that you do "
                f"not hold on it yourself: {_names(missing)}.",
                field,
            )


def check_external_id(principal: Principal, new: str | None, current: str | None) -> None:
    """External ids are unique across every license, including those the caller may not
    see, so a DUPLICATE answer would tell them such a license exists. Only callers who see
    every license may set one (removing it is always allowed)."""
    if new is None or new == current or role_allows(principal, Action.LICENSE_VIEW):
        return
    raise DomainError(
        ErrorCode.FORBIDDEN,
        "Setting an external id needs the right to see every license (admins and managers; "
        "a token also needs licenses:read), since external ids are unique across all of them.",
        "externalId",
    )
