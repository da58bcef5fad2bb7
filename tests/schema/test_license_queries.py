"""Reading licenses over GraphQL: filters, search, order, keyset pages, single objects,
duplicates, the dashboard, and what each role may see."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from strawberry.relay import GlobalID

from licman.models import (
    License,
    LicenseKind,
    LicenseStatus,
    Product,
    RenewalTerm,
    Tag,
    User,
    Vendor,
)
from licman.models.base import fold
from licman.resolvers.license_seats import license_assign, license_unassign
from licman.schema.ids import global_id
from licman.security.principal import system
from tests.schema.conftest import Gql

pytestmark = pytest.mark.usefixtures("db")

Caller = tuple[User, Gql]

LICENSES = """
query Licenses(
  $first: Int, $after: String, $last: Int, $before: String,
  $filter: LicenseFilter, $search: String, $orderBy: LicenseOrder
) {
  licenses(
    first: $first, after: $after, last: $last, before: $before,
    filter: $filter, search: $search, orderBy: $orderBy
  ) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id name } }
  }
}
"""

LICENSE_COSTS = """
query { licenses(first: 100) { nodes { name cost currency } } }
"""

LICENSE = """
query License($id: ID!) {
  license(id: $id) {
    id name kind status seats seatsUsed seatsFree currency expiresOn externalId
    product { name } vendor { name } owner { email } tags { name }
  }
}
"""

NODE = """
query Node($id: ID!) {
  node(id: $id) { __typename id ... on License { name product { name } } }
}
"""

CATALOG = """
query Catalog($vendorId: ID!, $adobe: ID!) {
  vendors { id name licenseCount }
  vendor(id: $vendorId) { name products { name } }
  products(vendorId: $adobe) { name vendorId }
  allProducts: products { name }
  tags { name color licenseCount }
}
"""

COUNTS = """
query { vendors { name licenseCount } products { name licenseCount } tags { name licenseCount } }
"""

CREATE = """
mutation Create($input: LicenseCreateInput!) {
  licenseCreate(input: $input) { license { id } errors { field code message } }
}
"""

DUPLICATES = """
query { duplicates { licenses { id name } } }
"""

DASHBOARD = """
query Dashboard($year: Int) {
  dashboard(year: $year) {
    year
    countsByStatus { status count }
    expiring { withinDays count }
    expired seatsUsed seatsTotal unlimitedLicenses
    spendByVendor { vendorId vendorName currency amount }
    spendByMonth { month currency amount }
  }
}
"""


def pk(gid: str) -> int:
    return int(GlobalID.from_id(gid).node_id)


def lid(license_: License) -> str:
    return global_id("License", license_.id)


def names(body: dict[str, Any]) -> set[str]:
    assert "errors" not in body, body["errors"]
    return {edge["node"]["name"] for edge in body["data"]["licenses"]["edges"]}


def error_of(body: dict[str, Any]) -> dict[str, Any]:
    """The single GraphQL error of a refused query, as {code, field, message}."""
    assert len(body["errors"]) == 1, body["errors"]
    error = body["errors"][0]
    return {"message": error["message"], **error.get("extensions", {})}


async def product_of(vendor: str, product: str) -> Product:
    found = await Vendor.get_or_none(name_key=fold(vendor))
    if found is None:
        found = await Vendor.create(name=vendor)
    return await Product.create(vendor=found, name=product)


# --- a small catalogue for filters and search ---------------------------------------------------


@dataclass
class World:
    ids: dict[str, str] = field(default_factory=dict)  # name -> global id
    licenses: dict[str, License] = field(default_factory=dict)

    def __getitem__(self, name: str) -> str:
        return self.ids[name]


async def world() -> World:
    """Four live licenses and one archived one, each different in every filtered respect."""
    w = World()
    photoshop = await product_of("Adobe", "Photoshop")
    illustrator = await product_of("Adobe", "Illustrator")
    idea = await product_of("JetBrains", "IntelliJ IDEA")
    jira = await product_of("Atlassian", "Jira")
    for product in (photoshop, illustrator, idea, jira):
        w.ids[product.name] = global_id("Product", product.id)
    for vendor in await Vendor.all():
        w.ids[vendor.name] = global_id("Vendor", vendor.id)
    tags = {name: await Tag.create(name=name) for name in ("Design", "Dev", "Finance")}
    w.ids.update({name: global_id("Tag", tag.id) for name, tag in tags.items()})
    alice = await User.create(email="alice@example.com", name="Alice")
    bob = await User.create(email="bob@example.com", name="Bob")
    w.ids.update(alice=global_id("User", alice.id), bob=global_id("User", bob.id))

    w.licenses["Alpha"] = await License.create(
        product=photoshop, name="Alpha", kind=LicenseKind.SUBSCRIPTION, seats=5,
        cost_micros=100_000_000, currency="EUR", expires_on=date.today() + timedelta(days=10),
        owner=alice, metadata={"costCenter": "42", "tier": 1}, external_id="EXT-PS-001",
    )  # fmt: skip
    w.licenses["Bravo"] = await License.create(
        product=illustrator, name="Bravo", kind=LicenseKind.SERIAL_KEY,
        status=LicenseStatus.TRIAL, seats=1, cost_micros=50_000_000, currency="USD",
        expires_on=date.today() - timedelta(days=5), notes="Renew via the reseller",
    )  # fmt: skip
    w.licenses["Charlie"] = await License.create(
        product=idea, name="Charlie", kind=LicenseKind.API_KEY, status=LicenseStatus.SUSPENDED,
        owner=bob, metadata={"costCenter": "7"},
    )  # fmt: skip
    w.licenses["Delta"] = await License.create(
        product=jira, name="Delta", kind=LicenseKind.CREDENTIAL, status=LicenseStatus.CANCELLED,
        seats=10, cost_micros=500_000_000, currency="EUR",
        expires_on=date.today() + timedelta(days=100),
    )  # fmt: skip
    w.licenses["Echo"] = await License.create(
        product=jira, name="Echo", kind=LicenseKind.ENTITLEMENT, status=LicenseStatus.EXPIRED,
        cost_micros=10_000_000, currency="EUR", expires_on=date.today() - timedelta(days=400),
        owner=alice, archived_at=datetime.now(UTC),
    )  # fmt: skip
    await w.licenses["Alpha"].tags.add(tags["Design"], tags["Finance"])
    await w.licenses["Bravo"].tags.add(tags["Design"])
    await w.licenses["Charlie"].tags.add(tags["Dev"])
    await license_assign(system(), w.licenses["Bravo"].id, bob.id)  # its only seat
    return w


Filter = Callable[[World], dict[str, Any]]

FILTERS = [
    pytest.param(lambda w: {}, {"Alpha", "Bravo", "Charlie", "Delta"}, id="none"),
    pytest.param(lambda w: {"vendorIds": [w["Adobe"]]}, {"Alpha", "Bravo"}, id="vendorIds"),
    pytest.param(
        lambda w: {"vendorIds": [w["Adobe"], w["Atlassian"]]},
        {"Alpha", "Bravo", "Delta"},
        id="vendorIds-two",
    ),
    pytest.param(
        lambda w: {"productIds": [w["IntelliJ IDEA"], w["Jira"]]},
        {"Charlie", "Delta"},
        id="productIds",
    ),
    pytest.param(lambda w: {"kinds": ["SERIAL_KEY", "API_KEY"]}, {"Bravo", "Charlie"}, id="kinds"),
    # Bravo is a TRIAL past its expiry: EXPIRED today
    pytest.param(
        lambda w: {"statuses": ["EXPIRED", "CANCELLED"]}, {"Bravo", "Delta"}, id="statuses"
    ),
    pytest.param(
        lambda w: {"tagIdsAny": [w["Finance"], w["Dev"]]}, {"Alpha", "Charlie"}, id="tagIdsAny"
    ),
    pytest.param(lambda w: {"tagIdsAll": [w["Design"], w["Finance"]]}, {"Alpha"}, id="tagIdsAll"),
    pytest.param(lambda w: {"tagIdsAll": [w["Design"]]}, {"Alpha", "Bravo"}, id="tagIdsAll-one"),
    pytest.param(lambda w: {"assigneeId": w["bob"]}, {"Bravo"}, id="assigneeId"),
    pytest.param(lambda w: {"ownerId": w["alice"]}, {"Alpha"}, id="ownerId"),
    pytest.param(lambda w: {"ownerId": w["bob"]}, {"Charlie"}, id="ownerId-other"),
    pytest.param(lambda w: {"expiringWithinDays": 30}, {"Alpha"}, id="expiringWithinDays"),
    pytest.param(
        lambda w: {"expiringWithinDays": 100}, {"Alpha", "Delta"}, id="expiringWithinDays-edge"
    ),
    pytest.param(lambda w: {"expired": True}, {"Bravo"}, id="expired"),
    pytest.param(lambda w: {"expired": False}, {"Alpha", "Charlie", "Delta"}, id="not-expired"),
    pytest.param(
        lambda w: {"hasFreeSeats": True}, {"Alpha", "Charlie", "Delta"}, id="hasFreeSeats"
    ),
    pytest.param(lambda w: {"hasFreeSeats": False}, {"Bravo"}, id="no-free-seats"),
    pytest.param(lambda w: {"costMin": "60"}, {"Alpha", "Delta"}, id="costMin"),
    pytest.param(lambda w: {"costMax": "100"}, {"Alpha", "Bravo"}, id="costMax"),
    pytest.param(lambda w: {"costMin": "60", "costMax": "100.00"}, {"Alpha"}, id="cost-range"),
    pytest.param(lambda w: {"currency": "eur"}, {"Alpha", "Delta"}, id="currency"),
    pytest.param(lambda w: {"currency": "USD"}, {"Bravo"}, id="currency-usd"),
    pytest.param(
        lambda w: {"customField": {"key": "costCenter", "value": "42"}},
        {"Alpha"},
        id="customField",
    ),
    pytest.param(
        lambda w: {"customField": {"key": "tier", "value": "1"}},
        {"Alpha"},
        id="customField-number-as-text",
    ),
    pytest.param(
        lambda w: {"customField": {"key": "costCenter", "value": "nope"}},
        set(),
        id="customField-no-match",
    ),
    pytest.param(lambda w: {"archived": True}, {"Echo"}, id="archived"),
    pytest.param(
        lambda w: {"archived": True, "ownerId": w["alice"]}, {"Echo"}, id="archived-and-owner"
    ),
    pytest.param(
        lambda w: {"vendorIds": [w["Adobe"]], "expired": False, "kinds": ["SUBSCRIPTION"]},
        {"Alpha"},
        id="combined",
    ),
]


@pytest.mark.parametrize(("build", "expected"), FILTERS)
async def test_each_filter_lists_exactly_the_matching_licenses(
    admin: Caller, build: Filter, expected: set[str]
) -> None:
    # Given
    w = await world()
    _, gql = admin

    # When
    body = await gql(LICENSES, first=100, filter=build(w))

    # Then
    assert names(body) == expected
    assert body["data"]["licenses"]["totalCount"] == len(expected)


SEARCHES = [
    pytest.param("PHOTO", None, {"Alpha"}, id="product"),
    pytest.param("jetBRAINS", None, {"Charlie"}, id="vendor"),
    pytest.param("RESELLER", None, {"Bravo"}, id="notes"),
    pytest.param("finance", None, {"Alpha"}, id="tag"),
    pytest.param("ext-ps", None, {"Alpha"}, id="external-id"),
    pytest.param("cHaRlIe", None, {"Charlie"}, id="name"),
    pytest.param("design", None, {"Alpha", "Bravo"}, id="tag-on-two"),
    pytest.param("nothing like it", None, set(), id="no-match"),
    pytest.param("design", {"expired": False}, {"Alpha"}, id="with-filter"),
    pytest.param("jira", {"archived": True}, {"Echo"}, id="with-archived"),
]


@pytest.mark.parametrize(("search", "flt", "expected"), SEARCHES)
async def test_search_finds_text_in_any_part_ignoring_case(
    admin: Caller, search: str, flt: dict[str, Any] | None, expected: set[str]
) -> None:
    # Given
    await world()
    _, gql = admin

    # When
    body = await gql(LICENSES, first=100, search=search, filter=flt)

    # Then
    assert names(body) == expected
    assert body["data"]["licenses"]["totalCount"] == len(expected)


async def test_search_treats_like_wildcards_as_plain_text(admin: Caller) -> None:
    # Given
    product = await product_of("Adobe", "Photoshop")
    await License.create(product=product, name="Percent", notes="100% off")
    await License.create(product=product, name="Underscore", notes="key_one")
    await License.create(product=product, name="Plain", notes="keyone")
    _, gql = admin

    # When
    percent = await gql(LICENSES, first=10, search="%")
    underscore = await gql(LICENSES, first=10, search="y_o")

    # Then
    assert names(percent) == {"Percent"}
    assert names(underscore) == {"Underscore"}


async def test_search_ignores_case_beyond_ascii(admin: Caller) -> None:
    # Given
    await License.create(product=await product_of("Müller Software", "Übersetzer"), name="Ü")
    _, gql = admin

    # When
    vendor = await gql(LICENSES, first=10, search="MÜLLER")
    product = await gql(LICENSES, first=10, search="übersetzer".upper())

    # Then
    assert names(vendor) == {"Ü"}
    assert names(product) == {"Ü"}


async def test_a_custom_field_compares_as_its_json_text(admin: Caller) -> None:
    # Given
    product = await product_of("Okta", "Workforce")
    await License.create(product=product, name="SSO", metadata={"sso": True, "seats": 1.5})
    await License.create(product=product, name="No SSO", metadata={"sso": False})
    _, gql = admin

    def field(key: str, value: str) -> dict[str, Any]:
        return {"customField": {"key": key, "value": value}}

    # When
    true = await gql(LICENSES, first=10, filter=field("sso", "true"))
    false = await gql(LICENSES, first=10, filter=field("sso", "false"))
    number = await gql(LICENSES, first=10, filter=field("seats", "1.5"))

    # Then
    assert names(number) == {"SSO"}
    assert (names(true), names(false)) == ({"SSO"}, {"No SSO"})


async def test_a_custom_field_key_that_is_not_a_plain_name_is_refused(admin: Caller) -> None:
    # Given
    await world()
    _, gql = admin

    # When the key tries to break out of the JSON path
    body = await gql(
        LICENSES, first=10, filter={"customField": {"key": "x') OR 1=1 --", "value": "1"}}
    )
    quoted_value = await gql(
        LICENSES, first=10, filter={"customField": {"key": "costCenter", "value": "4' OR '2"}}
    )

    # Then
    assert (error_of(body)["code"], error_of(body)["field"]) == (
        "INVALID",
        "filter.customField.key",
    )
    assert names(quoted_value) == set()


async def test_filters_with_ids_of_the_wrong_type_are_refused_naming_the_filter(
    admin: Caller,
) -> None:
    # Given
    w = await world()
    _, gql = admin

    # When a product id is given where vendor ids belong
    body = await gql(LICENSES, first=10, filter={"vendorIds": [w["Photoshop"]]})

    # Then
    assert body["data"] is None
    assert error_of(body)["field"] == "filter.vendorIds"


# --- order ----------------------------------------------------------------------------------

# product (vendor), expiry in days from today or None, cost or None, created and updated minute
ORDER_ROWS = [
    ("Jira", 30, 10, 3, 5),
    ("photoshop", None, None, 1, 5),
    ("Meetings", 10, 10, 3, 1),
    ("Confluence", 30, None, 2, 9),
    ("photoshop", 10, 5, 1, 1),
    ("Jira", None, 99, 3, 9),
    ("Meetings", 30, 5, 2, 5),
    ("Confluence", -3, 10, 1, 1),
    ("Jira", 10, None, 2, 9),
    ("photoshop", None, 5, 3, 5),
    ("Meetings", None, None, 2, 1),
]
VENDOR_OF = {
    "Jira": "Atlassian",
    "Confluence": "Atlassian",
    "Meetings": "Zoom",
    "photoshop": "adobe",
}
BASE_TIME = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)


async def ordered_world() -> dict[str, dict[int, Any]]:
    """Licenses with equal and missing keys; returns, per order field, each id's key."""
    products = {name: await product_of(VENDOR_OF[name], name) for name in VENDOR_OF}
    keys: dict[str, dict[int, Any]] = {f: {} for f in ORDER_FIELDS}
    for n, (product, days, cost, created, updated) in enumerate(ORDER_ROWS):
        license_ = await License.create(
            product=products[product],
            name=f"row {n}",
            expires_on=None if days is None else date.today() + timedelta(days=days),
            cost_micros=None if cost is None else cost * 1_000_000,
            currency=None if cost is None else "EUR",
        )
        created_at = BASE_TIME + timedelta(minutes=created)
        updated_at = BASE_TIME + timedelta(minutes=updated)
        await License.filter(id=license_.id).update(created_at=created_at, updated_at=updated_at)
        keys["EXPIRY"][license_.id] = license_.expires_on
        keys["PRODUCT"][license_.id] = product.casefold()
        keys["VENDOR"][license_.id] = VENDOR_OF[product].casefold()
        keys["COST"][license_.id] = cost
        keys["CREATED"][license_.id] = created_at
        keys["UPDATED"][license_.id] = updated_at
    return keys


