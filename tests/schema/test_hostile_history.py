"""Hostile review of License.history and the audit log's field rules.

An event's `hash` is a SHA-256 over the event as recorded, hidden values included. A reader
from whom a cost or an e-mail address is hidden, holding the rest of the event, could try
guesses offline until one gives that hash: the hidden value, to the cent. So such a reader
gets neither `hash` nor `prevHash` (the previous event's hash). And where others were when
they acted (ip, user agent) is the audit log's, not every member's who sees the license."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from licman.models import AuditEvent, Grant, Product, Role, User, Vendor
from licman.resolvers.api_token import api_token_create
from licman.schema.ids import decode_id, global_id
from licman.security.principal import system
from tests.schema.conftest import Gql, _caller

pytestmark = pytest.mark.usefixtures("db")

Caller = tuple[User, Gql]

CREATE = """
mutation Create($input: LicenseCreateInput!) {
  licenseCreate(input: $input) { license { id } errors { field code message } }
}
"""
HISTORY = """
query History($id: ID!) {
  license(id: $id) {
    history { nodes { id action actorLabel ip userAgent hash prevHash changes } }
  }
}
"""
AUDIT = """
query { auditEvents(first: 50) { nodes { id action ip hash prevHash changes } } }
"""


async def _priced_license(admin: Caller) -> str:
    product = await Product.create(vendor=await Vendor.create(name="Oracle"), name="DB")
    body = await admin[1](
        CREATE,
        input={
            "productId": global_id("Product", product.id),
            "name": "Priced",
            "cost": "1234.56",
            "currency": "EUR",
        },
    )
    assert body["data"]["licenseCreate"]["errors"] == [], body
    lid: str = body["data"]["licenseCreate"]["license"]["id"]
    return lid


async def _stored(node: dict[str, Any]) -> AuditEvent:
    return await AuditEvent.get(id=decode_id(node["id"], "AuditEvent", "id"))


async def test_a_member_who_may_not_see_the_cost_gets_no_hash_to_guess_it_against(
    http: httpx.AsyncClient, admin: Caller, auditor: Caller
) -> None:
    # Given a license with a cost, and a member with a view grant on it (no cost, no e-mails)
    lid = await _priced_license(admin)
    member, member_gql = await _caller(http, Role.MEMBER, "viewer-o@example.com")
    await Grant.create(license_id=decode_id(lid, "License", "id"), user=member, rights=["view"])

    # When the member reads the license's history
    body = await member_gql(HISTORY, id=lid)

    # Then the cost is hidden, and so are the hashes that would confirm a guess of it
    assert "errors" not in body, body
    (created,) = body["data"]["license"]["history"]["nodes"]
    assert created["changes"]["after"]["cost_micros"] == "[hidden]"
    stored = await _stored(created)
    assert stored.hash not in str(body)
    assert stored.prev_hash not in str(body)
    assert (created["hash"], created["prevHash"]) == ("[hidden]", "[hidden]")
    # ...and where the admin was when acting (the audit log's, for admins and auditors)
    assert stored.ip
    assert stored.user_agent
    assert (created["ip"], created["userAgent"]) == ("[hidden]", "[hidden]")

    # While the admin and an auditor, who see everything in it, get the event as recorded
    for gql in (admin[1], auditor[1]):
        (seen,) = (await gql(HISTORY, id=lid))["data"]["license"]["history"]["nodes"]
        assert (seen["hash"], seen["prevHash"]) == (stored.hash, stored.prev_hash)
        assert (seen["ip"], seen["userAgent"]) == (stored.ip, stored.user_agent)


async def test_a_member_sees_where_it_acted_itself(http: httpx.AsyncClient, admin: Caller) -> None:
    # Given a member who owns a license and renames it
    member, member_gql = await _caller(http, Role.MEMBER, "owner-o@example.com")
    lid = await _priced_license(admin)
    await Grant.create(license_id=decode_id(lid, "License", "id"), user=member, rights=["change"])
    version = 1
    body = await member_gql(
        "mutation($i: LicenseUpdateInput!) { licenseUpdate(input: $i) { errors { code } } }",
        i={"id": lid, "version": version, "name": "Renamed"},
    )
    assert body["data"]["licenseUpdate"]["errors"] == [], body

    # When it reads the history: its own change shows where from; the admin's does not
    nodes = (await member_gql(HISTORY, id=lid))["data"]["license"]["history"]["nodes"]
    assert [n["action"] for n in nodes] == ["license.update", "license.create"]
    assert nodes[0]["ip"] == (await _stored(nodes[0])).ip != "[hidden]"
    assert nodes[1]["ip"] == "[hidden]"


async def test_an_audit_reader_kept_from_costs_gets_no_hashes_either(
    http: httpx.AsyncClient, admin: Caller
) -> None:
    # Given a priced license, and an admin's token that may read only the audit log (costs
    # and e-mail addresses hidden from it, as everywhere else)
    await _priced_license(admin)
    token, _ = await api_token_create(system(), user=admin[0], name="a", scopes=["audit:read"])
    response = await http.post(
        "/graphql", json={"query": AUDIT}, headers={"authorization": f"Bearer {token}"}
    )
    body = response.json()

    # Then its events carry no hash to try guesses against
    assert "errors" not in body, body
    nodes = body["data"]["auditEvents"]["nodes"]
    created = next(n for n in nodes if n["action"] == "license.create")
    assert created["changes"]["after"]["cost_micros"] == "[hidden]"
    stored = await _stored(created)
    assert stored.hash not in str(body)
    assert {(n["hash"], n["prevHash"]) for n in nodes} == {("[hidden]", "[hidden]")}

    # While the admin's full session reads them as recorded
    full = (await admin[1](AUDIT))["data"]["auditEvents"]["nodes"]
    assert next(n for n in full if n["id"] == created["id"])["hash"] == stored.hash
