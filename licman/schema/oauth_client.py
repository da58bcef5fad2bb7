"""OAuth2 clients over GraphQL: admins register and manage integrations; every user sees and
revokes the apps they have authorised to act for them."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from licman import models
from licman.resolvers import oauth_client as ops
from licman.schema import enums as _enums  # noqa: F401 - registers Role
from licman.schema.context import Info
from licman.schema.errors import UserError
from licman.schema.ids import decode_id, global_id
from licman.schema.mutation import attempt, given


@strawberry.enum(description="How an OAuth2 client obtains tokens.")
class OAuthGrantType(Enum):
    AUTHORIZATION_CODE = "authorization_code"
    CLIENT_CREDENTIALS = "client_credentials"


@strawberry.type(description="A third-party integration registered to use Licman's API.")
class OAuthClient:
    id: strawberry.ID
    client_id: str = strawberry.field(description="Public identifier the integration sends.")
    name: str = strawberry.field(description="Shown to users on the consent page.")
    confidential: bool = strawberry.field(
        description="Has a secret (a server-side app). Public clients (browser and desktop "
        "apps) have none and rely on PKCE."
    )
    grant_types: list[OAuthGrantType]
    redirect_uris: list[str] = strawberry.field(
        description="Where users are sent back after consent; matched exactly (any port "
        "for http://127.0.0.1, [::1] and localhost)."
    )
    scopes: list[str] = strawberry.field(description="The most it may ask for.")
    service_role: models.Role | None = strawberry.field(
        description="The role it acts with under client credentials; null without that grant."
    )
    created_at: datetime
    disabled_at: datetime | None = strawberry.field(
        description="When it was disabled; null while enabled."
    )

    @classmethod
    def from_model(cls, row: models.OAuthClient) -> OAuthClient:
        return cls(
            id=global_id("OAuthClient", row.id),
            client_id=row.client_id,
            name=row.name,
            confidential=row.client_secret_hash is not None,
            grant_types=[OAuthGrantType(g) for g in row.grant_types],
            redirect_uris=list(row.redirect_uris),
            scopes=list(row.scopes),
            service_role=models.Role(row.service_role) if row.service_role else None,
            created_at=row.created_at,
            disabled_at=row.revoked_at,
        )


@strawberry.type(description="An application you have allowed to act as you.")
class AuthorizedApp:
    id: strawberry.ID = strawberry.field(description="The OAuth client's id.")
    name: str
    client_id: str
    scopes: list[str] = strawberry.field(description="What you allowed it to do.")
    authorized_at: datetime
    last_used_at: datetime | None


@strawberry.input(description="A new OAuth2 client.")
class OAuthClientCreateInput:
    name: str
    grant_types: list[OAuthGrantType]
    scopes: list[str] = strawberry.field(
        description="Scopes it may ask for: licenses:read, licenses:write, secrets:reveal, "
        "audit:read, admin, account."
    )
    redirect_uris: list[str] = strawberry.field(
        default_factory=list, description="Needed for authorization_code; https, or http "
        "on a loopback address."
    )  # fmt: skip
    confidential: bool = strawberry.field(
        default=True, description="False for a public client (no secret); then only "
        "authorization_code is possible."
    )  # fmt: skip
    service_role: models.Role | None = strawberry.field(
        default=None,
        description="For client_credentials: the role it acts with (default member).",
    )


@strawberry.input(description="Change an OAuth2 client; fields left out stay as they are.")
class OAuthClientUpdateInput:
    id: strawberry.ID
    name: str | None = strawberry.UNSET
    grant_types: list[OAuthGrantType] | None = strawberry.UNSET
    scopes: list[str] | None = strawberry.UNSET
    redirect_uris: list[str] | None = strawberry.UNSET
    service_role: models.Role | None = strawberry.UNSET


@strawberry.input
class OAuthClientIdInput:
    id: strawberry.ID


@strawberry.type
class OAuthClientPayload:
    oauth_client: OAuthClient | None
    errors: list[UserError]


@strawberry.type
class OAuthClientSecretPayload:
    client_secret: str | None = strawberry.field(
        description="The client secret, shown this once (null for a public client). Only "
        "its hash is stored."
    )
    oauth_client: OAuthClient | None
    errors: list[UserError]


@strawberry.type
class OAuthClientDeletePayload:
    deleted_id: strawberry.ID | None
    errors: list[UserError]


@strawberry.type
class AuthorizedAppRevokePayload:
    revoked_id: strawberry.ID | None
    errors: list[UserError]


def _pk(value: strawberry.ID) -> int:
    return decode_id(value, "OAuthClient", "id")


def _grants(values: list[OAuthGrantType] | None) -> list[str]:
    return [v.value for v in values or []]


def _payload(row: models.OAuthClient | None, errors: list[UserError]) -> OAuthClientPayload:
    return OAuthClientPayload(
        oauth_client=OAuthClient.from_model(row) if row else None, errors=errors
    )


@strawberry.type
class OAuthClientQuery:
    @strawberry.field(description="Every registered OAuth2 client, by name. Admins only.")
    async def oauth_clients(self, info: Info) -> list[OAuthClient]:
        rows = await ops.oauth_client_list(info.context.principal)
        return [OAuthClient.from_model(r) for r in rows]

    @strawberry.field(description="The applications you have allowed to act as you.")
    async def my_authorized_apps(self, info: Info) -> list[AuthorizedApp]:
        apps = await ops.my_authorized_apps(info.context.principal)
        return [
            AuthorizedApp(
                id=global_id("OAuthClient", a.client.id),
                name=a.client.name,
                client_id=a.client.client_id,
                scopes=a.scopes,
                authorized_at=a.authorized_at,
                last_used_at=a.last_used_at,
            )
            for a in apps
        ]


@strawberry.type
class OAuthClientMutation:
    @strawberry.mutation(
        description="Register an OAuth2 client. A confidential client's secret is in the "
        "answer, this once. Admins only."
    )
    async def oauth_client_create(
        self, info: Info, input: OAuthClientCreateInput
    ) -> OAuthClientSecretPayload:
        spec = ops.ClientSpec.new(
            input.name, _grants(input.grant_types), input.scopes, input.redirect_uris,
            input.service_role,
        )  # fmt: skip
        result, errors = await attempt(
            lambda: ops.oauth_client_create(
                info.context.principal, spec, confidential=input.confidential
            )
        )
        if result is None:
            return OAuthClientSecretPayload(client_secret=None, oauth_client=None, errors=errors)
        secret, row = result
        return OAuthClientSecretPayload(
            client_secret=secret, oauth_client=OAuthClient.from_model(row), errors=[]
        )

    @strawberry.mutation(
        description="Change an OAuth2 client. New grants, scopes or service role end its "
        "current tokens. Admins only."
    )
    async def oauth_client_update(
        self, info: Info, input: OAuthClientUpdateInput
    ) -> OAuthClientPayload:
        spec = ops.ClientSpec(
            name=given(input.name),
            # null for a list is "none", which the rules then judge
            grant_types=[] if input.grant_types is None else given(input.grant_types, _grants),
            redirect_uris=[] if input.redirect_uris is None else given(input.redirect_uris),
            scopes=[] if input.scopes is None else given(input.scopes),
            service_role=given(input.service_role),
        )
        return _payload(
            *await attempt(
                lambda: ops.oauth_client_update(info.context.principal, _pk(input.id), spec)
            )
        )

    @strawberry.mutation(
        description="Disable an OAuth2 client: its tokens stop working at once and it gets "
        "no new ones. Admins only."
    )
    async def oauth_client_disable(
        self, info: Info, input: OAuthClientIdInput
    ) -> OAuthClientPayload:
        return _payload(
            *await attempt(
                lambda: ops.oauth_client_set_enabled(info.context.principal, _pk(input.id), False)
            )
        )

    @strawberry.mutation(description="Enable a disabled OAuth2 client again. Admins only.")
    async def oauth_client_enable(
        self, info: Info, input: OAuthClientIdInput
    ) -> OAuthClientPayload:
        return _payload(
            *await attempt(
                lambda: ops.oauth_client_set_enabled(info.context.principal, _pk(input.id), True)
            )
        )

    @strawberry.mutation(
        description="Replace a confidential client's secret; the new one is shown this once "
        "and the old one stops working. Admins only."
    )
    async def oauth_client_secret_rotate(
        self, info: Info, input: OAuthClientIdInput
    ) -> OAuthClientSecretPayload:
        result, errors = await attempt(
            lambda: ops.oauth_client_secret_rotate(info.context.principal, _pk(input.id))
        )
        if result is None:
            return OAuthClientSecretPayload(client_secret=None, oauth_client=None, errors=errors)
        secret, row = result
        return OAuthClientSecretPayload(
            client_secret=secret, oauth_client=OAuthClient.from_model(row), errors=[]
        )

    @strawberry.mutation(description="Delete an OAuth2 client with all its tokens. Admins only.")
    async def oauth_client_delete(
        self, info: Info, input: OAuthClientIdInput
    ) -> OAuthClientDeletePayload:
        done, errors = await attempt(
            lambda: ops.oauth_client_delete(info.context.principal, _pk(input.id))
        )
        return OAuthClientDeletePayload(deleted_id=input.id if done else None, errors=errors)

    @strawberry.mutation(
        description="Take away an application's access to your account: every token it "
        "holds for you stops working at once."
    )
    async def authorized_app_revoke(
        self, info: Info, input: OAuthClientIdInput
    ) -> AuthorizedAppRevokePayload:
        done, errors = await attempt(
            lambda: ops.authorized_app_revoke(info.context.principal, _pk(input.id))
        )
        return AuthorizedAppRevokePayload(revoked_id=input.id if done else None, errors=errors)
