"""Job kind `licenses_import`: import licenses from an uploaded CSV, JSON or Snipe-IT file
(licman/resolvers/license_import_run.py does the work)."""

from __future__ import annotations

from typing import Any

from licman.resolvers.job_run import JobRun
from licman.resolvers.license_import import KIND
from licman.resolvers.license_import_run import licenses_import_run
from licman.workers.registry import job_kind


@job_kind(KIND, "Import licenses from a CSV, JSON or Snipe-IT file (a dry run unless applied).")
async def licenses_import(run: JobRun) -> dict[str, Any]:
    return await licenses_import_run(run)
