"""Seats over time: an unassign keeps the ended seat with its note (License.pastAssignments),
a revoke ends every seat with its reason, assigning again (the client's Undo) gives the seat
back; pickers search users and tags on the server; and members see only what the API allows
them (other people's e-mail addresses stay hidden)."""

from __future__ import annotations

import pytest

from bench.statements import count_statements
from licman.models import AuditEvent, License, SeatAssignment, Tag, User
from licman.resolvers.common import now
from licman.schema.ids import decode_id
from tests.schema.conftest import Gql
from tests.schema.test_license_mutations import ASSIGN, create, person, uid
from tests.schema.test_license_query_count import seed_licenses

pytestmark = pytest.mark.usefixtures("db")

Caller = tuple[User, Gql]

UNASSIGN = """
mutation Unassign($licenseId: ID!, $userId: ID!, $note: String!) {
  licenseUnassign(input: {licenseId: $licenseId, userId: $userId, note: $note}) {
    license {
      seatsUsed seatsFree
      assignments { user { email } endedAt endNote }
      pastAssignments { user { email name } assignedAt endsOn endedAt endNote }
    }
    errors { field code message }
  }
}
"""

SEATS = """
query Seats($id: ID!) {
  license(id: $id) {
    seatsUsed
    assignments { user { name email } }
    pastAssignments { user { name email } endNote endedAt }
  }
}
"""


async def test_an_unassigned_seat_is_kept_with_its_note_and_can_be_given_back(
    manager: Caller,
) -> None:
    # Given a full license held by Ann
    _, gql = manager
    created = await create(gql, seats=1)
    ann = await person("ann@example.com")
    await gql(ASSIGN, licenseId=created["id"], userId=uid(ann), until="2099-12-31")

    # When the seat is taken back with a note
    body = await gql(UNASSIGN, licenseId=created["id"], userId=uid(ann), note="  Left the team ")

    # Then the seat is free and the ended one is listed with its note (trimmed)
    assert "errors" not in body, body["errors"]
    payload = body["data"]["licenseUnassign"]
    assert payload["errors"] == []
    license_ = payload["license"]
    assert (license_["seatsUsed"], license_["seatsFree"], license_["assignments"]) == (0, 1, [])
    [past] = license_["pastAssignments"]
    assert past["user"] == {"email": "ann@example.com", "name": "Ann"}
    assert (past["endsOn"], past["endNote"]) == ("2099-12-31", "Left the team")
    assert past["endedAt"] is not None
    assert past["assignedAt"] <= past["endedAt"]
    event = await AuditEvent.filter(action="license.unassign").order_by("-id").first()
    assert event is not None
    assert event.changes["note"] == "Left the team"

    # When the client's Undo assigns her again
    again = await gql(ASSIGN, licenseId=created["id"], userId=uid(ann), until="2099-12-31")

    # Then she holds the seat again, and the ended seat stays in the history
    assert again["data"]["licenseAssign"]["errors"] == []
    seats = (await gql(SEATS, id=created["id"]))["data"]["license"]
    assert seats["seatsUsed"] == 1
    assert seats["assignments"] == [{"user": {"name": "Ann", "email": "ann@example.com"}}]
    assert [p["endNote"] for p in seats["pastAssignments"]] == ["Left the team"]


async def test_a_note_too_long_is_refused_naming_the_field_and_changes_nothing(
    manager: Caller,
) -> None:
    # Given
    _, gql = manager
    created = await create(gql, seats=2)
    ann = await person("ann@example.com")
    await gql(ASSIGN, licenseId=created["id"], userId=uid(ann))
    events = await AuditEvent.all().count()

    # When
    body = await gql(UNASSIGN, licenseId=created["id"], userId=uid(ann), note="x" * 501)

    # Then
    payload = body["data"]["licenseUnassign"]
    assert payload["license"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("note", "INVALID")]
    assert "500" in payload["errors"][0]["message"]
    assert await SeatAssignment.filter(active_holder=ann.id).count() == 1
    assert (await License.get(id=int(await _pk(created["id"])))).seats_used == 1
    assert await AuditEvent.all().count() == events


async def _pk(global_id: str) -> int:
    return decode_id(global_id, "License", "id")


async def test_a_revoke_ends_every_seat_with_its_reason(manager: Caller) -> None:
    # Given
    _, gql = manager
    created = await create(gql, seats=3)
    ann, ben = await person("ann@example.com"), await person("ben@example.com")
    for user in (ann, ben):
        await gql(ASSIGN, licenseId=created["id"], userId=uid(user))

    # When
    await gql(
        'mutation($id: ID!) { licenseRevoke(input: {id: $id, reason: "Contract ended"}) '
        "{ errors { code } } }",
        id=created["id"],
    )

    # Then
    seats = (await gql(SEATS, id=created["id"]))["data"]["license"]
    assert seats["assignments"] == []
    assert sorted(p["user"]["email"] for p in seats["pastAssignments"]) == [
        "ann@example.com",
        "ben@example.com",
    ]
    assert {p["endNote"] for p in seats["pastAssignments"]} == {"Contract ended"}


