"""The expiry digest through a real Redis and real Celery workers (`licman worker`, in
their own processes) on PostgreSQL, sending to a real SMTP server (aiosmtpd) in this
process: started as beat starts it (once a day), and a worker killed with SIGKILL after it
claimed a user's reminders and before the SMTP server answered: the job resumes on another
worker, everyone else gets their digest once, and the claimed reminders are never sent
(at most once)."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import pytest_asyncio

from licman.settings import Settings
from licman.workers.celery_app import DIGEST_TASK, create_celery
from tests.backends import TestDatabase
from tests.live import free_port, run_cli
from tests.smtp_server import Inbox, SmtpServer, smtp_server
from tests.workers.harness import Proc, RedisServer, job_env, sql

PEOPLE = ("ana@example.com", "ben@example.com", "chloe@example.com")


def write_licenses(path: Path) -> Path:
    """One license per person, expiring in 5 days (today's date, as the worker sees it)."""
    soon = (datetime.now(UTC).date() + timedelta(days=5)).isoformat()
    rows = ["externalId,vendor,product,name,expiresOn,owner"]
    rows += [f"R-{i},Acme,Tool,For {email},{soon},{email}" for i, email in enumerate(PEOPLE)]
    path.write_text("\n".join(rows) + "\n")
    return path


@pytest_asyncio.fixture(loop_scope="session")
async def database(tmp_path: Path) -> AsyncIterator[TestDatabase]:
    db = await TestDatabase.create("postgres", tmp_path)
    try:
        init = run_cli(tmp_path, "init", database_url=db.url)
        assert init.returncode == 0, init.stderr
        for email in PEOPLE:
            made = run_cli(tmp_path, "user", "create", "--email", email, database_url=db.url)
            assert made.returncode == 0, made.stderr
        yield db
    finally:
        await db.drop()


@pytest.fixture
def redis(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(free_port(), tmp_path).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with smtp_server(inbox=Inbox()) as server:
        yield server


def mail_env(
    tmp_path: Path, database: TestDatabase, redis: RedisServer, smtp: SmtpServer
) -> dict[str, str]:
    return job_env(
        tmp_path, database.url, redis.url,
        LICMAN_SMTP_HOST="127.0.0.1", LICMAN_SMTP_PORT=str(smtp.port), LICMAN_SMTP_TLS="none",
        LICMAN_SMTP_FROM="licman@example.com", LICMAN_PUBLIC_URL="https://licman.example.com",
    )  # fmt: skip


def imported(tmp_path: Path, env: dict[str, str]) -> None:
    done = Proc.start(tmp_path, env, "import", "import", str(write_licenses(tmp_path / "l.csv")),
                      "--apply")  # fmt: skip
    done.process.wait(timeout=180)
    assert done.process.returncode == 0, done.log()


async def test_beat_starts_the_digest_once_a_day_and_a_worker_sends_it(
    database: TestDatabase, redis: RedisServer, smtp: SmtpServer, tmp_path: Path
) -> None:
    env = mail_env(tmp_path, database, redis, smtp)
    worker = Proc.start(tmp_path, env, "worker", "worker", "--concurrency", "1")
    try:
        imported(tmp_path, env)
        celery = create_celery(Settings(redis_url=redis.url))
        # What beat sends at reminder_digest_hour, twice (a beat restarted the same day).
        for _ in range(2):
            celery.send_task(DIGEST_TASK, queue="licman", ignore_result=True)

        async def digests() -> list[dict[str, object]]:
            rows = await sql(
                database.url, "SELECT status, result FROM job WHERE kind = 'reminders_digest'"
            )
            return [dict(r) for r in rows]

        for _ in range(300):
            found = await digests()
            if found and found[0]["status"] in ("succeeded", "failed"):
                break
            await asyncio.sleep(0.2)
        found = await digests()
        assert [j["status"] for j in found] == ["succeeded"], worker.log()  # one job, not two
        # The admin (every license) and each owner: one digest each.
        received = sorted(r.recipients[0] for r in smtp.inbox.all())
        assert received == sorted(["admin@licman.local", *PEOPLE])
        [ana] = smtp.inbox.to("ana@example.com")
        assert "For ana@example.com" in ana.text
        assert "in 5 days" in ana.text
        assert "https://licman.example.com/licenses/" in ana.text
        assert json.loads(str(found[0]["result"]))["emails"] == 4

        again = run_cli(tmp_path, "reminders", "send", env=env)  # by hand, the same day
        assert again.returncode == 0, again.stderr + worker.log()
        assert "0 e-mail(s) sent" in again.stdout
        assert "6 already sent before" in again.stdout  # admin 3, owners 1 each
        assert len(smtp.inbox.all()) == 4
    finally:
        worker.stop()


async def test_a_worker_killed_between_claim_and_send_never_sends_that_digest_twice(
    database: TestDatabase, redis: RedisServer, smtp: SmtpServer, tmp_path: Path
) -> None:
    env = mail_env(tmp_path, database, redis, smtp)
    first = Proc.start(tmp_path, env, "worker1", "worker", "--concurrency", "1")
    beat = Proc.start(tmp_path, env, "beat", "beat")  # the relay hands the job on
    second: Proc | None = None
    sender: Proc | None = None
    try:
        imported(tmp_path, env)
        # The SMTP server holds the first message it gets, without answering.
        smtp.inbox.hold = threading.Event()
        sender = Proc.start(tmp_path, env, "send", "reminders", "send")

        async def claimed() -> list[dict[str, object]]:
            rows = await sql(database.url, "SELECT user_id, state FROM reminder_sent")
            return [dict(r) for r in rows]

        for _ in range(600):
            if smtp.inbox.waiting:
                break
            await asyncio.sleep(0.1)
        else:
            raise AssertionError("the digest never reached the SMTP server\n" + first.log())
        in_flight = await claimed()
        assert {r["state"] for r in in_flight} == {"claimed"}
        [victim] = {r["user_id"] for r in in_flight}
        first.kill9()  # with its child, in the middle of the SMTP conversation
        smtp.inbox.hold.set()
        smtp.inbox.hold = None

        second = Proc.start(tmp_path, env, "worker2", "worker", "--concurrency", "1")
        sender.process.wait(timeout=180)
        assert sender.process.returncode == 0, sender.log() + second.log()
        job = (
            await sql(
                database.url, "SELECT status, attempts FROM job WHERE kind = 'reminders_digest'"
            )
        )[0]
        assert (job["status"], job["attempts"]) == ("succeeded", 2)

        victim_email = (await sql(database.url, 'SELECT email FROM "user" WHERE id = $1', victim))[
            0
        ]["email"]
        assert smtp.inbox.to(victim_email) == []  # lost, not doubled
        others = sorted(r.recipients[0] for r in smtp.inbox.all())
        assert others == sorted({"admin@licman.local", *PEOPLE} - {victim_email})
        states = await sql(
            database.url,
            "SELECT state, count(*) AS n FROM reminder_sent GROUP BY state ORDER BY state",
        )
        assert {r["state"]: r["n"] for r in states}["claimed"] == len(in_flight)
        status = run_cli(tmp_path, "reminders", "status", env=env)
        assert f"{len(in_flight)} reminder(s) claimed but never confirmed sent" in status.stdout

        # And the next run still sends the victim nothing for them.
        again = run_cli(tmp_path, "reminders", "send", env=env)
        assert again.returncode == 0, again.stderr
        assert smtp.inbox.to(victim_email) == []
    finally:
        if smtp.inbox.hold is not None:
            smtp.inbox.hold.set()
        for proc in (sender, first, second, beat):
            if proc is not None:
                proc.stop()
