"""Changing licenses over GraphQL: create, update, archive, delete, seats, revoke, renew,
bulk tags, revealing secrets, the audit trail, and who may do what."""

from __future__ import annotations

import asyncio
import json
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from strawberry.relay import GlobalID

from licman.models import (
    AuditEvent,
    License,
    Product,
    RenewalTerm,
    SeatAssignment,
    Tag,
    User,
    Vendor,
)
from licman.resolvers import license as license_ops
from licman.resolvers import license_seats
from licman.resolvers.license import visible_license
from licman.schema.ids import global_id
from licman.security.secrets import keyring
from tests.backends import TestDatabase
from tests.schema.conftest import Gql

pytestmark = pytest.mark.usefixtures("db")

Caller = tuple[User, Gql]

FIELDS = """
fragment Fields on License {
  id name kind status seats seatsUsed seatsFree cost currency billingPeriod
  purchasedOn startsOn expiresOn cancelBy autoRenew notes metadata externalId
  archivedAt version hasSecret
  product { name } vendor { name } owner { email } tags { name }
  assignments { user { email } endsOn }
  renewals { startsOn endsOn cost currency note }
}
"""

CREATE = (
    """
mutation Create($input: LicenseCreateInput!) {
  licenseCreate(input: $input) { license { ...Fields } errors { field code message } }
}
"""
    + FIELDS
)

UPDATE = (
    """
mutation Update($input: LicenseUpdateInput!) {
  licenseUpdate(input: $input) { license { ...Fields } errors { field code message } }
}
"""
    + FIELDS
)

ARCHIVE = """
mutation Archive($id: ID!) {
  licenseArchive(input: {id: $id}) { license { id archivedAt } errors { field code } }
}
"""

RESTORE = """
mutation Restore($id: ID!) {
  licenseRestore(input: {id: $id}) { license { id archivedAt } errors { field code } }
}
"""

DELETE = """
mutation Delete($id: ID!) {
  licenseDelete(input: {id: $id}) { deletedId errors { field code } }
}
"""

ASSIGN = """
mutation Assign($licenseId: ID!, $userId: ID!, $until: Date) {
  licenseAssign(input: {licenseId: $licenseId, userId: $userId, until: $until}) {
    license { seats seatsUsed seatsFree assignments { user { email } endsOn } }
    errors { field code message }
  }
}
"""

UNASSIGN = """
mutation Unassign($licenseId: ID!, $userId: ID!) {
  licenseUnassign(input: {licenseId: $licenseId, userId: $userId}) {
    license { seatsUsed seatsFree assignments { user { email } } }
    errors { field code }
  }
}
"""

REVOKE = """
mutation Revoke($id: ID!, $reason: String!) {
  licenseRevoke(input: {id: $id, reason: $reason}) {
    license { status seatsUsed assignments { id } version }
    errors { field code }
  }
}
"""

RENEW = (
    """
mutation Renew($input: LicenseRenewInput!) {
  licenseRenew(input: $input) { license { ...Fields } errors { field code message } }
}
"""
    + FIELDS
)

TAG = """
mutation Tag($licenseIds: [ID!]!, $tagIds: [ID!]!) {
  licensesTag(input: {licenseIds: $licenseIds, tagIds: $tagIds}) {
    licenses { id tags { name } }
    errors { field code }
  }
}
"""

UNTAG = """
mutation Untag($licenseIds: [ID!]!, $tagIds: [ID!]!) {
  licensesUntag(input: {licenseIds: $licenseIds, tagIds: $tagIds}) {
    licenses { id tags { name } }
    errors { field code }
  }
}
"""

READ = (
    """
query Read($id: ID!) { license(id: $id) { ...Fields } }
"""
    + FIELDS
)

LIST = """
query List($filter: LicenseFilter) { licenses(first: 100, filter: $filter) { nodes { name } } }
"""

REVEAL = """
query Reveal($id: ID!) { license(id: $id) { name hasSecret canRevealSecret secret } }
"""


def pk(gid: str) -> int:
    return int(GlobalID.from_id(gid).node_id)


def uid(user: User) -> str:
    return global_id("User", user.id)


async def state() -> tuple[int, int]:
    """What a refused change must leave alone: the licenses and the audit events."""
    return await License.all().count(), await AuditEvent.all().count()


async def actions_since(count: int) -> list[str]:
    return [e.action for e in (await AuditEvent.all().order_by("id"))[count:]]


async def photoshop() -> str:
    """The global id of Adobe Photoshop, made on first use."""
    product = await Product.get_or_none(name="Photoshop")
    if product is None:
        vendor = await Vendor.create(name="Adobe")
        product = await Product.create(vendor=vendor, name="Photoshop")
    return global_id("Product", product.id)


async def tag_ids(*names: str) -> list[str]:
    return [global_id("Tag", (await Tag.create(name=name)).id) for name in names]


async def person(email: str) -> User:
    return await User.create(email=email, name=email.split("@")[0].title())


async def create(gql: Gql, **fields: Any) -> dict[str, Any]:
    """A license made through licenseCreate (of Photoshop unless productId is given)."""
    body = await gql(CREATE, input={"productId": await photoshop(), **fields})
    assert "errors" not in body, body["errors"]
    payload = body["data"]["licenseCreate"]
    assert payload["errors"] == [], payload["errors"]
    license_: dict[str, Any] = payload["license"]
    return license_


def refused(body: dict[str, Any], mutation: str) -> list[dict[str, Any]]:
    """The typed errors of a refused mutation (whose result must be empty)."""
    assert "errors" not in body, body["errors"]
    payload = body["data"][mutation]
    assert payload.get("license") is None
    assert payload["errors"], "the mutation was not refused"
    errors: list[dict[str, Any]] = payload["errors"]
    return errors