ORDER_FIELDS = ("EXPIRY", "PRODUCT", "VENDOR", "COST", "CREATED", "UPDATED")


def expected_order(keys: dict[int, Any], direction: str) -> list[int]:
    """NULLs last going up, first going down; equal keys by id (descending when DESC)."""
    present = sorted((key, pk) for pk, key in keys.items() if key is not None)
    missing = sorted(pk for pk, key in keys.items() if key is None)
    ascending = [pk for _, pk in present] + missing
    return ascending if direction == "ASC" else ascending[::-1]


async def walk(
    gql: Gql, size: int, order: dict[str, str], *, backwards: bool = False
) -> tuple[list[int], list[dict[str, Any]]]:
    """Every page of the list, following cursors; the ids in list order and each pageInfo."""
    ids: list[int] = []
    infos: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        if backwards:
            body = await gql(LICENSES, last=size, before=cursor, orderBy=order)
        else:
            body = await gql(LICENSES, first=size, after=cursor, orderBy=order)
        assert "errors" not in body, body["errors"]
        page = body["data"]["licenses"]
        info = page["pageInfo"]
        infos.append({**info, "totalCount": page["totalCount"], "size": len(page["edges"])})
        page_ids = [pk(edge["node"]["id"]) for edge in page["edges"]]
        if page["edges"]:
            assert info["startCursor"] == page["edges"][0]["cursor"]
            assert info["endCursor"] == page["edges"][-1]["cursor"]
        if backwards:
            ids = page_ids + ids
            if not info["hasPreviousPage"]:
                return ids, infos
            cursor = info["startCursor"]
        else:
            ids += page_ids
            if not info["hasNextPage"]:
                return ids, infos
            cursor = info["endCursor"]
        assert len(infos) <= 2000 // size, "pagination does not end"


