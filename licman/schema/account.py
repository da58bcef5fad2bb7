"""The signed-in user's own account over GraphQL: the password (sessions and API tokens:
`session.py`, `api_token.py`), and the inputs and payloads they share."""

from __future__ import annotations

import strawberry

from licman.resolvers import account as ops
from licman.schema.context import Info
from licman.schema.errors import UserError
from licman.schema.mutation import attempt
from licman.security.throttle import LoginThrottle


@strawberry.input
class PasswordChangeInput:
    old_password: str
    new_password: str = strawberry.field(description="12 to 1,024 characters.")


@strawberry.input
class IdInput:
    id: strawberry.ID


@strawberry.type
class PasswordChangePayload:
    ok: bool
    errors: list[UserError]


@strawberry.type
class RevokePayload:
    revoked_id: strawberry.ID | None
    errors: list[UserError]


@strawberry.type
class AccountMutation:
    @strawberry.mutation(
        description="Change your password. Your other sessions and your API tokens end. A "
        "wrong oldPassword counts as a failed sign-in: after too many (10 in 15 minutes by "
        "default) both this and sign-in answer TOO_MANY_ATTEMPTS until the window passes."
    )
    async def password_change(
        self, info: Info, input: PasswordChangeInput
    ) -> PasswordChangePayload:
        # The sign-in throttle of the app: wrong passwords here count with failed sign-ins.
        throttle: LoginThrottle = info.context.request.app.state.login_throttle
        user, errors = await attempt(
            lambda: ops.password_change(
                info.context.principal, input.old_password, input.new_password, throttle=throttle
            )
        )
        return PasswordChangePayload(ok=user is not None, errors=errors)