def codes(errors: list[dict[str, Any]]) -> list[tuple[str | None, str]]:
    return [(e["field"], e["code"]) for e in errors]


# --- create ---------------------------------------------------------------------------------


async def test_create_with_every_field_and_read_it_back(admin: Caller) -> None:
    # Given
    _, gql = admin
    product_id = await photoshop()
    finance, design = await tag_ids("Finance", "Design")
    owner = await person("owner@example.com")
    before = await state()

    # When
    created = await create(
        gql,
        productId=product_id,
        name="  Design team  ",
        kind="SUBSCRIPTION",
        secret="PS-1234-5678",
        seats=10,
        cost="199.99",
        currency="eur",
        billingPeriod="YEARLY",
        purchasedOn="2024-01-02",
        startsOn="2024-01-15",
        expiresOn="2099-01-14",  # in the future: still a TRIAL today
        cancelBy="2024-12-15",
        autoRenew=True,
        status="TRIAL",
        ownerId=uid(owner),
        notes="Bought through the reseller",
        metadata={"costCenter": "42", "po": 1001},
        externalId="SAP-4711",
        tagIds=[finance, design],
    )
    read = await gql(READ, id=created["id"])

    # Then what was sent is what is read, tidied (name trimmed, currency upper case)
    assert read == {"data": {"license": created}}
    expected = {
        "name": "Design team",
        "kind": "SUBSCRIPTION",
        "status": "TRIAL",
        "seats": 10,
        "seatsUsed": 0,
        "seatsFree": 10,
        "cost": "199.99",
        "currency": "EUR",
        "billingPeriod": "YEARLY",
        "purchasedOn": "2024-01-02",
        "startsOn": "2024-01-15",
        "expiresOn": "2099-01-14",
        "cancelBy": "2024-12-15",
        "autoRenew": True,
        "notes": "Bought through the reseller",
        "metadata": {"costCenter": "42", "po": 1001},
        "externalId": "SAP-4711",
        "archivedAt": None,
        "version": 1,
        "hasSecret": True,
        "product": {"name": "Photoshop"},
        "vendor": {"name": "Adobe"},
        "owner": {"email": "owner@example.com"},
        "tags": [{"name": "Design"}, {"name": "Finance"}],
        "assignments": [],
        "renewals": [
            {
                "startsOn": "2024-01-15",
                "endsOn": "2099-01-14",
                "cost": "199.99",
                "currency": "EUR",
                "note": "initial term",
            }
        ],
    }
    assert {k: v for k, v in created.items() if k != "id"} == expected
    assert await state() == (before[0] + 1, before[1] + 1)
    assert await actions_since(before[1]) == ["license.create"]


async def test_create_with_only_a_product_takes_the_defaults(manager: Caller) -> None:
    # Given
    _, gql = manager

    # When
    created = await create(gql)

    # Then
    defaults: dict[str, Any] = {
        "name": "",
        "kind": "OTHER",
        "status": "ACTIVE",
        "seats": None,
        "seatsFree": None,
        "cost": None,
        "currency": None,
        "metadata": {},
        "hasSecret": False,
        "owner": None,
        "tags": [],
        "renewals": [],
        "version": 1,
    }
    assert {key: created[key] for key in defaults} == defaults


def too_big() -> dict[str, str]:
    return {"blob": "x" * 17_000}


INVALID_CREATES = [
    pytest.param({"seats": -1}, "seats", "INVALID", id="negative-seats"),
    pytest.param({"currency": "ABC"}, "currency", "INVALID", id="unknown-currency"),
    pytest.param({"cost": "-1", "currency": "EUR"}, "cost", "INVALID", id="negative-cost"),
    pytest.param({"cost": "0.0000001", "currency": "EUR"}, "cost", "INVALID", id="cost-precision"),
    pytest.param({"cost": "10"}, "currency", "INVALID", id="cost-without-currency"),
    pytest.param(
        {"startsOn": "2024-06-02", "expiresOn": "2024-06-01"},
        "startsOn",
        "INVALID",
        id="starts-after-expiry",
    ),
    pytest.param(
        {"cancelBy": "2024-07-01", "expiresOn": "2024-06-30"},
        "cancelBy",
        "INVALID",
        id="cancel-after-expiry",
    ),
    pytest.param({"metadata": [1, 2]}, "metadata", "INVALID", id="metadata-list"),
    pytest.param({"metadata": "text"}, "metadata", "INVALID", id="metadata-string"),
    pytest.param({"metadata": too_big()}, "metadata", "INVALID", id="metadata-too-large"),
    pytest.param({"metadata": {"bad key!": 1}}, "metadata", "INVALID", id="metadata-bad-key"),
    pytest.param({"name": "x" * 201}, "name", "INVALID", id="name-too-long"),
    pytest.param({"externalId": "x" * 256}, "externalId", "INVALID", id="external-id-too-long"),
    pytest.param({"secret": "   "}, "secret", "INVALID", id="blank-secret"),
    pytest.param(
        {"productId": global_id("Product", 999_999)}, "productId", "NOT_FOUND", id="no-product"
    ),
    pytest.param(
        {"productId": global_id("Vendor", 1)}, "productId", "INVALID", id="product-wrong-type"
    ),
    pytest.param({"tagIds": [global_id("Tag", 999_999)]}, "tagIds", "NOT_FOUND", id="no-tag"),
    pytest.param({"ownerId": global_id("User", 999_999)}, "ownerId", "NOT_FOUND", id="no-owner"),
]


