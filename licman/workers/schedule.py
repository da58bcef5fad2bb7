"""The daily expiry digest's timing, for both schedulers: Celery beat (with Redis) and,
without Redis, a small loop in the server (`digest_loop`, started by EmbeddedRunner).

Both start the digest at `reminder_digest_hour` (UTC), only when an SMTP server is set.
The loop also starts it when the server comes up after that hour and today's has not run
(a server down at the hour misses nothing); `once_a_day` keeps that to one job a day."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import structlog

from licman.resolvers.reminder_digest import reminders_digest_start
from licman.security.principal import system
from licman.settings import Settings

log = structlog.get_logger("licman.reminders")


def digest_enabled(settings: Settings) -> bool:
    return bool(settings.smtp_host)


def next_digest_at(settings: Settings, moment: datetime) -> datetime:
    """The first digest time strictly after `moment`."""
    today = moment.replace(hour=settings.reminder_digest_hour, minute=0, second=0, microsecond=0)
    return today if today > moment else today + timedelta(days=1)


async def start_digest_if_due(settings: Settings, moment: datetime) -> int | None:
    """Start today's digest job if its hour has passed and none ran today; its id."""
    today = moment.replace(hour=settings.reminder_digest_hour, minute=0, second=0, microsecond=0)
    if moment < today:
        return None
    job = await reminders_digest_start(system("scheduler"), moment.date(), once_a_day=True)
    return job.id


async def digest_loop(settings: Settings) -> None:
    """Without Redis: start the digest once a day, in the server (its job runs like any)."""
    if not digest_enabled(settings):
        log.info("expiry reminders are off: no SMTP server is set (LICMAN_SMTP_HOST)")
        return
    while True:
        moment = datetime.now(UTC)
        try:
            await start_digest_if_due(settings, moment)
        except Exception:
            log.exception("could not start the expiry digest; trying again at the next hour")
        wake = next_digest_at(settings, datetime.now(UTC))
        await asyncio.sleep(max(1.0, (wake - datetime.now(UTC)).total_seconds()))
