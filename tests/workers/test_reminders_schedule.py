"""When the digest runs: at reminder_digest_hour (UTC), once a day, and without Redis by a
loop in the server itself (a real `licman serve` on SQLite, the embedded default, sending
to a real SMTP server), which also catches up when it starts after the hour. And a digest
run in-process (no Redis) killed with SIGKILL between its claim and the SMTP server's
answer: the next run sends the others, never the claimed ones (at most once)."""

from __future__ import annotations

import subprocess
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from licman.models import Job, JobStatus
from licman.settings import Settings
from licman.workers.schedule import next_digest_at, start_digest_if_due
from tests.backends import TestDatabase
from tests.live import LICMAN, cli_env, free_port, run_cli, stop_process
from tests.smtp_server import smtp_server
from tests.workers.harness import Proc, wait_until


def test_the_next_digest_time() -> None:
    settings = Settings(reminder_digest_hour=7)
    at = datetime(2026, 3, 1, 6, 59, tzinfo=UTC)
    assert next_digest_at(settings, at) == datetime(2026, 3, 1, 7, tzinfo=UTC)
    assert next_digest_at(settings, at.replace(hour=7, minute=0)) == datetime(
        2026, 3, 2, 7, tzinfo=UTC
    )
    assert next_digest_at(settings, at.replace(hour=23)) == datetime(2026, 3, 2, 7, tzinfo=UTC)


async def test_the_digest_starts_after_its_hour_once_a_day(db: TestDatabase) -> None:
    settings = Settings(reminder_digest_hour=7)
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    assert await start_digest_if_due(settings, today + timedelta(hours=6)) is None
    first = await start_digest_if_due(settings, today + timedelta(hours=7))
    assert first is not None
    again = await start_digest_if_due(settings, today + timedelta(hours=9))
    assert again == first  # a restart the same day starts nothing new
    await Job.filter(id=first).update(status=JobStatus.FAILED)
    retried = await start_digest_if_due(settings, today + timedelta(hours=10))
    assert retried not in (None, first)  # a failed one is tried again
    assert await Job.filter(kind="reminders_digest").count() == 2


def _serve(home: Path, port: int) -> subprocess.Popen[str]:
    with (home / "server.log").open("a") as log:  # the child keeps its own descriptor
        process = subprocess.Popen(
            [*LICMAN, "serve", "--port", str(port)], env=cli_env(home), cwd=home,
            stdout=log, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError((home / "server.log").read_text())


def test_the_server_sends_the_digest_itself_without_redis(tmp_path: Path) -> None:
    assert run_cli(tmp_path, "init").returncode == 0
    made = run_cli(tmp_path, "user", "create", "--email", "ana@example.com", "--name", "Ana")
    assert made.returncode == 0, made.stderr
    soon = (datetime.now(UTC).date() + timedelta(days=6)).isoformat()
    csv = tmp_path / "licenses.csv"
    csv.write_text(
        f"externalId,vendor,product,name,expiresOn,owner\nE-1,Acme,Tool,Team,{soon},ana@example.com\n"
    )
    imported = run_cli(tmp_path, "import", str(csv), "--apply")
    assert imported.returncode == 0, imported.stderr

    with smtp_server() as server:
        (tmp_path / ".env").write_text(
            "LICMAN_SMTP_HOST=127.0.0.1\n"
            f"LICMAN_SMTP_PORT={server.port}\n"
            "LICMAN_SMTP_TLS=none\n"
            "LICMAN_REMINDER_DIGEST_HOUR=0\n"  # past already: the server catches up at start
        )
        port = free_port()
        process = _serve(tmp_path, port)
        try:
            wait_until(lambda: len(server.inbox.all()) >= 2, 60, "the digests to arrive")
        finally:
            stop_process(process, timeout=15)
        [ana] = server.inbox.to("ana@example.com")
        assert "Expires" in ana.text
        assert "in 6 days" in ana.text
        assert f"http://127.0.0.1:{port}/licenses/" in ana.text  # public_url unset: host:port
        assert len(server.inbox.to("admin@licman.local")) == 1

        # Started again the same day: no second digest.
        process = _serve(tmp_path, free_port())
        try:
            time.sleep(2)  # the loop's first round runs at start; give it its chance
        finally:
            stop_process(process, timeout=15)
        assert len(server.inbox.all()) == 2
    jobs = run_cli(tmp_path, "jobs", "list")
    assert jobs.stdout.count("reminders_digest") == 1


def _world(home: Path, owners: tuple[str, ...]) -> None:
    assert run_cli(home, "init").returncode == 0
    for email in owners:
        made = run_cli(home, "user", "create", "--email", email)
        assert made.returncode == 0, made.stderr
    soon = (datetime.now(UTC).date() + timedelta(days=6)).isoformat()
    rows = [f"E-{i},Acme,Tool,For {email},{soon},{email}" for i, email in enumerate(owners)]
    csv = home / "licenses.csv"
    csv.write_text("externalId,vendor,product,name,expiresOn,owner\n" + "\n".join(rows) + "\n")
    imported = run_cli(home, "import", str(csv), "--apply")
    assert imported.returncode == 0, imported.stderr


def test_a_digest_killed_between_claim_and_send_in_process_never_sends_twice(
    tmp_path: Path,
) -> None:
    owners = ("ana@example.com", "ben@example.com")
    _world(tmp_path, owners)
    with smtp_server() as server:
        env = cli_env(
            tmp_path, LICMAN_SMTP_HOST="127.0.0.1", LICMAN_SMTP_PORT=str(server.port),
            LICMAN_SMTP_TLS="none", LICMAN_JOB_LEASE_SECONDS="2",
        )  # fmt: skip
        server.inbox.hold = threading.Event()  # the first message is held, unanswered
        sender = Proc.start(tmp_path, env, "send", "reminders", "send")
        try:
            wait_until(lambda: server.inbox.waiting, 60, "the digest to reach the SMTP server")
            sender.kill9()  # the whole process: claim committed, no answer yet
        finally:
            server.inbox.hold.set()
            server.inbox.hold = None
            sender.stop()
        # The admin is first (every license): the victim.
        again = run_cli(tmp_path, "reminders", "send", env=env)
        assert again.returncode == 0, again.stderr
        assert "2 e-mail(s) sent with 2 reminder(s)" in again.stdout
        assert "2 already sent before" in again.stdout  # the admin's two, claimed by the dead run
        assert server.inbox.to("admin@licman.local") == []  # lost, not doubled
        assert sorted(r.recipients[0] for r in server.inbox.all()) == sorted(owners)
        third = run_cli(tmp_path, "reminders", "send", env=env)
        assert "0 e-mail(s) sent" in third.stdout
        assert len(server.inbox.all()) == 2
    status = run_cli(tmp_path, "reminders", "status", env=env)
    assert "Last 30 days: 2 reminder(s) sent." in status.stdout
    assert "2 reminder(s) claimed but never confirmed sent" in status.stdout
