"""Job kind `reminders_digest`: the daily expiry digest by e-mail
(licman/resolvers/reminder_digest.py does the work)."""

from __future__ import annotations

from typing import Any

from licman.resolvers.job_run import JobRun
from licman.resolvers.reminder_digest import KIND, reminders_digest_run
from licman.workers.registry import job_kind


@job_kind(KIND, "E-mail each user one digest of the licenses expiring or to cancel soon.")
async def reminders_digest(run: JobRun) -> dict[str, Any]:
    return await reminders_digest_run(run)
