"""Redis stopped for 60 s (a redis-server of the test's own, on its own port; the shared one
is never touched), with a real server, a Celery worker and beat: sign-in, failed sign-ins and
reads keep working; a job started meanwhile waits in the outbox and runs once Redis is back,
exactly once."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.backends import TestDatabase
from tests.imports import FIXTURES
from tests.live import LICMAN, LiveServer, cli_env, free_port
from tests.test_production_stack import wait_until
from tests.web.test_import_http import JOB, START, gql, multipart, signed_in

OUTAGE_SECONDS = 60
COUNT = {"query": "{ licenses(first: 1) { totalCount } }"}


class OwnRedis:
    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.directory = directory
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "yes", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until(self._answers, 10, "redis-server")

    def _answers(self) -> bool:
        result = subprocess.run(
            ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True, check=False
        )
        return result.stdout.strip() == "PONG"

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)
        self.process = None


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[tuple[LiveServer, OwnRedis]]:
    if subprocess.run(["which", "redis-server"], capture_output=True, check=False).returncode:
        pytest.skip("redis-server is not installed")
    database = asyncio.run(TestDatabase.create("postgres", tmp_path))
    redis = OwnRedis(tmp_path)
    redis.start()
    (tmp_path / ".env").write_text(
        f"LICMAN_REDIS_URL={redis.url}\nLICMAN_JOB_RELAY_SECONDS=2\n", encoding="utf-8"
    )
    workers: list[subprocess.Popen[bytes]] = []
    server: LiveServer | None = None
    try:
        server = LiveServer.start(tmp_path, database.url)
        for command in ("worker", "beat"):
            with (tmp_path / f"{command}.log").open("wb") as log:
                workers.append(
                    subprocess.Popen(
                        [*LICMAN, command],
                        env=cli_env(tmp_path, database.url),
                        cwd=tmp_path,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                    )
                )
        yield server, redis
    finally:
        for process in workers:
            process.send_signal(signal.SIGTERM)
        for process in workers:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if server is not None:
            server.stop()
        redis.stop()
        asyncio.run(database.drop())


def _start_import(client: httpx.Client, name: str) -> str:
    data = (FIXTURES / "bad_rows.csv").read_bytes().replace(b"\nB-", f"\n{name}-".encode())
    token = client.cookies["licman_csrf"]
    answer = client.post(
        "/graphql", headers={"x-csrf-token": token}, **multipart("bad_rows.csv", data, "CSV")
    )
    assert answer.status_code == 200, answer.text
    upload = answer.json()["data"]["importUpload"]["upload"]
    started = gql(client, START, {"input": {"uploadId": upload["id"], "format": "CSV",
                  "apply": True, "skipBadRows": True, "defaultCurrency": "USD"}})  # fmt: skip
    assert started["licensesImport"]["errors"] == []
    return str(started["licensesImport"]["job"]["id"])


def _finished(client: httpx.Client, job_id: str) -> dict[str, object]:
    job: dict[str, object] = {}

    def done() -> bool:
        nonlocal job
        job = gql(client, JOB, {"id": job_id})["job"]
        return job["status"] in ("SUCCEEDED", "FAILED")

    wait_until(done, 90, f"job {job_id}")
    return job


def test_redis_away_for_60_seconds(stack: tuple[LiveServer, OwnRedis]) -> None:
    server, redis = stack
    with signed_in(server) as client:
        before = _finished(client, _start_import(client, "BEFORE-1"))
        assert before["status"] == "SUCCEEDED", before

        redis.stop()
        stopped_at = time.monotonic()
        # Sign-in (and its throttle, counting in the database meanwhile) and reads go on.
        with signed_in(server) as again:
            assert gql(again, COUNT["query"], {})["licenses"]["totalCount"] == 1
        wrong = httpx.post(
            f"{server.url}/auth/login",
            json={"email": server.admin_email, "password": "not-the-password-at-all"},
        )
        assert wrong.status_code == 401, wrong.text
        during = _start_import(client, "DURING-1")
        assert gql(client, JOB, {"id": during})["job"]["status"] == "QUEUED"
        time.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - stopped_at)))
        assert gql(client, JOB, {"id": during})["job"]["status"] == "QUEUED"  # waited

        redis.start()
        job = _finished(client, during)
        assert job["status"] == "SUCCEEDED", job
        assert job["result"]["created"] == 1  # type: ignore[index]
        # Exactly once: one license per import, no more.
        assert gql(client, COUNT["query"], {})["licenses"]["totalCount"] == 2
    assert "Exception in ASGI application" not in server.log()
