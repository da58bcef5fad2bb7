"""The outbox relay: publish jobs whose outbox row is unsent (Redis was down, or the
process that started them could not reach it), and revive jobs a dead worker left behind.

Every publish first claims its outbox row (`UPDATE ... WHERE sent_at IS NULL`), so two
relays never publish the same row; a job published twice anyway (a revived job whose old
message also comes back) still runs once, because running starts with an atomic claim.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from datetime import timedelta

import structlog
from tortoise.expressions import F

from licman.models import Job, JobOutbox, JobStatus
from licman.resolvers.common import now
from licman.resolvers.job_file import files_expire

log = structlog.get_logger("licman.jobs")

Publish = Callable[[int], Awaitable[None]]
# A queued job whose message went out this long ago without a worker taking it is published
# again (its message may have been lost with a Redis that kept no data on disk).
REQUEUE_AFTER = timedelta(minutes=10)
BATCH = 100
CLEANUP_EVERY = 3600.0  # seconds


async def publish_outbox(publish: Publish, *, job_id: int | None = None) -> int:
    """Publish unsent outbox rows (of one job, or the oldest BATCH); stop at the first
    failure (the broker is down: the rows stay for the next round). Returns rows sent."""
    query = JobOutbox.filter(sent_at__isnull=True)
    if job_id is not None:
        query = query.filter(job_id=job_id)
    sent = 0
    for row in await query.order_by("id").limit(BATCH):
        taken = await JobOutbox.filter(id=row.id, sent_at__isnull=True).update(
            sent_at=now(), attempts=F("attempts") + 1
        )
        if not taken:
            continue  # another relay has it
        try:
            await publish(row.job_id)
        except Exception as exc:
            await JobOutbox.filter(id=row.id).update(sent_at=None, last_error=str(exc)[:500])
            log.warning("cannot publish job yet", job_id=row.job_id, error=str(exc)[:200])
            break
        sent += 1
    return sent


async def revive_abandoned(requeue_after: timedelta = REQUEUE_AFTER) -> list[int]:
    """Queue an outbox row for each running job whose lease ran out (its worker died) and
    each queued job that nobody took for `requeue_after` after it was published."""
    moment = now()
    running = Job.filter(status=JobStatus.RUNNING, lease_until__lt=moment)
    stale: set[int] = {row["id"] for row in await running.values("id")}
    waiting = {row["id"] for row in await Job.filter(status=JobStatus.QUEUED).values("id")}
    if waiting:
        recent = JobOutbox.filter(job_id__in=waiting, sent_at__gte=moment - requeue_after)
        stale |= waiting - {row["job_id"] for row in await recent.values("job_id")}
    if not stale:
        return []
    unsent = JobOutbox.filter(job_id__in=stale, sent_at__isnull=True)
    pending = {row["job_id"] for row in await unsent.values("job_id")}
    revived = sorted(stale - pending)
    if revived:
        await JobOutbox.bulk_create([JobOutbox(job_id=job_id) for job_id in revived])
        log.info("jobs handed out again", job_ids=revived)
    return revived


_last_cleanup = 0.0


async def relay_once(publish: Publish, requeue_after: timedelta = REQUEUE_AFTER) -> int:
    global _last_cleanup
    await revive_abandoned(requeue_after)
    if time.monotonic() - _last_cleanup > CLEANUP_EVERY:
        _last_cleanup = time.monotonic()
        await files_expire()  # uploads and job files past their retention
    return await publish_outbox(publish)
