"""Importing licenses: upload a file (and see its columns and first rows), start an import
job (a dry run unless asked to apply), and `licenses_import_run`, the job itself, which the
worker, the server (no Redis) and `licman import` all call.

An import adds and changes, never removes: tags, seats and renewal terms are added, empty
cells leave what is there. Rows match on the external id (or vendor, product, name and
secret), so importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass, field
from itertools import islice
from typing import Any

from licman.models import Job, JobFile
from licman.resolvers.common import require_signed_in
from licman.resolvers.errors import DomainError, ErrorCode, FieldError, invalid
from licman.resolvers.imports import snipeit
from licman.resolvers.imports.fields import check_target, suggest_field
from licman.resolvers.imports.reader import FileProblem, cell_text, guess_format, read_rows
from licman.resolvers.job import job_start
from licman.resolvers.job_file import file_on_disk, file_store, upload_get
from licman.resolvers.validation import Checker
from licman.security.principal import Principal

KIND = "licenses_import"
FORMATS = ("csv", "json", "snipeit")
PREVIEW_ROWS = 5
# A CSV's header and first rows are in its first MiB; JSON is read whole (its columns come
# from its first 100 items, and a cut-off document does not parse).
HEAD_CHUNKS = 4


@dataclass
class ImportOptions:
    upload_id: int
    format: str
    mapping: list[tuple[str, str]]  # (column, target)
    match_by: str = "external_id"  # or "natural"
    apply: bool = False
    skip_bad_rows: bool = False
    default_currency: str | None = None
    day_first: bool = False

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> ImportOptions:
        data = dict(params)
        data["mapping"] = [tuple(pair) for pair in data.get("mapping", [])]
        return cls(**data)


@dataclass
class UploadPreview:
    upload: JobFile
    format: str
    columns: list[str]
    rows: list[list[str]]
    mapping: list[tuple[str, str]]
    match_by: str
    problem: str | None = None  # the file cannot be read; nothing else is filled in
    notes: list[str] = field(default_factory=list)


def suggested_mapping(columns: list[str], fmt: str) -> list[tuple[str, str]]:
    if fmt == "snipeit":
        return snipeit.mapping(columns)
    return [(column, suggest_field(column)) for column in columns]


def suggested_match(mapping: list[tuple[str, str]]) -> str:
    return "external_id" if any(t == "externalId" for _, t in mapping) else "natural"


async def import_upload(
    principal: Principal,
    name: str,
    chunks: AsyncIterator[bytes],
    *,
    fmt: str | None = None,
    max_bytes: int | None = None,
) -> UploadPreview:
    """Keep an uploaded file (encrypted) for imports, and preview it: its columns, its first
    rows, the suggested mapping and how rows will be matched."""
    _may_import(principal)
    if fmt is not None and fmt not in FORMATS:
        raise invalid("format", f"format must be one of {', '.join(FORMATS)}")
    upload = await file_store(principal, "upload", name, chunks, max_bytes=max_bytes)
    return await upload_preview(principal, upload.id, fmt)


async def upload_preview(
    principal: Principal, upload_id: int, fmt: str | None = None
) -> UploadPreview:
    upload = await upload_get(principal, upload_id)
    async with file_on_disk(upload.id, chunks=1) as path:
        with path.open("rb") as raw:
            chosen = fmt or guess_format(upload.name, raw.read(4096))
    async with file_on_disk(upload.id, chunks=None if chosen == "json" else HEAD_CHUNKS) as path:
        try:
            columns, rows = read_rows(path, "json" if chosen == "json" else "csv")
            sample = [
                [cell_text(r.cells.get(c)) for c in columns] for r in islice(rows, PREVIEW_ROWS)
            ]
        except FileProblem as exc:
            return UploadPreview(upload, chosen, [], [], [], "external_id", str(exc))
    if fmt is None and chosen == "csv" and _looks_like_snipeit(columns):
        chosen = "snipeit"
    mapping = suggested_mapping(columns, chosen)
    return UploadPreview(upload, chosen, columns, sample, mapping, suggested_match(mapping))


def _looks_like_snipeit(columns: list[str]) -> bool:
    keys = {c.strip().casefold() for c in columns}
    return {"item name", "licensed to name"} <= keys or {"licenses available", "id"} <= keys


def _may_import(principal: Principal) -> None:
    # Anyone signed in may start one: the engine decides per row what they may create or
    # change (a member may update licenses they are granted, and nothing else).
    require_signed_in(principal)


async def licenses_import_start(principal: Principal, options: ImportOptions) -> Job:
    """Check the options against the upload, then queue the import job."""
    _may_import(principal)
    upload = await upload_get(principal, options.upload_id)
    errors: list[FieldError] = []
    if options.format not in FORMATS:
        errors.append(
            FieldError(ErrorCode.INVALID, f"format must be one of {', '.join(FORMATS)}", "format")
        )
    if options.match_by not in ("external_id", "natural"):
        errors.append(
            FieldError(ErrorCode.INVALID, "matchBy must be EXTERNAL_ID or NATURAL", "matchBy")
        )
    if options.default_currency:
        check = Checker()
        options.default_currency = check.currency("defaultCurrency", options.default_currency)
        errors.extend(check.errors)
    columns = await _columns(upload, options.format)
    if not options.mapping:
        options.mapping = suggested_mapping(columns, options.format)
    for column, target in options.mapping:
        if column not in columns:
            errors.append(
                FieldError(ErrorCode.INVALID, f"the file has no column {column!r}", "mapping")
            )
        problem = check_target(target)
        if problem:
            errors.append(FieldError(ErrorCode.INVALID, problem, "mapping"))
    targets = {t for _, t in options.mapping}
    if options.match_by == "external_id" and "externalId" not in targets:
        errors.append(FieldError(ErrorCode.INVALID, "no column is mapped to externalId; map one "
                                 "or match on vendor, product and name", "matchBy"))  # fmt: skip
    if errors:
        raise DomainError.many(errors)
    return await job_start(principal, KIND, asdict(options))


async def _columns(upload: JobFile, fmt: str) -> list[str]:
    async with file_on_disk(upload.id, chunks=None if fmt == "json" else HEAD_CHUNKS) as path:
        try:
            columns, _ = read_rows(path, "json" if fmt == "json" else "csv")
        except FileProblem as exc:
            raise invalid("uploadId", str(exc)) from None
    return columns
