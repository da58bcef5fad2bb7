"""Run one job by id: the same function whether Celery calls it in a worker, the server
calls it in-process (no Redis), or `licman import` calls it from the shell."""

from __future__ import annotations

from datetime import timedelta

import structlog

from licman.models import JobStatus
from licman.resolvers.job_run import JobRefused, LostClaim, claim, principal_for
from licman.settings import Settings
from licman.workers.registry import get_kind

log = structlog.get_logger("licman.jobs")


async def run_job(job_id: int, settings: Settings, task_id: str | None = None) -> str:
    """Claim the job and run it to the end. Returns what happened, for logs and tests:
    `succeeded`, `failed`, `skipped` (someone else has it, or it is finished) or `lost`
    (our claim ran out while we worked; the new holder finishes it)."""
    run = await claim(job_id, timedelta(seconds=settings.job_lease_seconds), task_id)
    if run is None:
        log.info("job not claimed: finished, or running elsewhere", job_id=job_id)
        return "skipped"
    run.settings = settings
    bound = log.bind(job_id=job_id, kind=run.job.kind, attempt=run.job.attempts)
    bound.info("job started")
    try:
        kind = get_kind(run.job.kind)
        if kind is None:
            raise JobRefused(f"This server does not know jobs of kind {run.job.kind!r}.")
        run.principal = await principal_for(run.job)
        result = await kind.run(run)
    except LostClaim:
        bound.warning("job claim lost; another worker continues it")
        return "lost"
    except JobRefused as exc:
        try:
            await run.finish(JobStatus.FAILED, exc.result or run.job.result, str(exc))
        except LostClaim:
            return "lost"
        bound.info("job failed", reason=str(exc))
        return "failed"
    except Exception:
        bound.exception("job crashed")
        message = f"Internal error while running job {job_id}; the worker's log has the details."
        try:
            await run.finish(JobStatus.FAILED, run.job.result, message)
        except LostClaim:
            return "lost"
        return "failed"
    try:
        await run.finish(JobStatus.SUCCEEDED, result)
    except LostClaim:
        return "lost"
    bound.info("job succeeded")
    return "succeeded"