@pytest.mark.parametrize("direction", ["ASC", "DESC"])
@pytest.mark.parametrize("order_field", ORDER_FIELDS)
async def test_every_order_sorts_nulls_and_ties_predictably(
    admin: Caller, order_field: str, direction: str
) -> None:
    # Given licenses with equal and missing keys
    keys = (await ordered_world())[order_field]
    _, gql = admin
    order = {"field": order_field, "direction": direction}
    expected = expected_order(keys, direction)

    # When the list is read in one page, four at a time forward, and four at a time backward
    body = await gql(LICENSES, first=100, orderBy=order)
    forward, _ = await walk(gql, 4, order)
    backward, _ = await walk(gql, 4, order, backwards=True)

    # Then every way gives the same order: by key, NULLs at the end going up, ties by id
    assert [pk(e["node"]["id"]) for e in body["data"]["licenses"]["edges"]] == expected
    assert forward == expected
    assert backward == expected


async def test_the_default_order_is_by_expiry_ascending(admin: Caller) -> None:
    # Given
    keys = (await ordered_world())["EXPIRY"]
    _, gql = admin

    # When
    body = await gql(LICENSES, first=100)

    # Then
    ids = [pk(e["node"]["id"]) for e in body["data"]["licenses"]["edges"]]
    assert ids == expected_order(keys, "ASC")


