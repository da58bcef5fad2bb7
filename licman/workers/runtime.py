"""What runs jobs in a server process: with Redis, hand each new job to Celery (publishing
it after its transaction commits); without, run it in-process (EmbeddedRunner)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from licman.resolvers.job import set_dispatcher
from licman.settings import Settings
from licman.workers.embedded import EmbeddedRunner
from licman.workers.relay import publish_outbox


@contextlib.asynccontextmanager
async def job_runtime(settings: Settings) -> AsyncIterator[None]:
    if not settings.redis_url:
        async with EmbeddedRunner(settings).running():
            yield
        return
    from licman.workers.celery_app import create_celery, publisher

    publish = publisher(create_celery(settings))
    pending: set[asyncio.Task[int]] = set()

    async def notify(job_id: int) -> None:
        # In the background: the request that started the job does not wait on Redis. If it
        # is down, the outbox row stays unsent and the beat's relay publishes it later.
        task = asyncio.create_task(publish_outbox(publish, job_id=job_id))
        pending.add(task)
        task.add_done_callback(pending.discard)

    set_dispatcher(notify)
    try:
        yield
    finally:
        set_dispatcher(None)
        if pending:
            await asyncio.wait(pending, timeout=5)
