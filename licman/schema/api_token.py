"""Personal API tokens over GraphQL: yours, creating one (shown once), revoking one."""

from __future__ import annotations

from datetime import datetime

import strawberry

from licman import models
from licman.resolvers import api_token as ops
from licman.schema.account import IdInput, RevokePayload
from licman.schema.context import Info
from licman.schema.errors import UserError
from licman.schema.ids import decode_id, global_id
from licman.schema.mutation import attempt


@strawberry.type(description="A personal API token (its value is shown only when created).")
class ApiToken:
    id: strawberry.ID
    name: str
    prefix: str = strawberry.field(description="The first characters, to recognise it.")
    scopes: list[str] = strawberry.field(description="Empty: all of your rights.")
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None

    @classmethod
    def from_model(cls, row: models.ApiToken) -> ApiToken:
        return cls(
            id=global_id("ApiToken", row.id),
            name=row.name,
            prefix=row.prefix,
            scopes=list(row.scopes),
            created_at=row.created_at,
            expires_at=row.expires_at,
            last_used_at=row.last_used_at,
        )


@strawberry.input(description="A new personal API token.")
class ApiTokenCreateInput:
    name: str
    scopes: list[str] = strawberry.field(
        default_factory=list,
        description="Narrow the token: licenses:read, licenses:write, secrets:reveal, "
        "audit:read, admin, account (manage your password, sessions and tokens). "
        "Empty: all of your rights. Created with a scoped token: a subset of its scopes "
        "(empty: the same scopes).",
    )
    expires_at: datetime | None = strawberry.field(
        default=None,
        description="When it stops working; null: never. Created with a token that expires: "
        "on or before that token's expiry (null: the same expiry).",
    )


@strawberry.type
class ApiTokenCreatePayload:
    token: str | None = strawberry.field(
        description="The token itself, shown this once. Send it as Authorization: Bearer."
    )
    api_token: ApiToken | None
    errors: list[UserError]


@strawberry.type
class ApiTokenQuery:
    @strawberry.field(description="Your API tokens that have not been revoked.")
    async def my_api_tokens(self, info: Info) -> list[ApiToken]:
        rows = await ops.my_tokens(info.context.principal)
        return [ApiToken.from_model(r) for r in rows]


@strawberry.type
class ApiTokenMutation:
    @strawberry.mutation(description="Create a personal API token; it is shown only here.")
    async def api_token_create(
        self, info: Info, input: ApiTokenCreateInput
    ) -> ApiTokenCreatePayload:
        result, errors = await attempt(
            lambda: ops.token_create(
                info.context.principal, input.name, input.scopes, input.expires_at
            )
        )
        if result is None:
            return ApiTokenCreatePayload(token=None, api_token=None, errors=errors)
        token, row = result
        return ApiTokenCreatePayload(token=token, api_token=ApiToken.from_model(row), errors=[])

    @strawberry.mutation(description="Revoke an API token (yours; admins: anyone's).")
    async def api_token_revoke(self, info: Info, input: IdInput) -> RevokePayload:
        done, errors = await attempt(
            lambda: ops.token_revoke(info.context.principal, decode_id(input.id, "ApiToken", "id"))
        )
        return RevokePayload(revoked_id=input.id if done else None, errors=errors)