# --- a thousand licenses, a page at a time ----------------------------------------------------


async def thousand_licenses() -> list[dict[str, Any]]:
    """1,000 licenses of 12 products of 6 vendors: 100 without expiry, the rest on 23 dates."""
    products = [
        await product_of(vendor, f"{vendor} {edition}")
        for vendor in ("Okta", "adobe", "Zoom", "Slack", "Miro", "Figma")
        for edition in ("Pro", "Team")
    ]
    await License.bulk_create(
        [
            License(
                product_id=products[(i * 5) % len(products)].id,
                name=f"License {i:04}",
                expires_on=None if i % 10 == 0 else date.today() + timedelta(days=(i * 7) % 23),
                seats_used=0,
                metadata={},
            )
            for i in range(1000)
        ],
        batch_size=250,
    )
    return await License.all().values("id", "expires_on", vendor="product__vendor__name_key")


PAGINATIONS = [
    pytest.param("EXPIRY", "ASC", 100, id="expiry-100"),
    pytest.param("EXPIRY", "ASC", 37, id="expiry-37"),
    pytest.param("EXPIRY", "DESC", 37, id="expiry-desc-37"),
    pytest.param("VENDOR", "ASC", 100, id="vendor-100"),
    pytest.param("VENDOR", "ASC", 37, id="vendor-37"),
]


