"""License reads select only the columns the selection reads (schema/license.py
license_columns) and reuse their SQL per shape (resolvers/statements.py): the answers must be
the same bytes as reading every column, for one field at a time and for whole documents,
and a reused statement must answer for the new ids, not the ones it was built with."""

from __future__ import annotations

from typing import Any

import httpx
import orjson
import pytest

from licman.app import create_app
from licman.models import License
from licman.resolvers import license_query
from licman.resolvers.statements import STATEMENTS
from licman.schema import license as license_schema
from licman.schema.ids import global_id
from licman.settings import Settings
from tests.backends import TestDatabase
from tests.schema.test_fast_path import _world

pytestmark = pytest.mark.usefixtures("db")

# Every License field the list and `license(id)` can select (secret aside: it writes an
# audit event), and those of the objects inside.
FIELDS = [
    "id", "__typename", "name", "kind", "status", "seats", "seatsUsed", "seatsFree",
    "currency", "billingPeriod", "purchasedOn", "startsOn", "expiresOn", "cancelBy",
    "autoRenew", "remindSeatHolders", "notes", "metadata", "externalId", "archivedAt",
    "version", "createdAt", "updatedAt", "hasSecret", "cost", "canRevealSecret",
    "viewerCan { change assign reveal delete }",
    "product { id name notes vendorId archivedAt version createdAt updatedAt }",
    "product { name }", "product { vendorId }",
    "vendor { id name website notes archivedAt version createdAt updatedAt }",
    "vendor { website }", "owner { id name email role isActive }", "owner { email }",
    "owner { isActive }", "tags { id name }", "assignments { id user { name email } }",
    "renewals { startsOn cost }",
]  # fmt: skip


def _documents(license_id: str) -> list[tuple[str, dict[str, Any]]]:
    documents: list[tuple[str, dict[str, Any]]] = []
    for field in FIELDS:
        documents.append((f"{{ licenses(first: 7) {{ edges {{ node {{ {field} }} }} }} }}", {}))
        documents.append((f"{{ licenses(first: 3) {{ nodes {{ id {field} }} }} }}", {}))
        documents.append(
            (f"query ($id: ID!) {{ license(id: $id) {{ {field} }} }}", {"id": license_id})
        )
        documents.append(
            (f"query ($id: ID!) {{ node(id: $id) {{ ... on License {{ {field} }} }} }}",
             {"id": license_id})
        )  # fmt: skip
    everything = " ".join(FIELDS)
    documents += [
        (f"{{ licenses(first: 5, orderBy: {{field: VENDOR}}) {{ edges {{ cursor node "
         f"{{ {everything} }} }} }} }}", {}),
        ("{ licenses(first: 4, orderBy: {field: COST, direction: DESC}) "
         "{ pageInfo { endCursor } nodes { name } } }", {}),
        ("{ licenses(first: 4, orderBy: {field: UPDATED}) { edges { cursor } } }", {}),
        ("query ($id: ID!) { license(id: $id) { ...F } } fragment F on License "
         "{ name vendor { ...V } } fragment V on Vendor { website }", {"id": license_id}),
    ]  # fmt: skip
    return documents


async def _post(app: Any, token: str, document: str, variables: dict[str, Any]) -> bytes:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        response = await client.post(
            "/graphql",
            json={"query": document, "variables": variables},
            headers={"authorization": f"Bearer {token}"},
        )
    return response.content


async def test_reading_only_the_selected_columns_answers_the_same_bytes(
    db: TestDatabase, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    tokens = await _world()
    first = await License.all().order_by("id").first()
    assert first is not None
    await License.filter(id=first.id).update(notes="read me", external_id="X-1")
    documents = _documents(global_id("License", first.id))
    app = create_app(Settings(home=tmp_path))
    pruned: dict[tuple[str, int], bytes] = {}
    for role, token in tokens.items():
        for i, (document, variables) in enumerate(documents):
            pruned[role, i] = await _post(app, token, document, variables)
    monkeypatch.setattr(license_schema, "license_columns", lambda *_: None)  # every column
    STATEMENTS.clear()
    differences = []
    for role, token in tokens.items():
        for i, (document, variables) in enumerate(documents):
            full = await _post(app, token, document, variables)
            if full != pruned[role, i]:
                differences.append(f"{document} ({role}):\n  {pruned[role, i]!r}\n  {full!r}")
    assert differences == [], "\n".join(differences)


def test_columns_of_a_selection() -> None:
    columns = license_schema.license_columns(
        {"edges", "edges.node", "edges.node.name", "edges.node.vendor",
         "edges.node.vendor.name", "edges.cursor", "nodes.cost"},
        ("edges.node.", "nodes."),
    )  # fmt: skip
    assert columns == {"name", "product__vendor__name", "cost_micros"}
    # A field it does not know (one added later) reads every column.
    assert license_schema.license_columns({"somethingNew"}, ("",)) is None
    assert license_schema.license_columns({"vendor", "vendor.somethingNew"}, ("",)) is None
    want = license_query.Want(columns=frozenset({"name"}))
    selected, missing = want.fields("expires_on")
    assert "name" in selected
    assert "expires_on" in selected
    assert "id" in selected
    assert "notes" in missing
    assert "expires_on" not in missing
    assert "name" not in missing


async def test_a_reused_statement_answers_for_its_new_ids(db: TestDatabase, tmp_path: Any) -> None:
    tokens = await _world()
    app = create_app(Settings(home=tmp_path))
    STATEMENTS.clear()
    licenses = await License.all().order_by("id").prefetch_related("tags")
    document = "query ($id: ID!) { license(id: $id) { id name tags { name } } }"
    for license_ in licenses[:4]:  # the first builds the statement, the others reuse it
        variables = {"id": global_id("License", license_.id)}
        body = await _post(app, tokens["admin"], document, variables)
        tags = sorted(t.name for t in license_.tags)
        expected = f'"id":"{global_id("License", license_.id)}","name":"{license_.name}"'
        assert expected.encode() in body, body
        for tag in tags:
            assert f'"name":"{tag}"'.encode() in body, body
    # Pages after a cursor: each page's rows are its own, none repeated.
    seen: list[str] = []
    after = None
    page = (
        "query ($after: String) { licenses(first: 3, after: $after) { "
        "pageInfo { endCursor } nodes { id } } }"
    )
    for _ in range(4):
        body = await _post(app, tokens["admin"], page, {"after": after})
        data = orjson.loads(body)["data"]["licenses"]
        seen += [n["id"] for n in data["nodes"]]
        after = data["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == 12
