"""A token made with a token is its child: it never outlives its parent (expiry on or
before the parent's) and never outranks it (scopes a subset of the parent's)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from licman.models import ApiToken, User
from licman.resolvers.api_token import api_token_create
from licman.security.principal import system

pytestmark = pytest.mark.usefixtures("db")

TOKEN_CREATE = """
mutation TokenCreate($input: ApiTokenCreateInput!) {
  apiTokenCreate(input: $input) {
    token apiToken { name scopes expiresAt } errors { field code message }
  }
}
"""


async def parent_token(
    scopes: list[str], expires_in: timedelta | None
) -> tuple[str, datetime | None]:
    user = await User.create(email="ivy@example.com", name="Ivy")
    ends = None if expires_in is None else datetime.now(UTC) + expires_in
    token, row = await api_token_create(system(), user=user, name="parent", expires_at=ends)
    row.scopes = scopes
    await row.save(update_fields=["scopes"])
    return token, row.expires_at


async def create_with(http: httpx.AsyncClient, token: str, **fields: Any) -> dict[str, Any]:
    response = await http.post(
        "/graphql",
        json={"query": TOKEN_CREATE, "variables": {"input": {"name": "child", **fields}}},
        headers={"authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    result: dict[str, Any] = body["data"]["apiTokenCreate"]
    return result


@pytest.mark.parametrize("scopes", [["account", "licenses:read"], []], ids=["scoped", "all"])
async def test_a_child_asking_for_no_expiry_gets_its_parents(
    http: httpx.AsyncClient, scopes: list[str]
) -> None:
    # Given a token that expires in an hour
    token, ends = await parent_token(scopes, timedelta(hours=1))
    assert ends is not None

    # When it creates a token without an expiry
    result = await create_with(http, token)

    # Then the child expires with its parent, not never
    assert result["errors"] == []
    assert datetime.fromisoformat(result["apiToken"]["expiresAt"]) == ends
    child = await ApiToken.get(name="child")
    assert child.expires_at == ends
    assert child.scopes == scopes


async def test_a_child_cannot_outlive_its_parent(http: httpx.AsyncClient) -> None:
    token, _ = await parent_token(["account"], timedelta(hours=1))
    later = (datetime.now(UTC) + timedelta(days=365)).isoformat()

    result = await create_with(http, token, expiresAt=later)

    assert result["token"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("expiresAt", "INVALID")]
    assert not await ApiToken.exists(name="child")


async def test_a_child_may_end_before_its_parent(http: httpx.AsyncClient) -> None:
    token, _ = await parent_token(["account"], timedelta(hours=1))
    sooner = datetime.now(UTC) + timedelta(minutes=5)

    result = await create_with(http, token, expiresAt=sooner.isoformat())

    assert result["errors"] == []
    assert datetime.fromisoformat(result["apiToken"]["expiresAt"]) == sooner


async def test_a_grandchild_is_bounded_by_its_grandparent(http: httpx.AsyncClient) -> None:
    # Given a child made by an expiring token
    token, ends = await parent_token(["account", "licenses:read"], timedelta(hours=1))
    child = await create_with(http, token, scopes=["account"])
    assert child["errors"] == []

    # When the child makes a token of its own, asking for more scopes or a longer life
    wider = await create_with(http, child["token"], scopes=["account", "licenses:read"])
    longer = await create_with(
        http, child["token"], expiresAt=(datetime.now(UTC) + timedelta(days=2)).isoformat()
    )
    plain = await create_with(http, child["token"])

    # Then both are refused, and what it may make is no wider than itself
    assert [(e["field"], e["code"]) for e in wider["errors"]] == [("scopes", "INVALID")]
    assert [(e["field"], e["code"]) for e in longer["errors"]] == [("expiresAt", "INVALID")]
    assert plain["apiToken"]["scopes"] == ["account"]
    assert datetime.fromisoformat(plain["apiToken"]["expiresAt"]) == ends


async def test_a_token_without_expiry_makes_children_as_before(http: httpx.AsyncClient) -> None:
    token, _ = await parent_token([], None)

    result = await create_with(http, token)

    assert result["errors"] == []
    assert result["apiToken"]["expiresAt"] is None