@pytest.mark.parametrize(("order_field", "direction", "size"), PAGINATIONS)
async def test_paging_through_a_thousand_licenses_visits_each_once_in_order(
    admin: Caller, order_field: str, direction: str, size: int
) -> None:
    # Given
    rows = await thousand_licenses()
    column = "expires_on" if order_field == "EXPIRY" else "vendor"
    expected = expected_order({r["id"]: r[column] for r in rows}, direction)
    _, gql = admin
    order = {"field": order_field, "direction": direction}

    # When the list is read forward and then backward
    forward, forward_pages = await walk(gql, size, order)
    backward, backward_pages = await walk(gql, size, order, backwards=True)

    # Then both visit every license exactly once, in the order asked for
    assert len(expected) == 1000
    assert forward == expected
    assert backward == expected
    pages = -(-1000 // size)
    assert len(forward_pages) == len(backward_pages) == pages
    assert {p["totalCount"] for p in forward_pages + backward_pages} == {1000}
    # and the page flags are right at both ends
    first, last = forward_pages[0], forward_pages[-1]
    assert (first["hasPreviousPage"], first["hasNextPage"], first["size"]) == (False, True, size)
    assert (last["hasPreviousPage"], last["hasNextPage"]) == (True, False)
    assert last["size"] == 1000 - size * (pages - 1)
    end, start = backward_pages[0], backward_pages[-1]
    assert (end["hasPreviousPage"], end["hasNextPage"], end["size"]) == (True, False, size)
    assert (start["hasPreviousPage"], start["hasNextPage"]) == (False, True)


@pytest.mark.parametrize(("order_field", "direction"), [("CREATED", "ASC"), ("UPDATED", "DESC")])
async def test_paging_by_real_timestamps_keeps_microseconds_apart(
    admin: Caller, order_field: str, direction: str
) -> None:
    # Given licenses written one after another, ten of them at the very same instant
    product = await product_of("Adobe", "Photoshop")
    made = [await License.create(product=product, name=f"L{i}") for i in range(30)]
    same = datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=UTC)
    await License.filter(id__in=[lic.id for lic in made[::3]]).update(
        created_at=same, updated_at=same
    )
    column = "created_at" if order_field == "CREATED" else "updated_at"
    rows = await License.all().values("id", column)
    expected = expected_order({r["id"]: r[column] for r in rows}, direction)
    _, gql = admin
    order = {"field": order_field, "direction": direction}

    # When
    forward, _ = await walk(gql, 7, order)
    backward, _ = await walk(gql, 7, order, backwards=True)

    # Then
    assert forward == expected
    assert backward == expected


def cursor_of(raw: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(raw).encode()).decode().rstrip("=")


REFUSED_PAGES = [
    pytest.param({"first": 101}, "first", id="first-101"),
    pytest.param({"first": 0}, "first", id="first-0"),
    pytest.param({"first": -1}, "first", id="first-negative"),
    pytest.param({"last": 101}, "last", id="last-101"),
    pytest.param({"first": 10, "after": "not a cursor"}, "after", id="garbage-after"),
    pytest.param({"first": 10, "after": cursor_of(["x"])}, "after", id="short-after"),
    pytest.param({"last": 10, "before": "%%%"}, "before", id="garbage-before"),
    pytest.param(
        {"first": 10, "after": cursor_of(["expires_on", "yesterday", 1])},
        "after",
        id="bad-date",
    ),
]


@pytest.mark.parametrize(("arguments", "field_name"), REFUSED_PAGES)
async def test_bad_page_arguments_are_refused_naming_the_argument(
    admin: Caller, arguments: dict[str, Any], field_name: str
) -> None:
    # Given
    await world()
    _, gql = admin

    # When
    body = await gql(LICENSES, **arguments)

    # Then
    assert body["data"] is None
    error = error_of(body)
    assert (error["code"], error["field"]) == ("INVALID", field_name)
    assert field_name in error["message"]


