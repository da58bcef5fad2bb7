"""Hostile review of the features in flight: the SQL statement cache (statements.py) must
never hand one principal's statement (with its permission scope bound in) to another; a
deleted vendor takes its grants with it, in the audit log."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from tortoise.expressions import Q

from licman.models import AuditEvent, Grant, License, Product, Role, User, Vendor
from licman.resolvers.statements import STATEMENTS, q_key
from licman.schema.ids import global_id
from licman.security.permissions import license_scope
from licman.security.principal import Principal, PrincipalKind
from tests.schema.conftest import Gql, _caller

pytestmark = pytest.mark.usefixtures("db")

Caller = tuple[User, Gql]

PAGE = """
query Page($first: Int) {
  licenses(first: $first) { totalCount edges { node { id name } } }
}
"""
ONE = """
query One($id: ID!) { license(id: $id) { id name } }
"""


async def _license(name: str, owner: User | None) -> License:
    vendor = await Vendor.get_or_none(name="Hostile") or await Vendor.create(name="Hostile")
    product = await Product.get_or_none(name="Hostile Pro") or await Product.create(
        vendor=vendor, name="Hostile Pro"
    )
    return await License.create(product=product, name=name, owner=owner, seats=1)


def _names(body: dict[str, Any]) -> list[str]:
    assert "errors" not in body, body
    return sorted(e["node"]["name"] for e in body["data"]["licenses"]["edges"])


async def test_the_statement_cache_never_serves_one_callers_page_to_another(
    http: httpx.AsyncClient, admin: Caller
) -> None:
    # Given two members who own one license each, and one license nobody owns
    alice, alice_gql = await _caller(http, Role.MEMBER, "alice-h@example.com")
    bob, bob_gql = await _caller(http, Role.MEMBER, "bob-h@example.com")
    a = await _license("Alice's", alice)
    b = await _license("Bob's", bob)
    await _license("Nobody's", None)
    STATEMENTS.clear()

    # When the admin, then each member, ask for the same page shape (twice each: warm)
    for _ in range(2):
        assert _names(await admin[1](PAGE, first=10)) == ["Alice's", "Bob's", "Nobody's"]
        assert _names(await alice_gql(PAGE, first=10)) == ["Alice's"]
        assert _names(await bob_gql(PAGE, first=10)) == ["Bob's"]
        # ...and the one-license read (license_rows' statement, keyed by scope and count)
        body = await bob_gql(ONE, id=global_id("License", a.id))
        assert body["data"] == {"license": None}, body
        body = await alice_gql(ONE, id=global_id("License", a.id))
        assert body["data"]["license"]["name"] == "Alice's"
        body = await alice_gql(ONE, id=global_id("License", b.id))
        assert body["data"] == {"license": None}, body

    # Then the totals are each caller's own
    body = await alice_gql(PAGE, first=1)
    assert body["data"]["licenses"]["totalCount"] == 1


async def test_q_key_tells_apart_every_scope_that_gives_different_sql() -> None:
    keys = [
        q_key(Q(owner_id=1)),
        q_key(Q(owner_id=2)),
        q_key(Q(owner_id="1")),
        q_key(Q(owner_id=True)),
        q_key(~Q(owner_id=1)),
        q_key(Q(owner_id=1) | Q(id__in=[1, 2])),
        q_key(Q(owner_id=1) & Q(id__in=[1, 2])),
        q_key(Q(id__in=[1, 2])),
        q_key(Q(id__in=[2, 1])),
        q_key(Q(id__in=[])),
        q_key(Q()),
        q_key(None),
    ]
    assert None not in keys
    assert len(set(keys)) == len(keys)


async def test_a_member_scope_is_never_cached_by_shape_alone(
    http: httpx.AsyncClient,
) -> None:
    # A member's scope holds subqueries bound to the member's id: either it has no key (built
    # per call) or its key holds that id. Never one key for two members.
    alice, _ = await _caller(http, Role.MEMBER, "alice-k@example.com")
    bob, _ = await _caller(http, Role.MEMBER, "bob-k@example.com")
    key_a = q_key(await license_scope(Principal(PrincipalKind.SESSION, user=alice)))
    key_b = q_key(await license_scope(Principal(PrincipalKind.SESSION, user=bob)))
    assert key_a is None or key_a != key_b


VENDOR_DELETE = """
mutation Delete($id: ID!) {
  vendorDelete(input: {id: $id}) { deletedId errors { field code message } }
}
"""


async def test_deleting_a_vendor_lists_the_grants_that_go_with_it(
    http: httpx.AsyncClient, admin: Caller
) -> None:
    # Given a vendor without licenses, and a grant on it to a member
    member, _ = await _caller(http, Role.MEMBER, "granted-h@example.com")
    vendor = await Vendor.create(name="Gone Soon")
    grant = await Grant.create(vendor=vendor, user=member, rights=["change"])

    # When an admin deletes the vendor
    body = await admin[1](VENDOR_DELETE, id=global_id("Vendor", vendor.id))
    assert body["data"]["vendorDelete"]["errors"] == [], body

    # Then the grant is gone (no dangling row that a vendor given the same id would revive)
    assert not await Grant.exists(id=grant.id)
    # ...and the audit event says so, as teamDelete's does
    event = await AuditEvent.filter(action="vendor.delete", object_id=str(vendor.id)).first()
    assert event is not None
    deleted = event.changes.get("grants_deleted")
    assert deleted is not None, json.dumps(event.changes)
    assert [g["id"] for g in deleted] == [grant.id]
    assert deleted[0]["user_id"] == member.id


KEY_HISTORY = """
query History($id: ID!) {
  license(id: $id) { history { nodes { action changes } } }
}
"""
GENERATE = """
mutation Generate($id: ID!) {
  licenseKeysGenerate(input: {licenseId: $id, count: 2}) { errors { field code } }
}
"""
ISSUE = """
mutation Issue($id: ID!, $licensee: String!) {
  licenseKeyIssue(input: {licenseId: $id, licensee: $licensee}) { key errors { field code } }
}
"""


async def test_a_view_only_member_does_not_read_who_keys_were_issued_to(
    http: httpx.AsyncClient, admin: Caller, auditor: Caller
) -> None:
    # Given a license whose pool handed a key to a customer (named only in the audit log)
    license_ = await _license("Keyed", None)
    lid = global_id("License", license_.id)
    body = await admin[1](GENERATE, id=lid)
    assert body["data"]["licenseKeysGenerate"]["errors"] == [], body
    body = await admin[1](ISSUE, id=lid, licensee="ceo@customer.example")
    assert body["data"]["licenseKeyIssue"]["errors"] == [], body
    # ...and a member with a view grant, who may not issue keys
    viewer, viewer_gql = await _caller(http, Role.MEMBER, "viewer-h@example.com")
    await Grant.create(license=license_, user=viewer, rights=["view"])

    # When the member reads the license's history
    body = await viewer_gql(KEY_HISTORY, id=lid)
    assert "errors" not in body, body
    issued = [e for e in body["data"]["license"]["history"]["nodes"]]
    assert [e["action"] for e in issued] == ["license_key.issue", "license_key.generate"]

    # Then the licensee is hidden, as it is everywhere else outside the audit log
    assert issued[0]["changes"]["licensee"] == "[hidden]"
    assert "ceo@customer.example" not in json.dumps(body)
    # ...while those who may issue keys (or read the audit log) still read it
    for gql in (admin[1], auditor[1]):
        body = await gql(KEY_HISTORY, id=lid)
        nodes = body["data"]["license"]["history"]["nodes"]
        assert nodes[0]["changes"]["licensee"] == "ceo@customer.example", body
