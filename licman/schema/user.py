"""The User type and the `me` query."""

from __future__ import annotations

from collections.abc import Iterable

import strawberry
from strawberry import relay

import licman.schema.enums  # noqa: F401  (registers the model enums with Strawberry)
from licman import models
from licman.resolvers import user as user_resolvers
from licman.resolvers.errors import DomainError
from licman.schema.context import Info
from licman.schema.errors import domain_error


@strawberry.type(description="A person who signs in to Licman.")
class User(relay.Node):
    id: relay.NodeID[int]
    email: str = strawberry.field(description="Sign-in e-mail address, unique regardless of case.")
    name: str = strawberry.field(description="Display name; may be empty.")
    role: models.Role = strawberry.field(description="admin, manager, member or auditor.")
    is_active: bool = strawberry.field(description="False once deactivated: cannot sign in.")

    @classmethod
    def from_model(cls, user: models.User) -> User:
        return cls(
            id=user.id,
            email=user.email,
            name=user.name,
            role=models.Role(user.role),
            is_active=user.is_active,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[User | None]:
        principal = info.context.principal
        wanted = [int(node_id) for node_id in node_ids]
        visible = {
            user.id: user
            for user in await models.User.filter(id__in=wanted)
            if principal.role is models.Role.ADMIN
            or (principal.user is not None and principal.user.id == user.id)
        }
        return [cls.from_model(visible[i]) if i in visible else None for i in wanted]


@strawberry.type
class UserQuery:
    @strawberry.field(
        description="The signed-in user. Anonymous callers get an UNAUTHENTICATED error."
    )
    async def me(self, info: Info) -> User | None:
        try:
            return User.from_model(await user_resolvers.viewer(info.context.principal))
        except DomainError as exc:
            raise domain_error(exc) from None
