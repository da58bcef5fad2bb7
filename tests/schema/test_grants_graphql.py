"""Grants and teams over GraphQL, end to end: a grant changes what its grantee sees and may
do in every path (the list, `license`, `node`, a vendor's count, the secret, the cost, updates)
from the next request on, and nothing else; teams carry grants to their members only."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import pytest_asyncio
from strawberry.relay import GlobalID

from licman.models import AuditEvent, Grant, License, Product, Role, Team, User, Vendor
from licman.schema.ids import global_id
from licman.security.secrets import keyring
from tests.schema.conftest import Gql, _caller
from tests.schema.test_license_query_count import count_statements

pytestmark = pytest.mark.usefixtures("db")

Caller = tuple[User, Gql]

SEES = """
query Sees($id: ID!, $vendorId: ID!) {
  licenses(first: 100) { nodes { name } }
  license(id: $id) { name }
  node(id: $id) { ... on License { name } }
  vendor(id: $vendorId) { licenseCount }
}
"""

GRANT_CREATE = """
mutation GrantCreate($input: GrantCreateInput!) {
  grantCreate(input: $input) {
    grant { id licenseId vendorId user { id name } team { id name } rights }
    errors { field code message }
  }
}
"""

GRANT_REVOKE = """
mutation GrantRevoke($id: ID!) {
  grantRevoke(input: {id: $id}) { revokedId errors { field code } }
}
"""

GRANTS = """
query Grants($licenseId: ID, $vendorId: ID) {
  grants(licenseId: $licenseId, vendorId: $vendorId) {
    id licenseId vendorId user { id } team { name } rights createdAt
  }
}
"""

REVEAL = """
query Reveal($id: ID!) { license(id: $id) { name canRevealSecret secret } }
"""

COST = """
query Cost($id: ID!) { license(id: $id) { name cost currency } }
"""

UPDATE = """
mutation Update($id: ID!, $version: Int!, $name: String!) {
  licenseUpdate(input: {id: $id, version: $version, name: $name}) {
    license { name version cost }
    errors { field code }
  }
}
"""

DELETE = """
mutation Delete($id: ID!) { licenseDelete(input: {id: $id}) { deletedId errors { code } } }
"""

TEAM_CREATE = """
mutation TeamCreate($name: String!, $description: String! = "") {
  teamCreate(input: {name: $name, description: $description}) {
    team { id name description members { name } }
    errors { field code message }
  }
}
"""

TEAM_UPDATE = """
mutation TeamUpdate($input: TeamUpdateInput!) {
  teamUpdate(input: $input) { team { name description } errors { field code } }
}
"""

TEAM_MEMBER_ADD = """
mutation TeamMemberAdd($teamId: ID!, $userId: ID!) {
  teamMemberAdd(input: {teamId: $teamId, userId: $userId}) {
    team { name members { name } }
    errors { field code }
  }
}
"""

TEAM_MEMBER_REMOVE = """
mutation TeamMemberRemove($teamId: ID!, $userId: ID!) {
  teamMemberRemove(input: {teamId: $teamId, userId: $userId}) {
    team { name members { name } }
    errors { field code }
  }
}
"""

TEAM_DELETE = """
mutation TeamDelete($id: ID!) { teamDelete(input: {id: $id}) { deletedId errors { code } } }
"""

TEAMS = """
query Teams { teams { id name description members { id name email } createdAt } }
"""


@pytest_asyncio.fixture(loop_scope="session")
async def colleague(http: httpx.AsyncClient) -> Caller:
    """A second member, to show that a grant reaches its grantee and no one else."""
    return await _caller(http, Role.MEMBER, "colleague@example.com")


def pk(gid: str) -> int:
    return int(GlobalID.from_id(gid).node_id)


def uid(user: User) -> str:
    return global_id("User", user.id)


class World:
    """Adobe sells Photoshop (license A, owned by the member) and Acrobat (license B, with a
    secret and a cost); JetBrains sells IDEA (license C)."""

    adobe: str
    jetbrains: str
    a: str
    b: str
    c: str

    @classmethod
    async def make(cls, owner: User) -> World:
        world = cls()
        adobe, jetbrains = await Vendor.create(name="Adobe"), await Vendor.create(name="JetBrains")
        ps = await Product.create(vendor=adobe, name="Photoshop")
        acrobat = await Product.create(vendor=adobe, name="Acrobat")
        idea = await Product.create(vendor=jetbrains, name="IDEA")
        a = await License.create(product=ps, name="A", owner=owner)
        b = await License.create(product=acrobat, name="B", cost_micros=99_000_000, currency="EUR")
        await License.filter(id=b.id).update(
            secret_ciphertext=keyring().encrypt(b.id, "B-SECRET"),
            secret_fingerprint=keyring().fingerprint("B-SECRET"),
        )
        c = await License.create(product=idea, name="C")
        world.adobe, world.jetbrains = (
            global_id("Vendor", adobe.id),
            global_id("Vendor", jetbrains.id),
        )
        world.a, world.b, world.c = (global_id("License", x.id) for x in (a, b, c))
        return world


@pytest_asyncio.fixture(loop_scope="session")
async def world(member: Caller) -> World:
    return await World.make(owner=member[0])


async def sees(gql: Gql, license_id: str, vendor_id: str) -> dict[str, Any]:
    """Whether the license shows in every path: the list, by id, as a node, in the count."""
    body = await gql(SEES, id=license_id, vendorId=vendor_id)
    assert "errors" not in body, body["errors"]
    data = body["data"]
    return {
        "listed": [n["name"] for n in data["licenses"]["nodes"]],
        "license": data["license"] and data["license"]["name"],
        "node": data["node"] and data["node"]["name"],
        "vendor count": data["vendor"]["licenseCount"],
    }


async def grant(gql: Gql, **input: Any) -> dict[str, Any]:
    """grantCreate that must succeed; its grant."""
    body = await gql(GRANT_CREATE, input=input)
    assert "errors" not in body, body["errors"]
    payload = body["data"]["grantCreate"]
    assert payload["errors"] == [], payload["errors"]
    created: dict[str, Any] = payload["grant"]
    return created


async def refused(gql: Gql, **input: Any) -> list[tuple[str | None, str]]:
    """grantCreate that must be refused; its typed errors."""
    body = await gql(GRANT_CREATE, input=input)
    assert "errors" not in body, body["errors"]
    payload = body["data"]["grantCreate"]
    assert payload["grant"] is None
    return [(e["field"], e["code"]) for e in payload["errors"]]


async def actions() -> list[str]:
    return [e.action for e in await AuditEvent.all().order_by("id")]


# --- visibility -----------------------------------------------------------------------------


async def test_a_view_grant_makes_the_license_appear_in_every_path(
    admin: Caller, member: Caller, world: World
) -> None:
    # Given the member owns A and sees nothing of B anywhere
    user, gql = member
    assert await sees(gql, world.b, world.adobe) == {
        "listed": ["A"],
        "license": None,
        "node": None,
        "vendor count": 1,
    }

    # When an admin grants the member view on B
    created = await grant(admin[1], licenseId=world.b, userId=uid(user), rights=["VIEW"])

    # Then the grant says so, and from the next request B is everywhere the member looks
    assert created == {
        "id": created["id"],
        "licenseId": world.b,
        "vendorId": None,
        "user": {"id": uid(user), "name": "Member"},
        "team": None,
        "rights": ["VIEW"],
    }
    assert await sees(gql, world.b, world.adobe) == {
        "listed": ["A", "B"],
        "license": "B",
        "node": "B",
        "vendor count": 2,
    }
    assert (await actions())[-1] == "grant.create"


async def test_a_team_grant_reaches_the_team_members_only(
    admin: Caller, member: Caller, colleague: Caller, world: World
) -> None:
    # Given a team with the member in it, made over GraphQL
    _, admin_gql = admin
    team = (await admin_gql(TEAM_CREATE, name="Design"))["data"]["teamCreate"]["team"]
    added = await admin_gql(TEAM_MEMBER_ADD, teamId=team["id"], userId=uid(member[0]))
    assert added["data"]["teamMemberAdd"] == {
        "team": {"name": "Design", "members": [{"name": "Member"}]},
        "errors": [],
    }

    # When the team is granted view on C
    created = await grant(admin_gql, licenseId=world.c, teamId=team["id"], rights=["VIEW"])

    # Then the member sees C, the colleague outside the team does not
    assert created["team"] == {"id": team["id"], "name": "Design"}
    assert created["user"] is None
    assert (await sees(member[1], world.c, world.jetbrains))["listed"] == ["A", "C"]
    assert await sees(colleague[1], world.c, world.jetbrains) == {
        "listed": [],
        "license": None,
        "node": None,
        "vendor count": 0,
    }

    # And once the member leaves the team, C is gone for them too
    await admin_gql(TEAM_MEMBER_REMOVE, teamId=team["id"], userId=uid(member[0]))
    assert (await sees(member[1], world.c, world.jetbrains))["listed"] == ["A"]


async def test_a_vendor_grant_covers_every_license_of_that_vendor(
    admin: Caller, colleague: Caller, world: World
) -> None:
    # When
    user, gql = colleague
    created = await grant(admin[1], vendorId=world.adobe, userId=uid(user), rights=["VIEW"])

    # Then all of Adobe's licenses, and none of JetBrains'
    assert (created["licenseId"], created["vendorId"]) == (None, world.adobe)
    assert await sees(gql, world.b, world.adobe) == {
        "listed": ["A", "B"],
        "license": "B",
        "node": "B",
        "vendor count": 2,
    }
    assert await sees(gql, world.c, world.jetbrains) == {
        "listed": ["A", "B"],
        "license": None,
        "node": None,
        "vendor count": 0,
    }


async def test_impossible_grants_make_nothing_else_appear(
    admin: Caller, colleague: Caller, world: World
) -> None:
    # Given a grant on C, then a grant on a license that is then deleted
    user, gql = colleague
    _, admin_gql = admin
    await grant(admin_gql, licenseId=world.c, userId=uid(user), rights=["VIEW", "CHANGE"])
    doomed = await License.create(
        product=await Product.get(name="Photoshop"), name="Doomed", owner=None
    )
    doomed_id = global_id("License", doomed.id)
    await grant(admin_gql, licenseId=doomed_id, userId=uid(user), rights=["VIEW"])
    assert (await admin_gql(DELETE, id=doomed_id))["data"]["licenseDelete"]["errors"] == []

    # Then the deleted license took its grant with it, and only C shows: never B
    assert await Grant.filter(license_id=doomed.id).count() == 0
    assert await sees(gql, world.b, world.adobe) == {
        "listed": ["C"],
        "license": None,
        "node": None,
        "vendor count": 0,
    }
    # Nor may the change right on C be used on B
    body = await gql(UPDATE, id=world.b, version=1, name="Hijacked")
    assert body["data"]["licenseUpdate"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
    assert (await License.get(id=pk(world.b))).name == "B"


async def test_grant_revoke_removes_access_from_the_next_request(
    admin: Caller, colleague: Caller, world: World
) -> None:
    # Given
    user, gql = colleague
    created = await grant(admin[1], licenseId=world.b, userId=uid(user), rights=["VIEW"])
    assert (await sees(gql, world.b, world.adobe))["license"] == "B"

    # When
    body = await admin[1](GRANT_REVOKE, id=created["id"])

    # Then
    assert body == {"data": {"grantRevoke": {"revokedId": created["id"], "errors": []}}}
    assert await sees(gql, world.b, world.adobe) == {
        "listed": [],
        "license": None,
        "node": None,
        "vendor count": 0,
    }
    assert (await actions())[-1] == "grant.revoke"
    again = await admin[1](GRANT_REVOKE, id=created["id"])
    assert again["data"]["grantRevoke"] == {
        "revokedId": None,
        "errors": [{"field": "id", "code": "NOT_FOUND"}],
    }


# --- rights ---------------------------------------------------------------------------------


async def test_a_reveal_grant_lets_a_manager_read_the_secret(
    admin: Caller, manager: Caller, world: World
) -> None:
    # Given a manager sees B but may not read its secret
    user, gql = manager
    denied = await gql(REVEAL, id=world.b)
    assert denied["data"] == {"license": {"name": "B", "canRevealSecret": False, "secret": None}}
    assert [(e["extensions"]["code"], e["path"]) for e in denied["errors"]] == [
        ("FORBIDDEN", ["license", "secret"])
    ]
    assert await AuditEvent.filter(action="license.reveal").count() == 0

    # When
    await grant(admin[1], licenseId=world.b, userId=uid(user), rights=["REVEAL"])

    # Then the secret, and the reveal is on record
    revealed = await gql(REVEAL, id=world.b)
    assert revealed == {
        "data": {"license": {"name": "B", "canRevealSecret": True, "secret": "B-SECRET"}}
    }
    [event] = await AuditEvent.filter(action="license.reveal")
    assert (event.actor_user_id, event.object_id) == (user.id, str(pk(world.b)))


async def test_a_change_grant_lets_a_member_update_the_license_and_see_its_cost(
    admin: Caller, colleague: Caller, world: World
) -> None:
    # Given a view grant: the member sees B, but not its cost, and may not change it
    user, gql = colleague
    first = await grant(admin[1], licenseId=world.b, userId=uid(user), rights=["VIEW"])
    cost = await gql(COST, id=world.b)
    assert cost["data"] == {"license": {"name": "B", "cost": None, "currency": "EUR"}}
    assert [e["extensions"]["code"] for e in cost["errors"]] == ["FORBIDDEN"]
    body = await gql(UPDATE, id=world.b, version=1, name="B renamed")
    assert body["data"]["licenseUpdate"] == {
        "license": None,
        "errors": [{"field": None, "code": "FORBIDDEN"}],
    }

    # When the admin adds the change right (merged into the same grant)
    merged = await grant(admin[1], licenseId=world.b, userId=uid(user), rights=["CHANGE"])

    # Then
    assert (merged["id"], merged["rights"]) == (first["id"], ["VIEW", "CHANGE"])
    assert await Grant.all().count() == 1
    assert (await gql(COST, id=world.b)) == {
        "data": {"license": {"name": "B", "cost": "99.00", "currency": "EUR"}}
    }
    body = await gql(UPDATE, id=world.b, version=1, name="B renamed")
    assert body["data"]["licenseUpdate"] == {
        "license": {"name": "B renamed", "version": 2, "cost": "99.00"},
        "errors": [],
    }


# --- who may grant --------------------------------------------------------------------------


async def test_an_owner_grants_on_their_own_license_and_no_one_else_does(
    member: Caller, colleague: Caller, manager: Caller, world: World
) -> None:
    # When the member shares the license they own (A) with a colleague
    _, owner_gql = member
    colleague_user, colleague_gql = colleague
    created = await grant(owner_gql, licenseId=world.a, userId=uid(colleague_user), rights=["VIEW"])

    # Then the colleague sees A
    assert created["rights"] == ["VIEW"]
    assert (await sees(colleague_gql, world.a, world.adobe))["license"] == "A"

    # But the colleague, who sees A without owning it, may not grant on it: FORBIDDEN
    assert await refused(
        colleague_gql, licenseId=world.a, userId=uid(colleague_user), rights=["CHANGE"]
    ) == [(None, "FORBIDDEN")]
    # On B, which they cannot see, they learn nothing: NOT_FOUND
    assert await refused(
        colleague_gql, licenseId=world.b, userId=uid(colleague_user), rights=["VIEW"]
    ) == [("licenseId", "NOT_FOUND")]
    # The owner may not hand out rights ownership does not give them
    assert await refused(
        owner_gql, licenseId=world.a, userId=uid(colleague_user), rights=["DELETE"]
    ) == [("rights", "FORBIDDEN")]
    # A manager sees every license but manages no grants
    assert await refused(
        manager[1], licenseId=world.b, userId=uid(colleague_user), rights=["VIEW"]
    ) == [(None, "FORBIDDEN")]
    # Only admins grant on vendors
    assert await refused(
        owner_gql, vendorId=world.adobe, userId=uid(colleague_user), rights=["VIEW"]
    ) == [(None, "FORBIDDEN")]
    assert await Grant.all().count() == 1


async def test_invalid_grants_come_back_as_typed_errors(admin: Caller, world: World) -> None:
    _, gql = admin
    before = await actions()

    # Two objects, no grantee, no rights: every fault at once
    assert await refused(gql, licenseId=world.a, vendorId=world.adobe, rights=[]) == [
        ("licenseId", "INVALID"),
        ("vendorId", "INVALID"),
        ("userId", "INVALID"),
        ("teamId", "INVALID"),
        ("rights", "INVALID"),
    ]
    # An id of the wrong kind
    assert await refused(gql, licenseId=world.a, userId=world.b, rights=["VIEW"]) == [
        ("userId", "INVALID")
    ]
    # An unknown user
    assert await refused(
        gql, licenseId=world.a, userId=global_id("User", 999_999), rights=["VIEW"]
    ) == [("userId", "NOT_FOUND")]
    # A right that does not exist is refused by the schema itself
    body = await gql(GRANT_CREATE, input={"licenseId": world.a, "userId": world.a, "rights": ["X"]})
    assert body["data"] is None
    assert "GrantRight" in body["errors"][0]["message"]
    assert await actions() == before


# --- listing --------------------------------------------------------------------------------


async def test_grants_are_listed_for_those_who_manage_them(
    admin: Caller, member: Caller, colleague: Caller, world: World
) -> None:
    # Given grants on A (the member's) and on Adobe
    _, admin_gql = admin
    on_a = await grant(admin_gql, licenseId=world.a, userId=uid(colleague[0]), rights=["REVEAL"])
    on_adobe = await grant(
        admin_gql, vendorId=world.adobe, userId=uid(colleague[0]), rights=["VIEW"]
    )

    # Then an admin lists them by license, by vendor, or all, and finds them as nodes
    by_license = (await admin_gql(GRANTS, licenseId=world.a))["data"]["grants"]
    assert [(g["id"], g["licenseId"], g["user"], g["rights"]) for g in by_license] == [
        (on_a["id"], world.a, {"id": uid(colleague[0])}, ["REVEAL"])
    ]
    assert [g["id"] for g in (await admin_gql(GRANTS, vendorId=world.adobe))["data"]["grants"]] == [
        on_adobe["id"]
    ]
    assert [g["id"] for g in (await admin_gql(GRANTS))["data"]["grants"]] == [
        on_a["id"],
        on_adobe["id"],
    ]
    node = await admin_gql(
        "query($id: ID!) { node(id: $id) { ... on Grant { rights } } }", id=on_a["id"]
    )
    assert node == {"data": {"node": {"rights": ["REVEAL"]}}}

    # The owner lists the grants on their license only; the grantee manages none
    assert [g["id"] for g in (await member[1](GRANTS))["data"]["grants"]] == [on_a["id"]]
    assert (await colleague[1](GRANTS))["data"]["grants"] == []
    hidden = await colleague[1](GRANTS, licenseId=world.c)
    assert hidden["data"] is None
    assert [(e["extensions"]["code"], e["extensions"]["field"]) for e in hidden["errors"]] == [
        ("NOT_FOUND", "licenseId")
    ]


# --- teams ----------------------------------------------------------------------------------


async def test_admins_manage_teams_and_their_members(admin: Caller, member: Caller) -> None:
    # Given
    _, gql = admin
    created = await gql(TEAM_CREATE, name="  Design ", description="Artists")
    team = created["data"]["teamCreate"]["team"]
    assert created["data"]["teamCreate"]["errors"] == []
    assert (team["name"], team["description"], team["members"]) == ("Design", "Artists", [])

    # A second team of the same name, whatever the case, is a typed DUPLICATE error
    duplicate = await gql(TEAM_CREATE, name="DESIGN")
    assert duplicate["data"]["teamCreate"]["team"] is None
    assert [(e["field"], e["code"]) for e in duplicate["data"]["teamCreate"]["errors"]] == [
        ("name", "DUPLICATE")
    ]

    # Rename (the description left out stays), add the member, list
    renamed = await gql(TEAM_UPDATE, input={"id": team["id"], "name": "Designers"})
    assert renamed["data"]["teamUpdate"] == {
        "team": {"name": "Designers", "description": "Artists"},
        "errors": [],
    }
    await gql(TEAM_MEMBER_ADD, teamId=team["id"], userId=uid(member[0]))
    listed = (await gql(TEAMS))["data"]["teams"]
    assert [(t["name"], t["members"]) for t in listed] == [
        (
            "Designers",
            [{"id": uid(member[0]), "name": "Member", "email": "member@example.com"}],
        )
    ]
    unknown = await gql(TEAM_MEMBER_ADD, teamId=team["id"], userId=global_id("User", 999_999))
    assert unknown["data"]["teamMemberAdd"]["errors"] == [{"field": "userId", "code": "NOT_FOUND"}]

    # Delete
    deleted = await gql(TEAM_DELETE, id=team["id"])
    assert deleted == {"data": {"teamDelete": {"deletedId": team["id"], "errors": []}}}
    assert (await gql(TEAMS))["data"]["teams"] == []
    assert [a for a in await actions() if a.startswith("team.")] == [
        "team.create",
        "team.update",
        "team.member_add",
        "team.delete",
    ]


async def test_who_may_see_and_change_teams(
    admin: Caller, manager: Caller, auditor: Caller, member: Caller
) -> None:
    # Given a team
    team = (await admin[1](TEAM_CREATE, name="Ops"))["data"]["teamCreate"]["team"]

    # Managers and auditors see it, but may not change it
    for _, gql in (manager, auditor):
        assert [t["name"] for t in (await gql(TEAMS))["data"]["teams"]] == ["Ops"]
        body = await gql(TEAM_UPDATE, input={"id": team["id"], "name": "Mine"})
        assert body["data"]["teamUpdate"] == {
            "team": None,
            "errors": [{"field": None, "code": "FORBIDDEN"}],
        }
    # Members do not see teams at all: not in the list, not as a node
    body = await member[1](TEAMS)
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"]
    node = await member[1]("query($id: ID!) { node(id: $id) { id } }", id=team["id"])
    assert node == {"data": {"node": None}}
    assert [t.name for t in await Team.all()] == ["Ops"]


async def test_team_members_cost_one_statement_however_many_teams(admin: Caller) -> None:
    # Given teams with members
    _, gql = admin
    users = [await User.create(email=f"user{i}@example.com", name=f"U{i}") for i in range(6)]
    for i in range(5):
        team = (await gql(TEAM_CREATE, name=f"Team {i}"))["data"]["teamCreate"]["team"]
        for user in users[i : i + 2]:
            await gql(TEAM_MEMBER_ADD, teamId=team["id"], userId=uid(user))

    # When
    with count_statements() as statements:
        body = await gql(TEAMS)

    # Then every team has its members, fetched together:
    # the teams and their members (the token is cached since the requests above)
    teams = body["data"]["teams"]
    assert [len(t["members"]) for t in teams] == [2, 2, 2, 2, 2]
    assert teams[0]["members"][0]["email"] == "user0@example.com"
    assert len(statements) == 2, "\n".join(statements)
