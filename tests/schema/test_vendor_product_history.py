"""A vendor's History includes its products' events (created, renamed, archived, deleted:
products have no page of their own), under the same rules as Vendor.history, in a fixed
number of statements whatever the number of products."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from tortoise import connections

from bench.statements import count_statements
from licman.models import User
from tests.schema.conftest import Gql

pytestmark = pytest.mark.usefixtures("db")

Caller = tuple[User, Gql]

HISTORY = """
query VendorHistory($id: ID!, $after: String) {
  vendor(id: $id) {
    history(first: 50, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { action objectType changes } people { name }
    }
  }
}
"""


async def _vendor(gql: Gql, name: str) -> str:
    body = await gql(
        "mutation($n: String!) { vendorCreate(input: {name: $n}) { vendor { id } } }", n=name
    )
    vendor_id: str = body["data"]["vendorCreate"]["vendor"]["id"]
    return vendor_id


async def _product(gql: Gql, vendor_id: str, name: str) -> dict[str, Any]:
    body = await gql(
        "mutation($v: ID!, $n: String!) { productCreate(input: {vendorId: $v, name: $n}) "
        "{ product { id version } errors { message } } }",
        v=vendor_id,
        n=name,
    )
    product: dict[str, Any] = body["data"]["productCreate"]["product"]
    return product


async def test_a_vendors_history_has_its_products_events(admin: Caller, member: Caller) -> None:
    # Given Adobe with Photoshop (renamed, archived) and Acrobat (deleted); and Figma's product
    _, gql = admin
    adobe = await _vendor(gql, "Adobe")
    figma = await _vendor(gql, "Figma")
    photoshop = await _product(gql, adobe, "Photoshop")
    acrobat = await _product(gql, adobe, "Acrobat")
    await _product(gql, figma, "Figma Pro")
    await gql(
        "mutation($i: ProductUpdateInput!) { productUpdate(input: $i) { errors { message } } }",
        i={"id": photoshop["id"], "version": photoshop["version"], "name": "Photoshop CC"},
    )
    await gql(
        "mutation($id: ID!) { productArchive(input: {id: $id}) { errors { message } } }",
        id=photoshop["id"],
    )
    deleted = await gql(
        "mutation($id: ID!) { productDelete(input: {id: $id}) { errors { message } } }",
        id=acrobat["id"],
    )
    assert "errors" not in deleted, deleted

    # When a member (who may see vendors) reads Adobe's history
    body = await member[1](HISTORY, id=adobe)

    # Then the vendor's and its products' events, newest first, none of Figma's
    assert "errors" not in body, body["errors"]
    history = body["data"]["vendor"]["history"]
    assert [(e["objectType"], e["action"]) for e in history["nodes"]] == [
        ("product", "product.delete"),
        ("product", "product.archive"),
        ("product", "product.update"),
        ("product", "product.create"),
        ("product", "product.create"),
        ("vendor", "vendor.create"),
    ]
    assert history["totalCount"] == 6
    assert history["nodes"][0]["changes"]["before"]["name"] == "Acrobat"
    assert history["nodes"][2]["changes"]["after"]["name"] == "Photoshop CC"
    assert history["people"] == [{"name": "Admin"}]
    figma_history = (await gql(HISTORY, id=figma))["data"]["vendor"]["history"]
    assert [e["action"] for e in figma_history["nodes"]] == ["product.create", "vendor.create"]


async def test_pages_of_a_vendors_history_follow_the_cursor(admin: Caller) -> None:
    _, gql = admin
    adobe = await _vendor(gql, "Adobe")
    for i in range(60):
        await _product(gql, adobe, f"Product {i:02}")
    first = (await gql(HISTORY, id=adobe))["data"]["vendor"]["history"]
    assert (len(first["nodes"]), first["pageInfo"]["hasNextPage"], first["totalCount"]) == (
        50,
        True,
        61,
    )
    rest = await gql(HISTORY, id=adobe, after=first["pageInfo"]["endCursor"])
    nodes = rest["data"]["vendor"]["history"]["nodes"]
    assert len(nodes) == 11
    assert nodes[-1]["action"] == "vendor.create"


@pytest.mark.parametrize("products", [2, 20])
async def test_a_vendors_history_costs_the_same_statements_whatever_its_products(
    admin: Caller, products: int
) -> None:
    _, gql = admin
    adobe = await _vendor(gql, "Adobe")
    for i in range(products):
        await _product(gql, adobe, f"Product {i:02}")
    await gql(HISTORY, id=adobe)  # warm-up: the token's last-used time is written once

    with count_statements() as statements:
        body = await gql(HISTORY, id=adobe)

    assert "errors" not in body, body["errors"]
    assert body["data"]["vendor"]["history"]["totalCount"] == products + 1
    # 1 the vendor, 1 the newest event ids (its products' are subqueries), 1 the events,
    # 1 the count, 1 the people named
    assert len(statements) == 5, "\n".join(statements)


@contextmanager
def rows_fetched() -> Iterator[list[int]]:
    """How many rows the database sends back while the block runs (one total)."""
    client = type(connections.get("default"))
    fetched, depth = [0], [0]

    def counted(monkeypatch: pytest.MonkeyPatch, name: str, rows_of: Any) -> None:
        original = getattr(client, name)

        async def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            depth[0] += 1  # MariaDB's execute_query_dict calls its execute_query: count once
            try:
                result = await original(self, *args, **kwargs)
            finally:
                depth[0] -= 1
            if depth[0] == 0:
                fetched[0] += len(rows_of(result))
            return result

        monkeypatch.setattr(client, name, wrapper)

    with pytest.MonkeyPatch.context() as monkeypatch:
        counted(monkeypatch, "execute_query", lambda result: result[1])
        counted(monkeypatch, "execute_query_dict", lambda result: result)
        yield fetched


async def test_other_vendors_deleted_products_are_not_read(admin: Caller) -> None:
    # Given Adobe with a deleted product, and Figma
    _, gql = admin
    adobe = await _vendor(gql, "Adobe")
    figma = await _vendor(gql, "Figma")
    acrobat = await _product(gql, adobe, "Acrobat")
    delete = "mutation($id: ID!) { productDelete(input: {id: $id}) { errors { message } } }"
    await gql(delete, id=acrobat["id"])
    await gql(HISTORY, id=adobe)  # warm-up: the token's last-used time is written once
    with count_statements() as statements, rows_fetched() as fetched:
        before = await gql(HISTORY, id=adobe)

    # When Figma creates and deletes 30 products
    for i in range(30):
        await gql(delete, id=(await _product(gql, figma, f"Figma {i:02}"))["id"])

    # Then Adobe's history reads as many rows, in as many statements, as before
    with count_statements() as after_statements, rows_fetched() as after_fetched:
        after = await gql(HISTORY, id=adobe)
    assert after == before
    assert [e["action"] for e in after["data"]["vendor"]["history"]["nodes"]] == [
        "product.delete",
        "product.create",
        "vendor.create",
    ]
    assert (len(after_statements), after_fetched) == (len(statements), fetched)
    # and Figma's history has its own 60 events and its creation
    figma_history = (await gql(HISTORY, id=figma))["data"]["vendor"]["history"]
    assert figma_history["totalCount"] == 61
