"""Signed audit reports: the events of a time range and filter as CSV or JSON, in a signed
envelope anyone can check with the site's public key (`licman audit verify-report`).

The job (kind `audit_report`) fixes the newest event it reports when it first runs (kept in
its checkpoint), so a resumed run writes the same report; it streams the events in id order
to a private temporary file, hashes it, and stores the envelope as the job's file:

    {"format": "licman-signed-v1", "key_id": "...", "signature": "...",
     "signed": {"kind": "audit_report", "content_sha256": "...", "events": N, "filter": {...},
                ...},
     "content": "<the CSV or JSON text, verbatim>"}

Events hold no secrets (they are redacted when recorded), so neither does a report. In CSV,
cells a spreadsheet would run as a formula get a leading quote (OWASP); JSON is exact.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

import orjson
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from licman.models import AuditChainHead, Job, JobFile
from licman.resolvers.audit import PendingEvent, audit_record_many
from licman.resolvers.audit_query import (
    AUDIT_EVENT_FIELDS,
    AuditEventFilter,
    audit_event_query,
    event_field_rules,
)
from licman.resolvers.common import now
from licman.resolvers.errors import DomainError, ErrorCode, FieldError, forbidden, unauthenticated
from licman.resolvers.imports.values import FORMULA_STARTS
from licman.resolvers.job import job_start
from licman.resolvers.job_file import file_store, new_temp_path, path_chunks
from licman.resolvers.job_run import JobRefused, JobRun
from licman.security.permissions import (
    Action,
    is_signed_in,
    may_report_audit,
    scope_needed,
)
from licman.security.principal import Principal
from licman.security.signing import BadSignature, signing_key, verify_document

KIND = "audit_report"
FORMATS = {"csv": "text/csv", "json": "application/json"}
BATCH = 2000
MAX_RANGE_DAYS = 3660


@dataclass
class ReportOptions:
    format: str = "csv"
    occurred_after: datetime | None = None  # inclusive
    occurred_before: datetime | None = None  # exclusive
    action: str | None = None  # exact, or a prefix ending with "."
    actor_user_id: int | None = None
    object_type: str | None = None
    object_id: str | None = None

    def to_params(self) -> dict[str, Any]:
        data = asdict(self)
        for name in ("occurred_after", "occurred_before"):
            if data[name] is not None:
                data[name] = _utc(data[name]).isoformat()
        return data

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> ReportOptions:
        data = dict(params)
        for name in ("occurred_after", "occurred_before"):
            if data.get(name):
                data[name] = datetime.fromisoformat(data[name])
        return cls(**data)

    def event_filter(self) -> AuditEventFilter:
        return AuditEventFilter(
            actor_user_id=self.actor_user_id,
            action=self.action,
            object_type=self.object_type,
            object_id=self.object_id,
            occurred_after=self.occurred_after,
            occurred_before=self.occurred_before,
        )


def _utc(value: datetime) -> datetime:
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)


def _may_report(principal: Principal) -> None:
    if not is_signed_in(principal):
        raise unauthenticated()
    if not may_report_audit(principal):
        raise forbidden("make audit reports", scope_needed(principal, Action.AUDIT_VIEW))


async def audit_report_start(principal: Principal, options: ReportOptions) -> Job:
    """Check the options and queue the report job (auditors and admins)."""
    _may_report(principal)
    errors: list[FieldError] = []
    if options.format not in FORMATS:
        errors.append(FieldError(ErrorCode.INVALID, "format must be CSV or JSON", "format"))
    after, before = options.occurred_after, options.occurred_before
    if after is not None and before is not None and _utc(after) >= _utc(before):
        errors.append(
            FieldError(
                ErrorCode.INVALID,
                "occurredBefore must be later than occurredAfter",
                "filter.occurredBefore",
            )
        )
    try:
        audit_event_query(options.event_filter())  # checks action, objectType, objectId
    except DomainError as exc:
        errors.extend(exc.errors)
    if errors:
        raise DomainError.many(errors)
    return await job_start(principal, KIND, options.to_params())


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        text = _utc(value).isoformat(timespec="microseconds")
    elif isinstance(value, dict | list):
        text = orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    out["occurred_at"] = _utc(out["occurred_at"]).isoformat(timespec="microseconds")
    return out


class _Writer:
    """Writes rows as CSV or as a JSON list, one event per line."""

    def __init__(self, out: TextIO, fmt: str) -> None:
        self.out, self.fmt, self.first = out, fmt, True
        self.csv = csv.writer(out) if fmt == "csv" else None
        if self.csv is not None:
            self.csv.writerow(AUDIT_EVENT_FIELDS)
        else:
            out.write("[")

    def row(self, values: dict[str, Any]) -> None:
        if self.csv is not None:
            self.csv.writerow([_cell(values[name]) for name in AUDIT_EVENT_FIELDS])
            return
        text = orjson.dumps(_plain(values), option=orjson.OPT_SORT_KEYS).decode()
        self.out.write(("\n" if self.first else ",\n") + text)
        self.first = False

    def close(self) -> None:
        if self.csv is None:
            self.out.write("\n]\n" if not self.first else "]\n")


def _text_pieces(path: Path, size: int = 64 * 1024) -> Iterator[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        while piece := handle.read(size):
            yield piece


def _write_envelope(path: Path, head: dict[str, Any], content: Path) -> None:
    """`head` as JSON with the content streamed in as its last key ("content"), escaped
    piece by piece, so the report is never held in memory whole."""
    prefix = json.dumps(head, ensure_ascii=False)[:-1]
    with path.open("w", encoding="utf-8") as out:
        out.write(prefix + ', "content": "')
        for piece in _text_pieces(content):
            out.write(json.dumps(piece, ensure_ascii=False)[1:-1])
        out.write('"}\n')


async def audit_report_run(run: JobRun) -> dict[str, Any]:
    """The job: write the report, sign it, store it as the job's file; audited."""
    options = ReportOptions.from_params(run.job.params)
    if not may_report_audit(run.principal):
        raise JobRefused("The user who started this report may no longer read the audit log.")
    query = audit_event_query(options.event_filter())
    through = run.job.checkpoint.get("through_id")
    if through is None:  # fixed once, so a resumed run writes the same report
        head = await AuditChainHead.get_or_none(id=1)
        through = head.last_event_id if head else 0
        async with run.batch() as conn:
            await run.save(conn, checkpoint={"through_id": through})
    async with run.batch() as conn:  # a file a killed earlier attempt stored: replaced
        await JobFile.filter(job_id=run.job.id, role="audit_report").using_db(conn).delete()
    query = query.filter(id__lte=through)
    field_rules = event_field_rules(run.principal)  # e-mails, costs as in the audit log
    total = await query.count()
    digest, size, count, first_id, last_id = hashlib.sha256(), 0, 0, None, 0
    with new_temp_path() as content, new_temp_path() as signed_path:
        with content.open("w", encoding="utf-8", newline="") as out:
            writer = _Writer(out, options.format)
            while True:
                rows = await (
                    query.filter(id__gt=last_id)
                    .order_by("id")
                    .limit(BATCH)
                    .values(*AUDIT_EVENT_FIELDS)
                )
                if not rows:
                    break
                for values in rows:
                    writer.row(field_rules(values))
                count += len(rows)
                first_id = first_id or rows[0]["id"]
                last_id = rows[-1]["id"]
                async with run.batch() as conn:
                    await run.save(conn, done=count, total=total)
            writer.close()
        with content.open("rb") as handle:
            while piece := handle.read(1024 * 1024):
                digest.update(piece)
                size += len(piece)
        key = signing_key()
        signed = {
            "kind": "audit_report",
            "report_format": options.format,
            "content_type": FORMATS[options.format],
            "content_sha256": digest.hexdigest(),
            "content_bytes": size,
            "events": count,
            "first_event_id": first_id,
            "last_event_id": last_id or None,
            "through_event_id": through,
            "filter": options.to_params(),
            "generated_at": now().isoformat(timespec="seconds"),
            "generated_by": run.principal.label,
            "job_id": run.job.id,
        }
        _write_envelope(signed_path, key.sign(signed), content)
        name = f"audit-report-{run.job.id}.{options.format}.signed.json"
        stored = await file_store(
            run.principal,
            "audit_report",
            name,
            path_chunks(signed_path),
            job_id=run.job.id,
            content_type="application/json",
        )
    result = {
        "events": count,
        "format": options.format,
        "contentSha256": signed["content_sha256"],
        "keyId": key.key_id,
        "fileId": stored.id,
    }
    async with run.batch() as conn:
        await audit_record_many(
            run.principal,
            [
                PendingEvent(
                    "audit.report",
                    "job",
                    run.job.id,
                    extra={
                        "events": count,
                        "format": options.format,
                        "filter": options.to_params(),
                        "content_sha256": signed["content_sha256"],
                    },
                )
            ],
            conn,
        )
        await run.save(conn, done=count, total=count, result=result)
    return result


@dataclass(frozen=True, slots=True)
class CheckedReport:
    signed: dict[str, Any]
    content: str


def check_report(data: bytes, public: Ed25519PublicKey) -> CheckedReport:
    """The report's signed facts and its content if the signature is the site's and the
    content is the one signed; else BadSignature saying what is wrong."""
    try:
        document = json.loads(data)
    except ValueError as exc:
        raise BadSignature(f"the file is not JSON: {exc}") from None
    signed = verify_document(document, public, kind="audit_report")
    content = document.get("content")
    if not isinstance(content, str):
        raise BadSignature('the report has no "content"')
    found = hashlib.sha256(content.encode("utf-8")).hexdigest()
    if found != signed.get("content_sha256"):
        raise BadSignature(
            "the content was altered: its SHA-256 is not the one signed "
            f"({found[:16]}… instead of {str(signed.get('content_sha256'))[:16]}…)"
        )
    return CheckedReport(signed, content)
