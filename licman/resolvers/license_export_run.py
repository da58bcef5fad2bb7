"""The export job itself: reads the licenses a page at a time through the list's own query
(`license_page`: the same filter, search, order and permission filter as the client's
table), turns each page into rows, and hands them to the file writer at once, so memory stays
flat whatever the size. CSV and JSON go straight into the job's encrypted file; XLSX through
openpyxl's write-only workbook, then into the job's file.

Field rules are the GraphQL ones, decided by the permission engine row by row: a cost the
caller may not read is left blank, an e-mail address they may not see too, and secrets go in
only when asked and allowed for every license (each one written is audited as a reveal).
A worker that dies half-way leaves no file; the job is resumed from the start."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

from licman.models import JobFile, License
from licman.resolvers.audit import PendingEvent, audit_record_many
from licman.resolvers.errors import DomainError
from licman.resolvers.exports.writers import (
    CONTENT_TYPES,
    CsvWriter,
    JsonWriter,
    Writer,
    XlsxWriter,
)
from licman.resolvers.job_file import file_store, new_temp_path, path_chunks
from licman.resolvers.job_run import JobRefused, JobRun
from licman.resolvers.license_export import (
    ExportOptions,
    license_export_check,
    secrets_refused,
)
from licman.resolvers.license_query import (
    LicenseOrderField,
    LicenseRow,
    Want,
    license_match_count,
    license_page,
)
from licman.resolvers.validation import micros_to_decimal
from licman.security.permissions import Action, ObjectChecker, may_see_email, object_checker
from licman.security.principal import Principal
from licman.security.secrets import keyring

PAGE = 500
ROLE = "export"

LICENSE_COLUMNS = [
    "externalId", "vendor", "product", "name", "kind", "status", "seats", "seatsUsed",
    "cost", "currency", "billingPeriod", "purchasedOn", "startsOn", "expiresOn", "cancelBy",
    "autoRenew", "owner", "ownerName", "seatHolders", "tags", "notes", "renewals", "metadata",
    "archivedAt",
]  # fmt: skip
SEAT_COLUMNS = [
    "vendor", "product", "license", "externalId", "holderName", "holderEmail", "assignedAt",
    "endsOn", "seats", "seatsUsed", "endedAt",
]  # fmt: skip
RENEWAL_COLUMNS = [
    "date", "event", "vendor", "product", "license", "externalId", "status", "autoRenew",
    "cost", "currency", "billingPeriod", "owner", "ownerName",
]  # fmt: skip
EXPIRES, CANCEL_BY = "expires", "cancel by"


class Fields:
    """What one caller may read of each license, decided by the permission engine without
    I/O per row (the caller's grants are loaded once)."""

    def __init__(self, principal: Principal, checker: ObjectChecker) -> None:
        self.principal = principal
        self.checker = checker

    def may(self, action: Action, v: dict[str, Any]) -> bool:
        return self.checker(
            action,
            license_id=v["id"],
            vendor_id=v["product__vendor_id"],
            owner_id=v["owner_id"],
        )

    def cost(self, v: dict[str, Any], micros: int | None) -> Any:
        return micros_to_decimal(micros) if self.may(Action.LICENSE_VIEW_COST, v) else None

    def email(self, user_id: int | None, email: str | None) -> str | None:
        if user_id is None or not may_see_email(self.principal, user_id):
            return None
        return email


def _license_row(f: Fields, row: LicenseRow) -> list[Any]:
    v = row.values
    renewals = [
        {
            "startsOn": t["starts_on"].isoformat(),
            "endsOn": t["ends_on"].isoformat(),
            "cost": _text(f.cost(v, t["cost_micros"])),
            "currency": t["currency"],
            "note": t["note"],
        }
        for t in row.renewals
    ]
    holders = [f.email(a["user_id"], a["user__email"]) for a in row.assignments]
    return [
        v["external_id"], v["product__vendor__name"], v["product__name"], v["name"], v["kind"],
        v["status"], v["seats"], v["seats_used"], f.cost(v, v["cost_micros"]), v["currency"],
        v["billing_period"], v["purchased_on"], v["starts_on"], v["expires_on"], v["cancel_by"],
        bool(v["auto_renew"]), f.email(v["owner_id"], v["owner__email"]), v["owner__name"],
        [h for h in holders if h], [t["name"] for t in row.tags], v["notes"],
        json.dumps(renewals, ensure_ascii=False) if renewals else None,
        v["metadata"] or None, v["archived_at"],
    ]  # fmt: skip


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _seat_rows(
    f: Fields, row: LicenseRow, holder: int | None = None, past: bool = False
) -> list[list[Any]]:
    """A row per seat of the license; with `holder` (the filter's assignee: one person's
    seats), only that person's seat; with `past`, the ended seats too (endedAt set)."""
    v = row.values
    seats = row.assignments + (row.past_assignments if past else [])
    return [
        [
            v["product__vendor__name"],
            v["product__name"],
            v["name"],
            v["external_id"],
            a["user__name"],
            f.email(a["user_id"], a["user__email"]),
            a["assigned_at"],
            a["ends_on"],
            v["seats"],
            v["seats_used"],
            a.get("revoked_at"),
        ]
        for a in seats
        if holder is None or a["user_id"] == holder
    ]


def _renewal_row(f: Fields, when: date, event: str, row: LicenseRow) -> list[Any]:
    v = row.values
    return [
        when, event, v["product__vendor__name"], v["product__name"], v["name"],
        v["external_id"], v["status"], bool(v["auto_renew"]), f.cost(v, v["cost_micros"]),
        v["currency"], v["billing_period"], f.email(v["owner_id"], v["owner__email"]),
        v["owner__name"],
    ]  # fmt: skip


async def _pages(
    principal: Principal,
    options: ExportOptions,
    order: LicenseOrderField,
    descending: bool,
    want: Want,
) -> AsyncIterator[list[LicenseRow]]:
    """The licenses of the list, page after page (keyset pagination, as the client pages)."""
    after: str | None = None
    while True:
        page = await license_page(
            principal,
            first=PAGE,
            after=after,
            flt=options.filter,
            search=options.search,
            order=order,
            descending=descending,
            want=want,
            max_page=PAGE,
        )
        if page.rows:
            yield page.rows
        if not page.has_next_page or not page.rows:
            return
        after = page.rows[-1].cursor


Event = tuple[date, int, int, str, LicenseRow]


async def _dated(
    principal: Principal, options: ExportOptions, order: LicenseOrderField, event: str
) -> AsyncIterator[Event]:
    """(date, ...) of each license with that date, in date order (NULLs come last: stop)."""
    column = order.value
    rank = 0 if order is LicenseOrderField.CANCEL_BY else 1  # cancel by before expiry
    async for rows in _pages(principal, options, order, False, Want()):
        for row in rows:
            when = row.values[column]
            if when is None:
                return
            yield (when, rank, row.values["id"], event, row)


async def _merged(a: AsyncIterator[Event], b: AsyncIterator[Event]) -> AsyncIterator[Event]:
    """Two date-ordered streams as one."""
    end = object()
    x: Any = await anext(a, end)
    y: Any = await anext(b, end)
    while x is not end or y is not end:
        if y is end or (x is not end and x[:3] <= y[:3]):
            yield x
            x = await anext(a, end)
        else:
            yield y
            y = await anext(b, end)


# Table rows, the licenses they came from (for the licenses export: one row each), and how
# many licenses were read for them.
Batch = tuple[list[list[Any]], list[LicenseRow], int]


async def _batches(run: JobRun, options: ExportOptions, fields: Fields) -> AsyncIterator[Batch]:
    principal = run.principal
    if options.kind == "licenses":
        want = Want(tags=True, assignments=True, renewals=True)
        extra = [None] if options.include_secrets else []  # the secret, filled in later
        async for rows in _pages(principal, options, options.order, options.descending, want):
            yield [_license_row(fields, r) + extra for r in rows], rows, len(rows)
    elif options.kind == "seats":
        # One person's seat history (heldById): their ended seats as well.
        past = options.filter.held_by_id is not None
        want = Want(assignments=True, past_assignments=past)
        by_product = _pages(principal, options, LicenseOrderField.PRODUCT, False, want)
        holder = options.filter.held_by_id or options.filter.assignee_id
        async for rows in by_product:
            yield [s for r in rows for s in _seat_rows(fields, r, holder, past)], [], len(rows)
    else:
        events = _merged(
            _dated(principal, options, LicenseOrderField.CANCEL_BY, CANCEL_BY),
            _dated(principal, options, LicenseOrderField.EXPIRY, EXPIRES),
        )
        batch: list[list[Any]] = []
        async for when, _, _, event, row in events:
            batch.append(_renewal_row(fields, when, event, row))
            if len(batch) >= PAGE:
                yield batch, [], len(batch)
                batch = []
        if batch:
            yield batch, [], len(batch)


def _columns(options: ExportOptions) -> list[str]:
    if options.kind == "seats":
        return SEAT_COLUMNS
    if options.kind == "renewals":
        return RENEWAL_COLUMNS
    return LICENSE_COLUMNS + (["secret"] if options.include_secrets else [])


class Progress:
    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.rows = 0
        self.secrets = 0


async def _with_secrets(
    run: JobRun, fields: Fields, rows: list[list[Any]], licenses: list[LicenseRow]
) -> int:
    """Put each license's secret in the last column, after checking again that the caller
    may reveal it; one `license.reveal` event per secret written, in the page's batch."""
    ids = [r.values["id"] for r in licenses]
    ciphertexts = dict(await License.filter(id__in=ids).values_list("id", "secret_ciphertext"))
    events = []
    ring = keyring()
    for table_row, license_row in zip(rows, licenses, strict=True):
        v = license_row.values
        if not fields.may(Action.LICENSE_REVEAL, v):
            # Changed since the check at the start (a grant revoked meanwhile).
            raise JobRefused(secrets_refused(run.principal).message)
        ciphertext = ciphertexts.get(v["id"])
        if ciphertext is None:
            continue
        table_row[-1] = ring.decrypt(v["id"], ciphertext)
        events.append(PendingEvent("license.reveal", "license", v["id"], extra={"job": run.job.id}))
    async with run.batch() as conn:
        await audit_record_many(run.principal, events, conn)
    return len(events)


async def licenses_export_run(run: JobRun) -> dict[str, Any]:
    options = ExportOptions.from_params(run.job.params)
    try:
        return await _run(run, options)
    except DomainError as exc:  # e.g. the token no longer has licenses:read
        raise JobRefused(exc.message) from None


async def _run(run: JobRun, options: ExportOptions) -> dict[str, Any]:
    principal = run.principal
    # A resumed export starts again: what an earlier attempt began is not a file.
    await JobFile.filter(job_id=run.job.id, role=ROLE).delete()
    if options.include_secrets:
        check = await license_export_check(principal, options.filter, options.search)
        if not check.may_include_secrets:
            raise JobRefused(secrets_refused(principal).message)
    licenses = await license_match_count(principal, options.filter, options.search)
    progress = Progress(licenses * (2 if options.kind == "renewals" else 1))
    fields = Fields(principal, await object_checker(principal))
    async with run.batch() as conn:
        await run.save(conn, done=0, total=progress.total, checkpoint={})

    async def table() -> AsyncIterator[list[list[Any]]]:
        async for table_rows, licenses_read, read in _batches(run, options, fields):
            if options.include_secrets:
                progress.secrets += await _with_secrets(run, fields, table_rows, licenses_read)
            await _advance(run, progress, table_rows, read)
            yield table_rows

    name = f"{options.kind}-{date.today().isoformat()}.{options.format}"
    if options.format == "xlsx":
        with new_temp_path() as path:
            book = XlsxWriter(path, options.kind.capitalize())
            book.header(_columns(options))
            async for table_rows in table():
                book.rows(table_rows)
            book.save()
            record = await file_store(
                principal, ROLE, name, path_chunks(path), job_id=run.job.id,
                content_type=CONTENT_TYPES["xlsx"],
            )  # fmt: skip
    else:
        writer: Writer = CsvWriter() if options.format == "csv" else JsonWriter()

        async def body() -> AsyncIterator[bytes]:
            yield writer.header(_columns(options))
            async for table_rows in table():
                yield writer.rows(table_rows)
            yield writer.end()

        record = await file_store(
            principal, ROLE, name, body(), job_id=run.job.id,
            content_type=CONTENT_TYPES[options.format],
        )  # fmt: skip
    result = {
        "kind": options.kind,
        "format": options.format,
        "licenses": licenses,
        "rows": progress.rows,
        "secrets": progress.secrets,
        "includeSecrets": options.include_secrets,
        "file": record.name,
        "size": record.size,
        "_file_id": record.id,
    }
    async with run.batch() as conn:
        summary = PendingEvent(
            "license.export",
            "job",
            run.job.id,
            extra={k: result[k] for k in ("kind", "format", "licenses", "rows", "secrets")},
        )
        await audit_record_many(principal, [summary], conn)
        await run.save(conn, done=progress.total)
        # Under the fence: a worker that lost the job while writing leaves no second file.
        others = JobFile.filter(job_id=run.job.id, role=ROLE).exclude(id=record.id)
        await others.using_db(conn).delete()
    return result


async def _advance(run: JobRun, progress: Progress, rows: list[list[Any]], read: int) -> None:
    progress.rows += len(rows)
    progress.done = min(progress.total, progress.done + read)
    async with run.batch() as conn:
        await run.save(conn, done=progress.done)
