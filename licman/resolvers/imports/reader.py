"""Reading an import file row by row, with memory flat whatever its size: CSV through the
standard csv module (any delimiter among , ; tab |, quoted fields with commas, quotes and
line breaks, a UTF-8 BOM, Windows line endings, UTF-16 from Excel) and JSON through ijson,
which streams a list of objects instead of loading the whole document."""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

import ijson

DELIMITERS = (",", ";", "\t", "|")
MAX_CELL = 1024 * 1024  # one cell of up to 1 MiB (long notes); the csv default is 128 KiB
csv.field_size_limit(MAX_CELL)


class FileProblem(Exception):
    """The file as a whole cannot be read; the message says why and what to do."""


@dataclass(slots=True)
class SourceRow:
    row: int  # as a spreadsheet numbers it: the header is row 1 (JSON: item 1 is row 1)
    cells: dict[str, Any]
    extra_cells: int = 0  # cells past the header's last column (CSV)


def guess_format(name: str, head: bytes) -> str:
    lowered = name.lower()
    if lowered.endswith((".json", ".jsonl")):
        return "json"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return "json" if text[:1] in (b"[", b"{") else "csv"


def _encoding(path: Path) -> str:
    with path.open("rb") as raw:
        head = raw.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # Excel's "Unicode text"
    return "utf-8-sig"  # UTF-8, with or without the BOM Excel writes


def _open_text(path: Path) -> TextIO:
    return path.open("r", encoding=_encoding(path), newline="")


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _header(cells: list[str]) -> list[str]:
    names: list[str] = []
    seen: dict[str, int] = {}
    for index, cell in enumerate(cells, start=1):
        name = cell.strip() or f"Column {index}"
        count = seen.get(name.casefold(), 0) + 1
        seen[name.casefold()] = count
        names.append(name if count == 1 else f"{name} ({count})")
    return names


def _decode_problem(exc: UnicodeDecodeError, row: int) -> FileProblem:
    return FileProblem(
        f"The file is not UTF-8 text (byte 0x{exc.object[exc.start]:02x} near row {row}). "
        'Save it as "CSV UTF-8" (or JSON in UTF-8) and upload it again.'
    )


def _reader(handle: TextIO) -> Iterator[list[str]]:
    first = handle.readline()
    handle.seek(0)
    return csv.reader(handle, delimiter=_delimiter(first), strict=False)


def csv_rows(path: Path) -> tuple[list[str], Iterator[SourceRow]]:
    with _open_text(path) as handle:
        try:
            header = _header(next(_reader(handle), []))
        except UnicodeDecodeError as exc:
            raise _decode_problem(exc, 1) from None
    if not header:
        raise FileProblem("The file is empty: it has no header row.")
    return header, _csv_records(path, header)


def _csv_records(path: Path, header: list[str]) -> Iterator[SourceRow]:
    # Opened when the first row is asked for, and closed with the generator.
    number = 1
    try:
        with _open_text(path) as handle:
            reader = _reader(handle)
            next(reader, None)  # the header
            for cells in reader:
                number += 1
                if not any(c.strip() for c in cells):
                    continue  # blank lines, common at the end of spreadsheets
                yield SourceRow(
                    number, dict(zip(header, cells, strict=False)), max(0, len(cells) - len(header))
                )
    except UnicodeDecodeError as exc:
        raise _decode_problem(exc, number + 1) from None
    except csv.Error as exc:
        raise FileProblem(f"Row {number + 1} is not valid CSV: {exc}.") from None


def _json_prefix(path: Path) -> str:
    with _open_text(path) as handle:
        start = handle.read(4096).lstrip()
    if start.startswith("["):
        return "item"
    if start.startswith("{"):
        return "licenses.item"
    raise FileProblem('The JSON must be a list of licenses, or {"licenses": [...]}.')


# Deepest nesting an item of a JSON file may have (as a /graphql request's JSON): deeper is
# no license, and would overflow Python's stack here and wherever the row is read again.
MAX_JSON_DEPTH = 64


class _TooDeep(Exception):
    pass


def _plain(value: Any, depth: int = 1) -> Any:
    if isinstance(value, Decimal):
        return (
            int(value)
            if value == value.to_integral_value() and "." not in str(value)
            else float(value)
        )
    if isinstance(value, list | dict) and depth > MAX_JSON_DEPTH:
        raise _TooDeep
    if isinstance(value, list):
        return [_plain(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v, depth + 1) for k, v in value.items()}
    return value


def json_rows(path: Path) -> tuple[list[str], Iterator[SourceRow]]:
    prefix = _json_prefix(path)
    columns: dict[str, None] = {}
    for item in islice(_json_items(path, prefix), 100):
        if isinstance(item.cells, dict):
            columns.update(dict.fromkeys(item.cells))
    return list(columns), _json_items(path, prefix)


def _json_items(path: Path, prefix: str) -> Iterator[SourceRow]:
    number = 0
    try:
        with path.open("rb") as raw:
            # Numbers as int and float (_plain's result anyway), parsed by the C backend
            # itself: an integer past 64 bits is then a parse error, where making it a
            # Python int crashes ijson 3.6's C backend (SIGSEGV) past 4,300 digits.
            items = ijson.items(raw, prefix, use_float=True)
            for number, item in enumerate(items, start=1):
                if not isinstance(item, dict):
                    yield SourceRow(number, {"": _plain(item, 2)})
                    continue
                yield SourceRow(number, {str(k): _plain(v, 2) for k, v in item.items()})
    except _TooDeep:
        raise FileProblem(
            f"The JSON's item {number} is nested too deeply (over {MAX_JSON_DEPTH} levels)."
        ) from None
    except (ijson.JSONError, ValueError) as exc:
        if "overflow" in str(exc) or "digits" in str(exc):
            raise FileProblem(
                f"The JSON's item {number + 1} holds a number too large to read (over 19 "
                "digits); write it as text, in quotes."
            ) from None
        if not isinstance(exc, ijson.JSONError):
            raise
        raise FileProblem(f"The JSON is not valid after item {number}: {exc}.") from None
    except UnicodeDecodeError as exc:
        raise _decode_problem(exc, number + 1) from None


def read_rows(path: Path, fmt: str) -> tuple[list[str], Iterator[SourceRow]]:
    return json_rows(path) if fmt == "json" else csv_rows(path)


def cell_text(value: Any) -> str:
    """A cell as the preview shows it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, default=str, ensure_ascii=False)
