"""`node(id)` answers vendors, products and tags by global id, and null for unknown ids."""

from __future__ import annotations

import pytest

from licman.models import Product, Tag, User, Vendor
from licman.schema.ids import global_id
from tests.schema.conftest import Gql

pytestmark = pytest.mark.usefixtures("db")

NODE = """query($id: ID!) { node(id: $id) {
  id ... on Vendor { name } ... on Product { name } ... on Tag { name } } }"""


async def test_catalogue_objects_are_reachable_by_global_id(member: tuple[User, Gql]) -> None:
    _, gql = member
    vendor = await Vendor.create(name="Adobe")
    product = await Product.create(vendor=vendor, name="Photoshop")
    tag = await Tag.create(name="design")
    for type_name, row in (("Vendor", vendor), ("Product", product), ("Tag", tag)):
        body = await gql(NODE, id=global_id(type_name, row.id))
        assert body["data"]["node"] == {"id": global_id(type_name, row.id), "name": row.name}
        missing = await gql(NODE, id=global_id(type_name, row.id + 1000))
        assert missing["data"]["node"] is None


NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Tag { name } } }"


async def test_nodes_answers_in_the_order_asked_and_at_most_ten(member: tuple[User, Gql]) -> None:
    _, gql = member
    tags = [await Tag.create(name=f"t{i}") for i in range(11)]
    ids = [global_id("Tag", t.id) for t in tags]
    session = global_id("Session", 1)  # not a Node type: null, like an unknown id

    body = await gql(NODES, ids=[ids[2], session, ids[0]])
    assert body["data"]["nodes"] == [
        {"id": ids[2], "name": "t2"},
        None,
        {"id": ids[0], "name": "t0"},
    ]

    too_many = await gql(NODES, ids=ids)
    assert too_many["data"] is None
    assert [e["extensions"] for e in too_many["errors"]] == [{"code": "INVALID", "field": "ids"}]
