"""The `dashboard` query: counts, expiries, seats and spend, as the caller may see them."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import strawberry

import licman.schema.enums  # noqa: F401  (registers the model enums with Strawberry)
from licman.models import LicenseStatus
from licman.resolvers import dashboard as ops
from licman.resolvers.money import CurrencyRates
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


CONVERTED = (
    "amount in Dashboard.currency (the default_currency setting), through the rate of "
    "currency_rates; null when the currency has no rate (never added to other currencies)."
)


@strawberry.type(description="Spend on one vendor in one currency.")
class VendorSpend:
    vendor_id: strawberry.ID
    vendor_name: str
    currency: str = strawberry.field(description="ISO 4217 code of amount.")
    amount: Decimal = strawberry.field(description="In currency.")
    converted: Decimal | None = strawberry.field(description=f"The {CONVERTED}")


@strawberry.type(description="Spend in one month in one currency.")
class MonthSpend:
    month: int = strawberry.field(description="1 to 12.")
    currency: str = strawberry.field(description="ISO 4217 code of amount.")
    amount: Decimal = strawberry.field(description="In currency.")
    converted: Decimal | None = strawberry.field(description=f"The {CONVERTED}")


@strawberry.type(description="An amount of money.")
class Money:
    currency: str = strawberry.field(description="ISO 4217 code.")
    amount: Decimal = strawberry.field(description="In currency.")


@strawberry.type(
    description="The year's spend in one currency, and what could not be converted to it."
)
class SpendTotal:
    amount: Decimal = strawberry.field(
        description="Spend in Dashboard.currency, other currencies converted where "
        "currency_rates gives a rate."
    )
    not_converted: list[Money] = strawberry.field(
        description="Per currency without a rate: spend shown apart ('plus EUR 1,200 not "
        "converted'), by currency code."
    )


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
    currency: str = strawberry.field(
        description="The default_currency setting (ISO 4217): what spend is converted into."
    )
    spend_total: SpendTotal | None = strawberry.field(
        description="The year's spend in currency (terms starting in the year), and per "
        "currency what has no rate. Null without permission to see costs."
    )


def _maybe(micros: int | None) -> Decimal | None:
    return None if micros is None else _amount(micros)


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
        rates = CurrencyRates.of(info.context.settings)
        data = await ops.dashboard(info.context.principal, year, rates)
        spend = data.spend_total
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
                    converted=_maybe(s.converted_micros),
                )
                for s in data.spend_by_vendor
            ],
            spend_by_month=None
            if data.spend_by_month is None
            else [
                MonthSpend(
                    month=s.month or 0,
                    currency=s.currency,
                    amount=_amount(s.amount_micros),
                    converted=_maybe(s.converted_micros),
                )
                for s in data.spend_by_month
            ],
            currency=data.currency,
            spend_total=None
            if spend is None
            else SpendTotal(
                amount=_amount(spend.converted),
                not_converted=[
                    Money(currency=c, amount=_amount(m)) for c, m in sorted(spend.apart.items())
                ],
            ),
        )
