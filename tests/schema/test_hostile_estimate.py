"""Hostile review: a member's totalCount estimate must not reflect licenses it cannot see."""

from __future__ import annotations

import pytest
from tortoise import connections

from licman.models import License, User
from licman.resolvers import license_count
from tests.schema.conftest import Gql
from tests.schema.test_license_query_count import seed_licenses
from tests.schema.test_license_total_count import COUNTED

pytestmark = pytest.mark.usefixtures("db")


async def test_a_members_estimate_does_not_count_the_licenses_it_cannot_see(
    member: tuple[User, Gql], monkeypatch: pytest.MonkeyPatch
) -> None:
    user, gql = member
    await seed_licenses(400)
    ids = await License.all().order_by("id").limit(3).values_list("id", flat=True)
    await License.filter(id__in=list(ids)).update(owner_id=user.id)
    conn = connections.get("default")
    if str(conn.capabilities.dialect) == "postgres":
        await conn.execute_script("ANALYZE")
    monkeypatch.setattr(license_count, "EXACT_COUNT_UP_TO", 2)

    body = await gql(COUNTED)

    page = body["data"]["licenses"]
    # Sees 3; an estimate may be off, but not by the licenses of others (400)
    assert page["totalCount"] <= 3 * 4, page