async def test_a_cursor_of_another_order_is_refused(admin: Caller) -> None:
    # Given a cursor from the list by vendor
    await world()
    _, gql = admin
    by_vendor = await gql(LICENSES, first=2, orderBy={"field": "VENDOR"})
    cursor = by_vendor["data"]["licenses"]["pageInfo"]["endCursor"]

    # When it is used to continue the list by expiry
    body = await gql(LICENSES, first=2, after=cursor, orderBy={"field": "EXPIRY"})

    # Then
    assert body["data"] is None
    assert (error_of(body)["code"], error_of(body)["field"]) == ("INVALID", "after")


async def test_a_page_size_is_required(admin: Caller) -> None:
    # Given
    _, gql = admin

    # When neither first nor last is given
    body = await gql(LICENSES)

    # Then
    assert error_of(body)["field"] == "first"


# --- single objects and the catalogue ---------------------------------------------------------


async def test_license_by_id_and_as_a_node(admin: Caller) -> None:
    # Given
    w = await world()
    _, gql = admin
    alpha = lid(w.licenses["Alpha"])

    # When
    one = await gql(LICENSE, id=alpha)
    node = await gql(NODE, id=alpha)

    # Then
    assert one["data"]["license"] == {
        "id": alpha,
        "name": "Alpha",
        "kind": "SUBSCRIPTION",
        "status": "ACTIVE",
        "seats": 5,
        "seatsUsed": 0,
        "seatsFree": 5,
        "currency": "EUR",
        "expiresOn": (date.today() + timedelta(days=10)).isoformat(),
        "externalId": "EXT-PS-001",
        "product": {"name": "Photoshop"},
        "vendor": {"name": "Adobe"},
        "owner": {"email": "alice@example.com"},
        "tags": [{"name": "Design"}, {"name": "Finance"}],
    }
    assert node["data"]["node"] == {
        "__typename": "License",
        "id": alpha,
        "name": "Alpha",
        "product": {"name": "Photoshop"},
    }


async def test_an_unknown_license_is_null(admin: Caller) -> None:
    # Given
    await world()
    _, gql = admin
    missing = global_id("License", 999_999)

    # When
    one = await gql(LICENSE, id=missing)
    node = await gql(NODE, id=missing)

    # Then
    assert one == {"data": {"license": None}}
    assert node == {"data": {"node": None}}


async def test_a_global_id_of_another_type_is_refused_naming_the_field(admin: Caller) -> None:
    # Given
    w = await world()
    _, gql = admin

    # When a vendor's id is asked for as a license
    body = await gql(LICENSE, id=w["Adobe"])
    garbage = await gql(LICENSE, id="not-a-global-id")

    # Then
    assert body["data"] == {"license": None}
    assert (error_of(body)["code"], error_of(body)["field"]) == ("INVALID", "id")
    assert error_of(garbage)["field"] == "id"


async def test_vendors_products_and_tags(admin: Caller) -> None:
    # Given
    w = await world()
    _, gql = admin
    await Tag.filter(name="Dev").update(color="#00aa00")

    # When
    body = await gql(CATALOG, vendorId=w["JetBrains"], adobe=w["Adobe"])

    # Then
    assert "errors" not in body, body["errors"]
    data = body["data"]
    assert data["vendors"] == [
        {"id": w["Adobe"], "name": "Adobe", "licenseCount": 2},
        {"id": w["Atlassian"], "name": "Atlassian", "licenseCount": 2},
        {"id": w["JetBrains"], "name": "JetBrains", "licenseCount": 1},
    ]
    assert data["vendor"] == {"name": "JetBrains", "products": [{"name": "IntelliJ IDEA"}]}
    assert data["products"] == [
        {"name": "Illustrator", "vendorId": w["Adobe"]},
        {"name": "Photoshop", "vendorId": w["Adobe"]},
    ]
    assert [p["name"] for p in data["allProducts"]] == [
        "Illustrator",
        "Photoshop",
        "Jira",
        "IntelliJ IDEA",
    ]
    assert data["tags"] == [
        {"name": "Design", "color": None, "licenseCount": 2},
        {"name": "Dev", "color": "#00aa00", "licenseCount": 1},
        {"name": "Finance", "color": None, "licenseCount": 1},
    ]


# --- duplicates -----------------------------------------------------------------------------


async def test_licenses_sharing_a_secret_come_back_as_one_group(admin: Caller) -> None:
    # Given three licenses, two of them with the same secret
    _, gql = admin
    product = await product_of("Adobe", "Photoshop")
    created = []
    for name, secret in (("First", "AAAA-1111"), ("Second", "BBBB-2222"), ("Third", "AAAA-1111")):
        body = await gql(
            CREATE,
            input={"productId": global_id("Product", product.id), "name": name, "secret": secret},
        )
        assert body["data"]["licenseCreate"]["errors"] == []
        created.append(body["data"]["licenseCreate"]["license"]["id"])

    # When
    body = await gql(DUPLICATES)

    # Then
    assert body == {
        "data": {
            "duplicates": [
                {
                    "licenses": [
                        {"id": created[0], "name": "First"},
                        {"id": created[2], "name": "Third"},
                    ]
                }
            ]
        }
    }


