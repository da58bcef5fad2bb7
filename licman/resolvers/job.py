"""Jobs as their users see them: starting one (the job row and its outbox row in one
transaction), reading one or a list as the permission engine allows, and its errors by row.

What runs a job is not decided here: the web app, the CLI or a worker installs a dispatcher
(`set_dispatcher`) that is told about each new job after its transaction commits. Without
one, the job waits in the outbox for a relay (see licman/workers/relay.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import structlog
from tortoise.transactions import in_transaction

from licman.models import Job, JobOutbox, JobRowError, JobStatus
from licman.resolvers.common import require_signed_in
from licman.resolvers.errors import invalid, not_found
from licman.security.permissions import job_scope, job_visible
from licman.security.principal import Principal

log = structlog.get_logger("licman.jobs")

MAX_PAGE = 500
Dispatcher = Callable[[int], Awaitable[None]]
_dispatcher: Dispatcher | None = None


def set_dispatcher(dispatcher: Dispatcher | None) -> None:
    """Who hears about new jobs in this process (the embedded runner, or a Celery publisher)."""
    global _dispatcher
    _dispatcher = dispatcher


async def dispatch(job_id: int) -> None:
    """Tell the dispatcher about a committed job. A failure here loses nothing: the job's
    outbox row stays unsent and a relay publishes it later."""
    if _dispatcher is None:
        return
    try:
        await _dispatcher(job_id)
    except Exception:
        log.warning("job not handed over yet; the relay will retry", job_id=job_id, exc_info=True)


def actor_of(principal: Principal) -> dict[str, Any]:
    """What a job remembers of who started it; the user is re-loaded when it runs."""
    origin = principal.origin
    return {
        "kind": principal.kind.value,
        "user_id": principal.user.id if principal.user else None,
        "scopes": sorted(principal.scopes) if principal.scopes is not None else None,
        "api_token_id": principal.api_token_id,
        "session_id": principal.session_id,
        "oauth_client_id": principal.oauth_client_id,
        "oauth_client_name": principal.oauth_client_name,
        "ip": origin.ip,
        "user_agent": origin.user_agent,
        "request_id": origin.request_id,
    }


async def job_start(
    principal: Principal,
    kind: str,
    params: dict[str, Any],
    *,
    dispatch_now: bool = True,
) -> Job:
    """Create a queued job for `principal` and its outbox row, in one transaction, then hand
    it to the dispatcher (unless the caller runs it itself)."""
    require_signed_in(principal)
    async with in_transaction():
        job = await Job.create(
            kind=kind,
            params=params,
            created_by_id=principal.user.id if principal.user else None,
            actor=actor_of(principal),
        )
        await JobOutbox.create(job_id=job.id)
    log.info("job queued", job_id=job.id, kind=kind, actor=principal.label)
    if dispatch_now:
        await dispatch(job.id)
    return job


async def job_get(principal: Principal, job_id: int) -> Job:
    """The job, if P may see it (the one who started it, or an admin); else NOT_FOUND."""
    require_signed_in(principal)
    job = await Job.get_or_none(id=job_id)
    if job is None or not job_visible(principal, job.created_by_id, _client_of(job)):
        raise not_found("job")
    return job


async def jobs_list(
    principal: Principal,
    *,
    first: int = 50,
    before_id: int | None = None,
    kind: str | None = None,
    status: JobStatus | None = None,
) -> list[Job]:
    """The newest jobs P may see, newest first; `before_id` pages back."""
    require_signed_in(principal)
    if not 1 <= first <= MAX_PAGE:
        raise invalid("first", f"first must be 1 to {MAX_PAGE}")
    query = Job.filter(job_scope(principal))
    if before_id is not None:
        query = query.filter(id__lt=before_id)
    if kind:
        query = query.filter(kind=kind)
    if status is not None:
        query = query.filter(status=status)
    return await query.order_by("-id").limit(first)


async def job_row_errors(
    principal: Principal, job_id: int, *, first: int = 100, offset: int = 0
) -> tuple[list[JobRowError], int]:
    """A page of the job's problems by row (in row order) and how many there are."""
    await job_get(principal, job_id)
    if not 1 <= first <= MAX_PAGE:
        raise invalid("first", f"first must be 1 to {MAX_PAGE}")
    if offset < 0:
        raise invalid("offset", "offset must be 0 or more")
    query = JobRowError.filter(job_id=job_id)
    rows = await query.order_by("row", "id").offset(offset).limit(first)
    return rows, await query.count()


def _client_of(job: Job) -> str | None:
    """The OAuth client that started the job for itself (no user), if one did."""
    actor = job.actor or {}
    client = actor.get("oauth_client_id") if actor.get("kind") == "oauth_client" else None
    return str(client) if client else None
