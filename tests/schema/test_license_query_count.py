"""No N+1: a page of licenses with its vendor, product, tags, owner, seats and their users
costs the same, fixed number of SQL statements whatever its size."""

from __future__ import annotations

import httpx
import pytest

from bench.statements import count_statements
from licman.models import (
    Grant,
    License,
    Product,
    Role,
    SeatAssignment,
    Tag,
    Team,
    TeamMembership,
    User,
    Vendor,
)
from licman.schema.ids import global_id
from tests.schema.conftest import Gql
from tests.schema.conftest import _caller as caller

pytestmark = pytest.mark.usefixtures("db")

PAGE = """
query Page($first: Int!) {
  licenses(first: $first, orderBy: {field: VENDOR}) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id name seats seatsUsed expiresOn cost currency
        vendor { id name website }
        product { id name }
        owner { id email name }
        tags { id name color }
        assignments { id assignedAt user { id email name role } }
      }
    }
  }
}
"""

# 0 for the token: the warm-up request looked it up, and the token cache keeps it for a
#   second (tests freeze that clock: see tests/conftest.py)
# 1 the page: licenses joined with product, vendor and owner, permission filter inside
# 1 tags of every license on the page
# 1 active seats of every license on the page, joined with their users
# 1 totalCount
STATEMENTS_PER_PAGE = 4


async def seed_licenses(count: int) -> None:
    vendors = [await Vendor.create(name=f"Vendor {i}") for i in range(3)]
    products = [await Product.create(vendor=v, name=f"Product {v.id}") for v in vendors]
    tags = [await Tag.create(name=f"tag-{i}") for i in range(4)]
    users = [await User.create(email=f"user{i}@example.com") for i in range(10)]
    for i in range(count):
        license_ = await License.create(
            product=products[i % 3], owner=users[i % 10], seats=5, seats_used=2,
            cost_micros=1_000_000 * i, currency="EUR",
        )  # fmt: skip
        await license_.tags.add(tags[i % 4], tags[(i + 1) % 4])
        for user in (users[i % 10], users[(i + 3) % 10]):
            await SeatAssignment.create(license=license_, user=user, active_holder=user.id)


@pytest.mark.parametrize("count", [100, 7])
async def test_a_page_of_licenses_costs_a_fixed_number_of_statements(
    admin: tuple[User, Gql], count: int
) -> None:
    _, gql = admin
    await seed_licenses(count)
    await gql(PAGE, first=1)  # warm-up: the token's last-used time is written once

    with count_statements() as statements:
        body = await gql(PAGE, first=100)

    assert "errors" not in body
    page = body["data"]["licenses"]
    assert page["totalCount"] == count
    assert len(page["edges"]) == count
    first = page["edges"][0]["node"]
    assert len(first["tags"]) == 2
    assert len(first["assignments"]) == 2
    assert first["assignments"][0]["user"]["email"].endswith("@example.com")
    assert first["vendor"]["name"].startswith("Vendor")
    assert len(statements) == STATEMENTS_PER_PAGE, "\n".join(statements)


VIEWER_CAN_PAGE = """
query Page($first: Int!) {
  licenses(first: $first) {
    totalCount
    edges { node { id viewerCan { change assign reveal delete viewCost manageGrants }
                   vendor { id viewerCan { change delete manageGrants } } } }
  }
  viewerCan { createLicense changeEveryLicense viewEveryCost manageCatalog viewAudit }
}
"""
# 0 the token (cached since the warm-up), 1 the caller's grants with their teams inside (once
# per request, for every viewerCan; the permission filter is inside the page's SQL), 1 the
# page, 1 totalCount
STATEMENTS_WITH_VIEWER_CAN = 3


