"""Jobs through a real Redis and real Celery workers (`licman worker`, `licman beat`, in
their own processes) on PostgreSQL: imports, a job started while Redis is down (kept in the
outbox, run once when Redis is back), and a worker killed with SIGKILL in the middle of a
large import (the next worker resumes it: every row exactly once)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
from pathlib import Path

import httpx
import pytest

from bench.import_csv import write_csv
from tests.backends import TestDatabase
from tests.imports import FIXTURES
from tests.live import LICMAN, LiveServer, free_port, run_cli
from tests.workers.harness import Proc, RedisServer, job_env, sql, wait_until

# 100,000 rows in CI (about a minute here); LICMAN_TEST_KILL_ROWS makes it smaller locally.
KILL_ROWS = int(os.environ.get("LICMAN_TEST_KILL_ROWS", "100000"))


@pytest.fixture
def users() -> tuple[str, ...]:
    return ("ana@example.com", "ben@example.com", "chloe@example.com")


def licman_import(home: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*LICMAN, "import", *args],
        env=env,
        cwd=home,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


async def test_a_real_worker_runs_imports(
    database: TestDatabase, redis: RedisServer, tmp_path: Path
) -> None:
    env = job_env(tmp_path, database.url, redis.url)
    worker = Proc.start(tmp_path, env, "worker", "worker", "--concurrency", "1")
    beat = Proc.start(tmp_path, env, "beat", "beat")
    try:
        csv_run = licman_import(tmp_path, env, str(FIXTURES / "licenses.csv"), "--apply")
        assert csv_run.returncode == 0, csv_run.stderr + worker.log()
        assert "3 row(s): 3 were created" in csv_run.stdout
        json_run = licman_import(tmp_path, env, str(FIXTURES / "licenses.json"), "--apply")
        assert json_run.returncode == 0, json_run.stderr
        snipe = licman_import(
            tmp_path,
            env,
            str(FIXTURES / "snipeit_licenses.csv"),
            "--apply",
            "--skip-bad-rows",
            "--default-currency",
            "USD",
            "--rows-to-fix",
            str(tmp_path / "fix.csv"),
        )
        assert snipe.returncode == 0, snipe.stderr
        assert "3 row(s)" not in snipe.stdout
        assert "1 skipped" in snipe.stdout
        assert (tmp_path / "fix.csv").read_text().count("\n") == 2  # header and row 6
        again = licman_import(tmp_path, env, str(FIXTURES / "licenses.csv"), "--apply")
        assert "0 were created, 0 were updated, 3 unchanged" in again.stdout

        jobs = await sql(database.url, "SELECT status, attempts, task_id FROM job ORDER BY id")
        assert [(j["status"], j["attempts"]) for j in jobs] == [("succeeded", 1)] * 4
        # Run by the worker (a Celery task id), not by the command that started them.
        assert all(j["task_id"] and j["task_id"] != "cli" for j in jobs)
        counts = await sql(database.url, "SELECT count(*) AS n FROM license")
        assert counts[0]["n"] == 3 + 2 + 3
        assert "job succeeded" in worker.log()
    finally:
        worker.stop()
        beat.stop()


async def test_a_job_started_while_redis_is_down_runs_once_when_it_returns(
    database: TestDatabase, redis: RedisServer, tmp_path: Path
) -> None:
    env = job_env(tmp_path, database.url, redis.url)
    worker = Proc.start(tmp_path, env, "worker", "worker", "--concurrency", "1")
    beat = Proc.start(tmp_path, env, "beat", "beat")
    importer: Proc | None = None
    try:
        wait_until(lambda: "ready" in worker.log(), 60, "the worker to be ready")
        redis.stop()
        importer = Proc.start(
            tmp_path, env, "import", "import", str(FIXTURES / "licenses.json"), "--apply"
        )
        wait_until(lambda: "waits in the outbox" in importer.log(), 60, "the import to be queued")
        # Kept: the job and its unsent outbox row, in the database.
        job = (await sql(database.url, "SELECT id, status FROM job"))[0]
        outbox = await sql(
            database.url, "SELECT sent_at FROM job_outbox WHERE job_id = $1", job["id"]
        )
        assert job["status"] == "queued"
        assert [r["sent_at"] for r in outbox] == [None]
        assert (await sql(database.url, "SELECT count(*) AS n FROM license"))[0]["n"] == 0

        redis.start()  # empty: whatever Redis held before is gone
        importer.process.wait(timeout=120)
        assert importer.process.returncode == 0, importer.log() + worker.log()
        final = (await sql(database.url, "SELECT status, attempts FROM job"))[0]
        assert (final["status"], final["attempts"]) == ("succeeded", 1)
        assert (await sql(database.url, "SELECT count(*) AS n FROM license"))[0]["n"] == 2
        creates = await sql(
            database.url, "SELECT count(*) AS n FROM audit_event WHERE action = 'license.create'"
        )
        assert creates[0]["n"] == 2
    finally:
        if importer is not None:
            importer.stop()
        worker.stop()
        beat.stop()


async def test_a_worker_killed_mid_import_is_resumed_with_every_row_once(
    database: TestDatabase, redis: RedisServer, tmp_path: Path
) -> None:
    rows = KILL_ROWS
    big = write_csv(tmp_path / "big.csv", rows)
    env = job_env(tmp_path, database.url, redis.url)
    first = Proc.start(tmp_path, env, "worker1", "worker", "--concurrency", "1")
    beat = Proc.start(tmp_path, env, "beat", "beat")
    importer = Proc.start(tmp_path, env, "import", "import", str(big), "--apply")
    second: Proc | None = None
    try:

        async def checkpoint() -> dict[str, object]:
            found = await sql(database.url, "SELECT checkpoint FROM job")
            return json.loads(found[0]["checkpoint"]) if found else {}

        # Wait until a good share of the rows is committed, then SIGKILL the worker and its child.
        for _ in range(900):
            point = await checkpoint()
            if point.get("phase") == "write" and int(point.get("row", 0)) > rows // 3:  # type: ignore[call-overload]
                break
            assert first.process.poll() is None, first.log()
            await asyncio.sleep(0.2)
        else:
            raise AssertionError("the import never got a third of the way\n" + first.log())
        first.kill9()
        written = (await sql(database.url, "SELECT count(*) AS n FROM license"))[0]["n"]
        assert 0 < written < rows
        assert (await sql(database.url, "SELECT status FROM job"))[0]["status"] == "running"

        second = Proc.start(tmp_path, env, "worker2", "worker", "--concurrency", "1")
        importer.process.wait(timeout=600)
        assert importer.process.returncode == 0, importer.log() + second.log()
        totals = await sql(
            database.url, "SELECT count(*) AS n, count(DISTINCT external_id) AS d FROM license"
        )
        assert (totals[0]["n"], totals[0]["d"]) == (rows, rows)
        job = (await sql(database.url, "SELECT status, attempts, result FROM job"))[0]
        assert (job["status"], job["attempts"]) == ("succeeded", 2)
        assert json.loads(job["result"])["created"] == rows
        # One audit event per license, none twice, and the chain intact.
        creates = await sql(
            database.url, "SELECT count(*) AS n FROM audit_event WHERE action = 'license.create'"
        )
        assert creates[0]["n"] == rows
        verify = run_cli(tmp_path, "audit", "verify", database_url=database.url)
        assert verify.returncode == 0, verify.stderr
    finally:
        importer.stop()
        for proc in (first, second, beat):
            if proc is not None:
                proc.stop()


async def test_the_server_keeps_a_job_started_while_redis_is_down(tmp_path: Path) -> None:
    database = await TestDatabase.create("postgres", tmp_path)
    try:
        await _server_keeps_the_job(database, tmp_path)
    finally:
        await database.drop()


async def _server_keeps_the_job(database: TestDatabase, tmp_path: Path) -> None:
    port = free_port()  # nothing listens here yet: Redis is down
    (tmp_path / ".env").write_text(
        f"LICMAN_REDIS_URL=redis://127.0.0.1:{port}/0\nLICMAN_JOB_RELAY_SECONDS=1\n"
    )
    server = LiveServer.start(tmp_path, database.url)
    made = run_cli(
        tmp_path, "user", "create", "--email", "ana@example.com", database_url=database.url
    )
    assert made.returncode == 0, made.stderr
    redis = RedisServer(port, tmp_path)
    worker: Proc | None = None
    beat: Proc | None = None
    try:
        token = run_cli(
            tmp_path, "token", "create", "--user", server.admin_email, database_url=database.url
        ).stdout.strip()
        headers = {"authorization": f"Bearer {token}"}
        operations = {
            "query": "mutation ($input: ImportUploadInput!) { importUpload(input: $input) "
            "{ upload { id } errors { message } } }",
            "variables": {"input": {"file": None}},
        }
        data = (FIXTURES / "licenses.json").read_bytes()
        async with httpx.AsyncClient(base_url=server.url, timeout=30, headers=headers) as client:
            uploaded = await client.post(
                "/graphql",
                data={
                    "operations": json.dumps(operations),
                    "map": json.dumps({"0": ["variables.input.file"]}),
                },
                files={"0": ("licenses.json", data, "application/json")},
            )
            upload_id = uploaded.json()["data"]["importUpload"]["upload"]["id"]
            started = (
                await client.post(
                    "/graphql",
                    json={
                        "query": "mutation ($input: LicensesImportInput!) "
                        "{ licensesImport(input: $input) "
                        "{ job { id status } errors { message } } }",
                        "variables": {
                            "input": {"uploadId": upload_id, "format": "JSON", "apply": True}
                        },
                    },
                )
            ).json()["data"]["licensesImport"]
        # Answered at once with the job queued, kept with its unsent outbox row.
        assert started["errors"] == []
        assert started["job"]["status"] == "QUEUED"
        # (The server tries to publish in the background; wait for it to give up.)
        for _ in range(150):
            outbox = await sql(database.url, "SELECT sent_at, last_error FROM job_outbox")
            if outbox[0]["last_error"]:
                break
            await asyncio.sleep(0.2)
        assert [r["sent_at"] for r in outbox] == [None]
        assert "connecting to 127.0.0.1" in outbox[0]["last_error"]

        redis.start()
        env = job_env(tmp_path, database.url, redis.url)
        worker = Proc.start(tmp_path, env, "worker", "worker", "--concurrency", "1")
        beat = Proc.start(tmp_path, env, "beat", "beat")

        async def finished() -> bool:
            return (await sql(database.url, "SELECT status FROM job"))[0]["status"] == "succeeded"

        for _ in range(600):
            if await finished():
                break
            await asyncio.sleep(0.2)
        job = (await sql(database.url, "SELECT status, attempts FROM job"))[0]
        assert (job["status"], job["attempts"]) == ("succeeded", 1), worker.log()
        assert (await sql(database.url, "SELECT count(*) AS n FROM license"))[0]["n"] == 2
    finally:
        server.stop()
        for proc in (worker, beat):
            if proc is not None:
                proc.stop()
        redis.stop()