@pytest.mark.parametrize(("fields", "field_name", "code"), INVALID_CREATES)
async def test_an_invalid_create_names_the_field_and_changes_nothing(
    admin: Caller, fields: dict[str, Any], field_name: str, code: str
) -> None:
    # Given
    _, gql = admin
    product_id = await photoshop()
    before = await state()

    # When
    body = await gql(CREATE, input={"productId": product_id, **fields})

    # Then
    errors = refused(body, "licenseCreate")
    assert codes(errors) == [(field_name, code)]
    assert errors[0]["message"]
    assert await state() == before


async def test_every_error_of_a_create_is_reported_at_once(admin: Caller) -> None:
    # Given
    _, gql = admin
    product_id = await photoshop()
    before = await state()

    # When
    body = await gql(
        CREATE,
        input={
            "productId": product_id,
            "seats": -1,
            "currency": "ABC",
            "name": "x" * 201,
            "startsOn": "2024-02-01",
            "expiresOn": "2024-01-01",
            "metadata": [],
        },
    )

    # Then
    errors = refused(body, "licenseCreate")
    assert sorted(codes(errors)) == [
        ("currency", "INVALID"),
        ("metadata", "INVALID"),
        ("name", "INVALID"),
        ("seats", "INVALID"),
        ("startsOn", "INVALID"),
    ]
    assert await state() == before


async def test_a_duplicate_external_id_is_refused_on_create(admin: Caller) -> None:
    # Given
    _, gql = admin
    await create(gql, externalId="SAP-1")
    before = await state()

    # When
    body = await gql(CREATE, input={"productId": await photoshop(), "externalId": "SAP-1"})

    # Then
    assert codes(refused(body, "licenseCreate")) == [("externalId", "DUPLICATE")]
    assert await state() == before


# --- update ---------------------------------------------------------------------------------


async def test_update_changes_only_the_given_fields(admin: Caller) -> None:
    # Given (an admin: only a caller who holds every right of ownership may give an owner)
    _, gql = admin
    design, finance = await tag_ids("Design", "Finance")
    owner = await person("owner@example.com")
    created = await create(
        gql,
        name="Design team",
        seats=5,
        cost="10.00",
        currency="USD",
        expiresOn="2030-01-01",
        ownerId=uid(owner),
        metadata={"a": "1"},
        tagIds=[design],
        secret="keep me",
    )

    # When only the notes and the seats are sent
    body = await gql(
        UPDATE, input={"id": created["id"], "version": 1, "notes": "More seats", "seats": 8}
    )

    # Then those change, the version goes up, and everything else stays
    updated = body["data"]["licenseUpdate"]["license"]
    assert body["data"]["licenseUpdate"]["errors"] == []
    changed = {"notes": "More seats", "seats": 8, "seatsFree": 8, "version": 2}
    assert updated == created | changed
    assert (await gql(READ, id=created["id"]))["data"]["license"] == updated

    # and null clears an optional field, an empty list clears the tags
    body = await gql(
        UPDATE,
        input={"id": created["id"], "version": 2, "ownerId": None, "tagIds": [finance]},
    )
    again = body["data"]["licenseUpdate"]["license"]
    assert (again["owner"], again["tags"], again["version"]) == (None, [{"name": "Finance"}], 3)
    body = await gql(UPDATE, input={"id": created["id"], "version": 3, "tagIds": []})
    assert body["data"]["licenseUpdate"]["license"]["tags"] == []


async def test_an_update_with_a_stale_version_conflicts_and_changes_nothing(
    admin: Caller,
) -> None:
    # Given a license someone else changed after we loaded it (version 1)
    _, gql = admin
    created = await create(gql, name="Original")
    first = await gql(UPDATE, input={"id": created["id"], "version": 1, "name": "Theirs"})
    assert first["data"]["licenseUpdate"]["errors"] == []
    before = await state()

    # When
    body = await gql(UPDATE, input={"id": created["id"], "version": 1, "name": "Mine"})

    # Then
    assert codes(refused(body, "licenseUpdate")) == [("version", "CONFLICT")]
    assert (await gql(READ, id=created["id"]))["data"]["license"]["name"] == "Theirs"
    assert await state() == before


async def test_a_secret_is_replaced_and_removed(admin: Caller) -> None:
    # Given
    _, gql = admin
    created = await create(gql, secret="OLD-SECRET")

    # When
    replaced = await gql(UPDATE, input={"id": created["id"], "version": 1, "secret": "NEW"})
    revealed = await gql(REVEAL, id=created["id"])
    removed = await gql(UPDATE, input={"id": created["id"], "version": 2, "secret": None})
    gone = await gql(REVEAL, id=created["id"])

    # Then
    assert replaced["data"]["licenseUpdate"]["license"]["hasSecret"] is True
    assert revealed["data"]["license"]["secret"] == "NEW"
    assert removed["data"]["licenseUpdate"]["license"]["hasSecret"] is False
    assert gone == {
        "data": {
            "license": {"name": "", "hasSecret": False, "canRevealSecret": True, "secret": None}
        }
    }


async def test_an_external_id_used_elsewhere_is_refused(admin: Caller) -> None:
    # Given
    _, gql = admin
    await create(gql, externalId="SAP-1")
    other = await create(gql, externalId="SAP-2")
    before = await state()

    # When
    body = await gql(UPDATE, input={"id": other["id"], "version": 1, "externalId": "SAP-1"})

    # Then
    assert codes(refused(body, "licenseUpdate")) == [("externalId", "DUPLICATE")]
    assert (await gql(READ, id=other["id"]))["data"]["license"]["externalId"] == "SAP-2"
    assert await state() == before


