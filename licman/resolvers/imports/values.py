"""Reading one spreadsheet cell as a date, an amount of money, a yes/no, a number or a list,
the way people type them, with a plain-words reason when it cannot be read.

Libraries, not hand-written parsers: python-dateutil reads dates in dozens of layouts
(12/31/25, 2025-12-31, 31 Dec 2025, Dec 31 2025) and is told which of day and month comes
first; price-parser reads amounts with currency signs and either decimal separator
("$1,200.50", "1.200,50 €"); pydantic's boolean rules read yes/no in the usual spellings.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from dateutil import parser as date_parser
from price_parser import Price
from pydantic import TypeAdapter, ValidationError

# OWASP CSV injection: cells a spreadsheet would run as a formula. Licman stores them as
# text and never evaluates them; a typed field (a date, a number) refuses them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CURRENCY_SIGNS = {
    "$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW",
    "CHF": "CHF", "Fr.": "CHF", "kr": "SEK", "zł": "PLN", "R$": "BRL", "A$": "AUD",
    "C$": "CAD", "CA$": "CAD", "AU$": "AUD",
}  # fmt: skip
_BOOL = TypeAdapter(bool)
_EXTRA_TRUE = {"x", "✓", "✔", "checked", "enabled", "active", "si", "sí", "ja", "oui"}
_EXTRA_FALSE = {"-", "unchecked", "disabled", "inactive", "nein", "non"}
_AMOUNT_LEFTOVER = re.compile(r"^[\s\d.,'\u00a0\u202f]*$")
_LIST_SPLIT = re.compile(r"[;|\n\r]+|,(?=\s*\S)")
_DEFAULT_A = datetime(1901, 2, 3)
_DEFAULT_B = datetime(1902, 4, 5)


class CellProblem(ValueError):
    """The cell cannot be read as the field wants; the message says why, in plain words."""


def shown(value: str, limit: int = 60) -> str:
    text = value if len(value) <= limit else value[: limit - 1] + "…"
    return repr(text)


def unescape(value: str) -> str:
    """Undo the OWASP escape spreadsheets and Licman's own CSV files put before a cell that
    starts like a formula: "'=SUM(A1)" is the text "=SUM(A1)"."""
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_STARTS:
        return value[1:]
    return value


def refuse_formula(value: str) -> None:
    if value.startswith(FORMULA_STARTS[:4]):
        raise CellProblem(
            f"{shown(value)} starts with {value[0]!r} like a spreadsheet formula; Licman "
            "never evaluates formulas, so type the value itself"
        )


def parse_date(value: Any, *, day_first: bool = False) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    return _date(str(value).strip(), day_first)


# Files repeat the same few dates, amounts and flags thousands of times: parse each once.
@lru_cache(maxsize=8192)
def _date(text: str, day_first: bool) -> date:
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        with contextlib.suppress(ValueError):
            return date.fromisoformat(text)  # the common case, 30 times faster
    refuse_formula(text)
    try:
        # Parsed twice with different defaults: a part the text lacks (the day of
        # "Jan 2025", the year of "12/31") shows up as a difference, and is refused.
        first = date_parser.parse(text, dayfirst=day_first, default=_DEFAULT_A)
        second = date_parser.parse(text, dayfirst=day_first, default=_DEFAULT_B)
    except (ValueError, OverflowError):
        first = second = _DEFAULT_A
        second = _DEFAULT_B
    if first.date() != second.date():
        raise CellProblem(
            f"{shown(text)} is not a date; write it like 2025-12-31, "
            f"{'31/12/25' if day_first else '12/31/25'} or 31 Dec 2025"
        )
    day: date = first.date()
    return day


_NUMBERS = (int, float, Decimal)


def parse_money(value: Any, default_currency: str | None) -> tuple[Decimal, str | None]:
    """An amount and the currency its sign or code names (None when it names none)."""
    if isinstance(value, _NUMBERS) and not isinstance(value, bool):
        amount = Decimal(str(value))
        if amount < 0:
            raise CellProblem(f"{value} is negative; a cost is 0 or more")
        return amount, default_currency
    return _money(str(value).strip())


@lru_cache(maxsize=8192)
def _money(text: str) -> tuple[Decimal, str | None]:
    if "(" in text or re.search(r"-\s*[\d$€£¥]|[\d.,]\s*-\s*$", text):
        raise CellProblem(f"{shown(text)} is negative; a cost is 0 or more")
    refuse_formula(text)
    price = Price.fromstring(text)
    sign = (price.currency or "").strip()
    leftover = text.replace(sign, "", 1) if sign else text
    if price.amount is None or not _AMOUNT_LEFTOVER.match(leftover):
        raise CellProblem(f"{shown(text)} is not an amount of money, such as 1200.50 or $1,200.50")
    code = CURRENCY_SIGNS.get(sign) or (
        sign.upper() if re.fullmatch(r"[A-Za-z]{3}", sign) else None
    )
    if sign and code is None:
        raise CellProblem(f"{shown(sign)} is not a currency Licman knows; add a currency column")
    return price.amount, code


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return _bool(str(value).strip().lower())


@lru_cache(maxsize=1024)
def _bool(text: str) -> bool:
    if text in _EXTRA_TRUE:
        return True
    if text in _EXTRA_FALSE:
        return False
    try:
        return _BOOL.validate_python(text)
    except ValidationError:
        raise CellProblem(f"{shown(text)} is not yes or no (try yes/no, true/false, 1/0)") from None


_COUNT = re.compile(r"\d+(\.0+)?")
_NEGATIVE_COUNT = re.compile(r"-\d+(\.0+)?")


def parse_count(value: Any) -> int | None:
    """A whole number of seats; empty, "unlimited" or "∞" mean no limit (None)."""
    if isinstance(value, bool):
        raise CellProblem(f"{value} is not a number")
    number = value if isinstance(value, int) else _count(str(value))
    if number is not None and number < 0:
        raise CellProblem(f"{number} is negative; use 0 or more")
    return number


# Longer than any count (seats are at most 1,000,000; the limit itself is checked later).
MAX_COUNT_DIGITS = 18


@lru_cache(maxsize=8192)
def _count(value: str) -> int | None:
    text = value.strip().replace(",", "").replace("\u00a0", "").replace(" ", "")
    if text.lower() in {"", "unlimited", "∞", "none", "n/a"}:
        return None
    if _NEGATIVE_COUNT.fullmatch(text):
        raise CellProblem(f"{text} is negative; use 0 or more")
    refuse_formula(text)
    if _COUNT.fullmatch(text) is None:
        raise CellProblem(f"{shown(value)} is not a whole number of 0 or more")
    whole = text.split(".")[0]
    if len(whole.lstrip("0")) > MAX_COUNT_DIGITS:  # int() refuses past 4,300 digits
        raise CellProblem(f"{shown(value)} is too large a number")
    return int(whole)


def parse_list(value: Any) -> list[str]:
    """Names or e-mails separated by ; , | or new lines (a JSON list as it is). The OWASP
    quote is taken off the cell (a list whose first name starts like a formula) and off
    each name."""
    if isinstance(value, list):
        items = [unescape(str(v).strip()) for v in value]
        return list(dict.fromkeys(item for item in items if item))
    return list(_list(str(value)))


@lru_cache(maxsize=8192)
def _list(text: str) -> tuple[str, ...]:
    items = (unescape(part.strip()) for part in _LIST_SPLIT.split(unescape(text)))
    return tuple(dict.fromkeys(item for item in items if item))


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return unescape(str(value)).strip() if isinstance(value, str) else str(value)
