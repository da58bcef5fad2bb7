"""What the caller may do, as the permission engine answers it: `viewerCan` on License and
Vendor, and the root `viewerCan` for actions that concern no single object. Clients show or
hide buttons from these answers instead of re-deriving rules from roles."""

from __future__ import annotations

from dataclasses import asdict

import strawberry

from licman.schema.context import Info
from licman.security import permissions


@strawberry.type(
    description="What you may do with this license. Roles, ownership, grants (to you or "
    "your teams, on the license or its vendor) and your token's scopes all count."
)
class LicenseViewerCan:
    change: bool = strawberry.field(
        description="licenseUpdate, licenseArchive, licenseRestore, licenseRenew, "
        "licenseRevoke, and tagging it."
    )
    assign: bool = strawberry.field(description="licenseAssign and licenseUnassign.")
    reveal: bool = strawberry.field(
        description="Read `secret` (each read is recorded in the audit log)."
    )
    delete: bool = strawberry.field(description="licenseDelete.")
    view_cost: bool = strawberry.field(description="Read `cost` and the renewal terms' costs.")
    manage_grants: bool = strawberry.field(
        description="List, give and revoke grants on this license (grantCreate, grantRevoke)."
    )

    @classmethod
    async def of(
        cls, info: Info, license_id: int, vendor_id: int | None, owner_id: int | None
    ) -> LicenseViewerCan:
        found = await permissions.license_abilities(
            info.context.principal, license_id=license_id, vendor_id=vendor_id, owner_id=owner_id
        )
        return cls(**asdict(found))


@strawberry.type(description="What you may do with this vendor and its products.")
class VendorViewerCan:
    change: bool = strawberry.field(
        description="vendorUpdate, vendorArchive, vendorRestore, and adding or changing "
        "its products."
    )
    delete: bool = strawberry.field(description="vendorDelete and productDelete.")
    manage_grants: bool = strawberry.field(
        description="Give and revoke grants on the vendor, which reach all its licenses."
    )

    @classmethod
    def of(cls, info: Info) -> VendorViewerCan:
        return cls(**asdict(permissions.vendor_abilities(info.context.principal)))


@strawberry.type(description="What you may do to this user's account.")
class UserViewerCan:
    change_role: bool = strawberry.field(
        description="userUpdate with a new role (admins, not on themselves)."
    )
    set_active: bool = strawberry.field(
        description="userDeactivate and userReactivate (admins, not on themselves)."
    )

    @classmethod
    def of(cls, info: Info, user_id: int) -> UserViewerCan:
        return cls(**asdict(permissions.user_abilities(info.context.principal, user_id)))


@strawberry.type(
    description="What you may do anywhere, whatever the object. Grants and ownership can "
    "allow more on single licenses: ask `viewerCan` on the license for those."
)
class ViewerCan:
    create_license: bool = strawberry.field(description="licenseCreate.")
    change_every_license: bool = strawberry.field(
        description="Change, archive, renew, revoke, tag and assign seats of any license "
        "you see (without it, a change or assign grant allows this on single licenses)."
    )
    view_every_cost: bool = strawberry.field(
        description="See the cost of every license you see, and spend on the dashboard."
    )
    manage_catalog: bool = strawberry.field(
        description="Create, change, archive and restore vendors, products and tags."
    )
    delete_catalog: bool = strawberry.field(description="Delete vendors, products and tags.")
    view_users: bool = strawberry.field(description="List users and teams, and team members.")
    view_emails: bool = strawberry.field(
        description="See other users' e-mail addresses (everyone sees their own)."
    )
    manage_users: bool = strawberry.field(
        description="Create users, change roles, deactivate and reactivate users, manage "
        "teams, and end other people's sessions and tokens."
    )
    manage_grants: bool = strawberry.field(
        description="Give and revoke grants on every license and vendor (owners may also "
        "manage the grants on their own licenses)."
    )
    view_audit: bool = strawberry.field(description="Read the audit log and the API request log.")
    manage_account: bool = strawberry.field(
        description="Change your password, end your sessions, create and revoke your API "
        "tokens (a token needs the account scope for this)."
    )


@strawberry.type
class ViewerQuery:
    @strawberry.field(
        description="What you may do anywhere, as the server decides it (all false when "
        "signed out). Use it to offer only the actions that will be allowed."
    )
    def viewer_can(self, info: Info) -> ViewerCan:
        return ViewerCan(**asdict(permissions.viewer_abilities(info.context.principal)))