async def test_seats_cannot_drop_below_the_seats_in_use(admin: Caller) -> None:
    # Given three seats, two of them assigned
    _, gql = admin
    created = await create(gql, seats=3)
    for email in ("ann@example.com", "ben@example.com"):
        await gql(ASSIGN, licenseId=created["id"], userId=uid(await person(email)))
    before = await state()

    # When
    too_few = await gql(UPDATE, input={"id": created["id"], "version": 1, "seats": 1})
    enough = await gql(UPDATE, input={"id": created["id"], "version": 1, "seats": 2})

    # Then
    assert codes(refused(too_few, "licenseUpdate")) == [("seats", "INVALID")]
    assert enough["data"]["licenseUpdate"]["license"]["seatsFree"] == 0
    assert await actions_since(before[1]) == ["license.update"]


async def test_an_update_can_be_invalid_in_several_ways_at_once(admin: Caller) -> None:
    # Given
    _, gql = admin
    created = await create(gql, expiresOn="2030-01-01")
    before = await state()

    # When
    body = await gql(
        UPDATE,
        input={
            "id": created["id"],
            "version": 1,
            "cost": "5",
            "startsOn": "2031-01-01",
            "kind": None,
        },
    )

    # Then
    errors = refused(body, "licenseUpdate")
    assert sorted(codes(errors)) == [
        ("currency", "INVALID"),
        ("kind", "INVALID"),
        ("startsOn", "INVALID"),
    ]
    assert await state() == before


# --- archive, restore, delete ---------------------------------------------------------------


async def list_names(gql: Gql, **flt: Any) -> list[str]:
    body = await gql(LIST, filter=flt or None)
    return [n["name"] for n in body["data"]["licenses"]["nodes"]]


async def test_archive_hides_a_license_and_restore_brings_it_back(manager: Caller) -> None:
    # Given
    _, gql = manager
    kept = await create(gql, name="Kept")
    await create(gql, name="Other")

    # When
    archived = await gql(ARCHIVE, id=kept["id"])

    # Then
    assert archived["data"]["licenseArchive"]["license"]["archivedAt"] is not None
    assert await list_names(gql) == ["Other"]
    assert await list_names(gql, archived=True) == ["Kept"]
    assert (await gql(READ, id=kept["id"]))["data"]["license"]["archivedAt"] is not None

    # When
    restored = await gql(RESTORE, id=kept["id"])

    # Then
    assert restored["data"]["licenseRestore"] == {
        "license": {"id": kept["id"], "archivedAt": None},
        "errors": [],
    }
    assert sorted(await list_names(gql)) == ["Kept", "Other"]
    assert await list_names(gql, archived=True) == []


async def test_an_archived_license_gets_no_new_seats(admin: Caller) -> None:
    # Given
    _, gql = admin
    created = await create(gql, seats=2)
    await gql(ARCHIVE, id=created["id"])

    # When
    body = await gql(ASSIGN, licenseId=created["id"], userId=uid(await person("a@example.com")))

    # Then
    assert codes(refused(body, "licenseAssign")) == [("licenseId", "INVALID")]


async def test_an_admin_deletes_a_license_with_its_seats_and_terms(admin: Caller) -> None:
    # Given a license with a seat and a term
    _, gql = admin
    created = await create(
        gql, seats=2, cost="1", currency="EUR", startsOn="2024-01-01", expiresOn="2024-12-31"
    )
    await gql(ASSIGN, licenseId=created["id"], userId=uid(await person("a@example.com")))
    before = await state()

    # When
    body = await gql(DELETE, id=created["id"])

    # Then
    assert body["data"]["licenseDelete"] == {"deletedId": created["id"], "errors": []}
    assert (await gql(READ, id=created["id"]))["data"]["license"] is None
    assert await License.all().count() == 0
    assert await SeatAssignment.all().count() == 0
    assert await RenewalTerm.all().count() == 0
    assert await actions_since(before[1]) == ["license.delete"]


async def test_a_manager_may_not_delete_a_license(admin: Caller, manager: Caller) -> None:
    # Given
    created = await create(admin[1], name="Keep")
    _, gql = manager
    before = await state()

    # When
    body = await gql(DELETE, id=created["id"])

    # Then
    assert body["data"]["licenseDelete"] == {
        "deletedId": None,
        "errors": [{"field": None, "code": "FORBIDDEN"}],
    }
    assert (await gql(READ, id=created["id"]))["data"]["license"]["name"] == "Keep"
    assert await state() == before


# --- seats ----------------------------------------------------------------------------------


async def test_seats_are_assigned_until_none_are_left(manager: Caller) -> None:
    # Given two seats
    _, gql = manager
    created = await create(gql, seats=2)
    ann, ben, cat = [await person(f"{n}@example.com") for n in ("ann", "ben", "cat")]

    # When three people ask for one
    first = await gql(ASSIGN, licenseId=created["id"], userId=uid(ann), until="2099-01-01")
    second = await gql(ASSIGN, licenseId=created["id"], userId=uid(ben))
    third = await gql(ASSIGN, licenseId=created["id"], userId=uid(cat))

    # Then two get one and the third is told there is none left
    assert first["data"]["licenseAssign"] == {
        "license": {
            "seats": 2,
            "seatsUsed": 1,
            "seatsFree": 1,
            "assignments": [{"user": {"email": "ann@example.com"}, "endsOn": "2099-01-01"}],
        },
        "errors": [],
    }
    assert second["data"]["licenseAssign"]["license"]["seatsFree"] == 0
    assert codes(refused(third, "licenseAssign")) == [("licenseId", "NO_SEATS_LEFT")]
    read = (await gql(READ, id=created["id"]))["data"]["license"]
    assert (read["seatsUsed"], read["seatsFree"]) == (2, 0)


async def test_a_user_holds_at_most_one_seat_of_a_license(manager: Caller) -> None:
    # Given
    _, gql = manager
    created = await create(gql, seats=5)
    ann = await person("ann@example.com")
    await gql(ASSIGN, licenseId=created["id"], userId=uid(ann))
    before = await state()

    # When
    body = await gql(ASSIGN, licenseId=created["id"], userId=uid(ann))

    # Then the refused seat is not counted
    assert codes(refused(body, "licenseAssign")) == [("userId", "ALREADY_ASSIGNED")]
    read = (await gql(READ, id=created["id"]))["data"]["license"]
    assert (read["seatsUsed"], len(read["assignments"])) == (1, 1)
    assert await state() == before


