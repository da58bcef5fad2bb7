"""Scheduled retention: once a day, purge the audit events older than
`audit_retention_days` (behind a signed checkpoint) and the API requests older than
`api_request_retention_days`. Celery beat schedules it with Redis; the server's relay loop
runs it without. `licman audit purge` does the same by hand."""

from __future__ import annotations

from datetime import timedelta

import structlog

from licman.resolvers.audit_retention import PurgeReport, audit_purge
from licman.resolvers.common import now
from licman.security.principal import system
from licman.settings import Settings

log = structlog.get_logger("licman.jobs")
EVERY = timedelta(days=1)


def retention_configured(settings: Settings) -> bool:
    return settings.audit_retention_days is not None or (
        settings.api_request_retention_days is not None
    )


async def retention_once(settings: Settings) -> PurgeReport | None:
    """Purge what the settings say is too old; None when no retention is configured."""
    if not retention_configured(settings):
        return None
    moment = now()
    events_days, api_days = settings.audit_retention_days, settings.api_request_retention_days
    report = await audit_purge(
        system("retention"),
        events_before=moment - timedelta(days=events_days) if events_days else None,
        api_requests_before=moment - timedelta(days=api_days) if api_days else None,
    )
    log.info(
        "retention",
        audit_events_purged=report.events_purged,
        through_event_id=report.through_event_id,
        api_requests_purged=report.api_requests_purged,
    )
    return report
