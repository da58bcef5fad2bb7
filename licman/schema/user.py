"""Users over GraphQL: the User type (e-mail shown to admins, managers, auditors and the
user), `me`, `users`, and the user administration mutations."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

import strawberry
from strawberry import relay

import licman.schema.enums  # noqa: F401  (registers the model enums with Strawberry)
from licman import models
from licman.resolvers import user as ops
from licman.resolvers.errors import forbidden
from licman.schema.abilities import UserViewerCan
from licman.schema.context import Info
from licman.schema.errors import UserError
from licman.schema.ids import decode_id, nodes_by_id
from licman.schema.mutation import attempt
from licman.schema.reminder import ReminderSettings, my_reminders
from licman.security.passwords import generate_password
from licman.security.permissions import Action, may_see_email, scope_needed


@strawberry.type(description="A person who signs in to Licman.")
class User(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Display name; may be empty.")
    role: models.Role = strawberry.field(description="admin, manager, member or auditor.")
    is_active: bool = strawberry.field(description="False once deactivated: cannot sign in.")
    email_value: strawberry.Private[str]

    @strawberry.field(
        description="Sign-in e-mail address, unique regardless of case. Visible to admins, "
        "managers, auditors and the user; others get null with a FORBIDDEN error."
    )
    def email(self, info: Info) -> str | None:
        principal = info.context.principal
        if not may_see_email(principal, self.id):
            missing = scope_needed(principal, Action.USER_VIEW_EMAIL)
            raise forbidden("see other users' e-mail addresses", missing)
        return self.email_value

    @strawberry.field(
        description="Your expiry reminders (lead times, opt-out, calendar feed). Only on "
        "yourself (`me`): anyone else's is null with a FORBIDDEN error."
    )
    async def reminders(self, info: Info) -> ReminderSettings | None:
        return await my_reminders(info, self.id)

    @strawberry.field(description="What you may do to this user's account.")
    def viewer_can(self, info: Info) -> UserViewerCan:
        return UserViewerCan.of(info, self.id)

    @classmethod
    def from_model(cls, user: models.User) -> User:
        return cls(
            id=user.id,
            email_value=user.email,
            name=user.name,
            role=models.Role(user.role),
            is_active=user.is_active,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[User | None]:
        return await nodes_by_id(info, node_ids, ops.user_get_many, cls.from_model)


@strawberry.input(description="A new user. Without a password, one is generated and shown once.")
class UserCreateInput:
    email: str
    name: str = ""
    role: models.Role = models.Role.MEMBER
    password: str | None = None


@strawberry.input(description="Change a user's role or display name.")
class UserUpdateInput:
    id: strawberry.ID
    role: models.Role | None = None
    name: str | None = None


@strawberry.input
class UserIdInput:
    id: strawberry.ID


@strawberry.type
class UserPayload:
    user: User | None
    errors: list[UserError]


@strawberry.type
class UserCreatePayload:
    user: User | None
    initial_password: str | None = strawberry.field(
        description="The generated password, shown this once (null if you chose one)."
    )
    errors: list[UserError]


def _user_id(value: strawberry.ID) -> int:
    return decode_id(value, "User", "id")


def _payload(result: tuple[models.User | None, list[UserError]]) -> UserPayload:
    user, errors = result
    return UserPayload(user=User.from_model(user) if user else None, errors=errors)


@strawberry.type
class UserQuery:
    @strawberry.field(
        description="The signed-in user. Anonymous callers get an UNAUTHENTICATED error."
    )
    async def me(self, info: Info) -> User | None:
        return User.from_model(await ops.viewer(info.context.principal))

    @strawberry.field(
        description="Users by e-mail: every one, or with `search` those whose name or "
        "e-mail contains it. Admins, managers and auditors."
    )
    async def users(
        self,
        info: Info,
        include_inactive: bool = True,
        search: Annotated[
            str | None,
            strawberry.argument(
                description="Case-insensitive text in the name or e-mail (up to 200 "
                "characters): what a person picker sends as one types."
            ),
        ] = None,
        first: Annotated[
            int | None,
            strawberry.argument(description="At most this many users (1 to 100); all if null."),
        ] = None,
    ) -> list[User]:
        rows = await ops.user_list(
            info.context.principal,
            include_inactive=include_inactive,
            search=search,
            first=first,
        )
        return [User.from_model(u) for u in rows]


@strawberry.type
class UserMutation:
    @strawberry.mutation(description="Create (invite) a user. Admins only.")
    async def user_create(self, info: Info, input: UserCreateInput) -> UserCreatePayload:
        generated = generate_password() if input.password is None else None
        user, errors = await attempt(
            lambda: ops.user_create(
                info.context.principal,
                email=input.email,
                password=input.password if input.password is not None else generated,
                role=input.role,
                name=input.name,
            )
        )
        return UserCreatePayload(
            user=User.from_model(user) if user else None,
            initial_password=generated if user else None,
            errors=errors,
        )

    @strawberry.mutation(description="Change a user's role or name. Admins only.")
    async def user_update(self, info: Info, input: UserUpdateInput) -> UserPayload:
        return _payload(
            await attempt(
                lambda: ops.user_update(
                    info.context.principal, _user_id(input.id), role=input.role, name=input.name
                )
            )
        )

    @strawberry.mutation(
        description="Deactivate a user: they cannot sign in, and their sessions and API "
        "tokens stop working at once. Admins only."
    )
    async def user_deactivate(self, info: Info, input: UserIdInput) -> UserPayload:
        return _payload(
            await attempt(
                lambda: ops.user_set_active(info.context.principal, _user_id(input.id), False)
            )
        )

    @strawberry.mutation(description="Let a deactivated user sign in again. Admins only.")
    async def user_reactivate(self, info: Info, input: UserIdInput) -> UserPayload:
        return _payload(
            await attempt(
                lambda: ops.user_set_active(info.context.principal, _user_id(input.id), True)
            )
        )
