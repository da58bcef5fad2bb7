"""A list's totalCount: exact when small; past EXACT_COUNT_UP_TO, on PostgreSQL, the planner's
estimate, and the connection says so (totalCountIsEstimate)."""

from __future__ import annotations

import pytest
from tortoise import connections

from bench.statements import count_statements
from licman.models import License, User
from licman.resolvers import license_count
from tests.schema.conftest import Gql
from tests.schema.test_license_query_count import seed_licenses

pytestmark = pytest.mark.usefixtures("db")

COUNTED = """
query Counted($search: String) {
  licenses(first: 2, search: $search) { totalCount totalCountIsEstimate edges { node { id } } }
}
"""


def _postgres() -> bool:
    return str(connections.get("default").capabilities.dialect) == "postgres"


async def test_a_small_count_is_exact(admin: tuple[User, Gql]) -> None:
    _, gql = admin
    await seed_licenses(7)
    await gql(COUNTED)  # warm-up: the token

    with count_statements() as statements:
        body = await gql(COUNTED)

    assert "errors" not in body, body
    assert body["data"]["licenses"]["totalCount"] == 7
    assert body["data"]["licenses"]["totalCountIsEstimate"] is False
    assert len(statements) == 2, "\n".join(statements)  # the page and the count


async def test_a_count_past_the_limit_is_an_estimate_on_postgres_and_says_so(
    admin: tuple[User, Gql], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, gql = admin
    await seed_licenses(7)
    monkeypatch.setattr(license_count, "EXACT_COUNT_UP_TO", 5)
    await gql(COUNTED)

    with count_statements() as statements:
        body = await gql(COUNTED)

    assert "errors" not in body, body
    page = body["data"]["licenses"]
    if _postgres():
        # Never at or below the limit, where counts are exact: the client knows it is more.
        assert page["totalCountIsEstimate"] is True
        assert page["totalCount"] >= 6
        assert len(statements) == 3, "\n".join(statements)  # page, capped count, EXPLAIN
    else:
        assert page == {**page, "totalCount": 7, "totalCountIsEstimate": False}
        assert len(statements) == 2, "\n".join(statements)


async def test_the_count_follows_the_filter_and_the_permissions(
    admin: tuple[User, Gql], member: tuple[User, Gql]
) -> None:
    _, admin_gql = admin
    user, member_gql = member
    await seed_licenses(7)
    await License.filter(id__in=[(await License.all().order_by("id").first()).id]).update(  # type: ignore[union-attr]
        owner_id=user.id, name="Mine alone"
    )

    searched = await admin_gql(COUNTED, search="mine alone")
    mine = await member_gql(COUNTED)

    assert searched["data"]["licenses"]["totalCount"] == 1
    assert mine["data"]["licenses"]["totalCount"] == 1
    assert mine["data"]["licenses"]["totalCountIsEstimate"] is False
    assert (await License.all().count()) == 7
