"""The daily expiry digest (job kind `reminders_digest`): each recipient gets one e-mail
listing what they are to be reminded of today, and never the same reminder twice.

The promise is kept by `reminder_sent`, unique on (user, license, event, date, lead time):
a run first CLAIMS a user's reminders (inserts their rows, skipping rows that exist, in
the job's fenced transaction), then sends the one e-mail listing only the rows it claimed,
then marks them sent. So it is AT MOST ONCE:

- two runs at once, or a second run the same day: the second claims nothing and sends
  nothing;
- the SMTP server surely did not take the e-mail (connection refused, TLS or sign-in
  failure, an error answer): the claim is released (its rows deleted), and the next run
  sends them;
- the worker dies between the claim and the server's answer, or the connection breaks
  after the message went out: the rows stay `claimed` (never `sent`) and are not sent
  again, since they may have arrived. Such a reminder can be lost, never doubled;
  `licman reminders status` counts them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import anyio.to_thread
import structlog
from tortoise.backends.base.client import BaseDBAsyncClient

from licman.models import (
    Job,
    JobStatus,
    ReminderSent,
    ReminderState,
    User,
)
from licman.resolvers.common import now
from licman.resolvers.job import job_start
from licman.resolvers.job_run import JobRefused, JobRun, RowProblem
from licman.resolvers.mail import MailError, SmtpConnection, build_message, not_configured
from licman.resolvers.reminder_due import DueReminder, choices_of, due_for
from licman.resolvers.reminder_mail import digest_mail
from licman.security.principal import Principal
from licman.settings import Settings

KIND = "reminders_digest"
USER_BATCH = 100
log = structlog.get_logger("licman.reminders")


def today_utc() -> date:
    return datetime.now(UTC).date()


async def reminders_digest_start(
    principal: Principal, day: date | None = None, *, once_a_day: bool = False
) -> Job:
    """Start a digest job for `day` (default: today, UTC). With `once_a_day` (the
    schedulers), a digest job already started today is returned instead of a new one."""
    day = day or today_utc()
    if once_a_day:
        midnight = datetime.combine(today_utc(), datetime.min.time(), UTC)
        earlier = (
            await Job.filter(kind=KIND, created_at__gte=midnight)
            .exclude(status=JobStatus.FAILED)
            .order_by("-id")
            .first()
        )
        if earlier is not None:
            return earlier
    return await job_start(principal, KIND, {"date": day.isoformat()})


async def reminders_claim(
    conn: BaseDBAsyncClient,
    user_id: int,
    due: list[DueReminder],
    *,
    token: str,
    job_id: int | None,
) -> list[DueReminder]:
    """Claim what is due (rows that exist already, claimed or sent, are skipped) and return
    what this claim got. Inside the caller's transaction."""
    moment = now()
    rows = [
        ReminderSent(
            user_id=user_id,
            license_id=item.license_id,
            event=item.event,
            due_on=item.due_on,
            lead_days=item.lead_days,
            claim_token=token,
            claimed_at=moment,
            job_id=job_id,
        )
        for item in due
    ]
    await ReminderSent.bulk_create(rows, ignore_conflicts=True, using_db=conn)
    mine = await (
        ReminderSent.filter(user_id=user_id, claim_token=token)
        .using_db(conn)
        .values_list("license_id", "event", "due_on", "lead_days")
    )
    got = {(lic, str(event), day, lead) for lic, event, day, lead in mine}
    return [item for item in due if item.key in got]


@dataclass
class Tally:
    users: int = 0  # users looked at
    emails: int = 0  # digests the SMTP server accepted
    reminders: int = 0  # reminders in them
    already: int = 0  # due but claimed or sent before (skipped)
    released: int = 0  # not sent (surely refused): left for the next run
    uncertain: int = 0  # maybe sent (connection lost after the message): never again
    problems: list[str] = field(default_factory=list)

    def result(self, day: date) -> dict[str, Any]:
        return {
            "date": day.isoformat(),
            "users": self.users,
            "emails": self.emails,
            "reminders": self.reminders,
            "alreadySent": self.already,
            "released": self.released,
            "uncertain": self.uncertain,
        }


