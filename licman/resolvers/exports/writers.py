"""Export files, written a page of rows at a time so that memory stays flat whatever the
size: CSV and JSON as bytes handed on at once (into the job's encrypted file), XLSX through
openpyxl's write-only workbook (rows go to its temporary file as they are appended).

Spreadsheets run a cell that starts with = + - @ (and tab or carriage return, which some
strip first) as a formula: OWASP's "CSV injection". Every text cell that starts so is
neutralised: in CSV it gets a leading ' (what spreadsheets themselves use to mean "text";
Licman's import removes it again, see imports/values.py `unescape`), in XLSX it is written
as a string cell with Excel's quote prefix (never a formula, shown as it is). JSON is data,
not a sheet: values are left exactly as they are.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from licman.resolvers.imports.values import FORMULA_STARTS

FORMATS = ("csv", "json", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
LIST_SEPARATOR = "; "  # the import splits lists on ; (and , | new lines)


def neutralise(text: str) -> str:
    """OWASP: a cell a spreadsheet would run as a formula gets a leading quote."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def as_text(value: Any) -> str:
    """A value as a CSV cell shows it (before neutralising)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(as_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)  # exact: "1200.50", never a float
    return value


class Writer(Protocol):
    def header(self, columns: Sequence[str]) -> bytes: ...
    def rows(self, rows: Sequence[Sequence[Any]]) -> bytes: ...
    def end(self) -> bytes: ...


class CsvWriter:
    """UTF-8 with a byte order mark (so that Excel reads it as UTF-8), comma-separated,
    quoted where needed, CRLF line ends (RFC 4180)."""

    def header(self, columns: Sequence[str]) -> bytes:
        return b"\xef\xbb\xbf" + self._lines([list(columns)])

    def rows(self, rows: Sequence[Sequence[Any]]) -> bytes:
        return self._lines([[neutralise(as_text(v)) for v in row] for row in rows])

    def end(self) -> bytes:
        return b""

    @staticmethod
    def _lines(rows: list[list[str]]) -> bytes:
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        return out.getvalue().encode("utf-8")


class JsonWriter:
    """A JSON list of objects keyed by the column names, one object a line."""

    def __init__(self) -> None:
        self.columns: list[str] = []
        self.first = True

    def header(self, columns: Sequence[str]) -> bytes:
        self.columns = list(columns)
        return b"["

    def rows(self, rows: Sequence[Sequence[Any]]) -> bytes:
        parts = []
        for row in rows:
            item = {c: _json_value(v) for c, v in zip(self.columns, row, strict=True)}
            text = json.dumps(item, ensure_ascii=False, default=str)
            parts.append(("\n" if self.first else ",\n") + text)
            self.first = False
        return "".join(parts).encode("utf-8")

    def end(self) -> bytes:
        return b"\n]\n" if not self.first else b"]\n"


class XlsxWriter:
    """One sheet through openpyxl's write-only workbook: each appended row goes to its
    temporary file, so memory stays flat; `save` then zips the workbook into `path`."""

    def __init__(self, path: Path, title: str) -> None:
        self.path = path
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet(title[:31] or "Export")
        self.bold = Font(bold=True)

    def header(self, columns: Sequence[str]) -> None:
        cells = []
        for name in columns:
            cell = WriteOnlyCell(self.sheet, value=name)
            cell.font = self.bold
            cells.append(cell)
        self.sheet.append(cells)

    def rows(self, rows: Sequence[Sequence[Any]]) -> None:
        for row in rows:
            self.sheet.append([self._cell(v) for v in row])

    def _cell(self, value: Any) -> Any:
        if value is None or isinstance(value, bool | int | Decimal | date):
            if isinstance(value, datetime) and value.tzinfo is not None:
                return value.replace(tzinfo=None)  # Excel has no time zones; times are UTC
            return value
        # XML 1.0 cannot hold most control characters (openpyxl refuses them): each becomes
        # U+FFFD, so the cell still shows that something was there.
        text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", as_text(value))
        cell = WriteOnlyCell(self.sheet)
        # Set the type after the value: openpyxl would type "=..." as a formula ('f').
        cell.value = text
        cell.data_type = "s"
        if looks_like_formula(text):
            cell.quotePrefix = True  # Excel's own "this is text", not shown in the cell
        return cell

    def save(self) -> None:
        self.book.save(self.path)
