"""Filters, orderings and groupings on a field the caller may not read reveal nothing of it.
Regression tests for the outside review: a member recovered a hidden cost exactly with
costMin/costMax (1234.56 in 28 requests), ordering by COST leaked the order (and the cursors
carried the costs), `duplicates` confirmed guesses of a secret, and a DUPLICATE externalId
told of a license the caller cannot see."""

from __future__ import annotations

import base64
import json
from decimal import Decimal
from typing import Any

import httpx
import pytest

from licman.models import Grant, License, Product, Role, Tag, User, Vendor
from licman.resolvers.api_token import api_token_create
from licman.schema.ids import global_id
from licman.security.principal import system
from licman.security.secrets import keyring
from tests.schema.conftest import Gql, _caller

pytestmark = pytest.mark.usefixtures("db")

Caller = tuple[User, Gql]
HIDDEN_COST = Decimal("1234.56")

LIST = """
query($filter: LicenseFilter, $order: LicenseOrder, $after: String) {
  licenses(first: 2, filter: $filter, orderBy: $order, after: $after) {
    edges { cursor node { name } } pageInfo { hasNextPage endCursor } totalCount
  }
}
"""


async def _license(name: str, cost: str | None, vendor: str = "Acme") -> License:
    v = await Vendor.get_or_none(name=vendor) or await Vendor.create(name=vendor)
    p = await Product.get_or_none(name=f"{vendor} product") or await Product.create(
        vendor=v, name=f"{vendor} product"
    )
    micros = None if cost is None else int(Decimal(cost) * 1_000_000)
    return await License.create(product=p, name=name, cost_micros=micros, currency="EUR")


async def _names(gql: Gql, **variables: Any) -> list[str]:
    body = await gql(LIST, **variables)
    assert "errors" not in body, body
    return [e["node"]["name"] for e in body["data"]["licenses"]["edges"]]


def _cursor_key(cursor: str) -> Any:
    return json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))[1]


async def test_cost_filters_match_only_costs_the_caller_may_read(http: httpx.AsyncClient) -> None:
    member, gql = await _caller(http, Role.MEMBER, "viewer@example.com")
    hidden = await _license("Hidden", str(HIDDEN_COST))
    shown = await _license("Shown", "10.00")
    await Grant.create(license=hidden, user=member, rights=["view"])
    await Grant.create(license=shown, user=member, rights=["change"])  # may read its cost

    # The exact range that isolated the hidden cost now finds nothing...
    exact = {"costMin": str(HIDDEN_COST), "costMax": str(HIDDEN_COST)}
    assert await _names(gql, filter=exact) == []
    # ...and no range tells it apart: a hidden cost behaves as no cost at all.
    assert await _names(gql, filter={"costMin": "0"}) == ["Shown"]
    assert await _names(gql, filter={"costMax": "1000000"}) == ["Shown"]
    body = await gql(LIST, filter={"costMin": "1000"})
    assert body["data"]["licenses"]["totalCount"] == 0
    # Without a cost condition both are listed.
    assert sorted(await _names(gql)) == ["Hidden", "Shown"]


async def test_cost_filters_work_as_before_for_those_who_read_every_cost(
    manager: Caller,
) -> None:
    _, gql = manager
    await _license("Hidden", str(HIDDEN_COST))
    await _license("Shown", "10.00")
    exact = {"costMin": str(HIDDEN_COST), "costMax": str(HIDDEN_COST)}
    assert await _names(gql, filter=exact) == ["Hidden"]