async def test_unassigning_frees_the_seat_for_someone_else(manager: Caller) -> None:
    # Given a full license
    _, gql = manager
    created = await create(gql, seats=1)
    ann, ben = await person("ann@example.com"), await person("ben@example.com")
    await gql(ASSIGN, licenseId=created["id"], userId=uid(ann))

    # When
    freed = await gql(UNASSIGN, licenseId=created["id"], userId=uid(ann))
    again = await gql(UNASSIGN, licenseId=created["id"], userId=uid(ann))
    taken = await gql(ASSIGN, licenseId=created["id"], userId=uid(ben))

    # Then
    assert freed["data"]["licenseUnassign"] == {
        "license": {"seatsUsed": 0, "seatsFree": 1, "assignments": []},
        "errors": [],
    }
    assert codes(refused(again, "licenseUnassign")) == [("userId", "NOT_FOUND")]
    assert taken["data"]["licenseAssign"]["license"]["assignments"] == [
        {"user": {"email": "ben@example.com"}, "endsOn": None}
    ]


async def test_unlimited_seats_never_run_out(manager: Caller) -> None:
    # Given
    _, gql = manager
    created = await create(gql, seats=None)

    # When
    results = [
        await gql(ASSIGN, licenseId=created["id"], userId=uid(await person(f"u{i}@example.com")))
        for i in range(4)
    ]

    # Then
    assert [r["data"]["licenseAssign"]["errors"] for r in results] == [[], [], [], []]
    last = results[-1]["data"]["licenseAssign"]["license"]
    assert (last["seats"], last["seatsUsed"], last["seatsFree"]) == (None, 4, None)


async def test_revoke_releases_every_seat_with_the_reason(manager: Caller) -> None:
    # Given
    _, gql = manager
    created = await create(gql, seats=3)
    for email in ("ann@example.com", "ben@example.com"):
        await gql(ASSIGN, licenseId=created["id"], userId=uid(await person(email)))
    before = await state()

    # When
    body = await gql(REVOKE, id=created["id"], reason="Contract ended")

    # Then
    assert body["data"]["licenseRevoke"] == {
        "license": {"status": "REVOKED", "seatsUsed": 0, "assignments": [], "version": 2},
        "errors": [],
    }
    seats = await SeatAssignment.filter(license_id=pk(created["id"]))
    assert [(s.revoke_reason, s.revoked_at is not None, s.active_holder) for s in seats] == [
        ("Contract ended", True, None),
        ("Contract ended", True, None),
    ]
    event = (await AuditEvent.all().order_by("id"))[before[1] :]
    assert [(e.action, e.changes["reason"], e.changes["seats_released"]) for e in event] == [
        ("license.revoke", "Contract ended", 2)
    ]
    # and a revoked license gets no new seats
    again = await gql(ASSIGN, licenseId=created["id"], userId=uid(await person("c@example.com")))
    assert codes(refused(again, "licenseAssign")) == [("licenseId", "INVALID")]


async def test_renew_adds_a_term_and_moves_the_expiry(manager: Caller) -> None:
    # Given a license bought for 2024
    _, gql = manager
    created = await create(
        gql, cost="100", currency="EUR", startsOn="2024-01-01", expiresOn="2024-12-31"
    )

    # When it is renewed for 2025 at a new price
    body = await gql(
        RENEW,
        input={
            "id": created["id"],
            "version": 1,
            "startsOn": "2025-01-01",
            "endsOn": "2025-12-31",
            "cost": "120.50",
            "currency": "EUR",
            "note": "second year",
        },
    )

    # Then the history keeps both terms and the license shows the new one
    renewed = body["data"]["licenseRenew"]["license"]
    assert body["data"]["licenseRenew"]["errors"] == []
    assert (renewed["expiresOn"], renewed["cost"], renewed["version"]) == (
        "2025-12-31",
        "120.50",
        2,
    )
    assert renewed["startsOn"] == "2024-01-01"
    assert renewed["renewals"] == [
        {
            "startsOn": "2024-01-01",
            "endsOn": "2024-12-31",
            "cost": "100.00",
            "currency": "EUR",
            "note": "initial term",
        },
        {
            "startsOn": "2025-01-01",
            "endsOn": "2025-12-31",
            "cost": "120.50",
            "currency": "EUR",
            "note": "second year",
        },
    ]


async def test_renew_with_a_stale_version_conflicts_and_changes_nothing(
    manager: Caller,
) -> None:
    # Given a license changed since version 1 was loaded
    _, gql = manager
    created = await create(gql, expiresOn="2024-12-31")
    await gql(UPDATE, input={"id": created["id"], "version": 1, "notes": "changed"})
    before = await state()

    # When
    body = await gql(
        RENEW,
        input={
            "id": created["id"],
            "version": 1,
            "startsOn": "2025-01-01",
            "endsOn": "2025-12-31",
        },
    )

    # Then
    assert codes(refused(body, "licenseRenew")) == [("version", "CONFLICT")]
    read = (await gql(READ, id=created["id"]))["data"]["license"]
    assert (read["expiresOn"], read["renewals"]) == ("2024-12-31", [])
    assert await state() == before


