"""Vendors over GraphQL: the type, `vendors` / `vendor`, and the vendor mutations."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay

from licman import models
from licman.resolvers import vendor as ops
from licman.resolvers.common import require, snapshot
from licman.schema.abilities import VendorViewerCan
from licman.schema.context import Info
from licman.schema.errors import UserError
from licman.schema.ids import decode_id, nodes_by_id, read_back
from licman.schema.mutation import attempt, given
from licman.security.permissions import Action, may_view_all_costs

if TYPE_CHECKING:
    from licman.schema.audit import AuditEventConnection
    from licman.schema.product import Product


@strawberry.type(description="A company that sells software or services.")
class Vendor(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Unique regardless of case.")
    website: str | None = strawberry.field(description="http(s) URL.")
    notes: str
    archived_at: datetime | None = strawberry.field(description="Set while archived.")
    version: int = strawberry.field(description="Send it back with vendorUpdate.")
    created_at: datetime
    updated_at: datetime

    @strawberry.field(description="The vendor's products, by name.")
    async def products(
        self, info: Info
    ) -> list[Annotated[Product, strawberry.lazy("licman.schema.product")]]:
        from licman.schema.product import Product

        rows = await info.context.loaders.products_by_vendor.load(self.id)
        return [Product.from_model(p) for p in rows]

    @strawberry.field(description="How many of its licenses you may see.")
    async def license_count(self, info: Info) -> int:
        return await info.context.loaders.license_count_by_vendor.load(self.id)

    @strawberry.field(description="What you may do with this vendor.")
    def viewer_can(self, info: Info) -> VendorViewerCan:
        return VendorViewerCan.of(info)

    @strawberry.field(
        description="What happened to this vendor (its audit events: created, changed, "
        "archived, restored) and to its products (objectType product: created, changed, "
        "archived, restored, deleted), newest first, for everyone who may see vendors "
        "(others: FORBIDDEN). E-mail addresses as User.email allows, costs as License.cost "
        "does."
    )
    async def history(
        self,
        info: Info,
        first: Annotated[
            int | None, strawberry.argument(description="Page size: 1 to 100, default 50.")
        ] = None,
        after: Annotated[
            str | None,
            strawberry.argument(description="endCursor of the previous page (older events)."),
        ] = None,
    ) -> Annotated[AuditEventConnection, strawberry.lazy("licman.schema.audit")] | None:
        from licman.schema.audit import object_history

        principal = info.context.principal
        require(principal, Action.CATALOG_VIEW, "see vendors")
        costs = may_view_all_costs(principal)
        return await object_history(info, "vendor", self.id, first, after, may_see_costs=costs)

    @classmethod
    def from_model(cls, vendor: models.Vendor) -> Vendor:
        return cls.from_values(snapshot(vendor))

    @classmethod
    def from_values(cls, v: dict[str, Any], prefix: str = "") -> Vendor:
        return cls(
            id=v[f"{prefix}id"],
            name=v[f"{prefix}name"],
            website=v[f"{prefix}website"],
            notes=v[f"{prefix}notes"],
            archived_at=v[f"{prefix}archived_at"],
            version=v[f"{prefix}version"],
            created_at=v[f"{prefix}created_at"],
            updated_at=v[f"{prefix}updated_at"],
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Vendor | None]:
        return await nodes_by_id(info, node_ids, ops.vendor_get_many, cls.from_model)


@strawberry.input(description="A new vendor.")
class VendorCreateInput:
    name: str
    website: str | None = None
    notes: str = ""


@strawberry.input(description="Changes to a vendor; fields left out stay as they are.")
class VendorUpdateInput:
    id: strawberry.ID
    version: int = strawberry.field(description="The version you loaded; a newer one: CONFLICT.")
    name: str | None = strawberry.UNSET
    website: str | None = strawberry.UNSET
    notes: str | None = strawberry.UNSET


@strawberry.input
class VendorIdInput:
    id: strawberry.ID


@strawberry.type
class VendorPayload:
    vendor: Vendor | None
    errors: list[UserError]


@strawberry.type
class VendorDeletePayload:
    deleted_id: strawberry.ID | None
    errors: list[UserError]


def _vendor_id(value: strawberry.ID) -> int:
    return decode_id(value, "Vendor", "id")


async def _payload(
    info: Info, result: tuple[models.Vendor | None, list[UserError]]
) -> VendorPayload:
    vendor, errors = result
    found = await read_back(info, vendor, ops.vendor_get_many, Vendor.from_model)
    return VendorPayload(vendor=found, errors=errors)


@strawberry.type
class VendorQuery:
    @strawberry.field(description="Vendors by name. Archived ones only if asked for.")
    async def vendors(self, info: Info, include_archived: bool = False) -> list[Vendor]:
        rows = await ops.vendor_list(info.context.principal, include_archived=include_archived)
        return [Vendor.from_model(v) for v in rows]

    @strawberry.field(description="One vendor by id.")
    async def vendor(self, info: Info, id: strawberry.ID) -> Vendor | None:
        return Vendor.from_model(await ops.vendor_get(info.context.principal, _vendor_id(id)))


@strawberry.type
class VendorMutation:
    @strawberry.mutation(description="Add a vendor. Needs admin or manager.")
    async def vendor_create(self, info: Info, input: VendorCreateInput) -> VendorPayload:
        data = ops.VendorInput(name=input.name, website=input.website, notes=input.notes)
        return await _payload(
            info, await attempt(lambda: ops.vendor_create(info.context.principal, data))
        )

    @strawberry.mutation(description="Change a vendor (optimistic locking by version).")
    async def vendor_update(self, info: Info, input: VendorUpdateInput) -> VendorPayload:
        async def run() -> models.Vendor:
            data = ops.VendorInput(
                name=given(input.name), website=given(input.website), notes=given(input.notes)
            )
            return await ops.vendor_update(
                info.context.principal, _vendor_id(input.id), input.version, data
            )

        return await _payload(info, await attempt(run))

    @strawberry.mutation(description="Hide a vendor from lists; its licenses stay.")
    async def vendor_archive(self, info: Info, input: VendorIdInput) -> VendorPayload:
        return await _payload(
            info,
            await attempt(lambda: ops.vendor_archive(info.context.principal, _vendor_id(input.id))),
        )

    @strawberry.mutation(description="Bring an archived vendor back.")
    async def vendor_restore(self, info: Info, input: VendorIdInput) -> VendorPayload:
        return await _payload(
            info,
            await attempt(lambda: ops.vendor_restore(info.context.principal, _vendor_id(input.id))),
        )

    @strawberry.mutation(
        description="Delete a vendor with no licenses. Refused (IN_USE) otherwise."
    )
    async def vendor_delete(self, info: Info, input: VendorIdInput) -> VendorDeletePayload:
        deleted, errors = await attempt(
            lambda: ops.vendor_delete(info.context.principal, _vendor_id(input.id))
        )
        return VendorDeletePayload(deleted_id=input.id if deleted else None, errors=errors)
