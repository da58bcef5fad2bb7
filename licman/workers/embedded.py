"""Jobs without Redis: the server runs them itself, in its own event loop, with the same
`run_job` a Celery worker calls. New jobs start at once; a relay loop also picks up jobs
left queued or half-done by a previous run of the server (they resume from their checkpoint),
and a daily loop starts the expiry digest (workers/schedule.py), as Celery beat does with Redis.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from datetime import timedelta

import structlog

from licman.resolvers.job import set_dispatcher
from licman.settings import Settings
from licman.workers.relay import REQUEUE_AFTER, publish_outbox, relay_once
from licman.workers.retention import EVERY as RETENTION_EVERY
from licman.workers.retention import retention_configured, retention_once
from licman.workers.runner import run_job
from licman.workers.schedule import digest_loop

log = structlog.get_logger("licman.jobs")
# Jobs run one at a time in the server: they share its CPU with the requests.
CONCURRENCY = 1


class EmbeddedRunner:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.tasks: set[asyncio.Task[str]] = set()
        self.slots = asyncio.Semaphore(CONCURRENCY)
        self.wake = asyncio.Event()
        self.next_retention: float | None = None

    async def _start(self, job_id: int) -> None:
        task = asyncio.create_task(self._run(job_id), name=f"licman-job-{job_id}")
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _run(self, job_id: int) -> str:
        async with self.slots:
            return await run_job(job_id, self.settings, task_id=f"embedded-{job_id}")

    async def notify(self, job_id: int) -> None:
        await publish_outbox(self._start, job_id=job_id)

    async def _retention(self) -> None:
        """Daily retention (`audit_retention_days`, `api_request_retention_days`), the first
        time a minute after start: what Celery beat schedules when there is Redis."""
        moment = time.monotonic()
        if self.next_retention is None:
            self.next_retention = moment + 60
        if moment < self.next_retention:
            return
        self.next_retention = moment + RETENTION_EVERY.total_seconds()
        try:
            await retention_once(self.settings)
        except Exception:
            log.exception("retention failed; it is tried again tomorrow")

    async def _loop(self) -> None:
        # The first round revives every queued job: no message survives a server restart.
        requeue_after = timedelta(0)
        while True:
            try:
                await relay_once(self._start, requeue_after)
            except Exception:
                log.exception("job relay round failed")
            if retention_configured(self.settings):
                await self._retention()
            requeue_after = REQUEUE_AFTER
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), self.settings.job_relay_seconds)
            self.wake.clear()

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        set_dispatcher(self.notify)
        loop = asyncio.create_task(self._loop(), name="licman-job-relay")
        # The daily expiry digest, which Celery beat starts when there is Redis.
        daily = asyncio.create_task(digest_loop(self.settings), name="licman-digest-schedule")
        try:
            yield
        finally:
            set_dispatcher(None)
            # A job cut off here keeps its lease; the next start resumes it from its checkpoint.
            for task in [loop, daily, *self.tasks]:
                task.cancel()
            await asyncio.gather(loop, daily, *self.tasks, return_exceptions=True)
