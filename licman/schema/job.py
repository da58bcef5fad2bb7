"""Jobs over GraphQL: `job(id)`, `jobs`, and the Job type every job-starting mutation
returns. A client polls `job(id)` for its progress; only the user who started a job, and
admins, can see it."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON

from licman import models
from licman.resolvers import job as ops
from licman.resolvers import job_file as file_ops
from licman.resolvers.errors import DomainError
from licman.schema.context import Info
from licman.schema.errors import UserError
from licman.schema.ids import decode_id, global_id

strawberry.enum(models.JobStatus, name="JobStatus", description="Where a job stands.")
FILES_PATH = "/downloads"


@strawberry.type(description="A problem a job found in its input: where, and why, in plain words.")
class JobRowError:
    row: int = strawberry.field(
        description="Row number as a spreadsheet shows it (the header is row 1); for JSON, "
        "the position of the item in the list, from 1."
    )
    column: str = strawberry.field(description="The column (or JSON key) at fault, if any.")
    code: str = strawberry.field(description="INVALID, NOT_FOUND or FORBIDDEN.")
    message: str


@strawberry.type(description="A page of a job's problems, in row order.")
class JobRowErrorPage:
    total_count: int
    nodes: list[JobRowError]


@strawberry.type(description="A file a job wrote, e.g. the rows to fix after an import.")
class JobFile:
    id: strawberry.ID
    name: str
    role: str = strawberry.field(description="What it is: rows_to_fix, export, ...")
    size: int = strawberry.field(description="Bytes.")

    @strawberry.field(description="Where to download it (GET, signed in as you).")
    def url(self) -> str:
        return f"{FILES_PATH}/{self.id}"


@strawberry.type(description="Batch work (an import, an export, a report) and its progress.")
class Job:
    id: strawberry.ID
    kind: str = strawberry.field(description="What it does, e.g. licenses_import.")
    status: models.JobStatus
    progress_done: int = strawberry.field(description="Units of work done (rows, items).")
    progress_total: int | None = strawberry.field(description="Units in all; null until known.")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    error: str = strawberry.field(description="Why it failed, in plain words; empty otherwise.")
    result: JSON = strawberry.field(
        description="What it did, by kind. licenses_import: total, created, updated, unchanged, "
        "errors (rows with problems), skipped, dryRun, applied. licenses_export: kind, format, "
        "licenses, rows, secrets (how many were written), file, size, download (its URL)."
    )
    attempts: int = strawberry.field(
        description="How many times a worker took it up (more than 1: it was resumed)."
    )
    pk: strawberry.Private[int]

    @strawberry.field(description="Percent done, 0 to 100; null until the total is known.")
    def percent(self) -> float | None:
        if self.status is models.JobStatus.SUCCEEDED:
            return 100.0
        if not self.progress_total:
            return None
        return round(min(100.0, 100.0 * self.progress_done / self.progress_total), 1)

    @strawberry.field(description="The problems it found in its input, by row.")
    async def row_errors(
        self,
        info: Info,
        first: Annotated[int, strawberry.argument(description="1 to 500.")] = 100,
        offset: int = 0,
    ) -> JobRowErrorPage:
        rows, total = await ops.job_row_errors(
            info.context.principal, self.pk, first=first, offset=offset
        )
        return JobRowErrorPage(
            total_count=total,
            nodes=[
                JobRowError(row=r.row, column=r.column, code=r.code, message=r.message)
                for r in rows
            ],
        )

    @strawberry.field(description="Files it wrote, to download.")
    async def files(self) -> list[JobFile]:
        found = await file_ops.job_files(self.pk)
        return [
            JobFile(id=global_id("JobFile", f.id), name=f.name, role=f.role, size=f.size)
            for f in found
        ]

    @classmethod
    def from_model(cls, job: models.Job) -> Job:
        return cls(
            id=global_id("Job", job.id),
            kind=job.kind,
            status=models.JobStatus(job.status),
            progress_done=job.progress_done,
            progress_total=job.progress_total,
            created_at=job.created_at,
            started_at=job.started_at,
            finished_at=job.finished_at,
            error=job.error,
            result=_public(job.result),  # type: ignore[arg-type]
            attempts=job.attempts,
            pk=job.id,
        )


def _public(result: dict[str, Any]) -> dict[str, Any]:
    shown = {k: v for k, v in (result or {}).items() if not k.startswith("_")}
    file_id = (result or {}).get("_file_id")
    if isinstance(file_id, int):  # an export: where its file is downloaded
        shown["download"] = f"{FILES_PATH}/{global_id('JobFile', file_id)}"
    return shown


@strawberry.type(description="The job a mutation started, or why it did not start.")
class JobPayload:
    job: Job | None
    errors: list[UserError]


@strawberry.type
class JobQuery:
    @strawberry.field(description="A job you started (admins: any job), or null.")
    async def job(self, info: Info, id: strawberry.ID) -> Job | None:
        pk = decode_id(id, "Job", "id")
        try:
            return Job.from_model(await ops.job_get(info.context.principal, pk))
        except DomainError as exc:
            if exc.code == "NOT_FOUND":
                return None  # "or null": the executor turns every other refusal into an error
            raise

    @strawberry.field(description="Jobs you started (admins: everyone's), newest first.")
    async def jobs(
        self,
        info: Info,
        first: Annotated[int, strawberry.argument(description="1 to 500.")] = 50,
        kind: str | None = None,
        status: models.JobStatus | None = None,
    ) -> list[Job]:
        found = await ops.jobs_list(info.context.principal, first=first, kind=kind, status=status)
        return [Job.from_model(j) for j in found]
