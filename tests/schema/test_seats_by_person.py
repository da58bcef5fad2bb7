"""One person's seats, held and ended (the client's Seats view by person): the licenses
filter `heldById` lists the licenses a user holds or held a seat of, with only what the
viewer may see, in a fixed number of statements whatever the number of licenses."""

from __future__ import annotations

import pytest

from bench.statements import count_statements
from licman.models import License, Product, SeatAssignment, User, Vendor
from licman.resolvers.common import now
from tests.schema.conftest import Gql
from tests.schema.test_license_mutations import ASSIGN, create, person, uid

pytestmark = pytest.mark.usefixtures("db")

Caller = tuple[User, Gql]

HELD = """
query Held($who: ID!, $first: Int!) {
  licenses(first: $first, filter: {heldById: $who}, orderBy: {field: PRODUCT}) {
    totalCount
    nodes {
      id name
      product { name } vendor { name }
      assignments { assignedAt endsOn user { id name email } }
      pastAssignments { assignedAt endedAt endNote user { id name email } }
    }
  }
}
"""

UNASSIGN = """
mutation($licenseId: ID!, $userId: ID!) {
  licenseUnassign(input: {licenseId: $licenseId, userId: $userId, note: "left"}) {
    errors { code }
  }
}
"""


async def test_held_by_lists_the_seats_a_person_holds_and_held(manager: Caller) -> None:
    # Given Ann holds a seat of Now, held one of Before, and never one of Never
    _, gql = manager
    ann = await person("ann@example.com")
    held_now = await create(gql, name="Now", seats=3)
    held_before = await create(gql, name="Before", seats=3)
    await create(gql, name="Never", seats=3)
    await gql(ASSIGN, licenseId=held_now["id"], userId=uid(ann))
    await gql(ASSIGN, licenseId=held_before["id"], userId=uid(ann))
    await gql(UNASSIGN, licenseId=held_before["id"], userId=uid(ann))

    # When
    body = await gql(HELD, who=uid(ann), first=100)

    # Then both, the ended seat with its end and note
    assert "errors" not in body, body["errors"]
    nodes = {n["name"]: n for n in body["data"]["licenses"]["nodes"]}
    assert set(nodes) == {"Now", "Before"}
    assert [a["user"]["email"] for a in nodes["Now"]["assignments"]] == ["ann@example.com"]
    assert nodes["Before"]["assignments"] == []
    [ended] = nodes["Before"]["pastAssignments"]
    assert (ended["user"]["email"], ended["endNote"]) == ("ann@example.com", "left")
    assert ended["endedAt"] is not None
    # while assigneeId still means a seat held today
    today = await gql(
        "query($who: ID!) { licenses(first: 10, filter: {assigneeId: $who}) { nodes { name } } }",
        who=uid(ann),
    )
    assert [n["name"] for n in today["data"]["licenses"]["nodes"]] == ["Now"]


async def test_a_member_sees_only_the_licenses_the_api_shows_them(
    manager: Caller, member: Caller
) -> None:
    # Given Ann held seats of two licenses; the member holds a seat of only one of them
    _, gql = manager
    me, as_member = member
    ann = await person("ann@example.com")
    shared = await create(gql, name="Shared", seats=3)
    hidden = await create(gql, name="Hidden", seats=3)
    for license_ in (shared, hidden):
        await gql(ASSIGN, licenseId=license_["id"], userId=uid(ann))
        await gql(UNASSIGN, licenseId=license_["id"], userId=uid(ann))
    await gql(ASSIGN, licenseId=shared["id"], userId=uid(me))

    # When the member asks for Ann's seats
    body = await as_member(
        "query($who: ID!) { licenses(first: 10, filter: {heldById: $who}) { totalCount "
        "nodes { name pastAssignments { user { name } endNote } } } }",
        who=uid(ann),
    )

    # Then only the license the member may see, and Ann by name (no address asked)
    assert "errors" not in body, body["errors"]
    page = body["data"]["licenses"]
    assert page["totalCount"] == 1
    ann_ended = {"user": {"name": "Ann"}, "endNote": "left"}
    assert page["nodes"] == [{"name": "Shared", "pastAssignments": [ann_ended]}]


async def test_a_bad_person_id_names_the_field(manager: Caller) -> None:
    _, gql = manager
    body = await gql(HELD, who="not-an-id", first=10)
    assert body["errors"], body
    assert "filter.heldById" in body["errors"][0]["message"]


@pytest.mark.parametrize("count", [40, 4])
async def test_a_persons_seat_history_costs_a_fixed_number_of_statements(
    admin: Caller, count: int
) -> None:
    # Given Ann holds a seat of `count` licenses and held one of `count` others
    _, gql = admin
    ann = await person("ann@example.com")
    other = await person("ben@example.com")
    product = await Product.create(vendor=await Vendor.create(name="Adobe"), name="Photoshop")
    for i in range(2 * count):
        license_ = await License.create(product=product, name=f"L{i:03}", seats=5)
        await SeatAssignment.create(license=license_, user=other, active_holder=other.id)
        if i < count:
            await SeatAssignment.create(license=license_, user=ann, active_holder=ann.id)
        else:
            await SeatAssignment.create(
                license=license_, user=ann, active_holder=None, revoked_at=now(),
                revoke_reason="ended",
            )  # fmt: skip
    await gql(HELD, who=uid(ann), first=1)  # warm-up: the token's last-used time is written once

    # When
    with count_statements() as statements:
        body = await gql(HELD, who=uid(ann), first=100)

    # Then: 1 the page (filter inside), 1 active seats, 1 ended seats, 1 totalCount
    assert "errors" not in body, body["errors"]
    nodes = body["data"]["licenses"]["nodes"]
    assert len(nodes) == 2 * count
    assert sum(len(n["pastAssignments"]) for n in nodes) == count
    assert len(statements) == 4, "\n".join(statements)
