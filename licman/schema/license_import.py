"""Importing licenses over GraphQL: `importUpload` (a file, sent as a multipart request per
the GraphQL multipart request spec) shows its columns, first rows and a suggested mapping;
`licensesImport` starts the import job (a dry run unless `apply`); `importFields` lists
what a column can be mapped to."""

from __future__ import annotations

from collections.abc import AsyncIterator
from enum import Enum

import strawberry
from strawberry.file_uploads import Upload

from licman.resolvers import license_import as ops
from licman.resolvers.imports.fields import FIELDS
from licman.resolvers.job_file import CHUNK
from licman.schema.context import Info
from licman.schema.errors import UserError
from licman.schema.ids import decode_id, global_id
from licman.schema.job import Job, JobPayload
from licman.schema.mutation import attempt


@strawberry.enum(description="What an import file holds.")
class ImportFormat(Enum):
    CSV = "csv"
    JSON = "json"
    SNIPEIT = "snipeit"


@strawberry.enum(description="How import rows find the license they describe.")
class ImportMatch(Enum):
    EXTERNAL_ID = "external_id"
    NATURAL = "natural"


@strawberry.enum(description="How to read dates such as 03/04/25.")
class DateOrder(Enum):
    MONTH_FIRST = "month_first"
    DAY_FIRST = "day_first"


@strawberry.type(description="Something a column of an import file can be mapped to.")
class ImportField:
    name: str = strawberry.field(description="Use it as `field` in a mapping.")
    label: str
    description: str


@strawberry.type(description="One column of the file, and the field it fills ('' = ignored).")
class ImportMapping:
    column: str
    field: str = strawberry.field(
        description="A name from importFields, custom:<key> (text kept as a custom field), "
        "flag:<key> (a yes/no custom field) or '' to ignore the column."
    )


@strawberry.input(description="One column of the file, and the field it fills ('' = ignored).")
class ImportMappingInput:
    column: str
    field: str


@strawberry.type(description="An uploaded file, ready to import: its columns and first rows.")
class ImportUpload:
    id: strawberry.ID
    name: str
    size: int
    format: ImportFormat = strawberry.field(description="As chosen, or as guessed.")
    columns: list[str]
    preview_rows: list[list[str]] = strawberry.field(description="The first rows, as text.")
    suggested_mapping: list[ImportMapping]
    suggested_match: ImportMatch
    problem: str | None = strawberry.field(
        description="Why the file cannot be read (then nothing else is filled in)."
    )


@strawberry.type
class ImportUploadPayload:
    upload: ImportUpload | None
    errors: list[UserError]


@strawberry.input(description="A file to import. Send it as a multipart request.")
class ImportUploadInput:
    file: Upload
    format: ImportFormat | None = strawberry.field(
        default=None, description="Leave out to guess from the name and the contents."
    )


@strawberry.input(description="Start an import of an uploaded file.")
class LicensesImportInput:
    upload_id: strawberry.ID
    format: ImportFormat
    mapping: list[ImportMappingInput] | None = strawberry.field(
        default=None, description="Leave out to use the suggested mapping."
    )
    match_by: ImportMatch = ImportMatch.EXTERNAL_ID
    apply: bool = strawberry.field(
        default=False,
        description="False (the default): a dry run that says what would change. True: do it, "
        "all or nothing unless skipBadRows.",
    )
    skip_bad_rows: bool = strawberry.field(
        default=False, description="Import the good rows; the bad ones come back as a file."
    )
    default_currency: str | None = strawberry.field(
        default=None, description="ISO code for costs that name no currency."
    )
    date_order: DateOrder = DateOrder.MONTH_FIRST


async def _chunks(file: Upload) -> AsyncIterator[bytes]:
    while piece := await file.read(CHUNK):  # type: ignore[attr-defined]
        yield piece


def _upload(preview: ops.UploadPreview) -> ImportUpload:
    return ImportUpload(
        id=global_id("ImportUpload", preview.upload.id),
        name=preview.upload.name,
        size=preview.upload.size,
        format=ImportFormat(preview.format),
        columns=preview.columns,
        preview_rows=preview.rows,
        suggested_mapping=[ImportMapping(column=c, field=f) for c, f in preview.mapping],
        suggested_match=ImportMatch(preview.match_by),
        problem=preview.problem,
    )


@strawberry.type
class ImportQuery:
    @strawberry.field(description="What a column of an import file can be mapped to.")
    def import_fields(self) -> list[ImportField]:
        return [ImportField(name=f.name, label=f.label, description=f.description) for f in FIELDS]


@strawberry.type
class ImportMutation:
    @strawberry.mutation(
        description="Upload a file to import (CSV, JSON or Snipe-IT). Nothing is imported yet: "
        "the answer shows its columns, first rows and a suggested mapping."
    )
    async def import_upload(self, info: Info, input: ImportUploadInput) -> ImportUploadPayload:
        ctx = info.context
        filename = getattr(input.file, "filename", None) or "upload"
        preview, errors = await attempt(
            lambda: ops.import_upload(
                ctx.principal,
                filename,
                _chunks(input.file),
                fmt=input.format.value if input.format else None,
                max_bytes=ctx.settings.import_max_mb * 1024 * 1024,
            )
        )
        return ImportUploadPayload(upload=_upload(preview) if preview else None, errors=errors)

    @strawberry.mutation(
        description="Start importing an uploaded file. A dry run unless apply is true; poll "
        "job(id) for progress. Rows you may not create or change are refused one by one."
    )
    async def licenses_import(self, info: Info, input: LicensesImportInput) -> JobPayload:
        principal = info.context.principal

        async def start() -> Job:
            options = ops.ImportOptions(
                upload_id=decode_id(input.upload_id, "ImportUpload", "uploadId"),
                format=input.format.value,
                mapping=[(m.column, m.field) for m in input.mapping or []],
                match_by=input.match_by.value,
                apply=input.apply,
                skip_bad_rows=input.skip_bad_rows,
                default_currency=input.default_currency,
                day_first=input.date_order is DateOrder.DAY_FIRST,
            )
            return Job.from_model(await ops.licenses_import_start(principal, options))

        job, errors = await attempt(start)
        return JobPayload(job=job, errors=errors)
