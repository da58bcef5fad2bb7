"""Teams: create, update, delete, add and remove members, list. Admins manage them; roles
that may see users may see teams."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tortoise.transactions import in_transaction

from licman.models import Grant, Team, TeamMembership, User
from licman.models.base import fold
from licman.resolvers.audit import audit_record
from licman.resolvers.common import UNSET, found, locked, require, snapshot, unique_as
from licman.resolvers.errors import not_found
from licman.resolvers.validation import Checker
from licman.security.permissions import Action, forget_grants
from licman.security.principal import Principal


@dataclass
class TeamInput:
    name: str = UNSET
    description: str = UNSET


def _clean(data: TeamInput, creating: bool) -> dict[str, Any]:
    check = Checker()
    out: dict[str, Any] = {}
    if data.name is not UNSET or creating:
        name = None if data.name is UNSET else data.name
        out["name"] = check.text("name", name, max_length=200, required=True)
    if data.description is not UNSET:
        out["description"] = check.text("description", data.description or "", max_length=10_000)
    check.done()
    if "name" in out:
        out["name_key"] = fold(out["name"])
    return out


def _duplicate(name: str) -> str:
    return f"A team named {name!r} already exists (names are compared ignoring case)."


def _forget_grants(principal: Principal) -> None:
    # The caller's grants are memoised per request; a membership change may alter them.
    forget_grants(principal)


async def _snapshot(team: Team) -> dict[str, Any]:
    data = snapshot(team)
    data["member_ids"] = sorted(
        await TeamMembership.filter(team_id=team.id).values_list("user_id", flat=True)
    )
    return data


async def team_get(principal: Principal, team_id: int) -> Team:
    require(principal, Action.USER_VIEW, "see teams")
    return await found(Team, team_id, "team")


async def team_list(principal: Principal, team_ids: Sequence[int] | None = None) -> list[Team]:
    """Teams by name; with `team_ids`, only those (missing ids are left out)."""
    require(principal, Action.USER_VIEW, "see teams")
    query = Team.all() if team_ids is None else Team.filter(id__in=list(team_ids))
    return await query.order_by("name_key", "id")


async def team_members(principal: Principal, team_ids: Sequence[int]) -> dict[int, list[User]]:
    """The members of each team, by e-mail, in one statement for all the teams."""
    require(principal, Action.USER_VIEW, "see team members")
    found: dict[int, list[User]] = {team_id: [] for team_id in team_ids}
    memberships = (
        await TeamMembership.filter(team_id__in=list(team_ids))
        .select_related("user")
        .order_by("user__email_key", "id")
    )
    for membership in memberships:
        found[membership.team_id].append(membership.user)
    return found


async def team_create(principal: Principal, data: TeamInput) -> Team:
    require(principal, Action.USER_ADMIN, "create teams")
    fields = _clean(data, creating=True)
    async with in_transaction(), unique_as("name", _duplicate(fields["name"]), "name_key"):
        team = await Team.create(**fields)
        await audit_record(principal, "team.create", "team", team.id, after=await _snapshot(team))
    return team


async def team_update(principal: Principal, team_id: int, data: TeamInput) -> Team:
    """Rename a team or change its description. Teams have no version: the last change wins."""
    require(principal, Action.USER_ADMIN, "change teams")
    fields = _clean(data, creating=False)
    async with in_transaction():
        team = await locked(Team, team_id, "team")
        before = await _snapshot(team)
        if not fields:
            return team
        for name, value in fields.items():
            setattr(team, name, value)
        async with unique_as("name", _duplicate(team.name), "name_key"):
            await team.save(update_fields=[*fields, "updated_at"])
        await audit_record(
            principal, "team.update", "team", team_id, before=before, after=await _snapshot(team)
        )
    return team


async def team_delete(principal: Principal, team_id: int) -> int:
    """Delete a team; its memberships and the grants made to it go with it, and the audit
    event lists them."""
    require(principal, Action.USER_ADMIN, "delete teams")
    async with in_transaction():
        team = await locked(Team, team_id, "team")
        before = await _snapshot(team)
        grants = await Grant.filter(team_id=team_id).order_by("id")
        await team.delete()
        await audit_record(
            principal,
            "team.delete",
            "team",
            team_id,
            before=before,
            extra={"grants_deleted": [snapshot(g) for g in grants]},
        )
    _forget_grants(principal)
    return team_id


async def team_member_add(principal: Principal, team_id: int, user_id: int) -> Team:
    """Add an active user to the team; adding a member again changes nothing."""
    require(principal, Action.USER_ADMIN, "change team members")
    async with in_transaction():
        # Locked: two concurrent adds of the same user cannot both insert.
        team = await locked(Team, team_id, "team", "teamId")
        if not await User.exists(id=user_id, is_active=True):
            raise not_found("active user", "userId")
        if not await TeamMembership.exists(team_id=team_id, user_id=user_id):
            await TeamMembership.create(team_id=team_id, user_id=user_id)
            await audit_record(
                principal, "team.member_add", "team", team_id, extra={"user_id": user_id}
            )
    _forget_grants(principal)
    return team


async def team_member_remove(principal: Principal, team_id: int, user_id: int) -> Team:
    """Take a user out of the team; removing a non-member changes nothing."""
    require(principal, Action.USER_ADMIN, "change team members")
    async with in_transaction():
        team = await locked(Team, team_id, "team", "teamId")
        if not await User.exists(id=user_id):
            raise not_found("user", "userId")
        if await TeamMembership.filter(team_id=team_id, user_id=user_id).delete():
            await audit_record(
                principal, "team.member_remove", "team", team_id, extra={"user_id": user_id}
            )
    _forget_grants(principal)
    return team