async def test_renew_refuses_a_term_that_ends_before_it_starts(manager: Caller) -> None:
    # Given
    _, gql = manager
    created = await create(gql)
    before = await state()

    # When
    body = await gql(
        RENEW,
        input={
            "id": created["id"],
            "version": 1,
            "startsOn": "2025-01-02",
            "endsOn": "2025-01-01",
            "cost": "3",
        },
    )

    # Then
    errors = refused(body, "licenseRenew")
    assert sorted(codes(errors)) == [("currency", "INVALID"), ("startsOn", "INVALID")]
    assert await state() == before


async def test_renewing_an_expired_license_makes_it_active_again(manager: Caller) -> None:
    # Given
    _, gql = manager
    created = await create(gql, status="EXPIRED", expiresOn="2024-01-31")

    # When
    body = await gql(
        RENEW,
        input={"id": created["id"], "version": 1, "startsOn": "2024-02-01", "endsOn": "2099-01-31"},
    )

    # Then
    renewed = body["data"]["licenseRenew"]["license"]
    assert (renewed["status"], renewed["expiresOn"]) == ("ACTIVE", "2099-01-31")


async def test_a_revoked_license_cannot_be_renewed(manager: Caller) -> None:
    # Given
    _, gql = manager
    created = await create(gql, expiresOn="2024-12-31")
    await gql(REVOKE, id=created["id"], reason="Leaked")
    before = await state()

    # When
    body = await gql(
        RENEW,
        input={"id": created["id"], "version": 2, "startsOn": "2025-01-01", "endsOn": "2025-12-31"},
    )

    # Then
    assert codes(refused(body, "licenseRenew")) == [("licenseId", "INVALID")]
    assert await state() == before


async def test_seats_are_refused_for_the_past_and_for_inactive_people(manager: Caller) -> None:
    # Given
    _, gql = manager
    created = await create(gql, seats=3)
    gone = await person("gone@example.com")
    await User.filter(id=gone.id).update(is_active=False)
    ann = await person("ann@example.com")
    before = await state()

    # When
    past = await gql(ASSIGN, licenseId=created["id"], userId=uid(ann), until="2020-01-01")
    inactive = await gql(ASSIGN, licenseId=created["id"], userId=uid(gone))
    blank = await gql(REVOKE, id=created["id"], reason="   ")

    # Then
    assert codes(refused(past, "licenseAssign")) == [("until", "INVALID")]
    assert codes(refused(inactive, "licenseAssign")) == [("userId", "NOT_FOUND")]
    assert codes(refused(blank, "licenseRevoke")) == [("reason", "INVALID")]
    assert await state() == before
    assert (await License.get(id=pk(created["id"]))).seats_used == 0


# --- two people, one last seat --------------------------------------------------------------


