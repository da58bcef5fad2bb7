"""Job kind `audit_report`: a signed report of audit events (licman/resolvers/audit_report.py
does the work)."""

from __future__ import annotations

from typing import Any

from licman.resolvers.audit_report import KIND, audit_report_run
from licman.resolvers.job_run import JobRun
from licman.workers.registry import job_kind


@job_kind(KIND, "A signed report of audit events, as CSV or JSON.")
async def audit_report(run: JobRun) -> dict[str, Any]:
    return await audit_report_run(run)
