"""One source row through the column mapping into a license record, every cell checked on
its own (no database): what the row says, or why each cell cannot be used."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from licman.models import BillingPeriod, LicenseKind, LicenseStatus
from licman.models.base import fold
from licman.resolvers.imports import snipeit
from licman.resolvers.imports.fields import BY_NAME, CUSTOM_PREFIX, FLAG_PREFIX, IGNORE
from licman.resolvers.imports.reader import SourceRow
from licman.resolvers.imports.values import (
    CellProblem,
    as_text,
    parse_bool,
    parse_count,
    parse_date,
    parse_list,
    parse_money,
    shown,
)
from licman.resolvers.validation import MICROS, Checker

TEXT_LIMITS = {"externalId": 255, "vendor": 200, "product": 200, "name": 200, "notes": 10_000}
DATE_FIELDS = {
    "purchasedOn": "purchased_on",
    "startsOn": "starts_on",
    "expiresOn": "expires_on",
    "cancelBy": "cancel_by",
}
MAX_SECRET = 10_000
MAX_LIST = 100
SYNONYMS = {
    "annual": "yearly",
    "annually": "yearly",
    "year": "yearly",
    "yearly": "yearly",
    "month": "monthly",
    "monthly": "monthly",
    "quarter": "quarterly",
    "onetime": "one_time",
    "once": "one_time",
    "perpetual": "one_time",
    "multiyear": "multi_year",
    "serial": "serial_key",
    "serialkey": "serial_key",
    "apikey": "api_key",
    "key": "serial_key",
    "canceled": "cancelled",
    "inactive": "suspended",
}


# The same few vendor, product and tag names come back on every row: fold each once.
folded = lru_cache(maxsize=65_536)(fold)


@dataclass(frozen=True, slots=True)
class Problem:
    column: str
    message: str
    code: str = "INVALID"


@dataclass(frozen=True, slots=True)
class Term:
    starts_on: date
    ends_on: date
    cost_micros: int | None
    currency: str | None
    note: str


@dataclass
class LicenseRecord:
    row: int
    columns: dict[str, str] = field(default_factory=dict)  # target -> source column
    external_id: str | None = None
    vendor: str | None = None
    product: str | None = None
    values: dict[str, Any] = field(default_factory=dict)  # license columns, as given
    metadata: dict[str, Any] = field(default_factory=dict)
    secret: str | None = None
    tags: list[str] = field(default_factory=list)
    owner: str | None = None
    holders: list[str] = field(default_factory=list)
    renewals: list[Term] = field(default_factory=list)
    cost: Decimal | None = None
    currency_from_cost: str | None = None

    def column(self, target: str) -> str:
        return self.columns.get(target, target)


@dataclass(frozen=True)
class Mapping:
    pairs: tuple[tuple[str, str], ...]  # (source column, target), in file order
    format: str = "csv"
    default_currency: str | None = None
    day_first: bool = False


@lru_cache(maxsize=1024)
def _choice(value: str, enum: type[Any]) -> Any:
    key = value.strip().lower().replace("-", " ").replace("_", " ")
    flat = key.replace(" ", "")
    flat = SYNONYMS.get(flat, flat).replace("_", "")
    for member in enum:
        if flat == member.value.replace("_", ""):
            return member
    options = ", ".join(m.value.replace("_", " ") for m in enum)
    raise CellProblem(f"{shown(value)} is not one of: {options}")


def _terms(value: Any, day_first: bool) -> list[Term]:
    items = value
    if isinstance(value, str):
        try:
            items = json.loads(value)
        except ValueError:
            raise CellProblem("renewal terms must be a JSON list, see the field's help") from None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise CellProblem("renewal terms must be a JSON list of objects")
    terms = []
    for number, item in enumerate(items[:MAX_LIST], start=1):
        try:
            starts = parse_date(item.get("startsOn", ""), day_first=day_first)
            ends = parse_date(item.get("endsOn", ""), day_first=day_first)
        except CellProblem as exc:
            raise CellProblem(f"term {number}: {exc}") from None
        if starts > ends:
            raise CellProblem(f"term {number}: startsOn is after endsOn")
        cost = None
        currency = item.get("currency")
        if item.get("cost") not in (None, ""):
            amount, sign = parse_money(item["cost"], None)
            cost = int(amount * MICROS)
            currency = currency or sign
        checked = Checker().currency("currency", currency) if currency else None
        if cost is not None and not checked:
            raise CellProblem(f"term {number}: a cost needs a currency")
        terms.append(Term(starts, ends, cost, checked, as_text(item.get("note", ""))[:500]))
    return terms


def _apply(record: LicenseRecord, target: str, value: Any, mapping: Mapping) -> None:
    """Read one non-empty cell into the record; raise CellProblem if it cannot be."""
    if target in TEXT_LIMITS:
        text = as_text(value)
        if len(text) > TEXT_LIMITS[target]:
            raise CellProblem(f"is {len(text)} characters long; at most {TEXT_LIMITS[target]}")
        if target == "externalId":
            record.external_id = text
        elif target in ("vendor", "product"):
            setattr(record, target, text)
        else:
            record.values[target] = text
    elif target == "secret":
        text = as_text(value)
        if len(text) > MAX_SECRET:
            raise CellProblem(f"the secret is longer than {MAX_SECRET} characters")
        record.secret = text  # never echoed in a message
    elif target == "kind":
        record.values["kind"] = _choice(as_text(value), LicenseKind)
    elif target == "status":
        record.values["status"] = _choice(as_text(value), LicenseStatus)
    elif target == "billingPeriod":
        record.values["billingPeriod"] = _choice(as_text(value), BillingPeriod)
    elif target == "seats":
        record.values["seats"] = parse_count(value)
    elif target == "cost":
        record.cost, record.currency_from_cost = parse_money(value, None)
    elif target == "currency":
        code = Checker().currency("currency", as_text(value))
        if code is None or code not in _CURRENCIES:
            raise CellProblem(f"{shown(as_text(value))} is not an ISO 4217 code such as EUR")
        record.values["currency"] = code
    elif target in DATE_FIELDS:
        record.values[target] = parse_date(value, day_first=mapping.day_first)
    elif target == "autoRenew":
        record.values["autoRenew"] = parse_bool(value)
    elif target == "owner":
        record.owner = as_text(value)
    elif target == "seatHolders":
        record.holders = parse_list(value)[: MAX_LIST + 1]
    elif target == "tags":
        record.tags = parse_list(value)[: MAX_LIST + 1]
    elif target == "renewals":
        record.renewals = _terms(value, mapping.day_first)
    elif target == "metadata":
        data = json.loads(value) if isinstance(value, str) else value
        if not isinstance(data, dict):
            raise CellProblem("custom fields must be a JSON object of name: value pairs")
        record.metadata.update(data)
    elif target.startswith(CUSTOM_PREFIX):
        record.metadata[target[len(CUSTOM_PREFIX) :]] = as_text(value)[:2000]
    elif target.startswith(FLAG_PREFIX):
        record.metadata[target[len(FLAG_PREFIX) :]] = parse_bool(value)


def _currencies() -> frozenset[str]:
    from licman.resolvers.validation import CURRENCIES

    return CURRENCIES


_CURRENCIES = _currencies()


# Text no database stores: the NUL character (PostgreSQL refuses it in text and JSON) and
# unpaired surrogates (a JSON file's "\ud800"; not Unicode, no database encodes them).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _unstorable(value: Any) -> str | None:
    """Why a cell (text, or a JSON value with its keys) cannot be stored, or None."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str) and (found := _UNSTORABLE.search(item)) is not None:
            if found.group() == "\x00":
                return "must not contain the NUL character (U+0000)"
            return f"must not contain an unpaired surrogate (U+{ord(found.group()):04X})"
    return None


