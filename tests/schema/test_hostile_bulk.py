"""Hostile review of "select all N matching": a member changes only what it may change and
sees, a write-only token and an auditor change nothing."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from licman.models import Grant, License, Role, User, Vendor
from licman.resolvers.api_token import api_token_create
from licman.security.principal import system
from tests.schema.conftest import Gql, _caller
from tests.schema.test_bulk_matching import TAG, state, tagged, world

pytestmark = pytest.mark.usefixtures("db")

Caller = tuple[User, Gql]


async def test_matching_everything_reaches_only_what_the_member_sees_and_may_change(
    http: httpx.AsyncClient,
) -> None:
    _, tag = await world()
    member, gql = await _caller(http, Role.MEMBER, "changer-b@example.com")
    adobe = await Vendor.get(name="Adobe")
    await Grant.create(vendor=adobe, user=member, rights=["change"])

    body = await gql(TAG, input={"tagIds": [tag], "matching": {}})
    assert body["data"]["licensesTag"]["errors"] == [], body
    # Only Adobe's live licenses: JetBrains' (unseen) and the archived one untouched
    assert await tagged() == {"PS 1", "PS 2"}


async def test_a_write_only_token_and_an_auditor_change_nothing_by_filter(
    http: httpx.AsyncClient, auditor: Caller
) -> None:
    _, tag = await world()
    manager = await User.create(email="writer-b@example.com", role=Role.MANAGER)
    token, _ = await api_token_create(system(), user=manager, name="w", scopes=["licenses:write"])

    async def writer(document: str, **variables: Any) -> dict[str, Any]:
        response = await http.post(
            "/graphql",
            json={"query": document, "variables": variables},
            headers={"authorization": f"Bearer {token}"},
        )
        result: dict[str, Any] = response.json()
        return result

    before = await state()
    for gql in (writer, auditor[1]):
        body = await gql(TAG, input={"tagIds": [tag], "matching": {}})
        errors = (body.get("data") or {}).get("licensesTag", {}) or {}
        codes = [e["code"] for e in errors.get("errors", [])] or [
            e["extensions"]["code"] for e in body.get("errors", [])
        ]
        assert codes == ["FORBIDDEN"], body
    assert await state() == before
    assert await License.filter(tags__name="Design").count() == 0


VENDOR_DELETE = """
mutation Delete($id: ID!) {
  vendorDelete(input: {id: $id}) { deletedId errors { field code message } }
}
"""


async def test_a_write_only_token_does_not_learn_how_many_licenses_a_vendor_has(
    http: httpx.AsyncClient,
) -> None:
    from licman.schema.ids import global_id

    await world()
    adobe = await Vendor.get(name="Adobe")
    manager = await User.create(email="deleter-b@example.com", role=Role.MANAGER)
    token, _ = await api_token_create(system(), user=manager, name="w", scopes=["licenses:write"])
    response = await http.post(
        "/graphql",
        json={"query": VENDOR_DELETE, "variables": {"id": global_id("Vendor", adobe.id)}},
        headers={"authorization": f"Bearer {token}"},
    )
    body = response.json()
    (error,) = body["data"]["vendorDelete"]["errors"]
    assert error["code"] == "IN_USE"
    # The token may not see licenses (licenses:read): no count of them, nor of products
    assert "3 licenses" not in error["message"], error
    assert "1 product" not in error["message"], error
