"""Exports through a real Redis and a real Celery worker (`licman worker`, `licman beat` in
their own processes) on PostgreSQL, started by `licman export` the way a shell user does:
CSV on stdout, XLSX to a file, the list's filter and search, seat holders, secrets with their
audit events, and a member's field rules. The same command without Redis runs the job in
its own process (the embedded mode)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import openpyxl
import pytest
import pytest_asyncio

from tests.backends import TestDatabase
from tests.imports import FIXTURES
from tests.live import LICMAN, cli_env, free_port, run_cli
from tests.workers.harness import Proc, RedisServer, job_env, sql


@pytest_asyncio.fixture(loop_scope="session")
async def database(tmp_path: Path) -> AsyncIterator[TestDatabase]:
    db = await TestDatabase.create("postgres", tmp_path)
    try:
        init = run_cli(tmp_path, "init", database_url=db.url)
        assert init.returncode == 0, init.stderr
        for email in ("ana@example.com", "ben@example.com"):
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


def licman(home: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*LICMAN, *args], env=env, cwd=home, capture_output=True, timeout=180, check=False
    )


def rows_of(out: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out.decode("utf-8-sig"), newline="")))


def _exports(home: Path, env: dict[str, str]) -> None:
    imported = licman(home, env, "import", str(FIXTURES / "licenses.csv"), "--apply")
    assert imported.returncode == 0, imported.stderr

    everything = licman(home, env, "export", "--format", "csv")
    assert everything.returncode == 0, everything.stderr
    rows = rows_of(everything.stdout)
    assert {r["externalId"] for r in rows} == {"ERP-1", "ERP-2", "ERP-3"}
    assert {r["name"] for r in rows} >= {"Design team", '\'=HYPERLINK("http://evil")'}
    assert "secret" not in rows[0]
    assert b"3 row(s) from 3 license(s)" in everything.stderr

    flt = json.dumps({"kinds": ["SUBSCRIPTION"], "statuses": ["ACTIVE"]})
    xlsx = home / "subscriptions.xlsx"
    narrowed = licman(
        home, env, "export", "--format", "xlsx", "--filter", flt, "--search", "design",
        "--output", str(xlsx),
    )  # fmt: skip
    assert narrowed.returncode == 0, narrowed.stderr
    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert [v[0] for v in values[1:]] == ["ERP-1"]

    seats = rows_of(licman(home, env, "export", "--kind", "seats").stdout)
    assert [s["holderEmail"] for s in seats] == ["ana@example.com", "ben@example.com"]

    secrets = licman(home, env, "export", "--format", "json", "--include-secrets")
    assert secrets.returncode == 0, secrets.stderr
    by_id = {r["externalId"]: r for r in json.loads(secrets.stdout)}
    assert (by_id["ERP-1"]["secret"], by_id["ERP-3"]["secret"]) == ("PS-KEY-1", "PY-KEY")
    assert b"2 secret(s) revealed" in secrets.stderr

    # Ben (a member with a seat on ERP-1) exports what he sees, without costs or Ana's address.
    member = licman(home, env, "export", "--format", "json", "--user", "ben@example.com")
    assert member.returncode == 0, member.stderr
    [mine] = json.loads(member.stdout)
    assert (mine["externalId"], mine["cost"], mine["owner"]) == ("ERP-1", None, None)
    assert mine["seatHolders"] == ["ben@example.com"]
    refused = licman(home, env, "export", "--user", "ben@example.com", "--include-secrets")
    assert refused.returncode == 1
    assert b"includeSecrets: You may not export secrets" in refused.stderr
    bad = licman(home, env, "export", "--filter", '{"statuses": ["NOPE"]}')
    assert bad.returncode == 2
    assert b"--filter: Value 'NOPE' does not exist in 'LicenseStatus' enum." in bad.stderr


async def test_a_real_worker_runs_exports(
    database: TestDatabase, redis: RedisServer, tmp_path: Path
) -> None:
    env = job_env(tmp_path, database.url, redis.url)
    worker = Proc.start(tmp_path, env, "worker", "worker", "--concurrency", "1")
    beat = Proc.start(tmp_path, env, "beat", "beat")
    try:
        _exports(tmp_path, env)
        jobs = await sql(
            database.url, "SELECT status, attempts, task_id FROM job WHERE kind = $1",
            "licenses_export",
        )  # fmt: skip
        assert [(j["status"], j["attempts"]) for j in jobs] == [("succeeded", 1)] * 5
        # Run by the worker (a Celery task id), not by the command that started them.
        assert all(j["task_id"] and j["task_id"] != "cli" for j in jobs), worker.log()
        await _audited(database)
    finally:
        worker.stop()
        beat.stop()


async def test_the_same_exports_without_redis_run_in_the_command(
    database: TestDatabase, tmp_path: Path
) -> None:
    env = cli_env(tmp_path, database.url)
    _exports(tmp_path, env)
    jobs = await sql(
        database.url, "SELECT status, task_id FROM job WHERE kind = $1", "licenses_export"
    )
    assert [(j["status"], j["task_id"]) for j in jobs] == [("succeeded", "cli")] * 5
    await _audited(database)

    # As Ben's API token (LICMAN_TOKEN): his view of the licenses, as the API gives it.
    made = licman(tmp_path, env, "token", "create", "--user", "ben@example.com")
    assert made.returncode == 0, made.stderr
    as_token = licman(
        tmp_path,
        {**env, "LICMAN_TOKEN": made.stdout.decode().strip()},
        "export",
        "--format",
        "json",
    )
    assert as_token.returncode == 0, as_token.stderr
    assert [r["externalId"] for r in json.loads(as_token.stdout)] == ["ERP-1"]
    started_by = await sql(
        database.url,
        'SELECT u.email, j.actor FROM job j JOIN "user" u ON u.id = j.created_by_id '
        "WHERE j.kind = 'licenses_export' ORDER BY j.id DESC LIMIT 1",
    )
    assert started_by[0]["email"] == "ben@example.com"
    assert json.loads(started_by[0]["actor"])["api_token_id"] is not None
    wrong = licman(tmp_path, {**env, "LICMAN_TOKEN": "lm_not-a-token"}, "export")
    assert wrong.returncode == 1
    assert b"--token: invalid token" in wrong.stderr


async def _audited(database: TestDatabase) -> None:
    reveals = await sql(
        database.url,
        "SELECT e.object_id, l.external_id FROM audit_event e "
        "JOIN license l ON CAST(l.id AS TEXT) = e.object_id "
        "WHERE e.action = 'license.reveal' ORDER BY l.external_id",
    )
    assert [r["external_id"] for r in reveals] == ["ERP-1", "ERP-3"]
    exports = await sql(
        database.url, "SELECT count(*) AS n FROM audit_event WHERE action = 'license.export'"
    )
    assert exports[0]["n"] == 5
