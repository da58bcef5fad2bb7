"""Running a job safely: claim it atomically, act as the user who started it (re-loaded now),
write each batch under a fence so a worker that lost its claim commits nothing, and finish.

A claim is `UPDATE job SET status = 'running', claim_token = <new> WHERE id = ? AND
(status = 'queued' OR (status = 'running' AND lease_until < now))`: of two workers handed
the same job only one gets a row back. The winner renews its lease with every batch; if it
dies (SIGKILL, a lost machine), the lease runs out and the relay hands the job to another
worker, which resumes from the last committed checkpoint.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from licman.models import ApiToken, Job, JobRowError, JobStatus, OAuthClient, Role, User
from licman.resolvers.common import now
from licman.security.principal import Origin, Principal, PrincipalKind, system
from licman.settings import Settings


class LostClaim(Exception):
    """Another worker holds the job now (our lease ran out): stop, and write nothing more."""


class JobRefused(Exception):
    """The job cannot run or cannot finish; the message (plain words) becomes its error."""

    def __init__(self, message: str, result: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.result = result or {}


@dataclass(frozen=True, slots=True)
class RowProblem:
    row: int
    column: str
    code: str
    message: str


@dataclass
class JobRun:
    """One worker's claim on one job."""

    job: Job
    token: str
    lease: timedelta
    principal: Principal = field(default_factory=lambda: system("job"))
    # The settings of the process running it (a digest needs the SMTP server's).
    settings: Settings | None = None

    async def fence(self, conn: BaseDBAsyncClient | None = None) -> None:
        """Renew the lease, or raise LostClaim. Inside a batch's transaction this also locks
        the job row, so nobody can take the job over until the batch commits."""
        query = Job.filter(id=self.job.id, claim_token=self.token, status=JobStatus.RUNNING)
        if conn is not None:
            query = query.using_db(conn)
        if await query.update(lease_until=now() + self.lease) == 0:
            raise LostClaim

    @asynccontextmanager
    async def batch(self) -> AsyncIterator[BaseDBAsyncClient]:
        """A transaction that commits only while this worker still holds the job."""
        async with in_transaction() as conn:
            await self.fence(conn)
            yield conn

    async def save(
        self,
        conn: BaseDBAsyncClient,
        *,
        done: int | None = None,
        total: int | None = None,
        checkpoint: dict[str, Any] | None = None,
        result: dict[str, Any] | None = None,
    ) -> None:
        """Progress, checkpoint and partial result, in the batch's transaction."""
        changes: dict[str, Any] = {}
        if done is not None:
            changes["progress_done"] = done
            self.job.progress_done = done
        if total is not None:
            changes["progress_total"] = total
            self.job.progress_total = total
        if checkpoint is not None:
            changes["checkpoint"] = checkpoint
            self.job.checkpoint = checkpoint
        if result is not None:
            changes["result"] = result
            self.job.result = result
        if changes:
            await Job.filter(id=self.job.id).using_db(conn).update(**changes)

    async def add_problems(self, conn: BaseDBAsyncClient, problems: list[RowProblem]) -> None:
        if problems:
            await JobRowError.bulk_create(
                [
                    JobRowError(
                        job_id=self.job.id,
                        row=p.row,
                        column=p.column[:200],
                        code=p.code[:32],
                        message=p.message[:1000],
                    )
                    for p in problems
                ],
                using_db=conn,
            )

    async def finish(self, status: JobStatus, result: dict[str, Any], error: str = "") -> None:
        async with self.batch() as conn:
            await (
                Job.filter(id=self.job.id)
                .using_db(conn)
                .update(
                    status=status,
                    result=result,
                    error=error[:5000],
                    finished_at=now(),
                    lease_until=None,
                )
            )
        self.job.status, self.job.result, self.job.error = status, result, error


async def claim(job_id: int, lease: timedelta, task_id: str | None = None) -> JobRun | None:
    """Take the job if it is queued, or running under a lease that ran out; else None."""
    token = str(uuid.uuid4())
    moment = now()
    won = await Job.filter(
        Q(id=job_id),
        Q(status=JobStatus.QUEUED) | Q(status=JobStatus.RUNNING, lease_until__lt=moment),
    ).update(
        status=JobStatus.RUNNING,
        claim_token=token,
        lease_until=moment + lease,
        attempts=F("attempts") + 1,
        task_id=task_id,
    )
    if not won:
        return None
    await Job.filter(id=job_id, started_at__isnull=True).update(started_at=moment)
    return JobRun(await Job.get(id=job_id), token, lease)


async def principal_for(job: Job) -> Principal:
    """Who the job acts for, as they are now: a user deactivated (or a token revoked) since
    the job was started runs nothing."""
    actor = job.actor or {}
    kind = PrincipalKind(actor.get("kind", PrincipalKind.SYSTEM.value))
    if kind is PrincipalKind.SYSTEM:
        return system("job")
    client = None
    if actor.get("oauth_client_id"):
        # An OAuth client revoked since cannot act any more, for a user or for itself.
        client = await OAuthClient.get_or_none(client_id=actor["oauth_client_id"])
        if client is None or client.revoked_at is not None:
            raise JobRefused(
                "The OAuth client that started this job was revoked, so it did nothing."
            )
    if kind is PrincipalKind.OAUTH_CLIENT and client is not None:
        return Principal(
            kind=kind,
            scopes=frozenset(actor.get("scopes") or ()),
            oauth_client_id=client.client_id,
            service_role=Role(client.service_role) if client.service_role else None,
            oauth_client_name=client.name,
            origin=_origin(actor),
        )
    user = await User.get_or_none(id=job.created_by_id) if job.created_by_id else None
    if user is None or not user.is_active:
        raise JobRefused(
            "The user who started this job is deactivated or deleted, so it did nothing."
        )
    token_id = actor.get("api_token_id")
    if token_id is not None:
        token = await ApiToken.get_or_none(id=token_id, user_id=user.id)
        if (
            token is None
            or token.revoked_at is not None
            or (token.expires_at is not None and token.expires_at <= now())
        ):
            raise JobRefused(
                "The API token that started this job was revoked or has expired, so it did nothing."
            )
    scopes = actor.get("scopes")
    return Principal(
        kind=kind,
        user=user,
        scopes=frozenset(scopes) if scopes is not None else None,
        session_id=actor.get("session_id"),
        api_token_id=token_id,
        oauth_client_id=actor.get("oauth_client_id"),
        oauth_client_name=actor.get("oauth_client_name") or "",
        origin=_origin(actor),
    )


def _origin(actor: dict[str, Any]) -> Origin:
    return Origin(
        ip=actor.get("ip") or "",
        user_agent=actor.get("user_agent") or "",
        request_id=actor.get("request_id") or "",
    )
