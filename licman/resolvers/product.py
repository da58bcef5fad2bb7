"""Products: create, update (or move to another vendor), archive, restore, delete, list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from licman.models import License, Product, Vendor
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
from licman.resolvers.license_guards import check_vendor_move
from licman.resolvers.validation import Checker
from licman.security.permissions import Action, may_count_licenses, role_allows
from licman.security.principal import Principal


@dataclass
class ProductInput:
    vendor_id: int = UNSET
    name: str = UNSET
    notes: str = UNSET


async def _clean(
    data: ProductInput, creating: bool, current_vendor_id: int | None = None
) -> dict[str, Any]:
    """Checked column values; call inside the transaction that writes them (the vendor is
    locked, so it cannot be archived or deleted before the product is written)."""
    check = Checker()
    out: dict[str, Any] = {}
    if data.name is not UNSET or creating:
        name = None if data.name is UNSET else data.name
        out["name"] = check.text("name", name, max_length=200, required=True)
    if data.notes is not UNSET:
        out["notes"] = check.text("notes", data.notes or "", max_length=10_000)
    if data.vendor_id is not UNSET or creating:
        vendor_id = None if data.vendor_id is UNSET else data.vendor_id
        vendor = None
        if vendor_id is not None:
            vendor = await Vendor.select_for_update().get_or_none(id=vendor_id)
        if vendor_id is None:
            check.fail("vendorId", "vendorId is required")
        elif vendor is None:
            check.fail("vendorId", "No such vendor, or you may not see it.", ErrorCode.NOT_FOUND)
        elif vendor.archived_at is not None and vendor.id != current_vendor_id:
            check.fail("vendorId", f"{vendor.name} is archived; restore it first.")
        else:
            out["vendor_id"] = vendor.id
    check.done()
    if "name" in out:
        out["name_key"] = fold(out["name"])
    return out


def _duplicate(name: str) -> str:
    return f"This vendor already has a product named {name!r} (names are compared ignoring case)."


async def product_get(principal: Principal, product_id: int) -> Product:
    require(principal, Action.CATALOG_VIEW, "see products")
    return await found(Product, product_id, "product")


async def product_get_many(principal: Principal, product_ids: Sequence[int]) -> dict[int, Product]:
    """The products among these ids (missing ids are left out), for `node` and `nodes`."""
    require(principal, Action.CATALOG_VIEW, "see products")
    return {p.id: p for p in await Product.filter(id__in=list(product_ids))}


async def products_of_vendors(
    principal: Principal, vendor_ids: Sequence[int]
) -> dict[int, list[Product]]:
    """Each vendor's products by name (archived ones too), for `Vendor.products`; empty for
    callers who may not see the catalogue, as every list holds only what its reader may see."""
    grouped: dict[int, list[Product]] = {key: [] for key in vendor_ids}
    if not role_allows(principal, Action.CATALOG_VIEW):
        return grouped
    products = await Product.filter(vendor_id__in=list(vendor_ids)).order_by("name_key", "id")
    for product in products:
        grouped[product.vendor_id].append(product)
    return grouped


async def product_list(
    principal: Principal, *, vendor_id: int | None = None, include_archived: bool = False
) -> list[Product]:
    """Products by vendor name, then name. Without include_archived, archived products and
    the products of archived vendors are left out."""
    require(principal, Action.CATALOG_VIEW, "see products")
    query = Product.all()
    if vendor_id is not None:
        query = query.filter(vendor_id=vendor_id)
    if not include_archived:
        query = query.filter(Q(archived_at=None), Q(vendor__archived_at=None))
    return await query.order_by("vendor__name_key", "vendor_id", "name_key", "id")


async def product_create(principal: Principal, data: ProductInput) -> Product:
    require(principal, Action.CATALOG_CHANGE, "create products")
    check_catalog_name(principal, "product", naming=True)
    async with in_transaction():
        fields = await _clean(data, creating=True)
        async with unique_as("name", _duplicate(fields["name"])):
            user = principal.user
            product = await Product.create(**fields, created_by=user, updated_by=user)
        await audit_record(
            principal, "product.create", "product", product.id, after=snapshot(product)
        )
    return product


async def product_update(
    principal: Principal, product_id: int, version: int, data: ProductInput
) -> Product:
    """Change a product's name, notes or vendor; `version` is the one the caller loaded."""
    require(principal, Action.CATALOG_CHANGE, "change products")
    # A move to another vendor is checked against that vendor's names too.
    check_catalog_name(
        principal, "product", naming=data.name is not UNSET or data.vendor_id is not UNSET
    )
    async with in_transaction():
        # Locked, so `before` is exactly the row this update replaces.
        before = await locked(Product, product_id, "product")
        fields = await _clean(data, creating=False, current_vendor_id=before.vendor_id)
        if fields.get("vendor_id", before.vendor_id) != before.vendor_id:
            # Its licenses move with it, under the new vendor's grants.
            licenses = await License.filter(product_id=product_id).values_list("id", "owner_id")
            await check_vendor_move(
                principal,
                licenses,
                from_vendor_id=before.vendor_id,
                to_vendor_id=fields["vendor_id"],
                field="vendorId",
            )
        duplicate = _duplicate(fields.get("name", before.name))
        return await versioned_change(
            principal, Product, "product", before, version, fields, duplicate
        )


async def _set_archived(principal: Principal, product_id: int, archived: bool) -> Product:
    require(principal, Action.CATALOG_CHANGE, "archive products")
    return await set_archived(principal, Product, product_id, archived, "product")


async def product_archive(principal: Principal, product_id: int) -> Product:
    return await _set_archived(principal, product_id, True)


async def product_restore(principal: Principal, product_id: int) -> Product:
    return await _set_archived(principal, product_id, False)


async def product_delete(principal: Principal, product_id: int) -> int:
    """Delete a product that has no licenses (archived ones count: they keep its history)."""
    require(principal, Action.CATALOG_DELETE, "delete products")
    async with in_transaction():
        product = await locked(Product, product_id, "product")
        licenses = await License.filter(product_id=product_id).count()
        if licenses:
            counts = may_count_licenses(principal)  # names and counts only for those who see them
            name = f"Product {product.name}" if counts else "This product"
            what = counted(licenses, "license") if counts else "licenses"
            raise DomainError(
                ErrorCode.IN_USE,
                f"{name} still has {what} (archived ones count); archive it or move them "
                "to another product first.",
                "id",
            )
        before = snapshot(product)
        await product.delete()
        await audit_record(principal, "product.delete", "product", product_id, before=before)
    return product_id
