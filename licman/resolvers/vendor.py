"""Vendors: create, update, archive, restore, delete, list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tortoise.transactions import in_transaction

from licman.models import Grant, License, Product, Vendor
from licman.models.base import fold
from licman.resolvers.audit import audit_record
from licman.resolvers.common import (
    UNSET,
    check_catalog_name,
    counted,
    found,
    locked,
    require,
    set_archived,
    snapshot,
    unique_as,
    versioned_change,
)
from licman.resolvers.errors import DomainError, ErrorCode
from licman.resolvers.validation import Checker
from licman.security.permissions import Action, forget_grants, may_count_licenses
from licman.security.principal import Principal


@dataclass
class VendorInput:
    name: str = UNSET
    website: str | None = UNSET
    notes: str = UNSET


def _clean(data: VendorInput, creating: bool) -> dict[str, Any]:
    check = Checker()
    out: dict[str, Any] = {}
    if data.name is not UNSET or creating:
        name = None if data.name is UNSET else data.name
        out["name"] = check.text("name", name, max_length=200, required=True)
    if data.website is not UNSET:
        out["website"] = check.url("website", data.website)
    if data.notes is not UNSET:
        out["notes"] = check.text("notes", data.notes or "", max_length=10_000)
    check.done()
    if "name" in out:
        out["name_key"] = fold(out["name"])
    return out


def _duplicate(name: str) -> str:
    return f"A vendor named {name!r} already exists (names are compared ignoring case)."


async def vendor_get(principal: Principal, vendor_id: int) -> Vendor:
    require(principal, Action.CATALOG_VIEW, "see vendors")
    return await found(Vendor, vendor_id, "vendor")


async def vendor_get_many(principal: Principal, vendor_ids: Sequence[int]) -> dict[int, Vendor]:
    """The vendors among these ids (missing ids are left out), for `node` and `nodes`."""
    require(principal, Action.CATALOG_VIEW, "see vendors")
    return {v.id: v for v in await Vendor.filter(id__in=list(vendor_ids))}


async def vendor_list(principal: Principal, *, include_archived: bool = False) -> list[Vendor]:
    require(principal, Action.CATALOG_VIEW, "see vendors")
    query = Vendor.all() if include_archived else Vendor.filter(archived_at=None)
    return await query.order_by("name_key", "id")


async def vendor_create(principal: Principal, data: VendorInput) -> Vendor:
    require(principal, Action.CATALOG_CHANGE, "create vendors")
    check_catalog_name(principal, "vendor", naming=True)
    fields = _clean(data, creating=True)
    async with in_transaction(), unique_as("name", _duplicate(fields["name"]), "name_key"):
        user = principal.user
        vendor = await Vendor.create(**fields, created_by=user, updated_by=user)
        await audit_record(principal, "vendor.create", "vendor", vendor.id, after=snapshot(vendor))
    return vendor


async def vendor_update(
    principal: Principal, vendor_id: int, version: int, data: VendorInput
) -> Vendor:
    require(principal, Action.CATALOG_CHANGE, "change vendors")
    check_catalog_name(principal, "vendor", naming=data.name is not UNSET)
    fields = _clean(data, creating=False)
    async with in_transaction():
        # Locked, so `before` is exactly the row this update replaces.
        before = await locked(Vendor, vendor_id, "vendor")
        duplicate = _duplicate(fields.get("name", before.name))
        return await versioned_change(
            principal, Vendor, "vendor", before, version, fields, duplicate, "name_key"
        )


async def _set_archived(principal: Principal, vendor_id: int, archived: bool) -> Vendor:
    require(principal, Action.CATALOG_CHANGE, "archive vendors")
    return await set_archived(principal, Vendor, vendor_id, archived, "vendor")


async def vendor_archive(principal: Principal, vendor_id: int) -> Vendor:
    return await _set_archived(principal, vendor_id, True)


async def vendor_restore(principal: Principal, vendor_id: int) -> Vendor:
    return await _set_archived(principal, vendor_id, False)


async def vendor_delete(principal: Principal, vendor_id: int) -> int:
    """Delete a vendor that has no licenses; its unused products and the grants on it go with
    it (the database cascades the grants), and the audit event lists them."""
    require(principal, Action.CATALOG_DELETE, "delete vendors")
    async with in_transaction():
        vendor = await locked(Vendor, vendor_id, "vendor")
        licenses = await License.filter(product__vendor_id=vendor_id).count()
        if licenses:
            what = "licenses"
            if may_count_licenses(principal):  # names and counts only for those who see them
                product_count = await Product.filter(vendor_id=vendor_id).count()
                what = f"{counted(product_count, 'product')} and {counted(licenses, 'license')}"
            name = f"Vendor {vendor.name}" if may_count_licenses(principal) else "This vendor"
            raise DomainError(
                ErrorCode.IN_USE,
                f"{name} still has {what} (archived ones count); archive it or move "
                "the licenses to another vendor's product first.",
                "id",
            )
        products = await Product.filter(vendor_id=vendor_id).select_for_update()
        grants = await Grant.filter(vendor_id=vendor_id).order_by("id")
        before = snapshot(vendor)
        await Product.filter(vendor_id=vendor_id).delete()
        await vendor.delete()
        await audit_record(
            principal,
            "vendor.delete",
            "vendor",
            vendor_id,
            before=before,
            extra={
                "products_deleted": [snapshot(p) for p in products],
                "grants_deleted": [snapshot(g) for g in grants],
            },
        )
    forget_grants(principal)  # the caller's grants, memoised for this request
    return vendor_id
