"""The `dashboard` query: counts, expiries, seats and spend, as the caller may see them."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import strawberry

import licman.schema.enums  # noqa: F401  (registers the model enums with Strawberry)
from licman.models import LicenseStatus
from licman.resolvers import dashboard as ops
from licman.resolvers.validation import micros_to_decimal
from licman.schema.context import Info
from licman.schema.ids import global_id
from licman.schema.scalars import BigInt


@strawberry.type
class StatusCount:
    status: LicenseStatus
    count: int


@strawberry.type
class ExpiringCount:
    within_days: int
    count: int = strawberry.field(description="Licenses expiring from today to today + days.")


@strawberry.type
class VendorSpend:
    vendor_id: strawberry.ID
    vendor_name: str
    currency: str
    amount: Decimal


@strawberry.type
class MonthSpend:
    month: int = strawberry.field(description="1 to 12.")
    currency: str
    amount: Decimal


@strawberry.type(description="Where your licenses stand. Spend comes from renewal terms.")
class Dashboard:
    year: int
    counts_by_status: list[StatusCount] = strawberry.field(
        description="Live licenses per status of today (an ACTIVE or TRIAL license past its "
        "expiry date counts as EXPIRED)."
    )
    expiring: list[ExpiringCount] = strawberry.field(description="Within 7, 30 and 90 days.")
    expired: int = strawberry.field(
        description="Licenses whose status is EXPIRED: the same number as the EXPIRED entry "
        "of countsByStatus."
    )
    seats_used: BigInt = strawberry.field(
        description="Assigned seats of licenses with a limit (a BigInt: a total over "
        "licenses of up to 1,000,000 seats each)."
    )
    seats_total: BigInt = strawberry.field(
        description="Seats bought, licenses with a limit (a BigInt, like seatsUsed)."
    )
    unlimited_licenses: int
    spend_by_vendor: list[VendorSpend] | None = strawberry.field(
        description="Per vendor and currency, for terms starting in the year. Null without "
        "permission to see costs."
    )
    spend_by_month: list[MonthSpend] | None = strawberry.field(
        description="Per month and currency, for terms starting in the year."
    )


def _amount(micros: int) -> Decimal:
    value = micros_to_decimal(micros)
    assert value is not None
    return value


@strawberry.type
class DashboardQuery:
    @strawberry.field(description="Overview of the licenses you may see.")
    async def dashboard(
        self,
        info: Info,
        year: Annotated[
            int | None,
            strawberry.argument(
                description="Year of the spend figures: 1990 to 2200; default: this year."
            ),
        ] = None,
    ) -> Dashboard:
        data = await ops.dashboard(info.context.principal, year)
        return Dashboard(
            year=data.year,
            counts_by_status=[
                StatusCount(status=LicenseStatus(s), count=n)
                for s, n in sorted(data.counts_by_status.items())
            ],
            expiring=[ExpiringCount(within_days=d, count=n) for d, n in data.expiring.items()],
            expired=data.expired,
            seats_used=BigInt(data.seats_used),
            seats_total=BigInt(data.seats_total),
            unlimited_licenses=data.unlimited_licenses,
            spend_by_vendor=None
            if data.spend_by_vendor is None
            else [
                VendorSpend(
                    vendor_id=global_id("Vendor", s.vendor_id or 0),
                    vendor_name=s.vendor_name or "",
                    currency=s.currency,
                    amount=_amount(s.amount_micros),
                )
                for s in data.spend_by_vendor
            ],
            spend_by_month=None
            if data.spend_by_month is None
            else [
                MonthSpend(month=s.month or 0, currency=s.currency, amount=_amount(s.amount_micros))
                for s in data.spend_by_month
            ],
        )
