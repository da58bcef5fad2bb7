"""Helpers for export tests: run an export job in-process (the same `run_job` a Celery
worker calls) and read the file it wrote."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from licman.models import Job, JobFile
from licman.resolvers.job_file import file_chunks
from licman.resolvers.license_export import ExportOptions, licenses_export_start
from licman.security.principal import Principal
from licman.workers.runner import run_job
from tests.imports import SETTINGS


async def run_export(principal: Principal, **options: Any) -> Job:
    job = await licenses_export_start(principal, ExportOptions(**options))
    await run_job(job.id, SETTINGS)
    return await Job.get(id=job.id)


async def file_bytes(job: Job) -> bytes:
    record = await JobFile.get(job_id=job.id, role="export", complete=True)
    return b"".join([piece async for piece in file_chunks(record.id)])


def csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def json_rows(data: bytes) -> list[dict[str, Any]]:
    rows = json.loads(data)
    assert isinstance(rows, list)
    return rows
