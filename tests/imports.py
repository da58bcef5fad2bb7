"""Helpers for import tests: upload a fixture file and run the import job in-process, the
way the server runs it without Redis (the same `run_job` a Celery worker calls)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from licman.models import Job, JobRowError, Role, User
from licman.resolvers.license_import import ImportOptions, import_upload, licenses_import_start
from licman.security.principal import Principal, PrincipalKind
from licman.settings import Settings
from licman.workers.runner import run_job

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
SETTINGS = Settings(job_lease_seconds=60)


async def chunks_of(data: bytes, size: int = 1000) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


async def upload(
    principal: Principal, name: str, data: bytes | None = None, fmt: str | None = None
) -> Any:
    content = data if data is not None else (FIXTURES / name).read_bytes()
    return await import_upload(principal, name, chunks_of(content), fmt=fmt)


async def run_import(
    principal: Principal,
    name: str,
    *,
    apply: bool = False,
    data: bytes | None = None,
    **options: Any,
) -> Job:
    """Upload, start and run an import to the end; return the finished job."""
    preview = await upload(principal, name, data, options.pop("format", None))
    assert preview.problem is None, preview.problem
    job = await licenses_import_start(
        principal,
        ImportOptions(
            upload_id=preview.upload.id,
            format=preview.format,
            mapping=options.pop("mapping", preview.mapping),
            match_by=options.pop("match_by", preview.match_by),
            apply=apply,
            **options,
        ),
    )
    await run_job(job.id, SETTINGS)
    return await Job.get(id=job.id)


async def problems(job: Job) -> list[tuple[int, str, str]]:
    rows = await JobRowError.filter(job_id=job.id).order_by("row", "id")
    return [(r.row, r.column, r.message) for r in rows]


async def people(*emails: str) -> list[User]:
    return [await User.create(email=e, name=e.split("@")[0]) for e in emails]


async def admin_principal() -> Principal:
    user = await User.create(email="importer@example.com", name="Importer", role=Role.ADMIN)
    return Principal(PrincipalKind.SESSION, user=user)
