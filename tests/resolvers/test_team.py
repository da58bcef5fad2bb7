"""Teams through the domain operations: admins manage them and their members, roles that see
users may list them, and every change is one audit event."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from licman.models import Grant, License, Product, Team, TeamMembership, User, Vendor
from licman.resolvers.errors import DomainError, ErrorCode
from licman.resolvers.team import (
    TeamInput,
    team_create,
    team_delete,
    team_get,
    team_list,
    team_member_add,
    team_member_remove,
    team_members,
    team_update,
)
from licman.security.principal import Principal, anonymous
from tests.resolvers.conftest import (
    assert_chain_intact,
    event_count,
    one_new_event,
    user_id,
)

pytestmark = pytest.mark.usefixtures("db")


async def rows() -> tuple[int, int, int]:
    """What a change could leave behind: teams, memberships, audit events."""
    return await Team.all().count(), await TeamMembership.all().count(), await event_count()


async def person(email: str, *, active: bool = True) -> User:
    return await User.create(email=email, name=email.split("@")[0].title(), is_active=active)


async def emails(principal: Principal, team: Team) -> list[str]:
    return [u.email for u in (await team_members(principal, [team.id]))[team.id]]


async def test_admin_creates_a_team(admin: Principal) -> None:
    # When
    team = await team_create(admin, TeamInput(name="  Design ", description="Creative tools"))

    # Then the name is trimmed, the team is listed, and one event records who created what
    assert (team.name, team.description) == ("Design", "Creative tools")
    assert [t.name for t in await team_list(admin)] == ["Design"]
    event = await one_new_event(0)
    assert (event.action, event.object_type, event.object_id) == (
        "team.create",
        "team",
        str(team.id),
    )
    assert event.actor_user_id == user_id(admin)
    assert event.changes["after"]["name"] == "Design"
    assert event.changes["after"]["member_ids"] == []


async def test_teams_are_listed_by_name_ignoring_case(admin: Principal) -> None:
    for name in ("ops", "Design", "Backend"):
        await team_create(admin, TeamInput(name=name))

    assert [t.name for t in await team_list(admin)] == ["Backend", "Design", "ops"]


async def test_names_are_unique_ignoring_case(admin: Principal) -> None:
    # Given
    await team_create(admin, TeamInput(name="Ops"))
    before = await rows()

    # When
    with pytest.raises(DomainError) as refused:
        await team_create(admin, TeamInput(name=" OPS"))

    # Then
    assert (refused.value.code, refused.value.field) == (ErrorCode.DUPLICATE, "name")
    assert "OPS" in refused.value.message
    assert await rows() == before


@pytest.mark.parametrize(
    ("data", "field"),
    [
        pytest.param(TeamInput(name="   "), "name", id="blank-name"),
        pytest.param(TeamInput(name="x" * 201), "name", id="long-name"),
        pytest.param(TeamInput(name="Ops", description="x" * 10_001), "description", id="long"),
    ],
)
async def test_invalid_input_is_refused_naming_the_field(
    admin: Principal, data: TeamInput, field: str
) -> None:
    before = await rows()

    with pytest.raises(DomainError) as refused:
        await team_create(admin, data)

    assert (refused.value.code, refused.value.field) == (ErrorCode.INVALID, field)
    assert await rows() == before


async def test_update_renames_and_records_before_and_after(admin: Principal) -> None:
    # Given
    team = await team_create(admin, TeamInput(name="Desing"))
    events = await event_count()

    # When
    updated = await team_update(admin, team.id, TeamInput(name="Design", description="Artists"))

    # Then
    assert (updated.name, updated.description) == ("Design", "Artists")
    assert (await team_get(admin, team.id)).name == "Design"
    event = await one_new_event(events)
    assert event.action == "team.update"
    assert (event.changes["before"]["name"], event.changes["after"]["name"]) == (
        "Desing",
        "Design",
    )


async def test_renaming_only_the_case_is_not_a_duplicate_but_another_name_is(
    admin: Principal,
) -> None:
    # Given
    ops = await team_create(admin, TeamInput(name="ops"))
    await team_create(admin, TeamInput(name="Design"))

    # When / Then
    assert (await team_update(admin, ops.id, TeamInput(name="Ops"))).name == "Ops"
    with pytest.raises(DomainError) as refused:
        await team_update(admin, ops.id, TeamInput(name="DESIGN"))
    assert (refused.value.code, refused.value.field) == (ErrorCode.DUPLICATE, "name")
    assert (await team_get(admin, ops.id)).name == "Ops"


async def test_an_update_with_nothing_to_change_writes_no_event(admin: Principal) -> None:
    team = await team_create(admin, TeamInput(name="Ops"))
    events = await event_count()

    assert (await team_update(admin, team.id, TeamInput())).name == "Ops"

    assert await event_count() == events


async def test_members_are_added_once_and_removed(admin: Principal, manager: Principal) -> None:
    # Given
    team = await team_create(admin, TeamInput(name="Design"))
    bob, alice = await person("bob@example.com"), await person("alice@example.com")
    events = await event_count()

    # When two people join, and one of them is added a second time
    await team_member_add(admin, team.id, bob.id)
    await team_member_add(admin, team.id, alice.id)
    await team_member_add(admin, team.id, bob.id)

    # Then both are members (by e-mail, for anyone who may see users), with one event each
    assert await emails(manager, team) == ["alice@example.com", "bob@example.com"]
    assert await event_count() == events + 2
    event = await one_new_event(events + 1)
    assert (event.action, event.object_id, event.changes) == (
        "team.member_add",
        str(team.id),
        {"user_id": alice.id},
    )

    # When bob leaves, and is removed again
    await team_member_remove(admin, team.id, bob.id)
    await team_member_remove(admin, team.id, bob.id)

    # Then
    assert await emails(manager, team) == ["alice@example.com"]
    event = await one_new_event(events + 2)
    assert (event.action, event.changes) == ("team.member_remove", {"user_id": bob.id})


async def test_members_of_many_teams_come_back_per_team(admin: Principal) -> None:
    ops = await team_create(admin, TeamInput(name="Ops"))
    design = await team_create(admin, TeamInput(name="Design"))
    empty = await team_create(admin, TeamInput(name="Empty"))
    bob = await person("bob@example.com")
    await team_member_add(admin, ops.id, bob.id)
    await team_member_add(admin, design.id, bob.id)

    found = await team_members(admin, [ops.id, design.id, empty.id])

    assert {k: [u.email for u in v] for k, v in found.items()} == {
        ops.id: ["bob@example.com"],
        design.id: ["bob@example.com"],
        empty.id: [],
    }


@pytest.mark.parametrize(
    ("team_exists", "user_state", "field"),
    [
        pytest.param(False, "active", "teamId", id="no-team"),
        pytest.param(True, "missing", "userId", id="no-user"),
        pytest.param(True, "inactive", "userId", id="inactive-user"),
    ],
)
async def test_adding_to_an_unknown_team_or_an_unknown_user_is_not_found(
    admin: Principal, team_exists: bool, user_state: str, field: str
) -> None:
    team = await team_create(admin, TeamInput(name="Ops"))
    user = await person("bob@example.com", active=user_state != "inactive")
    before = await rows()

    with pytest.raises(DomainError) as refused:
        await team_member_add(
            admin,
            team.id if team_exists else team.id + 1000,
            user.id if user_state != "missing" else user.id + 1000,
        )

    assert (refused.value.code, refused.value.field) == (ErrorCode.NOT_FOUND, field)
    assert await rows() == before


async def test_deleting_a_team_ends_its_memberships_and_grants(admin: Principal) -> None:
    # Given a team with a member and a grant on a license
    team = await team_create(admin, TeamInput(name="Design"))
    bob = await person("bob@example.com")
    await team_member_add(admin, team.id, bob.id)
    vendor = await Vendor.create(name="Adobe")
    license_ = await License.create(product=await Product.create(vendor=vendor, name="PS"))
    grant = await Grant.create(license=license_, team=team, rights=["view"])
    events = await event_count()

    # When
    assert await team_delete(admin, team.id) == team.id

    # Then the team, its membership and its grant are gone; the event keeps all three
    assert await rows() == (0, 0, events + 1)
    assert not await Grant.exists(id=grant.id)
    assert await User.exists(id=bob.id)
    event = await one_new_event(events)
    assert event.action == "team.delete"
    assert event.changes["before"]["name"] == "Design"
    assert event.changes["before"]["member_ids"] == [bob.id]
    assert [g["id"] for g in event.changes["grants_deleted"]] == [grant.id]
    await assert_chain_intact()


async def test_unknown_teams_are_not_found(admin: Principal) -> None:
    for call in (
        lambda: team_get(admin, 999_999),
        lambda: team_update(admin, 999_999, TeamInput(name="X")),
        lambda: team_delete(admin, 999_999),
    ):
        with pytest.raises(DomainError) as refused:
            await call()
        assert (refused.value.code, refused.value.field) == (ErrorCode.NOT_FOUND, "id")


async def test_managers_and_auditors_see_teams_but_may_not_change_them(
    admin: Principal, manager: Principal, auditor: Principal
) -> None:
    # Given
    team = await team_create(admin, TeamInput(name="Ops"))
    bob = await person("bob@example.com")
    await team_member_add(admin, team.id, bob.id)
    before = await rows()

    for caller in (manager, auditor):
        # They see the team and its members
        assert [t.name for t in await team_list(caller)] == ["Ops"]
        assert (await team_get(caller, team.id)).name == "Ops"
        assert await emails(caller, team) == ["bob@example.com"]

        # But every change is refused and changes nothing
        for change in _changes(caller, team.id, bob.id):
            with pytest.raises(DomainError) as refused:
                await change()
            assert refused.value.code is ErrorCode.FORBIDDEN
    assert await rows() == before


def _changes(caller: Principal, team_id: int, member_id: int) -> list[Callable[[], Awaitable[Any]]]:
    return [
        lambda: team_create(caller, TeamInput(name="Mine")),
        lambda: team_update(caller, team_id, TeamInput(name="Renamed")),
        lambda: team_delete(caller, team_id),
        lambda: team_member_add(caller, team_id, member_id),
        lambda: team_member_remove(caller, team_id, member_id),
    ]


async def test_members_may_not_see_teams(admin: Principal, member: Principal) -> None:
    team = await team_create(admin, TeamInput(name="Ops"))
    await team_member_add(admin, team.id, user_id(member))

    for call in (
        lambda: team_list(member),
        lambda: team_get(member, team.id),
        lambda: team_members(member, [team.id]),
        *_changes(member, team.id, user_id(member)),
    ):
        with pytest.raises(DomainError) as refused:
            await call()
        assert refused.value.code is ErrorCode.FORBIDDEN


async def test_anonymous_callers_must_sign_in(admin: Principal) -> None:
    team = await team_create(admin, TeamInput(name="Ops"))
    stranger = anonymous()

    for call in (lambda: team_list(stranger), *_changes(stranger, team.id, user_id(admin))):
        with pytest.raises(DomainError) as refused:
            await call()
        assert refused.value.code is ErrorCode.UNAUTHENTICATED
