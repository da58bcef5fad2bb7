"""The dashboard: where licenses stand, what expires soon, seats, and spend per vendor and
month (in each currency; amounts in different currencies are never added)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tortoise import connections
from tortoise.expressions import RawSQL, Subquery
from tortoise.functions import Count, Sum

from licman.models import License, RenewalTerm
from licman.resolvers.common import require
from licman.resolvers.errors import invalid
from licman.security.permissions import Action, license_scope, role_allows
from licman.security.principal import Principal

EXPIRY_WINDOWS = (7, 30, 90)


@dataclass
class Spend:
    currency: str
    amount_micros: int
    vendor_id: int | None = None
    vendor_name: str | None = None
    month: int | None = None


@dataclass
class Dashboard:
    year: int
    counts_by_status: dict[str, int]
    expiring: dict[int, int]  # days -> licenses expiring between today and today + days
    expired: int
    seats_used: int
    seats_total: int
    unlimited_licenses: int
    spend_by_vendor: list[Spend] | None  # None when the caller may not see costs
    spend_by_month: list[Spend] | None


def _month_sql() -> str:
    dialect = connections.get("default").capabilities.dialect
    if dialect == "postgres":
        return 'CAST(EXTRACT(MONTH FROM "renewal_term"."starts_on") AS INTEGER)'
    if dialect == "mysql":
        return "MONTH(`renewal_term`.`starts_on`)"
    return 'CAST(strftime(\'%m\', "renewal_term"."starts_on") AS INTEGER)'


async def dashboard(principal: Principal, year: int | None = None) -> Dashboard:
    require(principal, Action.DASHBOARD_VIEW, "see the dashboard")
    today = date.today()
    year = year or today.year
    if not 1990 <= year <= 2200:
        raise invalid("year", "year must be between 1990 and 2200")
    live = License.filter(await license_scope(principal), archived_at__isnull=True)

    status_rows = await live.annotate(n=Count("id")).group_by("status").values_list("status", "n")
    expiring = {
        days: await live.filter(
            expires_on__gte=today, expires_on__lte=today + timedelta(days=days)
        ).count()
        for days in EXPIRY_WINDOWS
    }
    expired = await live.filter(expires_on__lt=today).count()
    seats = (
        await live.filter(seats__isnull=False)
        .annotate(used=Sum("seats_used"), total=Sum("seats"))
        .values("used", "total")
    )
    unlimited = await live.filter(seats__isnull=True).count()

    by_vendor: list[Spend] | None = None
    by_month: list[Spend] | None = None
    if role_allows(principal, Action.LICENSE_VIEW_COST):
        terms = RenewalTerm.filter(
            license_id__in=Subquery(live.values("id")),
            starts_on__gte=date(year, 1, 1),
            starts_on__lte=date(year, 12, 31),
            cost_micros__isnull=False,
        )
        vendor_rows = (
            await terms.annotate(total=Sum("cost_micros"))
            .group_by("license__product__vendor_id", "license__product__vendor__name", "currency")
            .order_by("license__product__vendor__name", "currency")
            .values(
                "license__product__vendor_id", "license__product__vendor__name", "currency", "total"
            )
        )
        by_vendor = [
            Spend(
                currency=r["currency"],
                amount_micros=int(r["total"]),
                vendor_id=r["license__product__vendor_id"],
                vendor_name=r["license__product__vendor__name"],
            )
            for r in vendor_rows
        ]
        month_rows = (
            await terms.annotate(month=RawSQL(_month_sql()), total=Sum("cost_micros"))
            .group_by("month", "currency")
            .order_by("month", "currency")
            .values("month", "currency", "total")
        )
        by_month = [
            Spend(currency=r["currency"], amount_micros=int(r["total"]), month=int(r["month"]))
            for r in month_rows
        ]
    return Dashboard(
        year=year,
        counts_by_status={str(s): int(n) for s, n in status_rows},
        expiring=expiring,
        expired=expired,
        seats_used=int(seats[0]["used"] or 0) if seats else 0,
        seats_total=int(seats[0]["total"] or 0) if seats else 0,
        unlimited_licenses=unlimited,
        spend_by_vendor=by_vendor,
        spend_by_month=by_month,
    )
