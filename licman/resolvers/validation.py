"""Input rules shared by the domain operations. Every refusal names the field and the rule,
and all refusals of one request are reported together."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import pycountry

from licman.resolvers.errors import DomainError, ErrorCode, FieldError

MICROS = Decimal(1_000_000)
CENTS = Decimal("0.01")
# The documented range of every number a caller sends (docs/graphql.md, "Limits").
# A trillion units of any currency is surely a typo, and keeps one amount in micros within a
# 64-bit integer (10^18 < 2^63); totals are summed so they cannot overflow (see dashboard).
MAX_MONEY = Decimal("1000000000000")
# A million seats per license: more is a site licence (leave seats empty: unlimited). With
# licence ids below 2^31, any total of seats stays below 2^53, exact even in JavaScript.
MAX_SEATS = 1_000_000
# Numbers inside metadata: exact in JavaScript, and written by every database's JSON type
# without an exponent (PostgreSQL's JSONB reads 1e16 back as an integer, which would change
# the value and the audit trail's hash of it).
MAX_JSON_NUMBER = 2**53 - 1
METADATA_MAX_BYTES = 16 * 1024
METADATA_MAX_KEYS = 100
METADATA_KEY_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
# Test and "no currency" codes are not money anyone pays.
_NOT_MONEY = {"XTS", "XXX"}
CURRENCIES = frozenset(c.alpha_3 for c in pycountry.currencies) - _NOT_MONEY


class Checker:
    """Collects field errors; `done()` raises them all at once."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def fail(self, field: str, message: str, code: ErrorCode = ErrorCode.INVALID) -> None:
        self.errors.append(FieldError(code, message, field))

    def text(
        self, field: str, value: str | None, *, max_length: int, required: bool = False
    ) -> str | None:
        if value is None:
            if required:
                self.fail(field, f"{field} is required")
            return None
        value = value.strip()
        if required and not value:
            self.fail(field, f"{field} must not be empty")
        elif len(value) > max_length:
            self.fail(field, f"{field} must be at most {max_length} characters")
        return value

    def whole(self, field: str, value: int | None, low: int, high: int) -> bool:
        """A whole number from low to high (None passes); False when refused."""
        if value is not None and not low <= value <= high:
            self.fail(field, f"{field} must be between {low:,} and {high:,}")
            return False
        return True

    def money(self, field: str, value: Decimal | str | None) -> int | None:
        """Amount as integer micros (millionths), or None."""
        if value is None:
            return None
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            self.fail(field, f"{field} must be a decimal number such as 199.99")
            return None
        if not amount.is_finite() or amount < 0:
            self.fail(field, f"{field} must be 0 or more")
            return None
        if amount > MAX_MONEY:
            self.fail(field, f"{field} must be at most {MAX_MONEY:,}")
            return None
        micros = amount * MICROS
        if micros != micros.to_integral_value():
            self.fail(field, f"{field} may have at most 6 decimal places")
            return None
        return int(micros)

    def currency(self, field: str, value: str | None) -> str | None:
        if value is None:
            return None
        code = value.strip().upper()
        if code not in CURRENCIES:
            self.fail(field, f"{field} must be an ISO 4217 currency code such as EUR or USD")
        return code

    def dates_in_order(self, first: str, a: date | None, second: str, b: date | None) -> None:
        if a is not None and b is not None and a > b:
            self.fail(first, f"{first} must be on or before {second}")

    def metadata(self, field: str, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            self.fail(field, f"{field} must be a JSON object of name: value pairs")
            return None
        if len(value) > METADATA_MAX_KEYS:
            self.fail(field, f"{field} may have at most {METADATA_MAX_KEYS} keys")
        for key in value:
            if not METADATA_KEY_RE.match(key):
                self.fail(
                    field,
                    f"{field} key {key[:70]!r} must be 1-64 letters, digits, '_', '-' or '.'",
                )
                break
        size = len(json.dumps(value, separators=(",", ":")).encode())
        if size > METADATA_MAX_BYTES:
            self.fail(field, f"{field} must be at most {METADATA_MAX_BYTES} bytes as JSON")
            return value
        if not _numbers_in_range(value):
            self.fail(
                field,
                f"{field} numbers must be between -{MAX_JSON_NUMBER:,} and {MAX_JSON_NUMBER:,}",
            )
        return value

    def color(self, field: str, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip().lower()
        if not COLOR_RE.match(value):
            self.fail(field, f"{field} must be a colour like #1a2b3c")
        return value

    def url(self, field: str, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip()
        if len(value) > 2048 or not URL_RE.match(value):
            self.fail(field, f"{field} must be an http(s) URL of at most 2048 characters")
        return value

    def done(self) -> None:
        if self.errors:
            raise DomainError.many(self.errors)


def _numbers_in_range(value: dict[str, Any]) -> bool:
    """Every number in a JSON object within +-MAX_JSON_NUMBER (walked without recursion).
    A -0.0 becomes 0.0 in place, as PostgreSQL's JSONB would store it."""
    pending: list[dict[str, Any] | list[Any]] = [value]
    while pending:
        container = pending.pop()
        keys = container.keys() if isinstance(container, dict) else range(len(container))
        for key in keys:
            item = container[key]  # type: ignore[index]
            if isinstance(item, dict | list):
                pending.append(item)
            elif isinstance(item, int | float) and not isinstance(item, bool):
                if not abs(item) <= MAX_JSON_NUMBER:  # also refuses NaN
                    return False
                if item == 0 and isinstance(item, float):
                    container[key] = 0.0  # type: ignore[index]
    return True


def micros_to_decimal(micros: int | None) -> Decimal | None:
    """Integer micros back to a decimal with at least two places: 199990000 -> 199.99."""
    if micros is None:
        return None
    value = Decimal(micros).scaleb(-6)
    cents = value.quantize(CENTS)
    return cents if cents == value else value.normalize()