async def test_ordering_by_cost_puts_hidden_costs_with_the_empty_ones(
    http: httpx.AsyncClient,
) -> None:
    member, gql = await _caller(http, Role.MEMBER, "viewer@example.com")
    rows = {
        name: await _license(name, cost)
        for name, cost in (("Dear", "900.00"), ("Cheap", "1.00"), ("Mid", "50.00"), ("None", None))
    }
    for name, row in rows.items():
        right = "change" if name in ("Mid", "None") else "view"  # Dear and Cheap: cost hidden
        await Grant.create(license=row, user=member, rights=[right])

    # Going up: readable costs first, then hidden and empty ones by id (creation order).
    order = {"field": "COST", "direction": "ASC"}
    first = await gql(LIST, order=order)
    page = first["data"]["licenses"]
    rest = await gql(LIST, order=order, after=page["pageInfo"]["endCursor"])
    names = [e["node"]["name"] for p in (page, rest["data"]["licenses"]) for e in p["edges"]]
    assert names == ["Mid", "Dear", "Cheap", "None"]
    # Going down: the other way round.
    down = {"field": "COST", "direction": "DESC"}
    first = await gql(LIST, order=down)
    page = first["data"]["licenses"]
    rest = await gql(LIST, order=down, after=page["pageInfo"]["endCursor"])
    names = [e["node"]["name"] for p in (page, rest["data"]["licenses"]) for e in p["edges"]]
    assert names == ["None", "Cheap", "Dear", "Mid"]
    # No cursor carries a hidden cost.
    cursors = [e["cursor"] for p in (page, rest["data"]["licenses"]) for e in p["edges"]]
    assert [_cursor_key(c) for c in cursors] == [None, None, None, 50_000_000]


async def test_a_manager_orders_by_every_cost(manager: Caller) -> None:
    _, gql = manager
    for name, cost in (("Dear", "900.00"), ("Cheap", "1.00"), ("Mid", "50.00")):
        await _license(name, cost)
    assert await _names(gql, order={"field": "COST", "direction": "ASC"}) == ["Cheap", "Mid"]


DUPLICATES = "{ duplicates { licenses { name } } }"
SET_SECRET = """
mutation($id: ID!, $secret: String!) {
  licenseUpdate(input: {id: $id, version: 1, secret: $secret}) { errors { code } }
}
"""


async def _with_secret(name: str, secret: str) -> License:
    row = await _license(name, None)
    row.secret_ciphertext = keyring().encrypt(row.id, secret)
    row.secret_fingerprint = keyring().fingerprint(secret)
    await row.save(update_fields=["secret_ciphertext", "secret_fingerprint"])
    return row


async def test_duplicates_cannot_confirm_a_guess_of_a_hidden_secret(
    http: httpx.AsyncClient,
) -> None:
    # CHANGE on one license (so its secret can be set), VIEW on another whose secret is hidden.
    member, gql = await _caller(http, Role.MEMBER, "guesser@example.com")
    target = await _with_secret("Target", "hunter2-GUESSABLE")
    mine = await _license("Mine", None)
    await Grant.create(license=target, user=member, rights=["view"])
    await Grant.create(license=mine, user=member, rights=["change"])

    guessed = await gql(SET_SECRET, id=global_id("License", mine.id), secret="hunter2-GUESSABLE")
    assert guessed["data"]["licenseUpdate"]["errors"] == []

    assert (await gql(DUPLICATES))["data"]["duplicates"] == []


async def test_duplicates_group_only_licenses_whose_secrets_the_caller_may_reveal(
    http: httpx.AsyncClient, admin: Caller, manager: Caller
) -> None:
    member, gql = await _caller(http, Role.MEMBER, "revealer@example.com")
    a, b = await _with_secret("A", "same-0001"), await _with_secret("B", "same-0001")
    c = await _with_secret("C", "same-0001")
    await Grant.create(license=a, user=member, rights=["reveal"])
    await Grant.create(license=b, user=member, rights=["reveal"])
    await Grant.create(license=c, user=member, rights=["view"])  # sees C, may not reveal it

    group = {"licenses": [{"name": "A"}, {"name": "B"}]}
    assert (await gql(DUPLICATES))["data"]["duplicates"] == [group]
    everything = {"licenses": [{"name": "A"}, {"name": "B"}, {"name": "C"}]}
    assert (await admin[1](DUPLICATES))["data"]["duplicates"] == [everything]
    # Managers see every license but reveal no secret: no groups.
    assert (await manager[1](DUPLICATES))["data"]["duplicates"] == []


EXTERNAL_ID = """
mutation($id: ID!, $external: String) {
  licenseUpdate(input: {id: $id, version: 1, externalId: $external}) {
    errors { field code message }
  }
}
"""