async def test_a_member_sees_past_seats_of_a_license_but_not_other_peoples_emails(
    manager: Caller, member: Caller
) -> None:
    # Given a license the member holds a seat of, and Ann's ended seat on it
    _, gql = manager
    me, as_member = member
    created = await create(gql, seats=3)
    ann = await person("ann@example.com")
    await gql(ASSIGN, licenseId=created["id"], userId=uid(ann))
    await gql(UNASSIGN, licenseId=created["id"], userId=uid(ann), note="moved")
    await gql(ASSIGN, licenseId=created["id"], userId=uid(me))

    # When
    body = await as_member(
        "query($id: ID!) { license(id: $id) { pastAssignments { user { name email } endNote } "
        "assignments { user { email } } } }",
        id=created["id"],
    )

    # Then: names and notes, but Ann's address is null with a FORBIDDEN error; the member's own
    # address is readable
    license_ = body["data"]["license"]
    assert license_["pastAssignments"] == [
        {"user": {"name": "Ann", "email": None}, "endNote": "moved"}
    ]
    assert license_["assignments"] == [{"user": {"email": "member@example.com"}}]
    assert {e["extensions"]["code"] for e in body["errors"]} == {"FORBIDDEN"}
    assert [e["path"][-1] for e in body["errors"]] == ["email"]


async def test_a_member_cannot_unassign_and_nothing_changes(
    manager: Caller, member: Caller
) -> None:
    # Given
    _, gql = manager
    me, as_member = member
    created = await create(gql, seats=3)
    ann = await person("ann@example.com")
    await gql(ASSIGN, licenseId=created["id"], userId=uid(ann))
    await gql(ASSIGN, licenseId=created["id"], userId=uid(me))

    # When
    body = await as_member(UNASSIGN, licenseId=created["id"], userId=uid(ann), note="no")

    # Then
    payload = body["data"]["licenseUnassign"]
    assert payload["license"] is None
    assert payload["errors"]
    assert await SeatAssignment.filter(active_holder=ann.id).count() == 1
    assert await SeatAssignment.filter(revoked_at__isnull=False).count() == 0


PAST_PAGE = """
query Page($first: Int!) {
  licenses(first: $first, orderBy: {field: VENDOR}) {
    totalCount
    edges { node { id
      assignments { id user { id email } }
      pastAssignments { id endedAt endNote user { id email name } }
    } }
  }
}
"""


@pytest.mark.parametrize("count", [60, 6])
async def test_past_seats_of_a_page_cost_one_statement(admin: Caller, count: int) -> None:
    # Given licenses with two active seats each, and one ended seat on each
    _, gql = admin
    await seed_licenses(count)
    await SeatAssignment.filter(id__in=[a.id for a in await _one_seat_per_license()]).update(
        active_holder=None, revoke_reason="ended"
    )
    await gql(PAST_PAGE, first=1)  # warm-up: the token's last-used time is written once

    # When
    with count_statements() as statements:
        body = await gql(PAST_PAGE, first=100)

    # Then: 1 the page, 1 active seats with their users, 1 ended seats with theirs, 1 the
    # count (0 for the token, cached since the warm-up), whatever the page's size
    assert "errors" not in body, body["errors"]
    nodes = [e["node"] for e in body["data"]["licenses"]["edges"]]
    assert len(nodes) == count
    assert all(len(n["pastAssignments"]) == 1 for n in nodes)
    assert all(len(n["assignments"]) == 1 for n in nodes)
    assert nodes[0]["pastAssignments"][0]["endNote"] == "ended"
    assert len(statements) == 4, "\n".join(statements)


async def _one_seat_per_license() -> list[SeatAssignment]:
    chosen: dict[int, SeatAssignment] = {}
    for seat in await SeatAssignment.all().order_by("id"):
        chosen.setdefault(seat.license_id, seat)
    for seat in chosen.values():
        seat.revoked_at = now()
        await seat.save(update_fields=["revoked_at"])
    return list(chosen.values())


USERS = """
query Users($search: String, $first: Int) {
  users(includeInactive: false, search: $search, first: $first) { name email }
}
"""


async def test_users_are_searched_on_the_server_by_name_or_email(manager: Caller) -> None:
    # Given
    _, gql = manager
    for i in range(30):
        await User.create(email=f"person{i:02}@example.com", name=f"Person {i:02}")
    await User.create(email="elena.patel@example.com", name="Elena Patel")
    await User.create(email="gone@example.com", name="Elena Gone", is_active=False)

    # When / Then: by name, any case; inactive ones left out
    body = await gql(USERS, search="ELENA", first=10)
    assert body["data"]["users"] == [{"name": "Elena Patel", "email": "elena.patel@example.com"}]
    # by e-mail, at most `first`, in e-mail order
    some = (await gql(USERS, search="person1", first=3))["data"]["users"]
    assert [u["email"] for u in some] == [f"person1{i}@example.com" for i in range(3)]
    # LIKE's wildcards are only characters here
    assert (await gql(USERS, search="%", first=5))["data"]["users"] == []
    # a bad page size names the argument and lists nobody
    bad = await gql(USERS, search="x", first=500)
    assert bad["data"] is None or bad["data"].get("users") is None
    assert "first" in bad["errors"][0]["message"]


async def test_members_may_not_search_users(member: Caller) -> None:
    _, gql = member
    body = await gql(USERS, search="a", first=5)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert not (body.get("data") or {}).get("users")


async def test_tags_are_searched_on_the_server(member: Caller) -> None:
    # Given
    _, gql = member
    for i in range(40):
        await Tag.create(name=f"team-{i:02}")
    await Tag.create(name="Finance")

    # When
    found = await gql('{ tags(search: "fin", first: 5) { name } }')
    many = await gql('{ tags(search: "TEAM-1", first: 4) { name } }')

    # Then
    assert found["data"]["tags"] == [{"name": "Finance"}]
    assert [t["name"] for t in many["data"]["tags"]] == [f"team-1{i}" for i in range(4)]
