"""The dashboard: where licenses stand, what expires soon, seats, and spend per vendor and
month (in each currency, and converted to the default currency where a rate is configured:
amounts in different currencies are never added as bare numbers; see money.py).

No total can overflow: seat totals are sums of numbers below 10^6 over fewer than 2^31
licenses (below 2^53), and spend is summed exactly (see `_spend_totals`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tortoise import connections
from tortoise.expressions import RawSQL, Subquery
from tortoise.functions import Count, Sum

from licman.models import License, LicenseStatus, RenewalTerm
from licman.resolvers.common import require
from licman.resolvers.errors import invalid
from licman.resolvers.license_status import STATUS_TODAY, with_status_today
from licman.resolvers.money import CurrencyRates, Split, total
from licman.security.permissions import Action, license_scope, may_view_all_costs
from licman.security.principal import Principal

EXPIRY_WINDOWS = (7, 30, 90)


@dataclass
class Spend:
    currency: str
    amount_micros: int
    vendor_id: int | None = None
    vendor_name: str | None = None
    month: int | None = None
    converted_micros: int | None = None  # in the default currency; None: no rate


@dataclass
class Dashboard:
    year: int
    counts_by_status: dict[str, int]
    expiring: dict[int, int]  # days -> licenses expiring between today and today + days
    expired: int  # the same number as counts_by_status["expired"]
    seats_used: int
    seats_total: int
    unlimited_licenses: int
    spend_by_vendor: list[Spend] | None  # None when the caller may not see costs
    spend_by_month: list[Spend] | None
    currency: str = "USD"  # the default currency
    spend_total: Split | None = None  # the year's spend: converted, and the rest apart


def _month_sql() -> str:
    dialect = connections.get("default").capabilities.dialect
    if dialect == "postgres":
        return 'CAST(EXTRACT(MONTH FROM "renewal_term"."starts_on") AS INTEGER)'
    if dialect == "mysql":
        return "MONTH(`renewal_term`.`starts_on`)"
    return 'CAST(strftime(\'%m\', "renewal_term"."starts_on") AS INTEGER)'


_DIGIT = 10**6  # SQLite sums cost_micros as base-10^6 digits


def _spend_totals() -> dict[str, Any]:
    """Annotations that sum `cost_micros` exactly, whatever the number of terms.

    PostgreSQL and MariaDB sum BIGINT into NUMERIC / DECIMAL, which cannot overflow. SQLite's
    SUM raises "integer overflow" past 2^63 (ten terms of the largest cost), so there each
    amount (below 2^63) is split into three base-10^6 digits, each summed on its own (fewer
    than 2^31 rows of digits below 2^24 stay far below 2^63) and joined again in Python.
    """
    if connections.get("default").capabilities.dialect != "sqlite":
        return {"total": Sum("cost_micros")}
    column = '"renewal_term"."cost_micros"'
    return {
        "total_high": RawSQL(f"SUM({column} / {_DIGIT * _DIGIT})"),
        "total_mid": RawSQL(f"SUM(({column} / {_DIGIT}) % {_DIGIT})"),
        "total_low": RawSQL(f"SUM({column} % {_DIGIT})"),
    }


def _total(row: dict[str, Any]) -> int:
    if "total" in row:
        return int(row["total"])
    high, mid, low = (int(row[k] or 0) for k in ("total_high", "total_mid", "total_low"))
    return (high * _DIGIT + mid) * _DIGIT + low


async def dashboard(
    principal: Principal, year: int | None = None, rates: CurrencyRates | None = None
) -> Dashboard:
    require(principal, Action.DASHBOARD_VIEW, "see the dashboard")
    rates = rates or CurrencyRates.of()
    today = date.today()
    year = year or today.year
    if not 1990 <= year <= 2200:
        raise invalid("year", "year must be between 1990 and 2200")
    live = License.filter(await license_scope(principal), archived_at__isnull=True)

    status_rows = (
        await with_status_today(live)
        .annotate(n=Count("id"))
        .group_by(STATUS_TODAY)
        .values_list(STATUS_TODAY, "n")
    )
    counts = {str(s): int(n) for s, n in status_rows}
    expiring = {
        days: await live.filter(
            expires_on__gte=today, expires_on__lte=today + timedelta(days=days)
        ).count()
        for days in EXPIRY_WINDOWS
    }
    seats = (
        await live.filter(seats__isnull=False)
        .annotate(used=Sum("seats_used"), total=Sum("seats"))
        .values("used", "total")
    )
    unlimited = await live.filter(seats__isnull=True).count()

    by_vendor: list[Spend] | None = None
    by_month: list[Spend] | None = None
    if may_view_all_costs(principal):
        terms = RenewalTerm.filter(
            license_id__in=Subquery(live.values("id")),
            starts_on__gte=date(year, 1, 1),
            starts_on__lte=date(year, 12, 31),
            cost_micros__isnull=False,
        )
        vendor_rows = (
            await terms.annotate(**_spend_totals())
            .group_by("license__product__vendor_id", "license__product__vendor__name", "currency")
            .order_by("license__product__vendor__name", "currency")
            .values(
                "license__product__vendor_id",
                "license__product__vendor__name",
                "currency",
                *_spend_totals(),
            )
        )
        by_vendor = [
            Spend(
                currency=r["currency"],
                amount_micros=_total(r),
                vendor_id=r["license__product__vendor_id"],
                vendor_name=r["license__product__vendor__name"],
                converted_micros=rates.convert(_total(r), r["currency"]),
            )
            for r in vendor_rows
        ]
        month_rows = (
            await terms.annotate(month=RawSQL(_month_sql()), **_spend_totals())
            .group_by("month", "currency")
            .order_by("month", "currency")
            .values("month", "currency", *_spend_totals())
        )
        by_month = [
            Spend(
                currency=r["currency"],
                amount_micros=_total(r),
                month=int(r["month"]),
                converted_micros=rates.convert(_total(r), r["currency"]),
            )
            for r in month_rows
        ]
    return Dashboard(
        year=year,
        counts_by_status=counts,
        expiring=expiring,
        expired=counts.get(LicenseStatus.EXPIRED.value, 0),
        seats_used=int(seats[0]["used"] or 0) if seats else 0,
        seats_total=int(seats[0]["total"] or 0) if seats else 0,
        unlimited_licenses=unlimited,
        spend_by_vendor=by_vendor,
        spend_by_month=by_month,
        currency=rates.default,
        spend_total=None
        if by_vendor is None
        else total(rates, [(s.amount_micros, s.currency) for s in by_vendor]),
    )
