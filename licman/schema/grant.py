"""Grants over GraphQL: the type, `grants`, `grantCreate` and `grantRevoke`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import strawberry
from strawberry import relay

import licman.schema.enums  # noqa: F401  (registers the model enums with Strawberry)
from licman import models
from licman.resolvers import grant as ops
from licman.schema.context import Info
from licman.schema.errors import UserError
from licman.schema.ids import decode_id, global_id, nodes_by_id
from licman.schema.mutation import attempt
from licman.schema.team import Team
from licman.schema.user import User


@strawberry.type(
    description="Rights on one license, or on every license of a vendor, for a user or a team."
)
class Grant(relay.Node):
    id: relay.NodeID[int]
    license_id: strawberry.ID | None = strawberry.field(
        description="The license, if the grant is on one license."
    )
    vendor_id: strawberry.ID | None = strawberry.field(
        description="The vendor, if the grant is on every license of a vendor."
    )
    user: User | None = strawberry.field(description="The user, if granted to a user.")
    team: Team | None = strawberry.field(description="The team, if granted to a team.")
    rights: list[models.GrantRight]
    created_at: datetime

    @classmethod
    def from_model(cls, grant: models.Grant) -> Grant:
        """From a grant whose user and team were loaded with it."""
        return cls(
            id=grant.id,
            license_id=global_id("License", grant.license_id) if grant.license_id else None,
            vendor_id=global_id("Vendor", grant.vendor_id) if grant.vendor_id else None,
            user=User.from_model(grant.user) if grant.user else None,
            team=Team.from_model(grant.team) if grant.team else None,
            rights=[models.GrantRight(r) for r in grant.rights],
            created_at=grant.created_at,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Grant | None]:
        return await nodes_by_id(info, node_ids, ops.grant_get_many, cls.from_model)


@strawberry.input(
    description="Rights for a user or a team (give exactly one) on a license or a vendor "
    "(exactly one). A second grant to the same grantee on the same object adds its rights."
)
class GrantCreateInput:
    license_id: strawberry.ID | None = None
    vendor_id: strawberry.ID | None = None
    user_id: strawberry.ID | None = None
    team_id: strawberry.ID | None = None
    rights: list[models.GrantRight]


@strawberry.input
class GrantRevokeInput:
    id: strawberry.ID


@strawberry.type
class GrantPayload:
    grant: Grant | None
    errors: list[UserError]


@strawberry.type
class GrantRevokePayload:
    revoked_id: strawberry.ID | None
    errors: list[UserError]


def _optional(value: strawberry.ID | None, type_name: str, field: str) -> int | None:
    return None if value is None else decode_id(value, type_name, field)


@strawberry.type
class GrantQuery:
    @strawberry.field(
        description="Grants on a license (needs admin or the license's owner), on a vendor "
        "(needs admin), or, with neither, every grant you may manage. A license's list "
        "leaves out grants on its vendor."
    )
    async def grants(
        self,
        info: Info,
        license_id: strawberry.ID | None = None,
        vendor_id: strawberry.ID | None = None,
    ) -> list[Grant]:
        rows = await ops.grant_list(
            info.context.principal,
            license_id=_optional(license_id, "License", "licenseId"),
            vendor_id=_optional(vendor_id, "Vendor", "vendorId"),
        )
        return [Grant.from_model(g) for g in rows]


@strawberry.type
class GrantMutation:
    @strawberry.mutation(
        description="Give rights on a license or vendor. Admins on anything; a license's "
        "owner on that license, and only rights they hold on it."
    )
    async def grant_create(self, info: Info, input: GrantCreateInput) -> GrantPayload:
        async def run() -> models.Grant:
            return await ops.grant_create(
                info.context.principal,
                license_id=_optional(input.license_id, "License", "licenseId"),
                vendor_id=_optional(input.vendor_id, "Vendor", "vendorId"),
                user_id=_optional(input.user_id, "User", "userId"),
                team_id=_optional(input.team_id, "Team", "teamId"),
                rights=input.rights,
            )

        grant, errors = await attempt(run)
        return GrantPayload(grant=Grant.from_model(grant) if grant else None, errors=errors)

    @strawberry.mutation(
        description="Take a grant away with all its rights; it stops counting at once."
    )
    async def grant_revoke(self, info: Info, input: GrantRevokeInput) -> GrantRevokePayload:
        revoked, errors = await attempt(
            lambda: ops.grant_revoke(info.context.principal, decode_id(input.id, "Grant", "id"))
        )
        return GrantRevokePayload(revoked_id=input.id if revoked else None, errors=errors)