async def test_an_external_id_answer_says_nothing_of_licenses_the_caller_cannot_see(
    http: httpx.AsyncClient, manager: Caller
) -> None:
    member, gql = await _caller(http, Role.MEMBER, "changer@example.com")
    invisible = await _license("Invisible", None)
    invisible.external_id = "SAP-4711"
    await invisible.save(update_fields=["external_id"])
    mine = await _license("Mine", None)
    await Grant.create(license=mine, user=member, rights=["change"])

    taken = await gql(EXTERNAL_ID, id=global_id("License", mine.id), external="SAP-4711")
    free = await gql(EXTERNAL_ID, id=global_id("License", mine.id), external="SAP-0001")

    # The same answer whether or not another license uses the id.
    strip = [{k: e[k] for k in ("field", "code")} for e in taken["data"]["licenseUpdate"]["errors"]]
    assert strip == [{"field": "externalId", "code": "FORBIDDEN"}]
    assert taken == free
    assert "already" not in str(taken)
    assert (await License.get(id=mine.id)).external_id is None
    # A manager sees every license: the clash is theirs to know.
    _, manager_gql = manager
    clash = await manager_gql(EXTERNAL_ID, id=global_id("License", mine.id), external="SAP-4711")
    assert [e["code"] for e in clash["data"]["licenseUpdate"]["errors"]] == ["DUPLICATE"]
    # Removing an external id is always allowed.
    cleared = await gql(EXTERNAL_ID, id=global_id("License", mine.id), external=None)
    assert cleared["data"]["licenseUpdate"]["errors"] == []


CATALOG_NAMING = {
    "vendorCreate": (
        "mutation($name: String!) { vendorCreate(input: {name: $name}) "
        "{ vendor { id } errors { field code message } } }"
    ),
    "tagCreate": (
        "mutation($name: String!) { tagCreate(input: {name: $name}) "
        "{ tag { id } errors { field code message } } }"
    ),
    "productCreate": (
        "mutation($name: String!, $vendorId: ID!) { productCreate(input: "
        "{name: $name, vendorId: $vendorId}) { product { id } errors { field code message } } }"
    ),
}


@pytest.mark.parametrize("mutation", list(CATALOG_NAMING))
async def test_a_catalog_name_answer_says_nothing_of_names_the_caller_cannot_see(
    http: httpx.AsyncClient, admin: Caller, mutation: str
) -> None:
    # Given an admin's token that may write but not read (licenses:write only), and a
    # vendor, a product and a tag it cannot see
    admin_user, admin_gql = admin
    vendor = await Vendor.create(name="Hidden Vendor")
    await Product.create(vendor=vendor, name="Hidden Vendor")
    await Tag.create(name="Hidden Vendor")
    token, _ = await api_token_create(
        system(), user=admin_user, name="writer", scopes=["licenses:write"]
    )

    async def writer(document: str, **variables: Any) -> dict[str, Any]:
        response = await http.post(
            "/graphql",
            json={"query": document, "variables": variables},
            headers={"authorization": f"Bearer {token}"},
        )
        body: dict[str, Any] = response.json()
        return body

    extra = {"vendorId": global_id("Vendor", vendor.id)} if mutation == "productCreate" else {}

    # When it gives a name that is taken, and one that is free
    taken = await writer(CATALOG_NAMING[mutation], name="hidden vendor", **extra)
    free = await writer(CATALOG_NAMING[mutation], name="Nobody Uses This", **extra)

    # Then both get the same FORBIDDEN on name: nothing tells which one exists
    errors = taken["data"][mutation]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("name", "FORBIDDEN")]
    assert taken == free
    assert "already" not in str(taken)
    assert await Vendor.filter(name="Nobody Uses This").count() == 0
    # And a caller who sees the catalogue is told of the clash
    clash = await admin_gql(CATALOG_NAMING[mutation], name="hidden vendor", **extra)
    assert [e["code"] for e in clash["data"][mutation]["errors"]] == ["DUPLICATE"]