async def _one_user(
    run: JobRun, connection: SmtpConnection, user: User, due: list[DueReminder], tally: Tally
) -> None:
    token = str(uuid.uuid4())
    async with run.batch() as conn:
        mine = await reminders_claim(conn, user.id, due, token=token, job_id=run.job.id)
    tally.already += len(due) - len(mine)
    if not mine:
        return
    settings = connection.settings
    try:
        message = build_message(settings, digest_mail(user, mine, settings.issuer))
    except Exception:
        await ReminderSent.filter(claim_token=token).delete()  # nothing went out: give back
        raise
    try:
        # Not abandoned on cancellation (anyio waits for the thread): a message handed over
        # is followed through, and a cancelled run leaves its claims, as after a crash.
        await anyio.to_thread.run_sync(connection.send, message)
    except MailError as exc:
        if exc.certain:
            # Surely not delivered: give the reminders back to the next run.
            await ReminderSent.filter(claim_token=token).delete()
            tally.released += len(mine)
            if not exc.recipient:
                raise JobRefused(f"Sending failed, so the digest stopped: {exc}") from None
            async with run.batch() as conn:
                await run.add_problems(
                    conn, [RowProblem(user.id, "email", "MAIL_REFUSED", str(exc))]
                )
            return
        tally.uncertain += len(mine)
        log.warning("digest maybe not delivered; not sent again", user_id=user.id, error=str(exc))
        return
    await ReminderSent.filter(claim_token=token).update(state=ReminderState.SENT, sent_at=now())
    tally.emails += 1
    tally.reminders += len(mine)


async def reminders_digest_run(run: JobRun) -> dict[str, Any]:
    """The job: users in id order, a batch at a time, the last one done kept as the
    checkpoint (a resumed run also skips, by the claims, what was already handled)."""
    settings: Settings | None = run.settings
    if settings is None or not_configured(settings):
        raise JobRefused("No e-mail was sent: no SMTP server is configured (set LICMAN_SMTP_HOST).")
    day = date.fromisoformat(str(run.job.params.get("date") or today_utc().isoformat()))
    after = int(run.job.checkpoint.get("after_user", 0))
    tally = Tally(**{k: v for k, v in run.job.checkpoint.get("tally", {}).items()})
    users = User.filter(is_active=True)
    total = await users.count()
    connection = SmtpConnection(settings)
    try:
        while True:
            batch = await users.filter(id__gt=after).order_by("id").limit(USER_BATCH)
            if not batch:
                break
            choices = await choices_of([u.id for u in batch])
            for user in batch:
                due = await due_for(user, choices[user.id], day)
                if due:
                    await _one_user(run, connection, user, due, tally)
                tally.users += 1
                after = user.id
                if due:
                    await _checkpoint(run, after, tally, total)
            await _checkpoint(run, after, tally, total)
    finally:
        await anyio.to_thread.run_sync(connection.close)
    log.info("digest sent", **tally.result(day))
    return tally.result(day)


async def _checkpoint(run: JobRun, after: int, tally: Tally, total: int) -> None:
    counts = {
        "users": tally.users,
        "emails": tally.emails,
        "reminders": tally.reminders,
        "already": tally.already,
        "released": tally.released,
        "uncertain": tally.uncertain,
    }
    async with run.batch() as conn:
        await run.save(
            conn,
            done=min(tally.users, total),
            total=total,
            checkpoint={"after_user": after, "tally": counts},
        )


async def reminders_status() -> dict[str, int]:
    """Counts for `licman reminders status`: sent, and claimed but never confirmed (lost
    with a worker, or maybe delivered) in the last 30 days."""
    since = now() - timedelta(days=30)
    recent = ReminderSent.filter(claimed_at__gte=since)
    return {
        "sent": await recent.filter(state=ReminderState.SENT).count(),
        "unconfirmed": await recent.filter(state=ReminderState.CLAIMED).count(),
    }