async def test_two_assignments_racing_for_the_last_seat_let_exactly_one_through(
    admin: Caller, db: TestDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given people, and for each round a fresh license with one of its two seats taken
    _, gql = admin
    first, *racers = [await person(f"racer{i}@example.com") for i in range(3)]
    # Each assignment lingers after reading the license, so that on PostgreSQL and MariaDB
    # both have seen the free seat before either takes it (SQLite runs them one at a time).
    reading, most_reading = 0, 0

    async def slow_read(*args: Any, **kwargs: Any) -> License:
        nonlocal reading, most_reading
        found = await visible_license(*args, **kwargs)
        reading += 1
        most_reading = max(most_reading, reading)
        await asyncio.sleep(0.05)
        reading -= 1
        return found

    monkeypatch.setattr(license_seats, "visible_license", slow_read)

    for _round in range(5):
        created = await create(gql, seats=2)
        await gql(ASSIGN, licenseId=created["id"], userId=uid(first))
        before = await state()

        # When two assignments for the last seat start at the same time
        results = await asyncio.gather(
            *(gql(ASSIGN, licenseId=created["id"], userId=uid(racer)) for racer in racers)
        )

        # Then exactly one gets it and the other is told no seats are left
        assert all("errors" not in r for r in results), results
        payloads = [r["data"]["licenseAssign"] for r in results]
        won = [p for p in payloads if not p["errors"]]
        lost = [p for p in payloads if p["errors"]]
        assert (len(won), len(lost)) == (1, 1), payloads
        assert codes(lost[0]["errors"]) == [("licenseId", "NO_SEATS_LEFT")]
        license_ = await License.get(id=pk(created["id"]))
        assert license_.seats_used == license_.seats == 2
        active = SeatAssignment.filter(license_id=license_.id, active_holder__isnull=False)
        assert await active.count() == 2
        assert await actions_since(before[1]) == ["license.assign"]
    # The license is locked before its seats are read, so they took turns on every database
    # (the guarded UPDATE would still let only one through if they did not).
    assert most_reading == 1


def linger_after_reading(
    monkeypatch: pytest.MonkeyPatch, module: Any, *, locked_reads_too: bool = False
) -> None:
    """Make `module`'s license read pause, so that another request runs meanwhile."""

    async def slow_read(*args: Any, **kwargs: Any) -> License:
        found = await visible_license(*args, **kwargs)
        if locked_reads_too or not kwargs.get("lock"):
            await asyncio.sleep(0.1)
        return found

    monkeypatch.setattr(module, "visible_license", slow_read)


async def test_a_seat_assigned_while_the_license_is_revoked_is_released_too(
    admin: Caller, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given an assignment that has read the license but not yet taken the seat
    _, gql = admin
    created = await create(gql, seats=2)
    ann = await person("ann@example.com")
    linger_after_reading(monkeypatch, license_seats)

    async def revoke_meanwhile() -> dict[str, Any]:
        await asyncio.sleep(0.03)
        return await gql(REVOKE, id=created["id"], reason="Leaked")

    # When the license is revoked meanwhile
    await asyncio.gather(gql(ASSIGN, licenseId=created["id"], userId=uid(ann)), revoke_meanwhile())

    # Then the revoked license holds no seat
    license_ = await License.get(id=pk(created["id"]))
    active = SeatAssignment.filter(license_id=license_.id, active_holder__isnull=False)
    assert (license_.status.value, license_.seats_used, await active.count()) == ("revoked", 0, 0)


async def test_lowering_seats_while_one_is_assigned_is_refused_not_an_internal_error(
    admin: Caller, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given two seats, one taken, and an update to one seat that has read the license
    _, gql = admin
    created = await create(gql, seats=2)
    await gql(ASSIGN, licenseId=created["id"], userId=uid(await person("ann@example.com")))
    ben = await person("ben@example.com")
    linger_after_reading(monkeypatch, license_ops, locked_reads_too=True)

    # When the last seat is assigned meanwhile
    update, assign = await asyncio.gather(
        gql(UPDATE, input={"id": created["id"], "version": 1, "seats": 1}),
        gql(ASSIGN, licenseId=created["id"], userId=uid(ben)),
    )

    # Then one of them is refused with a field error, and the other goes through
    assert "errors" not in update, update["errors"]
    assert "errors" not in assign, assign["errors"]
    refusals = codes(update["data"]["licenseUpdate"]["errors"]) + codes(
        assign["data"]["licenseAssign"]["errors"]
    )
    assert refusals in ([("seats", "INVALID")], [("licenseId", "NO_SEATS_LEFT")])
    license_ = await License.get(id=pk(created["id"]))
    assert license_.seats_used <= (license_.seats or 0)


# --- bulk tags ------------------------------------------------------------------------------


async def test_tags_are_added_to_and_removed_from_many_licenses(manager: Caller) -> None:
    # Given three licenses, one of them already tagged Design
    _, gql = manager
    design, finance = await tag_ids("Design", "Finance")
    ids = [(await create(gql, name=f"L{i}"))["id"] for i in range(3)]
    await gql(UPDATE, input={"id": ids[0], "version": 1, "tagIds": [design]})
    before = await state()

    # When
    tagged = await gql(TAG, licenseIds=ids, tagIds=[design, finance])

    # Then
    both = [{"name": "Design"}, {"name": "Finance"}]
    assert tagged["data"]["licensesTag"] == {
        "licenses": [{"id": i, "tags": both} for i in ids],
        "errors": [],
    }

    # When
    untagged = await gql(UNTAG, licenseIds=ids, tagIds=[design])

    # Then
    assert untagged["data"]["licensesUntag"] == {
        "licenses": [{"id": i, "tags": [{"name": "Finance"}]} for i in ids],
        "errors": [],
    }
    events = (await AuditEvent.all().order_by("id"))[before[1] :]
    assert [e.action for e in events] == ["license.tag", "license.untag"]
    assert events[0].changes["license_ids"] == sorted(pk(i) for i in ids)


async def test_bulk_tagging_refuses_more_than_a_hundred_licenses(manager: Caller) -> None:
    # Given
    _, gql = manager
    [design] = await tag_ids("Design")
    created = await create(gql)
    many = [created["id"]] + [global_id("License", 10_000 + i) for i in range(100)]
    before = await state()

    # When
    body = await gql(TAG, licenseIds=many, tagIds=[design])
    unknown = await gql(TAG, licenseIds=[created["id"]], tagIds=[global_id("Tag", 999_999)])

    # Then
    assert body["data"]["licensesTag"] == {
        "licenses": [],
        "errors": [{"field": "licenseIds", "code": "INVALID"}],
    }
    assert unknown["data"]["licensesTag"]["errors"] == [{"field": "tagIds", "code": "NOT_FOUND"}]
    assert await state() == before
    assert (await gql(READ, id=created["id"]))["data"]["license"]["tags"] == []


# --- secrets --------------------------------------------------------------------------------


async def reveals() -> list[AuditEvent]:
    return await AuditEvent.filter(action="license.reveal").order_by("id")


async def test_an_admin_reveals_a_secret_and_the_reveal_is_recorded(admin: Caller) -> None:
    # Given
    user, gql = admin
    created = await create(gql, name="Key", secret="PS-SECRET-1")

    # When
    body = await gql(REVEAL, id=created["id"])

    # Then
    assert body == {
        "data": {
            "license": {
                "name": "Key",
                "hasSecret": True,
                "canRevealSecret": True,
                "secret": "PS-SECRET-1",
            }
        }
    }
    [event] = await reveals()
    assert (event.object_type, event.object_id, event.actor_user_id) == (
        "license",
        str(pk(created["id"])),
        user.id,
    )


async def test_a_manager_may_not_reveal_a_secret(admin: Caller, manager: Caller) -> None:
    # Given
    created = await create(admin[1], name="Key", secret="PS-SECRET-1")
    _, gql = manager

    # When
    body = await gql(REVEAL, id=created["id"])

    # Then the rest of the license is there, the secret is null with a FORBIDDEN error
    assert body["data"] == {
        "license": {"name": "Key", "hasSecret": True, "canRevealSecret": False, "secret": None}
    }
    [error] = body["errors"]
    assert (error["extensions"]["code"], error["path"]) == ("FORBIDDEN", ["license", "secret"])
    assert await reveals() == []


async def test_a_member_reveals_the_secret_of_a_license_they_own_only(
    admin: Caller, member: Caller
) -> None:
    # Given one license the member owns and one they only hold a seat of
    user, gql = member
    owned = await create(admin[1], name="Owned", secret="MINE", ownerId=uid(user))
    seated = await create(admin[1], name="Seated", secret="NOT-MINE", seats=2)
    await admin[1](ASSIGN, licenseId=seated["id"], userId=uid(user))

    # When
    mine = await gql(REVEAL, id=owned["id"])
    theirs = await gql(REVEAL, id=seated["id"])

    # Then
    assert mine == {
        "data": {
            "license": {
                "name": "Owned",
                "hasSecret": True,
                "canRevealSecret": True,
                "secret": "MINE",
            }
        }
    }
    assert theirs["data"]["license"] == {
        "name": "Seated",
        "hasSecret": True,
        "canRevealSecret": False,
        "secret": None,
    }
    assert [e["extensions"]["code"] for e in theirs["errors"]] == ["FORBIDDEN"]
    assert [(e.actor_user_id, e.object_id) for e in await reveals()] == [
        (user.id, str(pk(owned["id"])))
    ]


async def test_a_secret_never_reaches_the_audit_log(admin: Caller) -> None:
    # Given a license whose secret is set, read, replaced, read and deleted
    _, gql = admin
    created = await create(gql, secret="FIRST-SECRET-VALUE", cost="1", currency="EUR")
    await gql(REVEAL, id=created["id"])
    await gql(UPDATE, input={"id": created["id"], "version": 1, "secret": "SECOND-SECRET"})
    await gql(REVEAL, id=created["id"])
    await gql(DELETE, id=created["id"])

    # When the whole audit log is read
    events = await AuditEvent.all().order_by("id")
    logged = json.dumps([e.changes for e in events])

    # Then neither secret, nor its fingerprint, is anywhere in it
    assert [e.action for e in events] == [
        "license.create",
        "license.reveal",
        "license.update",
        "license.reveal",
        "license.delete",
    ]
    ring = keyring()
    for secret in ("FIRST-SECRET-VALUE", "SECOND-SECRET"):
        assert secret not in logged
        assert ring.fingerprint(secret) not in logged
    assert events[0].changes["after"]["secret_ciphertext"] == "[redacted]"


# --- the audit trail and permissions ----------------------------------------------------------


async def test_every_successful_mutation_writes_exactly_one_audit_event(admin: Caller) -> None:
    # Given
    _, gql = admin
    [design] = await tag_ids("Design")
    ann = await person("ann@example.com")
    created = await create(gql, seats=3, expiresOn="2025-01-01")
    lid = created["id"]
    today = date.today()
    steps: list[tuple[str, str, dict[str, Any]]] = [
        ("license.update", UPDATE, {"input": {"id": lid, "version": 1, "notes": "n"}}),
        ("license.archive", ARCHIVE, {"id": lid}),
        ("license.restore", RESTORE, {"id": lid}),
        ("license.assign", ASSIGN, {"licenseId": lid, "userId": uid(ann)}),
        ("license.unassign", UNASSIGN, {"licenseId": lid, "userId": uid(ann)}),
        ("license.tag", TAG, {"licenseIds": [lid], "tagIds": [design]}),
        ("license.untag", UNTAG, {"licenseIds": [lid], "tagIds": [design]}),
        (
            "license.renew",
            RENEW,
            {
                "input": {
                    "id": lid,
                    "version": 4,
                    "startsOn": today.isoformat(),
                    "endsOn": (today + timedelta(days=365)).isoformat(),
                }
            },
        ),
        ("license.revoke", REVOKE, {"id": lid, "reason": "done"}),
        ("license.delete", DELETE, {"id": lid}),
    ]
    assert await actions_since(0) == ["license.create"]

    for action, document, variables in steps:
        count = (await state())[1]

        # When
        body = await gql(document, **variables)

        # Then
        assert "errors" not in body, body["errors"]
        [payload] = body["data"].values()
        assert payload["errors"] == [], (action, payload["errors"])
        assert await actions_since(count) == [action]


MEMBER_REFUSALS = [
    pytest.param(
        "licenseCreate", CREATE, lambda lic, p, u: {"input": {"productId": p}}, id="create"
    ),
    pytest.param(
        "licenseUpdate",
        UPDATE,
        lambda lic, p, u: {"input": {"id": lic, "version": 1, "name": "x"}},
        id="update",
    ),
    pytest.param("licenseArchive", ARCHIVE, lambda lic, p, u: {"id": lic}, id="archive"),
    pytest.param(
        "licenseAssign", ASSIGN, lambda lic, p, u: {"licenseId": lic, "userId": u}, id="assign"
    ),
    pytest.param(
        "licenseRevoke", REVOKE, lambda lic, p, u: {"id": lic, "reason": "x"}, id="revoke"
    ),
    pytest.param("licenseDelete", DELETE, lambda lic, p, u: {"id": lic}, id="delete"),
]


@pytest.mark.parametrize("role", ["member", "auditor"])
@pytest.mark.parametrize(("mutation", "document", "variables"), MEMBER_REFUSALS)
async def test_members_and_auditors_change_nothing(
    admin: Caller,
    member: Caller,
    auditor: Caller,
    role: str,
    mutation: str,
    document: str,
    variables: Any,
) -> None:
    # Given a license the caller owns
    user, gql = member if role == "member" else auditor
    created = await create(admin[1], seats=2, ownerId=uid(user))
    product_id = await photoshop()
    before = await state()

    # When
    body = await gql(document, **variables(created["id"], product_id, uid(user)))

    # Then
    assert "errors" not in body, body["errors"]
    assert codes(body["data"][mutation]["errors"]) == [(None, "FORBIDDEN")]
    assert await state() == before


async def test_anonymous_callers_are_told_to_sign_in(http: httpx.AsyncClient) -> None:
    # Given
    product_id = await photoshop()

    # When no credentials are sent
    listed = await http.post("/graphql", json={"query": LIST})
    created = await http.post(
        "/graphql",
        json={"query": CREATE, "variables": {"input": {"productId": product_id}}},
    )

    # Then
    assert listed.status_code == 200
    body = listed.json()
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]
    assert created.json()["data"]["licenseCreate"]["errors"][0]["code"] == "UNAUTHENTICATED"
    assert await License.all().count() == 0
