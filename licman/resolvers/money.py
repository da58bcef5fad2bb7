"""Money in one currency: `default_currency`, and what `currency_rates` says other currencies
are worth in it. A currency without a rate is never converted: its amounts are shown apart,
and sorting by cost puts them with the licenses that have no cost (never compared nominally
with amounts in another currency). Amounts are integer micros everywhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from licman.settings import Settings, load_settings


@dataclass(frozen=True)
class CurrencyRates:
    default: str
    rates: dict[str, Decimal] = field(default_factory=dict)  # with default: 1

    @classmethod
    def of(cls, settings: Settings | None = None) -> CurrencyRates:
        settings = settings or load_settings()
        return cls(settings.default_currency, dict(settings.rates))

    def convert(self, micros: int | None, currency: str | None) -> int | None:
        """The amount in the default currency (micros, rounded half to even); None when the
        amount is None or its currency has no rate."""
        if micros is None or currency is None or currency not in self.rates:
            return None
        if currency == self.default:
            return micros
        exact = Decimal(micros) * self.rates[currency]
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))

    def sql_cases(self, dialect: str) -> list[tuple[str, str]]:
        """(currency, SQL of the license's cost in the default currency as a double), for a
        CASE over the license's currency. The codes are ISO 4217 letters and the rates finite
        decimals, both validated by the settings: safe to write into the SQL."""
        column = "cost_micros"
        out = []
        for code, rate in sorted(self.rates.items()):
            number = format(rate, "f")
            if dialect == "postgres":
                sql = f"CAST({column} AS DOUBLE PRECISION) * {number}"
            else:  # SQLite and MariaDB: a float literal makes the product a double
                sql = f"{column} * {number}E0"
            out.append((code, sql))
        return out


@dataclass
class Split:
    """Amounts per currency, added up in the default currency where a rate exists."""

    converted: int = 0  # micros in the default currency
    apart: dict[str, int] = field(default_factory=dict)  # currency -> micros not converted

    def add(self, rates: CurrencyRates, micros: int, currency: str) -> None:
        value = rates.convert(micros, currency)
        if value is None:
            self.apart[currency] = self.apart.get(currency, 0) + micros
        else:
            self.converted += value


def total(rates: CurrencyRates, amounts: list[tuple[int, str]]) -> Split:
    split = Split()
    for micros, currency in amounts:
        split.add(rates, micros, currency)
    return split


def json_key(value: Any) -> Any:
    """A sort key as a cursor carries it (a float stays a float)."""
    return float(value) if isinstance(value, Decimal) else value