def build(source: SourceRow, mapping: Mapping) -> tuple[LicenseRecord, list[Problem]]:
    """The record a row describes, and every problem found in its cells."""
    cells = snipeit.prepare(source.cells) if mapping.format == "snipeit" else source.cells
    record = LicenseRecord(source.row)
    problems: list[Problem] = []
    if source.extra_cells:
        problems.append(
            Problem(
                "",
                f"the row has {source.extra_cells} cell(s) more than the "
                "header; a comma or quote may be missing",
            )
        )
    for column, target in mapping.pairs:
        if target == IGNORE:
            continue
        value = cells.get(column)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue  # an empty cell changes nothing
        record.columns.setdefault(target, column)
        try:
            unstorable = _unstorable(value)
            if unstorable is not None:
                raise CellProblem(unstorable)
            _apply(record, target, value, mapping)
        except CellProblem as exc:
            detail = "the secret cannot be used" if target == "secret" else str(exc)
            label = BY_NAME[target].label if target in BY_NAME else target.split(":", 1)[-1]
            problems.append(Problem(column, f"{label}: {detail}"))
        except ValueError:
            problems.append(Problem(column, "is not valid JSON"))
    if record.cost is not None:
        currency = record.values.get("currency") or record.currency_from_cost
        currency = currency or mapping.default_currency
        if currency is None:
            problems.append(
                Problem(
                    record.column("cost"),
                    "Cost: no currency; add a currency "
                    "column, write it with the amount or choose a default",
                )
            )
        else:
            check = Checker()
            micros = check.money("cost", record.cost)
            if check.errors:
                problems.append(Problem(record.column("cost"), f"Cost: {check.errors[0].message}"))
            record.values["currency"] = currency
            record.values["cost_micros"] = micros
    if mapping.format == "snipeit" and record.secret and "kind" not in record.values:
        record.values["kind"] = LicenseKind.SERIAL_KEY
    return record, problems