@pytest.mark.parametrize("count", [100, 7])
@pytest.mark.parametrize("role", [Role.MEMBER, Role.MANAGER])
async def test_viewer_can_on_a_page_adds_no_statement_per_row(
    http: httpx.AsyncClient, count: int, role: Role
) -> None:
    # Given licenses, and a caller who holds grants: to a team on every license of one
    # vendor, and to themselves on single licenses
    await seed_licenses(count)
    user, gql = await caller(http, role, f"{role.value}@example.com")
    team = await Team.create(name="Buyers")
    await TeamMembership.create(team=team, user=user)
    vendor = await Vendor.get(name="Vendor 0")
    await Grant.create(vendor=vendor, team=team, rights=["change"])
    for license_ in await License.filter(product__vendor_id__not=vendor.id).limit(3):
        await Grant.create(license=license_, user=user, rights=["assign", "reveal"])
    await gql(VIEWER_CAN_PAGE, first=1)  # warm-up: the token's last-used time

    # When the caller asks for a page with what they may do on each license
    with count_statements() as statements:
        body = await gql(VIEWER_CAN_PAGE, first=100)

    # Then every row has its answer, and the page cost no more than its fixed statements
    assert "errors" not in body, body
    edges = body["data"]["licenses"]["edges"]
    assert len(edges) == (count if role is Role.MANAGER else body["data"]["licenses"]["totalCount"])
    changeable = sum(e["node"]["viewerCan"]["change"] for e in edges)
    revealable = sum(e["node"]["viewerCan"]["reveal"] for e in edges)
    if role is Role.MEMBER:
        assert changeable == len(
            [e for e in edges if e["node"]["vendor"]["id"] == global_id("Vendor", vendor.id)]
        )
        assert 0 < changeable < len(edges)
    else:
        assert changeable == len(edges)
    assert revealable == 3
    assert len(statements) == STATEMENTS_WITH_VIEWER_CAN, "\n".join(statements)


LIST = """
query List {
  licenses(first: 50) {
    edges { node { id name seats expiresOn product { name } vendor { name } tags { name } } }
  }
}
"""
# 0 the token (cached), 1 the page (for a member, the permission filter from ownership,
# seats, grants and teams is inside it as subqueries), 1 the tags of the page
STATEMENTS_PER_LIST = 2


@pytest.mark.parametrize("role", [Role.ADMIN, Role.MEMBER])
async def test_a_members_list_costs_the_statements_of_an_admins(
    http: httpx.AsyncClient, role: Role
) -> None:
    # Given licenses, and a caller who owns one, holds a seat of another, was granted a third
    # and whose team was granted every license of one vendor
    await seed_licenses(12)
    user, gql = await caller(http, role, f"{role.value}@example.com")
    licenses = await License.all().order_by("id").prefetch_related("product")
    owned, seated, granted = licenses[0], licenses[1], licenses[2]
    await License.filter(id=owned.id).update(owner_id=user.id)
    await SeatAssignment.create(license=seated, user=user, active_holder=user.id)
    revoked = licenses[3]  # a seat given back: no longer a reason to see the license
    await SeatAssignment.create(license=revoked, user=user, active_holder=None)
    await Grant.create(license=granted, user=user, rights=["view"])
    team = await Team.create(name="Buyers")
    await TeamMembership.create(team=team, user=user)
    vendor = await Vendor.get(name="Vendor 2")
    await Grant.create(vendor=vendor, team=team, rights=["assign"])
    other_team = await Team.create(name="Others")  # the caller is not in it
    await Grant.create(license=licenses[4], team=other_team, rights=["change"])
    await gql(LIST)  # warm-up: the token's last-used time

    # When the caller lists licenses
    with count_statements() as statements:
        body = await gql(LIST)

    # Then they see what they may see, for the same statements as an admin
    assert "errors" not in body, body
    seen = {e["node"]["id"] for e in body["data"]["licenses"]["edges"]}
    if role is Role.ADMIN:
        expected = {lic.id for lic in licenses}
    else:
        expected = {owned.id, seated.id, granted.id} | {
            lic.id for lic in licenses if lic.product.vendor_id == vendor.id
        }
        assert revoked.id not in expected
        assert licenses[4].id not in expected
    assert seen == {global_id("License", pk) for pk in expected}
    assert len(statements) == STATEMENTS_PER_LIST, "\n".join(statements)
