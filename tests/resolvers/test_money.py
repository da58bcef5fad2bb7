"""Converting money with currency_rates: the dashboard's totals and the cost order, on the
domain operations with rates given (tests/schema/test_money.py covers the GraphQL side)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from licman.models import License, Product, RenewalTerm, Vendor
from licman.resolvers.dashboard import dashboard
from licman.resolvers.license_query import LicenseOrderField, license_page
from licman.resolvers.money import CurrencyRates
from licman.security.principal import Principal

pytestmark = pytest.mark.usefixtures("db")

RATES = CurrencyRates("USD", {"USD": Decimal(1), "EUR": Decimal("1.1"), "JPY": Decimal("0.0067")})


def test_convert_rounds_half_to_even_and_refuses_unknown_currencies() -> None:
    assert RATES.convert(1_000_000, "EUR") == 1_100_000
    assert RATES.convert(5, "EUR") == 6  # 5.5 -> 6 (half to even)
    assert RATES.convert(15, "EUR") == 16  # 16.5 -> 16
    assert RATES.convert(10**18, "JPY") == 67 * 10**14  # exact: no float on the way
    assert RATES.convert(1_000_000, "GBP") is None
    assert RATES.convert(None, "EUR") is None


async def _world() -> None:
    adobe = await Vendor.create(name="Adobe")
    product = await Product.create(vendor=adobe, name="Photoshop")
    rows = [
        ("EUR 100 = USD 110", 100, "EUR"),
        ("USD 105", 105, "USD"),
        ("JPY 20,000 = USD 134", 20_000, "JPY"),
        ("GBP 1 (no rate)", 1, "GBP"),
        ("GBP 50 (no rate)", 50, "GBP"),
        ("No cost", None, None),
    ]
    for name, units, currency in rows:
        micros = None if units is None else units * 1_000_000
        license_ = await License.create(
            product=product, name=name, cost_micros=micros, currency=currency
        )
        if micros is not None:
            await RenewalTerm.create(
                license=license_,
                starts_on=date(2024, 2, 1),
                ends_on=date(2025, 1, 31),
                cost_micros=micros,
                currency=currency,
            )


async def test_the_dashboard_converts_where_a_rate_exists(admin: Principal) -> None:
    await _world()
    found = await dashboard(admin, 2024, RATES)
    assert found.currency == "USD"
    assert found.spend_total is not None
    assert found.spend_total.converted == (110 + 105 + 134) * 1_000_000
    assert found.spend_total.apart == {"GBP": 51 * 1_000_000}
    converted = {s.currency: s.converted_micros for s in found.spend_by_vendor or []}
    assert converted == {"EUR": 110_000_000, "GBP": None, "JPY": 134_000_000, "USD": 105_000_000}


async def test_the_cost_order_is_by_converted_amount(admin: Principal) -> None:
    await _world()

    async def names(descending: bool, size: int) -> list[str]:
        out: list[str] = []
        after = None
        while True:
            page = await license_page(
                admin,
                first=size,
                after=after,
                order=LicenseOrderField.COST,
                descending=descending,
                rates=RATES,
            )
            out += [row.values["name"] for row in page.rows]
            if not page.has_next_page:
                return out
            after = page.rows[-1].cursor

    up = ["USD 105", "EUR 100 = USD 110", "JPY 20,000 = USD 134"]
    apart = ["GBP 1 (no rate)", "GBP 50 (no rate)", "No cost"]  # by id, never by amount
    assert await names(False, 100) == up + apart
    assert await names(False, 1) == up + apart  # one a page: every cursor used
    assert await names(True, 2) == apart[::-1] + up[::-1]
