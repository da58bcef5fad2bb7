"""Every number a caller sends has a documented range, and no total the API reports can
overflow: out-of-range input is refused naming the field, and a dashboard over many large
licenses still answers, exactly."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from licman.models import License, Product, RenewalTerm, User, Vendor
from licman.schema.ids import global_id
from tests.schema.conftest import Gql

pytestmark = pytest.mark.usefixtures("db")

Caller = tuple[User, Gql]
INT_MAX = 2**31 - 1

CREATE = """
mutation Create($input: LicenseCreateInput!) {
  licenseCreate(input: $input) { license { id seats cost } errors { field code message } }
}
"""

CREATE_WITH_METADATA = """
mutation Create($input: LicenseCreateInput!) {
  licenseCreate(input: $input) { license { metadata } errors { field code message } }
}
"""

UPDATE = """
mutation Update($input: LicenseUpdateInput!) {
  licenseUpdate(input: $input) { license { seats } errors { field code message } }
}
"""

RENEW = """
mutation Renew($input: LicenseRenewInput!) {
  licenseRenew(input: $input) { license { cost } errors { field code message } }
}
"""

DASHBOARD = """
query Dashboard($year: Int) {
  dashboard(year: $year) {
    seatsUsed seatsTotal
    spendByVendor { vendorName currency amount }
    spendByMonth { month currency amount }
  }
}
"""


async def photoshop() -> Product:
    vendor = await Vendor.create(name="Adobe")
    return await Product.create(vendor=vendor, name="Photoshop")


def result(body: dict[str, Any], mutation: str) -> dict[str, Any]:
    assert "errors" not in body, body["errors"]
    data: dict[str, Any] = body["data"][mutation]
    return data


def codes(data: dict[str, Any]) -> list[tuple[str | None, str]]:
    return [(e["field"], e["code"]) for e in data["errors"]]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        pytest.param({"seats": INT_MAX}, "seats", id="seats-int-max"),
        pytest.param({"seats": 1_000_001}, "seats", id="seats-over-a-million"),
        pytest.param({"seats": -1}, "seats", id="seats-negative"),
        pytest.param({"cost": "1000000000000.01", "currency": "EUR"}, "cost", id="cost-too-big"),
        pytest.param({"cost": "-0.01", "currency": "EUR"}, "cost", id="cost-negative"),
        pytest.param({"metadata": {"n": 2**53}}, "metadata", id="metadata-integer"),
        pytest.param({"metadata": {"a": [{"n": 2**70}]}}, "metadata", id="metadata-deep-integer"),
        pytest.param({"metadata": {"x": 1e300}}, "metadata", id="metadata-float"),
    ],
)
async def test_a_number_out_of_range_is_refused_naming_the_field(
    admin: Caller, fields: dict[str, Any], field: str
) -> None:
    # Given
    _, gql = admin
    product = await photoshop()

    # When
    body = await gql(CREATE, input={"productId": global_id("Product", product.id), **fields})

    # Then
    data = result(body, "licenseCreate")
    assert data["license"] is None
    assert codes(data) == [(field, "INVALID")]
    assert field in data["errors"][0]["message"]
    assert await License.all().count() == 0


async def test_the_largest_numbers_in_range_are_accepted(admin: Caller) -> None:
    _, gql = admin
    product = await photoshop()

    body = await gql(
        CREATE,
        input={
            "productId": global_id("Product", product.id),
            "seats": 1_000_000,
            "cost": "1000000000000",
            "currency": "IDR",
        },
    )

    data = result(body, "licenseCreate")
    assert data["errors"] == []
    assert data["license"]["seats"] == 1_000_000
    assert Decimal(data["license"]["cost"]) == Decimal("1000000000000")


async def test_metadata_numbers_in_range_read_back_unchanged(admin: Caller) -> None:
    _, gql = admin
    product = await photoshop()
    metadata = {"big": 2**53 - 1, "small": -(2**53 - 1), "ratio": 1e-7, "zero": -0.0, "f": 2.5}

    body = await gql(
        CREATE_WITH_METADATA,
        input={"productId": global_id("Product", product.id), "metadata": metadata},
    )

    data = result(body, "licenseCreate")
    assert data["errors"] == []
    assert data["license"]["metadata"] == {**metadata, "zero": 0.0}


async def test_an_update_to_seats_out_of_range_changes_nothing(admin: Caller) -> None:
    _, gql = admin
    license_ = await License.create(product=await photoshop(), seats=5)

    body = await gql(
        UPDATE, input={"id": global_id("License", license_.id), "version": 1, "seats": INT_MAX}
    )

    assert codes(result(body, "licenseUpdate")) == [("seats", "INVALID")]
    assert (await License.get(id=license_.id)).seats == 5


async def test_a_renewal_cost_out_of_range_is_refused(admin: Caller) -> None:
    _, gql = admin
    license_ = await License.create(product=await photoshop())

    body = await gql(
        RENEW,
        input={
            "id": global_id("License", license_.id),
            "version": 1,
            "startsOn": "2024-01-01",
            "endsOn": "2024-12-31",
            "cost": "1e13",
            "currency": "EUR",
        },
    )

    assert codes(result(body, "licenseRenew")) == [("cost", "INVALID")]
    assert await RenewalTerm.all().count() == 0


async def test_seat_totals_past_the_32_bit_range_are_reported_exactly(admin: Caller) -> None:
    # Given more licenses of a million seats each than a 32-bit Int can add up
    _, gql = admin
    product = await photoshop()
    count = INT_MAX // 1_000_000 + 1  # 2,148 licenses: 2,148,000,000 seats
    await License.bulk_create(
        [License(product=product, seats=1_000_000, seats_used=7) for _ in range(count)],
        batch_size=500,
    )

    # When
    body = await gql(DASHBOARD)

    # Then the dashboard answers, with the exact totals
    assert "errors" not in body, body["errors"]
    data = body["data"]["dashboard"]
    assert data["seatsTotal"] == count * 1_000_000
    assert data["seatsTotal"] > INT_MAX
    assert data["seatsUsed"] == count * 7


async def test_spend_past_the_64_bit_range_is_summed_exactly(admin: Caller) -> None:
    # Given eleven terms of the largest cost in one year: 1.1 * 10^19 micros, past 2^63
    _, gql = admin
    license_ = await License.create(product=await photoshop())
    largest = 10**18  # micros of 1,000,000,000,000
    await RenewalTerm.bulk_create(
        [
            RenewalTerm(
                license_id=license_.id,
                starts_on=date(2024, 3, 1) + timedelta(days=n),
                ends_on=date(2024, 12, 31),
                cost_micros=largest - n,  # a different last digit each: exact, not rounded
                currency="EUR",
            )
            for n in range(11)
        ]
    )

    # When
    body = await gql(DASHBOARD, year=2024)

    # Then
    assert "errors" not in body, body["errors"]
    data = body["data"]["dashboard"]
    expected = (Decimal(11 * largest - sum(range(11))) / 1_000_000).normalize()
    assert [(s["vendorName"], s["currency"]) for s in data["spendByVendor"]] == [("Adobe", "EUR")]
    assert Decimal(data["spendByVendor"][0]["amount"]) == expected
    assert [(s["month"], Decimal(s["amount"])) for s in data["spendByMonth"]] == [(3, expected)]