# --- the dashboard --------------------------------------------------------------------------


async def dashboard_world(member: User) -> None:
    """Five live licenses expiring at different distances, one archived, and terms of 2024."""
    adobe = await product_of("Adobe", "Photoshop")
    jetbrains = await product_of("JetBrains", "IntelliJ IDEA")

    async def make(product: Product, days: int, status: LicenseStatus, **kw: Any) -> License:
        return await License.create(
            product=product, expires_on=date.today() + timedelta(days=days), status=status, **kw
        )

    soon = await make(adobe, 3, LicenseStatus.ACTIVE, seats=5, seats_used=2, owner=member)
    month = await make(jetbrains, 20, LicenseStatus.TRIAL, seats=10)
    quarter = await make(adobe, 60, LicenseStatus.ACTIVE)
    await make(jetbrains, 200, LicenseStatus.SUSPENDED)
    await make(adobe, -1, LicenseStatus.EXPIRED, seats=3, seats_used=3)
    archived = await make(adobe, 3, LicenseStatus.ACTIVE, seats=100, archived_at=datetime.now(UTC))

    def term(license_: License, starts: str, cost: str | None, currency: str | None) -> RenewalTerm:
        start = date.fromisoformat(starts)
        return RenewalTerm(
            license_id=license_.id,
            starts_on=start,
            ends_on=start + timedelta(days=364),
            cost_micros=None if cost is None else int(Decimal(cost) * 1_000_000),
            currency=currency,
        )

    await RenewalTerm.bulk_create(
        [
            term(soon, "2024-01-15", "100.00", "EUR"),
            term(soon, "2024-03-01", "50.50", "EUR"),
            term(soon, "2024-03-10", "70", "USD"),
            term(month, "2024-03-20", "200", "EUR"),
            term(month, "2023-12-31", "999", "EUR"),  # the year before
            term(month, "2025-01-01", "999", "EUR"),  # the year after
            term(quarter, "2024-12-31", "30", "USD"),
            term(quarter, "2024-06-01", None, None),  # no cost recorded
            term(archived, "2024-05-01", "1000", "EUR"),  # archived: not counted
        ]
    )


def money(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**row, "amount": Decimal(row["amount"])} for row in rows]


async def test_dashboard_counts_expiries_seats_and_spend(admin: Caller, member: Caller) -> None:
    # Given
    await dashboard_world(member[0])
    _, gql = admin
    adobe = await Vendor.get(name="Adobe")
    jetbrains = await Vendor.get(name="JetBrains")

    # When
    body = await gql(DASHBOARD, year=2024)

    # Then
    assert "errors" not in body, body["errors"]
    data = body["data"]["dashboard"]
    assert data["year"] == 2024
    assert {c["status"]: c["count"] for c in data["countsByStatus"]} == {
        "ACTIVE": 2,
        "TRIAL": 1,
        "SUSPENDED": 1,
        "EXPIRED": 1,
    }
    assert data["expiring"] == [
        {"withinDays": 7, "count": 1},
        {"withinDays": 30, "count": 2},
        {"withinDays": 90, "count": 3},
    ]
    assert (data["expired"], data["seatsUsed"], data["seatsTotal"]) == (1, 5, 18)
    assert data["unlimitedLicenses"] == 2
    # Amounts in different currencies are never added together
    assert money(data["spendByVendor"]) == [
        {
            "vendorId": global_id("Vendor", adobe.id),
            "vendorName": "Adobe",
            "currency": "EUR",
            "amount": Decimal("150.50"),
        },
        {
            "vendorId": global_id("Vendor", adobe.id),
            "vendorName": "Adobe",
            "currency": "USD",
            "amount": Decimal("100"),
        },
        {
            "vendorId": global_id("Vendor", jetbrains.id),
            "vendorName": "JetBrains",
            "currency": "EUR",
            "amount": Decimal("200"),
        },
    ]
    assert money(data["spendByMonth"]) == [
        {"month": 1, "currency": "EUR", "amount": Decimal("100")},
        {"month": 3, "currency": "EUR", "amount": Decimal("250.50")},
        {"month": 3, "currency": "USD", "amount": Decimal("70")},
        {"month": 12, "currency": "USD", "amount": Decimal("30")},
    ]


async def test_dashboard_status_names_match_the_license_status_enum(admin: Caller) -> None:
    # Given
    await License.create(product=await product_of("Adobe", "Photoshop"))
    _, gql = admin

    # When
    body = await gql(DASHBOARD)

    # Then the dashboard names a status as License.status does
    assert body["data"]["dashboard"]["countsByStatus"] == [{"status": "ACTIVE", "count": 1}]


