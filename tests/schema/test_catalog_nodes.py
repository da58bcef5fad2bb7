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
