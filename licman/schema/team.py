"""Teams over GraphQL: the type, `teams` / `team`, and the team mutations."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

import strawberry
from strawberry import relay
from strawberry.dataloader import DataLoader

from licman import models
from licman.resolvers import team as ops
from licman.schema.context import Info
from licman.schema.errors import UserError
from licman.schema.ids import decode_id, nodes_by_id
from licman.schema.mutation import attempt, given
from licman.schema.user import User
from licman.security.principal import Principal


def members_by_team(info: Info) -> DataLoader[int, list[User]]:
    """The members of every team in the response, fetched in one statement per request."""
    principal = info.context.principal

    async def load(team_ids: Sequence[int]) -> list[list[User]]:
        found = await ops.team_members(principal, team_ids)
        return [[User.from_model(u) for u in found[team_id]] for team_id in team_ids]

    loader: DataLoader[int, list[User]] = info.context.loaders.get("members_by_team", load)
    return loader


async def _teams_by_id(principal: Principal, team_ids: list[int]) -> dict[int, models.Team]:
    return {t.id: t for t in await ops.team_list(principal, team_ids)}


@strawberry.type(description="A group of users; grants to a team reach all its members.")
class Team(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Unique regardless of case.")
    description: str
    created_at: datetime
    updated_at: datetime

    @strawberry.field(
        description="The members, by e-mail. Needs a role that may see users (admin, "
        "manager, auditor); others get null with a FORBIDDEN error."
    )
    async def members(self, info: Info) -> list[User] | None:
        return await members_by_team(info).load(self.id)

    @classmethod
    def from_model(cls, team: models.Team) -> Team:
        return cls(
            id=team.id,
            name=team.name,
            description=team.description,
            created_at=team.created_at,
            updated_at=team.updated_at,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Team | None]:
        return await nodes_by_id(info, node_ids, _teams_by_id, cls.from_model)


@strawberry.input(description="A new team.")
class TeamCreateInput:
    name: str
    description: str = ""


@strawberry.input(description="Changes to a team; fields left out stay as they are.")
class TeamUpdateInput:
    id: strawberry.ID
    name: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET


@strawberry.input
class TeamIdInput:
    id: strawberry.ID


@strawberry.input(description="A team and a user.")
class TeamMemberInput:
    team_id: strawberry.ID
    user_id: strawberry.ID


@strawberry.type
class TeamPayload:
    team: Team | None
    errors: list[UserError]


@strawberry.type
class TeamDeletePayload:
    deleted_id: strawberry.ID | None
    errors: list[UserError]


def _team_id(value: strawberry.ID, field: str = "id") -> int:
    return decode_id(value, "Team", field)


def _payload(result: tuple[models.Team | None, list[UserError]]) -> TeamPayload:
    team, errors = result
    return TeamPayload(team=Team.from_model(team) if team else None, errors=errors)


@strawberry.type
class TeamQuery:
    @strawberry.field(description="Teams by name. Needs admin, manager or auditor.")
    async def teams(self, info: Info) -> list[Team]:
        rows = await ops.team_list(info.context.principal)
        return [Team.from_model(t) for t in rows]

    @strawberry.field(description="One team by id. Needs admin, manager or auditor.")
    async def team(self, info: Info, id: strawberry.ID) -> Team | None:
        return Team.from_model(await ops.team_get(info.context.principal, _team_id(id)))


@strawberry.type
class TeamMutation:
    @strawberry.mutation(description="Add a team. Needs admin.")
    async def team_create(self, info: Info, input: TeamCreateInput) -> TeamPayload:
        data = ops.TeamInput(name=input.name, description=input.description)
        return _payload(await attempt(lambda: ops.team_create(info.context.principal, data)))

    @strawberry.mutation(description="Rename a team or change its description. Needs admin.")
    async def team_update(self, info: Info, input: TeamUpdateInput) -> TeamPayload:
        async def run() -> models.Team:
            data = ops.TeamInput(name=given(input.name), description=given(input.description))
            return await ops.team_update(info.context.principal, _team_id(input.id), data)

        return _payload(await attempt(run))

    @strawberry.mutation(
        description="Delete a team; its members lose what its grants gave them. Needs admin."
    )
    async def team_delete(self, info: Info, input: TeamIdInput) -> TeamDeletePayload:
        deleted, errors = await attempt(
            lambda: ops.team_delete(info.context.principal, _team_id(input.id))
        )
        return TeamDeletePayload(deleted_id=input.id if deleted else None, errors=errors)

    @strawberry.mutation(description="Put an active user in a team (again: no change). Admin.")
    async def team_member_add(self, info: Info, input: TeamMemberInput) -> TeamPayload:
        return _payload(
            await attempt(
                lambda: ops.team_member_add(
                    info.context.principal,
                    _team_id(input.team_id, "teamId"),
                    decode_id(input.user_id, "User", "userId"),
                )
            )
        )

    @strawberry.mutation(description="Take a user out of a team (not in it: no change). Admin.")
    async def team_member_remove(self, info: Info, input: TeamMemberInput) -> TeamPayload:
        return _payload(
            await attempt(
                lambda: ops.team_member_remove(
                    info.context.principal,
                    _team_id(input.team_id, "teamId"),
                    decode_id(input.user_id, "User", "userId"),
                )
            )
        )
