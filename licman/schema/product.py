"""Products over GraphQL: the type, `products` / `product`, and the product mutations."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay

from licman import models
from licman.resolvers import product as ops
from licman.resolvers.common import snapshot
from licman.schema.context import Info
from licman.schema.errors import UserError
from licman.schema.ids import decode_id, global_id, nodes_by_id, read_back
from licman.schema.mutation import attempt, given


@strawberry.type(description="Something a vendor sells, such as Photoshop or IntelliJ IDEA.")
class Product(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Unique per vendor, regardless of case.")
    notes: str
    vendor_id: strawberry.ID = strawberry.field(description="Global id of the vendor.")
    archived_at: datetime | None
    version: int = strawberry.field(description="Send it back with productUpdate.")
    created_at: datetime
    updated_at: datetime

    @strawberry.field(description="How many of its licenses you may see.")
    async def license_count(self, info: Info) -> int:
        return await info.context.loaders.license_count_by_product.load(self.id)

    @classmethod
    def from_model(cls, product: models.Product) -> Product:
        return cls.from_values(snapshot(product))

    @classmethod
    def from_values(cls, v: dict[str, Any], prefix: str = "") -> Product:
        return cls(
            id=v[f"{prefix}id"],
            name=v[f"{prefix}name"],
            notes=v[f"{prefix}notes"],
            vendor_id=global_id("Vendor", v[f"{prefix}vendor_id"]),
            archived_at=v[f"{prefix}archived_at"],
            version=v[f"{prefix}version"],
            created_at=v[f"{prefix}created_at"],
            updated_at=v[f"{prefix}updated_at"],
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Product | None]:
        return await nodes_by_id(info, node_ids, ops.product_get_many, cls.from_model)


@strawberry.input(description="A new product of a vendor.")
class ProductCreateInput:
    vendor_id: strawberry.ID
    name: str
    notes: str = ""


@strawberry.input(description="Changes to a product; fields left out stay as they are.")
class ProductUpdateInput:
    id: strawberry.ID
    version: int = strawberry.field(description="The version you loaded; a newer one: CONFLICT.")
    vendor_id: strawberry.ID | None = strawberry.UNSET
    name: str | None = strawberry.UNSET
    notes: str | None = strawberry.UNSET


@strawberry.input
class ProductIdInput:
    id: strawberry.ID


@strawberry.type
class ProductPayload:
    product: Product | None
    errors: list[UserError]


@strawberry.type
class ProductDeletePayload:
    deleted_id: strawberry.ID | None
    errors: list[UserError]


def _product_id(value: strawberry.ID) -> int:
    return decode_id(value, "Product", "id")


def _vendor_id(value: strawberry.ID) -> int:
    return decode_id(value, "Vendor", "vendorId")


async def _payload(
    info: Info, result: tuple[models.Product | None, list[UserError]]
) -> ProductPayload:
    product, errors = result
    found = await read_back(info, product, ops.product_get_many, Product.from_model)
    return ProductPayload(product=found, errors=errors)


@strawberry.type
class ProductQuery:
    @strawberry.field(description="Products by vendor and name, optionally of one vendor.")
    async def products(
        self, info: Info, vendor_id: strawberry.ID | None = None, include_archived: bool = False
    ) -> list[Product]:
        rows = await ops.product_list(
            info.context.principal,
            vendor_id=_vendor_id(vendor_id) if vendor_id is not None else None,
            include_archived=include_archived,
        )
        return [Product.from_model(p) for p in rows]

    @strawberry.field(description="One product by id.")
    async def product(self, info: Info, id: strawberry.ID) -> Product | None:
        found = await ops.product_get(info.context.principal, _product_id(id))
        return Product.from_model(found)


@strawberry.type
class ProductMutation:
    @strawberry.mutation(description="Add a product to a vendor. Needs admin or manager.")
    async def product_create(self, info: Info, input: ProductCreateInput) -> ProductPayload:
        async def run() -> models.Product:
            data = ops.ProductInput(
                vendor_id=_vendor_id(input.vendor_id), name=input.name, notes=input.notes
            )
            return await ops.product_create(info.context.principal, data)

        return await _payload(info, await attempt(run))

    @strawberry.mutation(description="Change a product (optimistic locking by version).")
    async def product_update(self, info: Info, input: ProductUpdateInput) -> ProductPayload:
        async def run() -> models.Product:
            data = ops.ProductInput(
                vendor_id=given(input.vendor_id, _vendor_id),
                name=given(input.name),
                notes=given(input.notes),
            )
            return await ops.product_update(
                info.context.principal, _product_id(input.id), input.version, data
            )

        return await _payload(info, await attempt(run))

    @strawberry.mutation(description="Hide a product from lists; its licenses stay.")
    async def product_archive(self, info: Info, input: ProductIdInput) -> ProductPayload:
        return await _payload(
            info,
            await attempt(
                lambda: ops.product_archive(info.context.principal, _product_id(input.id))
            ),
        )

    @strawberry.mutation(description="Bring an archived product back.")
    async def product_restore(self, info: Info, input: ProductIdInput) -> ProductPayload:
        return await _payload(
            info,
            await attempt(
                lambda: ops.product_restore(info.context.principal, _product_id(input.id))
            ),
        )

    @strawberry.mutation(description="Delete a product with no licenses. Refused otherwise.")
    async def product_delete(self, info: Info, input: ProductIdInput) -> ProductDeletePayload:
        deleted, errors = await attempt(
            lambda: ops.product_delete(info.context.principal, _product_id(input.id))
        )
        return ProductDeletePayload(deleted_id=input.id if deleted else None, errors=errors)
