"""Grants through the domain operations: who may give and take them, what they validate,
that a second grant merges, and that they change what the grantee may do at once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
import pytest_asyncio

from licman.models import Grant, GrantRight, License, Product, Team, TeamMembership, User, Vendor
from licman.resolvers.errors import DomainError, ErrorCode
from licman.resolvers.grant import grant_create, grant_get_many, grant_list, grant_revoke
from licman.resolvers.license import visible_license
from licman.security.permissions import Action, may
from licman.security.principal import Principal, PrincipalKind, anonymous
from tests.backends import TestDatabase
from tests.resolvers.conftest import assert_chain_intact, event_count, one_new_event, user_id

pytestmark = pytest.mark.usefixtures("db")

VIEW = GrantRight.VIEW
CHANGE = GrantRight.CHANGE
REVEAL = GrantRight.REVEAL
DELETE = GrantRight.DELETE


@dataclass
class World:
    """Adobe with two licenses (one owned by `owner`), JetBrains with one."""

    owner: Principal
    adobe: Vendor
    jetbrains: Vendor
    photoshop: License  # Adobe, owned by `owner`
    acrobat: License  # Adobe, no owner
    idea: License  # JetBrains, no owner


@pytest_asyncio.fixture(loop_scope="session")
async def world(db: TestDatabase) -> World:
    owner = await User.create(email="owner@example.com", name="Owner")
    adobe, jetbrains = await Vendor.create(name="Adobe"), await Vendor.create(name="JetBrains")
    ps = await Product.create(vendor=adobe, name="Photoshop")
    acro = await Product.create(vendor=adobe, name="Acrobat")
    ide = await Product.create(vendor=jetbrains, name="IntelliJ IDEA")
    return World(
        owner=Principal(PrincipalKind.SESSION, user=owner),
        adobe=adobe,
        jetbrains=jetbrains,
        photoshop=await License.create(product=ps, owner=owner, name="Photoshop"),
        acrobat=await License.create(product=acro, name="Acrobat"),
        idea=await License.create(product=ide, name="IDEA"),
    )


def fresh(principal: Principal) -> Principal:
    """The same caller in a new request (grants are memoised per request)."""
    return Principal(principal.kind, user=principal.user, scopes=principal.scopes)


async def visible(principal: Principal, *licenses: License) -> list[str]:
    """Which of the licenses the caller may see, asked in a new request."""
    seen = []
    for license_ in licenses:
        try:
            seen.append((await visible_license(fresh(principal), license_.id)).name)
        except DomainError as exc:
            if exc.code is not ErrorCode.NOT_FOUND:
                raise
    return seen


async def person(email: str) -> Principal:
    user = await User.create(email=email, name=email.split("@")[0].title())
    return Principal(PrincipalKind.SESSION, user=user)


async def state() -> tuple[list[tuple[Any, ...]], int]:
    """What a refused call must leave alone: every grant and the audit events."""
    grants = await Grant.all().order_by("id").values_list("id", "rights")
    return [tuple(g) for g in grants], await event_count()


async def refusal(call: Callable[[], Awaitable[Any]]) -> list[tuple[str | None, ErrorCode]]:
    with pytest.raises(DomainError) as refused:
        await call()
    return [(e.field, e.code) for e in refused.value.errors]


# --- giving ---------------------------------------------------------------------------------


async def test_a_view_grant_lets_a_member_see_one_license(
    admin: Principal, member: Principal, world: World
) -> None:
    # Given the member sees nothing
    assert await visible(member, world.photoshop, world.acrobat, world.idea) == []

    # When
    grant = await grant_create(
        admin, license_id=world.acrobat.id, user_id=user_id(member), rights=[VIEW]
    )

    # Then the member sees that license and no other, and one event records the grant
    assert (grant.license_id, grant.vendor_id, grant.user_id, grant.team_id, grant.rights) == (
        world.acrobat.id,
        None,
        user_id(member),
        None,
        ["view"],
    )
    assert grant.user is not None
    assert grant.user.email == "member@example.com"
    assert await visible(member, world.photoshop, world.acrobat, world.idea) == ["Acrobat"]
    event = await one_new_event(0)
    assert (event.action, event.object_type, event.object_id) == (
        "grant.create",
        "grant",
        str(grant.id),
    )
    assert event.actor_user_id == user_id(admin)
    assert event.changes["after"]["rights"] == ["view"]
    assert event.changes["after"]["license_id"] == world.acrobat.id


async def test_a_second_grant_to_the_same_grantee_merges_its_rights(
    admin: Principal, member: Principal, world: World
) -> None:
    # Given
    first = await grant_create(
        admin, license_id=world.acrobat.id, user_id=user_id(member), rights=[REVEAL]
    )
    events = await event_count()

    # When the same grantee is given more rights on the same license, some of them again
    second = await grant_create(
        admin, license_id=world.acrobat.id, user_id=user_id(member), rights=[CHANGE, REVEAL]
    )

    # Then there is still one grant, with both rights, and the event shows before and after
    assert second.id == first.id
    assert [g.rights for g in await Grant.all()] == [["change", "reveal"]]
    event = await one_new_event(events)
    assert (event.action, event.object_id) == ("grant.update", str(first.id))
    assert (event.changes["before"]["rights"], event.changes["after"]["rights"]) == (
        ["reveal"],
        ["change", "reveal"],
    )

    # And giving rights already held changes nothing and records nothing
    before = await state()
    again = await grant_create(
        admin, license_id=world.acrobat.id, user_id=user_id(member), rights=["change"]
    )
    assert again.id == first.id
    assert await state() == before


async def test_grants_to_other_grantees_or_objects_are_separate(
    admin: Principal, member: Principal, world: World
) -> None:
    team = await Team.create(name="Design")
    for kwargs in (
        {"license_id": world.acrobat.id, "user_id": user_id(member)},
        {"license_id": world.acrobat.id, "team_id": team.id},
        {"license_id": world.idea.id, "user_id": user_id(member)},
        {"vendor_id": world.adobe.id, "user_id": user_id(member)},
    ):
        await grant_create(admin, rights=[VIEW], **kwargs)

    assert await Grant.all().count() == 4


async def test_a_team_grant_reaches_the_team_members_only(
    admin: Principal, member: Principal, world: World
) -> None:
    # Given a team with the member in it, and someone outside it
    team = await Team.create(name="Design")
    await TeamMembership.create(team=team, user_id=user_id(member))
    outsider = await person("outsider@example.com")

    # When
    grant = await grant_create(admin, license_id=world.idea.id, team_id=team.id, rights=[VIEW])

    # Then
    assert grant.team is not None
    assert grant.team.name == "Design"
    assert await visible(member, world.photoshop, world.acrobat, world.idea) == ["IDEA"]
    assert await visible(outsider, world.photoshop, world.acrobat, world.idea) == []


async def test_a_vendor_grant_covers_every_license_of_that_vendor(
    admin: Principal, member: Principal, world: World
) -> None:
    # When
    await grant_create(admin, vendor_id=world.adobe.id, user_id=user_id(member), rights=[CHANGE])

    # Then the member sees and may change Adobe's licenses, including one added later
    later = await License.create(
        product=await Product.create(vendor=world.adobe, name="Illustrator"), name="Illustrator"
    )
    seen = await visible(member, world.photoshop, world.acrobat, world.idea, later)
    assert seen == ["Photoshop", "Acrobat", "Illustrator"]
    allowed = await may(
        fresh(member), Action.LICENSE_CHANGE, license_id=later.id, vendor_id=world.adobe.id
    )
    assert allowed


# --- validation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        pytest.param(
            {"user_id": "U", "rights": [VIEW]},
            [("licenseId", ErrorCode.INVALID), ("vendorId", ErrorCode.INVALID)],
            id="no-object",
        ),
        pytest.param(
            {"license_id": "L", "vendor_id": "V", "user_id": "U", "rights": [VIEW]},
            [("licenseId", ErrorCode.INVALID), ("vendorId", ErrorCode.INVALID)],
            id="two-objects",
        ),
        pytest.param(
            {"license_id": "L", "rights": [VIEW]},
            [("userId", ErrorCode.INVALID), ("teamId", ErrorCode.INVALID)],
            id="no-grantee",
        ),
        pytest.param(
            {"license_id": "L", "user_id": "U", "team_id": "T", "rights": [VIEW]},
            [("userId", ErrorCode.INVALID), ("teamId", ErrorCode.INVALID)],
            id="two-grantees",
        ),
        pytest.param(
            {"license_id": "L", "user_id": "U", "rights": []},
            [("rights", ErrorCode.INVALID)],
            id="no-rights",
        ),
        pytest.param(
            {"license_id": "L", "user_id": "U", "rights": ["view", "admin"]},
            [("rights", ErrorCode.INVALID)],
            id="unknown-right",
        ),
        pytest.param(
            {"rights": []},
            [
                ("licenseId", ErrorCode.INVALID),
                ("vendorId", ErrorCode.INVALID),
                ("userId", ErrorCode.INVALID),
                ("teamId", ErrorCode.INVALID),
                ("rights", ErrorCode.INVALID),
            ],
            id="everything-at-once",
        ),
    ],
)
async def test_invalid_grants_are_refused_naming_the_fields(
    admin: Principal, member: Principal, world: World, kwargs: dict[str, Any], expected: Any
) -> None:
    ids = {"L": world.acrobat.id, "V": world.adobe.id, "U": user_id(member)}
    team = await Team.create(name="Design")
    ids["T"] = team.id
    args: dict[str, Any] = {k: ids[v] if isinstance(v, str) else v for k, v in kwargs.items()}
    before = await state()

    assert await refusal(lambda: grant_create(admin, **args)) == expected
    assert await state() == before


@pytest.mark.parametrize(
    ("missing", "field"),
    [
        pytest.param("license_id", "licenseId", id="license"),
        pytest.param("vendor_id", "vendorId", id="vendor"),
        pytest.param("user_id", "userId", id="user"),
        pytest.param("team_id", "teamId", id="team"),
    ],
)
async def test_unknown_ids_are_not_found_naming_the_field(
    admin: Principal, member: Principal, world: World, missing: str, field: str
) -> None:
    team = await Team.create(name="Design")
    obj = {"vendor_id": world.adobe.id} if missing == "vendor_id" else {}
    obj = obj or {"license_id": world.acrobat.id}
    grantee = {"team_id": team.id} if missing == "team_id" else {"user_id": user_id(member)}
    args: dict[str, Any] = {**obj, **grantee}
    args[missing] = 999_999
    before = await state()

    assert await refusal(lambda: grant_create(admin, rights=[VIEW], **args)) == [
        (field, ErrorCode.NOT_FOUND)
    ]
    assert await state() == before


async def test_a_deactivated_user_cannot_be_given_a_grant(admin: Principal, world: World) -> None:
    gone = await User.create(email="gone@example.com", is_active=False)

    refused = await refusal(
        lambda: grant_create(admin, license_id=world.acrobat.id, user_id=gone.id, rights=[VIEW])
    )

    assert refused == [("userId", ErrorCode.NOT_FOUND)]


# --- who may give them ----------------------------------------------------------------------


async def test_the_owner_may_grant_view_and_reveal_on_their_own_license(
    member: Principal, world: World
) -> None:
    # When the owner (a member) shares their license with a colleague
    grant = await grant_create(
        world.owner,
        license_id=world.photoshop.id,
        user_id=user_id(member),
        rights=[VIEW, REVEAL],
    )

    # Then
    assert grant.rights == ["view", "reveal"]
    assert grant.created_by_id == user_id(world.owner)  # type: ignore[attr-defined]
    assert await visible(member, world.photoshop, world.acrobat) == ["Photoshop"]
    assert await may(fresh(member), Action.LICENSE_REVEAL, license_id=world.photoshop.id)


@pytest.mark.parametrize("right", [CHANGE, GrantRight.ASSIGN, DELETE])
async def test_the_owner_may_not_grant_rights_they_do_not_hold(
    member: Principal, world: World, right: GrantRight
) -> None:
    before = await state()

    def give(grantee: int) -> Callable[[], Awaitable[Grant]]:
        return lambda: grant_create(
            world.owner, license_id=world.photoshop.id, user_id=grantee, rights=[VIEW, right]
        )

    # Not to others, nor to themselves
    assert await refusal(give(user_id(member))) == [("rights", ErrorCode.FORBIDDEN)]
    assert await refusal(give(user_id(world.owner))) == [("rights", ErrorCode.FORBIDDEN)]
    assert await state() == before


async def test_a_manager_who_owns_a_license_may_grant_what_their_role_allows(
    manager: Principal, member: Principal, world: World
) -> None:
    # Given a manager who owns Acrobat (managers change and assign licenses, admins delete)
    await License.filter(id=world.acrobat.id).update(owner_id=user_id(manager))

    # When / Then they may pass on their role's rights and the owner's reveal, not delete
    grant = await grant_create(
        manager,
        license_id=world.acrobat.id,
        user_id=user_id(member),
        rights=[CHANGE, GrantRight.ASSIGN, REVEAL],
    )
    assert grant.rights == ["change", "assign", "reveal"]
    refused = await refusal(
        lambda: grant_create(
            manager, license_id=world.acrobat.id, user_id=user_id(member), rights=[DELETE]
        )
    )
    assert refused == [("rights", ErrorCode.FORBIDDEN)]


async def test_who_may_not_grant_on_a_license_is_told_forbidden_or_not_found(
    admin: Principal, manager: Principal, member: Principal, auditor: Principal, world: World
) -> None:
    # Given the member may see Acrobat (a view grant) but owns nothing
    await grant_create(admin, license_id=world.acrobat.id, user_id=user_id(member), rights=[VIEW])
    before = await state()

    def on(caller: Principal, license_: License) -> Callable[[], Awaitable[Grant]]:
        return lambda: grant_create(
            fresh(caller), license_id=license_.id, user_id=user_id(member), rights=[VIEW]
        )

    def on_vendor(caller: Principal) -> Callable[[], Awaitable[Grant]]:
        return lambda: grant_create(
            caller, vendor_id=world.adobe.id, user_id=user_id(member), rights=[VIEW]
        )

    # Then a manager or auditor sees every license but may not manage grants: FORBIDDEN
    assert await refusal(on(manager, world.acrobat)) == [(None, ErrorCode.FORBIDDEN)]
    assert await refusal(on(auditor, world.acrobat)) == [(None, ErrorCode.FORBIDDEN)]
    # A member who sees a license they do not own: FORBIDDEN
    assert await refusal(on(member, world.acrobat)) == [(None, ErrorCode.FORBIDDEN)]
    # A member who may not see the license learns nothing about it: NOT_FOUND
    assert await refusal(on(member, world.idea)) == [("licenseId", ErrorCode.NOT_FOUND)]
    # The owner of one license may not grant on another
    assert await refusal(on(world.owner, world.idea)) == [("licenseId", ErrorCode.NOT_FOUND)]
    # Nobody but an admin grants on a vendor
    assert await refusal(on_vendor(manager)) == [(None, ErrorCode.FORBIDDEN)]
    assert await refusal(on_vendor(world.owner)) == [(None, ErrorCode.FORBIDDEN)]
    # And a stranger must sign in
    assert await refusal(on(anonymous(), world.acrobat)) == [(None, ErrorCode.UNAUTHENTICATED)]
    assert await state() == before


async def test_a_token_without_write_scope_may_not_grant_even_for_the_owner(
    member: Principal, world: World
) -> None:
    read_only = Principal(
        PrincipalKind.TOKEN, user=world.owner.user, scopes=frozenset({"licenses:read"})
    )

    refused = await refusal(
        lambda: grant_create(
            read_only, license_id=world.photoshop.id, user_id=user_id(member), rights=[VIEW]
        )
    )

    assert refused == [(None, ErrorCode.FORBIDDEN)]


# --- listing --------------------------------------------------------------------------------


async def test_grants_are_listed_by_license_by_vendor_or_all(
    admin: Principal, member: Principal, world: World
) -> None:
    # Given
    team = await Team.create(name="Design")
    on_ps = await grant_create(
        admin, license_id=world.photoshop.id, user_id=user_id(member), rights=[VIEW]
    )
    on_ps_team = await grant_create(
        admin, license_id=world.photoshop.id, team_id=team.id, rights=[CHANGE]
    )
    on_adobe = await grant_create(
        admin, vendor_id=world.adobe.id, user_id=user_id(member), rights=[VIEW]
    )
    on_idea = await grant_create(
        admin, license_id=world.idea.id, user_id=user_id(member), rights=[VIEW]
    )

    # Then (a license's list leaves out the grants on its vendor)
    by_license = await grant_list(admin, license_id=world.photoshop.id)
    assert [g.id for g in by_license] == [on_ps.id, on_ps_team.id]
    assert by_license[0].user is not None
    assert by_license[0].user.email == "member@example.com"
    assert by_license[1].team is not None
    assert by_license[1].team.name == "Design"
    assert by_license[1].user is None
    assert [g.id for g in await grant_list(admin, vendor_id=world.adobe.id)] == [on_adobe.id]
    assert [g.id for g in await grant_list(admin)] == [
        on_ps.id,
        on_ps_team.id,
        on_adobe.id,
        on_idea.id,
    ]
    # The owner lists the grants on their own license only
    assert [g.id for g in await grant_list(world.owner)] == [on_ps.id, on_ps_team.id]
    owned = await grant_list(world.owner, license_id=world.photoshop.id)
    assert [g.id for g in owned] == [on_ps.id, on_ps_team.id]
    assert set(await grant_get_many(world.owner, [on_ps.id, on_adobe.id, on_idea.id])) == {on_ps.id}
    # The grantee, who owns nothing, manages nothing
    assert await grant_list(fresh(member)) == []
    assert await grant_get_many(fresh(member), [on_ps.id]) == {}
    assert await grant_get_many(anonymous(), [on_ps.id]) == {}


async def test_listing_grants_is_refused_like_managing_them(
    admin: Principal, manager: Principal, member: Principal, world: World
) -> None:
    await grant_create(admin, license_id=world.acrobat.id, user_id=user_id(member), rights=[VIEW])
    listing = {
        "visible, not owned": lambda: grant_list(fresh(member), license_id=world.acrobat.id),
        "invisible": lambda: grant_list(fresh(member), license_id=world.idea.id),
        "vendor": lambda: grant_list(manager, vendor_id=world.adobe.id),
        "both": lambda: grant_list(admin, license_id=world.idea.id, vendor_id=world.adobe.id),
        "stranger": lambda: grant_list(anonymous()),
    }

    assert {name: await refusal(call) for name, call in listing.items()} == {
        "visible, not owned": [(None, ErrorCode.FORBIDDEN)],
        "invisible": [("licenseId", ErrorCode.NOT_FOUND)],
        "vendor": [(None, ErrorCode.FORBIDDEN)],
        "both": [("vendorId", ErrorCode.INVALID)],
        "stranger": [(None, ErrorCode.UNAUTHENTICATED)],
    }


# --- revoking -------------------------------------------------------------------------------


async def test_revoking_a_grant_ends_the_access_at_once(
    admin: Principal, member: Principal, world: World
) -> None:
    # Given
    grant = await grant_create(
        admin, vendor_id=world.jetbrains.id, user_id=user_id(member), rights=[VIEW]
    )
    assert await visible(member, world.idea) == ["IDEA"]
    events = await event_count()

    # When
    assert await grant_revoke(admin, grant.id) == grant.id

    # Then
    assert not await Grant.exists(id=grant.id)
    assert await visible(member, world.idea) == []
    event = await one_new_event(events)
    assert (event.action, event.object_id) == ("grant.revoke", str(grant.id))
    assert event.changes["before"]["vendor_id"] == world.jetbrains.id
    assert event.changes["before"]["rights"] == ["view"]
    await assert_chain_intact()


async def test_the_owner_revokes_grants_on_their_license_only(
    admin: Principal, member: Principal, world: World
) -> None:
    # Given grants on the owner's license, on another license and on the vendor
    on_ps = await grant_create(
        admin, license_id=world.photoshop.id, user_id=user_id(member), rights=[CHANGE]
    )
    on_acrobat = await grant_create(
        admin, license_id=world.acrobat.id, user_id=user_id(member), rights=[VIEW]
    )
    on_adobe = await grant_create(
        admin, vendor_id=world.adobe.id, team_id=(await Team.create(name="T")).id, rights=[VIEW]
    )
    before = await state()

    # Then the owner may not revoke what is not theirs to manage
    assert await refusal(lambda: grant_revoke(world.owner, on_acrobat.id)) == [
        ("id", ErrorCode.NOT_FOUND)
    ]
    assert await refusal(lambda: grant_revoke(world.owner, on_adobe.id)) == [
        (None, ErrorCode.FORBIDDEN)
    ]
    # Nor may the grantee, who sees the license but does not own it
    assert await refusal(lambda: grant_revoke(fresh(member), on_acrobat.id)) == [
        (None, ErrorCode.FORBIDDEN)
    ]
    assert await refusal(lambda: grant_revoke(admin, 999_999)) == [("id", ErrorCode.NOT_FOUND)]
    assert await state() == before

    # But the owner revokes the grant on their own license, even one an admin made
    assert await grant_revoke(world.owner, on_ps.id) == on_ps.id
    assert await visible(member, world.photoshop) == []
    assert not await Grant.exists(id=on_ps.id)


async def test_a_grant_goes_with_its_license(
    admin: Principal, member: Principal, world: World
) -> None:
    grant = await grant_create(
        admin, license_id=world.acrobat.id, user_id=user_id(member), rights=[VIEW]
    )

    await world.acrobat.delete()

    assert not await Grant.exists(id=grant.id)
    assert await visible(member, world.photoshop, world.idea) == []


async def test_the_callers_own_grants_are_reloaded_after_a_change(
    admin: Principal, world: World
) -> None:
    # Given an owner who checked their rights earlier in the same request
    owner = world.owner
    assert not await may(owner, Action.LICENSE_VIEW, license_id=world.idea.id)
    grant = await grant_create(
        admin, license_id=world.idea.id, user_id=user_id(owner), rights=[VIEW]
    )
    assert not await may(owner, Action.LICENSE_VIEW, license_id=world.idea.id)  # memoised

    # When the same caller changes a grant (here: revokes one on their own license)
    other = await grant_create(
        admin, license_id=world.photoshop.id, user_id=user_id(admin), rights=[VIEW]
    )
    await grant_revoke(owner, other.id)

    # Then the rest of their request sees their grants as they are now
    assert await may(owner, Action.LICENSE_VIEW, license_id=world.idea.id)
    assert grant.id
