"""Job kind `licenses_export`: the licenses list, the seat holders per product or the
renewal calendar as a CSV, JSON or XLSX file (licman/resolvers/license_export_run.py does
the work)."""

from __future__ import annotations

from typing import Any

from licman.resolvers.job_run import JobRun
from licman.resolvers.license_export import KIND
from licman.resolvers.license_export_run import licenses_export_run
from licman.workers.registry import job_kind


@job_kind(KIND, "Export licenses, seat holders or the renewal calendar (CSV, JSON, XLSX).")
async def licenses_export(run: JobRun) -> dict[str, Any]:
    return await licenses_export_run(run)
