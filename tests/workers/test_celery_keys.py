"""Signed audit reports and key rotation through a real Redis and real Celery workers
(`licman worker`, `licman beat`, in their own processes) on PostgreSQL; a rotation whose
worker is killed with SIGKILL mid-way is finished by the next worker after its checkpoint:
every secret re-encrypted exactly once, one key added."""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from bench.import_csv import write_csv
from licman.security.secrets import KeyRing
from tests.backends import TestDatabase
from tests.live import free_port, run_cli
from tests.workers.harness import Proc, RedisServer, job_env, sql

SECRETS = int(os.environ.get("LICMAN_TEST_ROTATE_SECRETS", "4000"))


@pytest_asyncio.fixture(loop_scope="session")
async def database(tmp_path: Path) -> AsyncIterator[TestDatabase]:
    db = await TestDatabase.create("postgres", tmp_path)
    try:
        init = run_cli(tmp_path, "init", database_url=db.url)
        assert init.returncode == 0, init.stderr
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


def cli(home: Path, env: dict[str, str], *args: str) -> tuple[int, str]:
    proc = Proc.start(home, env, f"cli-{args[0]}", *args)
    proc.process.wait(timeout=300)
    return proc.process.returncode, proc.log()


async def test_a_real_worker_makes_a_signed_report(
    database: TestDatabase, redis: RedisServer, tmp_path: Path
) -> None:
    env = job_env(tmp_path, database.url, redis.url)
    worker = Proc.start(tmp_path, env, "worker", "worker", "--concurrency", "1")
    try:
        report = tmp_path / "report.json"
        code, log = cli(tmp_path, env, "audit", "report", "--format", "json", "-o", str(report))
        assert code == 0, log + worker.log()
        jobs = await sql(database.url, "SELECT kind, status, task_id FROM job")
        assert [(j["kind"], j["status"]) for j in jobs] == [("audit_report", "succeeded")]
        assert jobs[0]["task_id"] not in (None, "cli")  # the worker ran it
        code, log = cli(tmp_path, env, "audit", "verify-report", str(report))
        assert code == 0, log
        assert "valid audit report" in log
        events = json.loads(json.loads(report.read_text())["content"])
        assert [e["action"] for e in events] == ["user.create"]  # the first admin
    finally:
        worker.stop()


async def test_a_rotation_killed_mid_way_is_finished_by_the_next_worker(
    database: TestDatabase, redis: RedisServer, tmp_path: Path
) -> None:
    env = job_env(tmp_path, database.url, redis.url)
    first = Proc.start(tmp_path, env, "worker1", "worker", "--concurrency", "1")
    beat = Proc.start(tmp_path, env, "beat", "beat")
    second: Proc | None = None
    rotation: Proc | None = None
    try:
        code, log = cli(
            tmp_path, env, "import", str(write_csv(tmp_path / "s.csv", SECRETS)), "--apply"
        )
        assert code == 0, log + first.log()
        ring_file = tmp_path / "var" / "secrets" / "keyring.json"
        [old_key] = json.loads(ring_file.read_text())["keys"]

        rotation = Proc.start(tmp_path, env, "rotate", "keys", "rotate", "--batch-size", "10")

        async def point() -> dict[str, int]:
            found = await sql(database.url, "SELECT checkpoint FROM job WHERE kind = 'keys_rotate'")
            return json.loads(found[0]["checkpoint"]) if found else {}

        for _ in range(1500):
            done = (await point()).get("reencrypted", 0)
            if done > SECRETS // 5:
                break
            assert first.process.poll() is None, first.log()
            await asyncio.sleep(0.05)
        else:
            raise AssertionError("the rotation never got going\n" + first.log())
        first.kill9()
        halfway = await point()
        assert 0 < halfway["reencrypted"] < SECRETS, "the rotation finished before the kill"
        job = (await sql(database.url, "SELECT status FROM job WHERE kind = 'keys_rotate'"))[0]
        assert job["status"] == "running"

        second = Proc.start(tmp_path, env, "worker2", "worker", "--concurrency", "1")
        rotation.process.wait(timeout=300)
        assert rotation.process.returncode == 0, rotation.log() + second.log()
        assert "Added a new key; the ring holds 2 keys." in rotation.log()
        assert f"Re-encrypted {SECRETS} secret(s)" in rotation.log()

        final = (
            await sql(
                database.url, "SELECT status, attempts, result FROM job WHERE kind = 'keys_rotate'"
            )
        )[0]
        assert (final["status"], final["attempts"]) == ("succeeded", 2)
        assert json.loads(final["result"])["reencrypted"] == SECRETS
        data = json.loads(ring_file.read_text())
        assert (len(data["keys"]), data["keys"][1], data["rotating"]) == (2, old_key, False)
        ring = KeyRing.from_file(ring_file)
        rows = await sql(database.url, "SELECT id, secret_ciphertext FROM license")
        assert len(rows) == SECRETS
        assert all(ring.under_newest_key(r["id"], r["secret_ciphertext"]) for r in rows)
        events = await sql(
            database.url, "SELECT count(*) AS n FROM audit_event WHERE action = 'keys.rotate'"
        )
        assert events[0]["n"] == 1
        verify = run_cli(tmp_path, "audit", "verify", database_url=database.url)
        assert verify.returncode == 0, verify.stderr
    finally:
        if rotation is not None:
            rotation.stop()
        for proc in (first, second, beat):
            if proc is not None:
                proc.stop()
