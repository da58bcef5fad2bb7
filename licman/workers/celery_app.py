"""The Celery application (Redis as broker and result backend) and its two tasks: run a job,
and relay the outbox. Built from Licman's settings, never from CELERY_* variables."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, TypeVar

import anyio.to_thread
import structlog
from celery import Celery
from celery.schedules import crontab
from celery.signals import worker_ready

from licman.db import connected
from licman.resolvers.reminder_digest import reminders_digest_start as reminders_digest_start_job
from licman.resolvers.reminder_digest import today_utc
from licman.security.keyring_setup import prepare_keyring
from licman.security.principal import system
from licman.settings import Settings
from licman.workers.relay import Publish, publish_outbox, relay_once
from licman.workers.retention import EVERY as RETENTION_EVERY
from licman.workers.retention import retention_configured, retention_once
from licman.workers.runner import run_job
from licman.workers.schedule import digest_enabled

log = structlog.get_logger("licman.jobs")
T = TypeVar("T")

RUN_TASK = "licman.jobs_run"
RELAY_TASK = "licman.jobs_relay"
RETENTION_TASK = "licman.retention"
DIGEST_TASK = "licman.reminders_digest_start"
QUEUE = "licman"
# Celery reads these before its own configuration; Licman's settings must win.
OVERRIDING_VARIABLES = (
    "CELERY_BROKER_URL",
    "CELERY_BROKER_READ_URL",
    "CELERY_BROKER_WRITE_URL",
    "CELERY_RESULT_BACKEND",
)


def _drop_overrides() -> None:
    for name in OVERRIDING_VARIABLES:
        if os.environ.pop(name, None) is not None:
            log.warning("ignoring environment variable; Licman uses LICMAN_REDIS_URL", name=name)


async def with_database(settings: Settings, work: Callable[[], Awaitable[T]]) -> T:
    """Tortoise for one task: its state belongs to one event loop, and each task runs in a
    loop of its own (asyncio.run), so each task opens and closes its connections."""
    async with connected(settings):
        await prepare_keyring(settings)
        return await work()


def create_celery(settings: Settings) -> Celery:
    if not settings.redis_url:
        raise RuntimeError("Celery needs LICMAN_REDIS_URL")
    _drop_overrides()
    app = Celery("licman", broker=settings.redis_url, backend=settings.redis_url)
    app.conf.update(
        task_default_queue=QUEUE,
        task_serializer="json",
        accept_content=["json"],
        result_serializer="json",
        result_expires=24 * 3600,
        # A task is acknowledged only when it ends, and put back when its worker dies, one
        # at a time per process: a killed worker's job is delivered again (and resumes).
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,  # a worker waits for Redis to come back
        broker_connection_timeout=3,
        broker_transport_options={"socket_connect_timeout": 3},
        worker_hijack_root_logger=False,
        timezone="UTC",
        beat_schedule=_beat_schedule(settings),
    )

    def publish_now(job_id: int) -> None:
        # No retries (the outbox retries) and no result subscription: a job's result is its
        # row, and subscribing would wait for Redis's result connection when Redis is down.
        app.send_task(RUN_TASK, args=[job_id], queue=QUEUE, retry=False, ignore_result=True)

    async def publish(job_id: int) -> None:
        # The redis client is blocking: keep it off the event loop.
        await anyio.to_thread.run_sync(publish_now, job_id)

    @app.task(name=RUN_TASK, bind=True, acks_late=True, reject_on_worker_lost=True, shared=False)  # type: ignore[untyped-decorator]
    def jobs_run(self: Any, job_id: int) -> str:
        return asyncio.run(
            with_database(settings, lambda: run_job(job_id, settings, self.request.id))
        )

    @app.task(name=RELAY_TASK, shared=False)  # type: ignore[untyped-decorator]
    def jobs_relay() -> int:
        return asyncio.run(with_database(settings, lambda: relay_once(publish)))

    @app.task(name=RETENTION_TASK, shared=False)  # type: ignore[untyped-decorator]
    def retention() -> int:
        report = asyncio.run(with_database(settings, lambda: retention_once(settings)))
        return report.events_purged if report else 0

    @app.task(name=DIGEST_TASK, shared=False)  # type: ignore[untyped-decorator]
    def reminders_digest_start() -> int:
        # Starts the day's digest job (once a day) and publishes it like any job.
        async def work() -> int:
            job = await reminders_digest_start_job(system("beat"), today_utc(), once_a_day=True)
            await publish_outbox(publish, job_id=job.id)
            return job.id

        return asyncio.run(with_database(settings, work))

    @worker_ready.connect(weak=False)  # type: ignore[untyped-decorator]
    def relay_at_start(**_: Any) -> None:
        # Jobs a dead worker left behind resume as soon as a worker is back.
        app.send_task(RELAY_TASK, queue=QUEUE, retry=False, ignore_result=True)

    app.licman_publish = publish
    return app


def _beat_schedule(settings: Settings) -> dict[str, dict[str, Any]]:
    schedule: dict[str, dict[str, Any]] = {
        "licman-jobs-relay": {
            "task": RELAY_TASK,
            "schedule": float(settings.job_relay_seconds),
            "options": {"expires": float(settings.job_relay_seconds)},
        }
    }
    if retention_configured(settings):  # daily; a missed day is caught up the next
        every = RETENTION_EVERY.total_seconds()
        schedule["licman-retention"] = {
            "task": RETENTION_TASK,
            "schedule": every,
            "options": {"expires": every / 2},
        }
    if digest_enabled(settings):
        # Daily at reminder_digest_hour (UTC). Beat runs a missed one when it starts again.
        schedule["licman-reminders-digest"] = {
            "task": DIGEST_TASK,
            "schedule": crontab(minute=0, hour=settings.reminder_digest_hour),
        }
    return schedule


def publisher(app: Celery) -> Publish:
    publish: Publish = app.licman_publish
    return publish


def relay_interval(settings: Settings) -> timedelta:
    return timedelta(seconds=settings.job_relay_seconds)
