"""`License.history` and `Vendor.history`: an object's audit events for everyone who may see
the object, with the audit log's field rules (costs only for those who may read the cost,
e-mail addresses per rule, secrets never), the people named, pages, and no N+1."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest

from bench.statements import count_statements
from licman.models import Grant, License, Product, Role, User, Vendor
from licman.resolvers.api_token import api_token_create
from licman.schema.ids import global_id
from licman.security.principal import system
from tests.schema.conftest import Gql, _caller

pytestmark = pytest.mark.usefixtures("db")

Caller = tuple[User, Gql]
SECRET = "HX-SECRET-4242-9999"
NEW_SECRET = "HX-SECRET-7777-0000"

HISTORY = """
query History($id: ID!, $first: Int, $after: String) {
  license(id: $id) {
    name
    history(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id action actorUserId actorLabel objectType objectId changes }
      people { id name }
    }
  }
}
"""

CREATE = """
mutation Create($input: LicenseCreateInput!) {
  licenseCreate(input: $input) { license { id version } errors { field code } }
}
"""
UPDATE = """
mutation Update($input: LicenseUpdateInput!) {
  licenseUpdate(input: $input) { license { id version } errors { field code } }
}
"""
ASSIGN = """
mutation Assign($licenseId: ID!, $userId: ID!) {
  licenseAssign(input: {licenseId: $licenseId, userId: $userId}) { errors { field code } }
}
"""


async def _product() -> str:
    vendor = await Vendor.get_or_none(name="Figma") or await Vendor.create(name="Figma")
    product = await Product.get_or_none(name="Figma Pro") or await Product.create(
        vendor=vendor, name="Figma Pro"
    )
    return global_id("Product", product.id)


async def _story(admin: Caller, holder: User) -> str:
    """A license created with a secret and a cost, its cost and secret changed, a seat
    assigned to `holder`: what a History tells."""
    _, gql = admin
    body = await gql(
        CREATE,
        input={
            "productId": await _product(),
            "name": "Design team",
            "seats": 5,
            "cost": "1300.00",
            "currency": "USD",
            "secret": SECRET,
        },
    )
    created = body["data"]["licenseCreate"]
    assert created["errors"] == [], created
    license_id: str = created["license"]["id"]
    body = await gql(
        UPDATE,
        input={
            "id": license_id,
            "version": created["license"]["version"],
            "cost": "1450.00",
            "secret": NEW_SECRET,
        },
    )
    assert body["data"]["licenseUpdate"]["errors"] == [], body
    body = await gql(ASSIGN, licenseId=license_id, userId=global_id("User", holder.id))
    assert body["data"]["licenseAssign"]["errors"] == [], body
    return license_id


def json_pk(global_id_: str) -> str:
    return base64.b64decode(global_id_).decode().split(":")[1]


def _history(body: dict[str, Any]) -> dict[str, Any]:
    assert "errors" not in body, body["errors"]
    history: dict[str, Any] = body["data"]["license"]["history"]
    return history


async def test_a_member_who_sees_the_license_reads_its_history_with_names(
    http: httpx.AsyncClient, admin: Caller
) -> None:
    # Given a member who holds a seat of a license an admin created and changed
    member, gql = await _caller(http, Role.MEMBER, "elena@example.com")
    license_id = await _story(admin, member)

    # When the member reads its history
    history = _history(await gql(HISTORY, id=license_id))

    # Then every event is there, newest first, with the people it names
    actions = [e["action"] for e in history["nodes"]]
    assert actions == ["license.assign", "license.update", "license.create"]
    assert history["totalCount"] == 3
    assign = history["nodes"][0]
    assert assign["changes"]["user_id"] == member.id
    assert assign["actorUserId"] == global_id("User", admin[0].id)
    names = {p["id"]: p["name"] for p in history["people"]}
    assert names == {
        global_id("User", admin[0].id): "Admin",
        global_id("User", member.id): "Member",
    }
    # ...but not the admin's e-mail address, nor any cost, nor any secret
    assert assign["actorLabel"] == "[hidden]"
    update = history["nodes"][1]["changes"]
    assert update["before"]["cost_micros"] == "[hidden]"
    assert update["after"]["cost_micros"] == "[hidden]"
    assert update["secrets_changed"]  # that it changed, never what it is
    text = json.dumps(history)
    for leak in (SECRET, NEW_SECRET, "1300", "1450", "admin@example.com"):
        assert leak not in text, leak


async def test_those_who_may_read_the_cost_see_it_in_the_history(
    http: httpx.AsyncClient, admin: Caller, auditor: Caller
) -> None:
    member, member_gql = await _caller(http, Role.MEMBER, "changer@example.com")
    license_id = await _story(admin, member)
    # A change grant on the license shows its cost (as License.cost does) to a member
    await Grant.create(license_id=int(json_pk(license_id)), user=member, rights=["change"])
    for gql in (admin[1], auditor[1], member_gql):
        history = _history(await gql(HISTORY, id=license_id))
        update = history["nodes"][1]["changes"]
        assert (update["before"]["cost_micros"], update["after"]["cost_micros"]) == (
            1_300_000_000,
            1_450_000_000,
        )
        text = json.dumps(history)
        assert SECRET not in text
        assert NEW_SECRET not in text
    # E-mail addresses per rule: the auditor reads the actor's, the member does not
    auditor_history = _history(await auditor[1](HISTORY, id=license_id))
    assert auditor_history["nodes"][0]["actorLabel"] == "admin@example.com"
    member_history = _history(await member_gql(HISTORY, id=license_id))
    assert member_history["nodes"][0]["actorLabel"] == "[hidden]"


async def test_one_who_may_not_see_the_license_gets_nothing(
    http: httpx.AsyncClient, admin: Caller
) -> None:
    holder = await User.create(email="holder@example.com", name="Holder")
    license_id = await _story(admin, holder)
    _, stranger = await _caller(http, Role.MEMBER, "stranger@example.com")

    body = await stranger(HISTORY, id=license_id)
    assert body["data"] == {"license": None}
    assert "Design team" not in json.dumps(body)


async def test_history_pages_and_refuses_bad_arguments(admin: Caller) -> None:
    holder = await User.create(email="pager@example.com", name="Pager")
    license_id = await _story(admin, holder)
    _, gql = admin

    first = _history(await gql(HISTORY, id=license_id, first=2))
    assert [e["action"] for e in first["nodes"]] == ["license.assign", "license.update"]
    assert first["pageInfo"]["hasNextPage"] is True
    rest = _history(
        await gql(HISTORY, id=license_id, first=2, after=first["pageInfo"]["endCursor"])
    )
    assert [e["action"] for e in rest["nodes"]] == ["license.create"]
    assert rest["pageInfo"]["hasNextPage"] is False

    for variables, field in (({"first": 0}, "first"), ({"after": "nonsense"}, "after")):
        body = await gql(HISTORY, id=license_id, **variables)
        (error,) = body["errors"]
        assert error["extensions"]["code"] == "INVALID"
        assert error["extensions"].get("field") == field or field in error["message"]


VENDOR_HISTORY = """
query VendorHistory($id: ID!) {
  vendor(id: $id) { name history { totalCount nodes { action changes } people { name } } }
}
"""
VENDOR_UPDATE = """
mutation($input: VendorUpdateInput!) { vendorUpdate(input: $input) { errors { code } } }
"""


async def test_a_vendors_history_is_read_by_whoever_may_see_vendors(
    admin: Caller, member: Caller
) -> None:
    _, gql = admin
    body = await gql(
        'mutation { vendorCreate(input: {name: "Atlassian"}) { vendor { id version } } }'
    )
    vendor = body["data"]["vendorCreate"]["vendor"]
    await gql(
        VENDOR_UPDATE,
        input={"id": vendor["id"], "version": vendor["version"], "name": "Atlassian Inc"},
    )

    body = await member[1](VENDOR_HISTORY, id=vendor["id"])
    assert "errors" not in body, body
    history = body["data"]["vendor"]["history"]
    assert [e["action"] for e in history["nodes"]] == ["vendor.update", "vendor.create"]
    assert history["nodes"][0]["changes"]["after"]["name"] == "Atlassian Inc"
    assert history["people"] == [{"name": "Admin"}]


async def test_a_token_that_may_not_see_vendors_gets_forbidden(
    http: httpx.AsyncClient, admin: Caller
) -> None:
    _, gql = admin
    body = await gql('mutation { vendorCreate(input: {name: "Miro"}) { vendor { id } } }')
    vendor_id = body["data"]["vendorCreate"]["vendor"]["id"]
    user = await User.create(email="scoped@example.com", role=Role.ADMIN, name="Scoped")
    token, _ = await api_token_create(system(), user=user, name="t", scopes=["account"])
    response = await http.post(
        "/graphql",
        json={"query": VENDOR_HISTORY, "variables": {"id": vendor_id}},
        headers={"authorization": f"Bearer {token}"},
    )
    body = response.json()
    assert body["data"] == {"vendor": None}
    assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"]
    assert "vendor.create" not in json.dumps(body)


# A page of licenses with each one's history: the same statements for 3 licenses or 12.
PAGE = """
query Page {
  licenses(first: 50) {
    nodes { id history(first: 5) { totalCount nodes { action changes actorLabel }
                                   people { id name } } }
  }
}
"""


# 1 the page of licenses, 1 the newest events of every license (a window function), 1 reading
# them, 1 counting them, 1 the people they name; a member's grants (with its teams inside):
# 1 more, once
STATEMENTS = {Role.ADMIN: 5, Role.MEMBER: 6}


@pytest.mark.parametrize("role", [Role.MEMBER, Role.ADMIN])
async def test_histories_of_a_page_of_licenses_cost_a_fixed_number_of_statements(
    http: httpx.AsyncClient, admin: Caller, role: Role
) -> None:
    user, gql = await _caller(http, role, f"{role.value}-page@example.com")
    counts = []
    for total in (3, 12):
        while await License.all().count() < total:
            license_id = await _story(admin, user)
            if role is Role.MEMBER:
                await Grant.create(license_id=int(json_pk(license_id)), user=user, rights=["view"])
        await gql(PAGE)  # warm-up: the token's last-used time is written once
        with count_statements() as statements:
            body = await gql(PAGE)
        assert "errors" not in body, body
        nodes = body["data"]["licenses"]["nodes"]
        assert len(nodes) == total
        assert all(n["history"]["totalCount"] == 3 for n in nodes)
        assert all(len(n["history"]["people"]) == 2 for n in nodes)
        counts.append(len(statements))
    assert counts == [STATEMENTS[role]] * 2, counts
