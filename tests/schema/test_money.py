"""Spend in one currency (default_currency, EUR in these tests), others converted only through
currency_rates (none here): what has no rate is shown apart, never added; sorting by cost
never compares amounts in different currencies."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from licman.models import License, User
from licman.settings import Settings
from tests.schema.conftest import Gql
from tests.schema.test_license_queries import dashboard_world, product_of

pytestmark = pytest.mark.usefixtures("db")

Caller = tuple[User, Gql]

SPEND = """
query Spend($year: Int) {
  dashboard(year: $year) {
    currency
    spendTotal { amount notConverted { currency amount } }
    spendByVendor { vendorName currency amount converted }
    spendByMonth { month currency amount converted }
  }
}
"""

BY_COST = """
query ByCost($first: Int!, $after: String, $direction: OrderDirection!) {
  licenses(first: $first, after: $after, orderBy: {field: COST, direction: $direction}) {
    edges { cursor node { name } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


def amounts(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            **row,
            "amount": Decimal(row["amount"]),
            **({"converted": Decimal(row["converted"])} if row.get("converted") else {}),
        }
        for row in rows
    ]


async def test_spend_is_in_the_default_currency_and_the_rest_is_shown_apart(
    admin: Caller, member: Caller
) -> None:
    # Given EUR and USD terms, and no rate for USD
    await dashboard_world(member[0])

    # When
    body = await admin[1](SPEND, year=2024)

    # Then the EUR spend is totalled; the USD spend stays apart, in USD
    assert "errors" not in body, body["errors"]
    data = body["data"]["dashboard"]
    assert data["currency"] == "EUR"
    assert Decimal(data["spendTotal"]["amount"]) == Decimal("350.50")
    assert amounts(data["spendTotal"]["notConverted"]) == [
        {"currency": "USD", "amount": Decimal("100")}
    ]
    assert [
        (r["vendorName"], r["currency"], r["amount"], r["converted"])
        for r in amounts(data["spendByVendor"])
    ] == [
        ("Adobe", "EUR", Decimal("150.5"), Decimal("150.5")),
        ("Adobe", "USD", Decimal("100"), None),
        ("JetBrains", "EUR", Decimal("200"), Decimal("200")),
    ]
    assert [r["converted"] for r in data["spendByMonth"]] == ["100.00", "250.50", None, None]


async def test_a_member_sees_no_spend_total(member: Caller) -> None:
    body = await member[1](SPEND, year=2024)
    assert "errors" not in body, body["errors"]
    assert body["data"]["dashboard"]["spendTotal"] is None


async def test_sorting_by_cost_never_compares_currencies(admin: Caller) -> None:
    # Given costs in EUR (the default), a large nominal USD cost (no rate) and none
    product = await product_of("Adobe", "Photoshop")
    for name, micros, currency in [
        ("Mid EUR", 500_000_000, "EUR"),
        ("Huge USD", 5, "USD"),  # nominally the cheapest: must not sort among euros
        ("Cheap EUR", 100_000_000, "EUR"),
        ("No cost", None, None),
        ("Dear EUR", 900_000_000, "EUR"),
    ]:
        await License.create(product=product, name=name, cost_micros=micros, currency=currency)

    async def walk(direction: str) -> list[str]:
        names: list[str] = []
        after = None
        while True:  # pages of two: the cursors carry the converted key
            body = await admin[1](BY_COST, first=2, after=after, direction=direction)
            assert "errors" not in body, body["errors"]
            page = body["data"]["licenses"]
            names += [e["node"]["name"] for e in page["edges"]]
            if not page["pageInfo"]["hasNextPage"]:
                return names
            after = page["pageInfo"]["endCursor"]

    # Then euros in order; what cannot be converted sorts with the costless, by id
    assert await walk("ASC") == ["Cheap EUR", "Mid EUR", "Dear EUR", "Huge USD", "No cost"]
    assert await walk("DESC") == ["No cost", "Huge USD", "Dear EUR", "Mid EUR", "Cheap EUR"]


CONVERTED = """
query Converted {
  licenses(first: 10, orderBy: {field: PRODUCT}) {
    nodes { name cost currency costConverted { currency amount } }
  }
}
"""


async def test_a_licenses_cost_converted_to_the_default_currency_where_a_rate_exists(
    admin: Caller, member: Caller, app_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a USD rate (1 USD = 0.9 EUR), and costs in EUR, USD, GBP (no rate) and none
    _ = app_settings.rates  # the cached property, then set for this test
    monkeypatch.setitem(app_settings.__dict__, "rates", {"EUR": Decimal(1), "USD": Decimal("0.9")})
    product = await product_of("Adobe", "Photoshop")
    for name, micros, currency in [
        ("A EUR", 100_000_000, "EUR"),
        ("B USD", 1_300_000_000, "USD"),
        ("C GBP", 50_000_000, "GBP"),
        ("D none", None, None),
    ]:
        await License.create(product=product, name=name, cost_micros=micros, currency=currency)

    # When
    body = await admin[1](CONVERTED)

    # Then euros as they are, dollars converted, pounds not (shown apart by the client)
    assert "errors" not in body, body["errors"]
    converted = {
        n["name"]: n["costConverted"]
        and (n["costConverted"]["currency"], Decimal(n["costConverted"]["amount"]))
        for n in body["data"]["licenses"]["nodes"]
    }
    assert converted == {
        "A EUR": ("EUR", Decimal("100")),
        "B USD": ("EUR", Decimal("1170")),
        "C GBP": None,
        "D none": None,
    }

    # And a member, who may not read costs, gets none converted either
    seen = await member[1]("{ licenses(first: 10) { nodes { costConverted { amount } } } }")
    assert {e["extensions"]["code"] for e in seen.get("errors", [])} <= {"FORBIDDEN"}
    assert all(
        n is None or n["costConverted"] is None
        for n in (seen["data"] or {}).get("licenses", {}).get("nodes", [])
    )