async def test_a_member_sees_the_dashboard_of_their_licenses_without_spend(
    member: Caller,
) -> None:
    # Given
    user, gql = member
    await dashboard_world(user)

    # When
    body = await gql(DASHBOARD, year=2024)

    # Then only the one license they own counts, and spend is hidden
    assert "errors" not in body, body["errors"]
    data = body["data"]["dashboard"]
    assert [c["count"] for c in data["countsByStatus"]] == [1]
    assert [e["count"] for e in data["expiring"]] == [1, 1, 1]
    assert (data["expired"], data["seatsUsed"], data["seatsTotal"]) == (0, 2, 5)
    assert data["spendByVendor"] is None
    assert data["spendByMonth"] is None


async def test_the_dashboard_refuses_an_absurd_year(admin: Caller) -> None:
    # Given
    _, gql = admin

    # When
    body = await gql(DASHBOARD, year=1066)

    # Then
    assert (error_of(body)["code"], error_of(body)["field"]) == ("INVALID", "year")


# --- who sees what --------------------------------------------------------------------------


async def member_world(member: User) -> dict[str, License]:
    product = await product_of("Adobe", "Photoshop")
    other = await User.create(email="other@example.com")
    found = {
        "owned": await License.create(product=product, name="Owned", owner=member),
        "seated": await License.create(product=product, name="Seated", owner=other, seats=3),
        "foreign": await License.create(product=product, name="Foreign", owner=other),
        "freed": await License.create(product=product, name="Freed"),
    }
    await license_assign(system(), found["seated"].id, member.id)
    return found


async def test_a_member_sees_only_licenses_they_own_or_hold_a_seat_of(member: Caller) -> None:
    # Given
    user, gql = member
    found = await member_world(user)

    # When
    listed = await gql(LICENSES, first=100)
    owned = await gql(LICENSE, id=lid(found["owned"]))
    seated = await gql(NODE, id=lid(found["seated"]))
    foreign = await gql(LICENSE, id=lid(found["foreign"]))
    foreign_node = await gql(NODE, id=lid(found["foreign"]))
    by_filter = await gql(LICENSES, first=100, filter={"productIds": [
        global_id("Product", found["foreign"].product_id)
    ]})  # fmt: skip

    # Then
    assert names(listed) == {"Owned", "Seated"}
    assert listed["data"]["licenses"]["totalCount"] == 2
    assert owned["data"]["license"]["name"] == "Owned"
    assert seated["data"]["node"]["name"] == "Seated"
    assert foreign == {"data": {"license": None}}
    assert foreign_node == {"data": {"node": None}}
    assert names(by_filter) == {"Owned", "Seated"}


async def test_a_member_counts_only_the_licenses_they_see(member: Caller) -> None:
    # Given every license is a Photoshop tagged Design; the member sees two of four
    user, gql = member
    found = await member_world(user)
    design = await Tag.create(name="Design")
    for license_ in found.values():
        await license_.tags.add(design)

    # When
    body = await gql(COUNTS)

    # Then
    assert body == {
        "data": {
            "vendors": [{"name": "Adobe", "licenseCount": 2}],
            "products": [{"name": "Photoshop", "licenseCount": 2}],
            "tags": [{"name": "Design", "licenseCount": 2}],
        }
    }


async def test_a_member_loses_sight_of_a_license_when_their_seat_ends(member: Caller) -> None:
    # Given
    user, gql = member
    found = await member_world(user)
    seated = lid(found["seated"])
    assert (await gql(LICENSE, id=seated))["data"]["license"] is not None

    # When
    await license_unassign(system(), found["seated"].id, user.id)

    # Then
    assert (await gql(LICENSE, id=seated))["data"]["license"] is None
    assert names(await gql(LICENSES, first=10)) == {"Owned"}


async def test_auditors_and_managers_see_every_license_with_its_cost(
    auditor: Caller, manager: Caller, member: Caller
) -> None:
    # Given
    await member_world(member[0])
    await License.filter(name="Foreign").update(cost_micros=12_500_000, currency="EUR")

    for _, gql in (auditor, manager):
        # When
        body = await gql(LICENSE_COSTS)

        # Then
        assert "errors" not in body, body["errors"]
        costs = {n["name"]: n["cost"] for n in body["data"]["licenses"]["nodes"]}
        assert costs == {"Owned": None, "Seated": None, "Foreign": "12.50", "Freed": None}


async def test_a_member_gets_no_cost_but_the_rest_of_the_answer(member: Caller) -> None:
    # Given
    user, gql = member
    await member_world(user)
    await License.filter(name="Owned").update(cost_micros=99_000_000, currency="EUR")

    # When
    body = await gql(LICENSE_COSTS)

    # Then the names and currencies are there, each cost is null with a FORBIDDEN error
    nodes = body["data"]["licenses"]["nodes"]
    assert {n["name"]: (n["cost"], n["currency"]) for n in nodes} == {
        "Owned": (None, "EUR"),
        "Seated": (None, None),
    }
    assert len(body["errors"]) == 2
    for error in body["errors"]:
        assert error["extensions"]["code"] == "FORBIDDEN"
        assert error["path"][-1] == "cost"


async def test_anonymous_callers_are_told_to_sign_in(http: httpx.AsyncClient) -> None:
    # Given
    await world()

    # When no credentials are sent
    response = await http.post("/graphql", json={"query": LICENSES, "variables": {"first": 10}})

    # Then
    body = response.json()
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]
