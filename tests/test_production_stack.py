"""The production stack for real, as an operator starts it: `licman configure
--non-interactive`, then Debian's nginx (TLS) in front of gunicorn with 2 uvicorn workers
(bin/web: under supervisord), a Celery worker and beat (bin/queue: under supervisord), on
PostgreSQL and a redis-server of the test's own. Through nginx: sign-in, a query, an import
job run by the Celery worker, the security headers; then one gunicorn worker is killed with
SIGKILL under load, and the gunicorn master too. Everything started is stopped again.

Needs nginx and supervisor (apt-get install -y nginx supervisor; .ci/run installs them)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.backends import TestDatabase, require_server, services_required
from tests.imports import FIXTURES
from tests.live import ADMIN_PASSWORD_RE, cli_env, free_port, run_cli
from tests.test_configure import nginx_main_conf, self_signed
from tests.web.test_import_http import JOB, START, multipart

pytestmark = pytest.mark.production_stack

ROOT = Path(__file__).resolve().parents[1]
QUERY = {"query": "{ licenses(first: 5) { totalCount } }"}


def _need(program: str) -> str:
    path = shutil.which(program) or shutil.which(program, path="/usr/sbin:/usr/bin")
    if path is None:
        message = f"{program} is not installed (apt-get install -y nginx supervisor)"
        if services_required():
            pytest.fail(f"{message} (required in CI)", pytrace=False)
        pytest.skip(message)
    return path


def wait_until(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat_line = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat_line.rsplit(")", 1)[1].split()[1])
        if ppid == pid:
            found.add(int(entry.name))
    return found


@dataclass
class Stack:
    home: Path
    url: str
    tls: ssl.SSLContext
    cert: Path
    admin_email: str
    admin_password: str
    processes: list[tuple[str, subprocess.Popen[bytes]]] = field(default_factory=list)

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, verify=self.tls, timeout=30)

    def start(self, name: str, argv: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        with (self.home / f"{name}.out").open("wb") as log:  # the child keeps its own copy
            process = subprocess.Popen(
                argv, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
            )
        self.processes.append((name, process))
        return process

    def logs(self) -> str:
        parts = []
        for path in sorted(self.home.glob("*.out")) + sorted((self.home / "var/log").glob("*")):
            text = path.read_text(errors="replace")[-3000:]
            parts.append(f"--- {path.name}\n{text}")
        return "\n".join(parts)

    def supervisorctl(self, role: str, *args: str) -> str:
        conf = self.home / "var/deploy/supervisor" / f"{role}.conf"
        result = subprocess.run(
            ["supervisorctl", "-c", str(conf), *args], capture_output=True, text=True, check=False
        )
        return result.stdout

    def gunicorn_master(self) -> int:
        out = self.supervisorctl("web", "pid", "licman-web").strip()
        return int(out) if out.isdigit() else 0

    def stop(self) -> None:
        for _, process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for _, process in reversed(self.processes):
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[Stack]:
    nginx = _need("nginx")
    _need("supervisord")
    redis_server = _need("redis-server")
    require_server("postgres")
    database = asyncio.run(TestDatabase.create("postgres", tmp_path))
    # Short: supervisord's control sockets go in home/var/run/, and a Unix socket's path holds
    # at most 107 bytes (pytest's tmp_path under xdist can be longer than that).
    home = Path(tempfile.mkdtemp(prefix="lm-", dir="/tmp"))
    cert, key = self_signed(tmp_path, "127.0.0.1")
    https_port, app_port, redis_port = free_port(), free_port(), free_port()
    public_url = f"https://127.0.0.1:{https_port}"
    (home / ".licman-cfg.yml").write_text(
        f"database_url: {database.url}\n"
        f"redis_url: redis://127.0.0.1:{redis_port}/0\n"
        f"public_url: {public_url}\n"
        f"port: {app_port}\n"
        "web_workers: 2\n"
        "job_lease_seconds: 5\n"
        "job_relay_seconds: 2\n"
        f"tls_certificate: {cert}\n"
        f"tls_certificate_key: {key}\n",
        encoding="utf-8",
    )
    tls = ssl.create_default_context(cafile=str(cert))
    stack = Stack(home, public_url, tls, cert, "", "")
    env = cli_env(home)
    try:
        stack.start(
            "redis",
            [redis_server, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(tmp_path)],
            env,
        )  # fmt: skip
        configured = run_cli(home, "configure", "--non-interactive", env=env)
        assert configured.returncode == 0, configured.stdout + configured.stderr
        password = ADMIN_PASSWORD_RE.search(configured.stdout)
        assert password, configured.stdout
        stack.admin_email, stack.admin_password = "admin@licman.local", password.group(1)
        stack.start("web", [str(ROOT / "bin/web")], env)
        site = home / "var/deploy/nginx/licman.conf"
        conf = nginx_main_conf(home, site)
        if os.getuid() == 0:  # workers would run as nobody, who may not enter tmp_path
            conf.write_text("user root;\n" + conf.read_text())
        stack.start(
            "nginx", [nginx, "-c", str(conf), "-p", str(home / "nginx"), "-g", "daemon off;"], env
        )

        def ready() -> bool:
            for name, process in stack.processes:
                assert process.poll() is None, f"{name} exited:\n{stack.logs()}"
            try:
                with stack.client() as client:
                    return client.get("/readyz").status_code == 200
            except httpx.TransportError:
                return False

        wait_until(ready, 90, "the stack to answer /readyz through nginx")
        stack.start("queue", [str(ROOT / "bin/queue")], env)
        wait_until(
            lambda: stack.supervisorctl("queue", "status").count("RUNNING") == 2,
            60,
            "the Celery worker and beat",
        )
        yield stack
    except BaseException:
        print(stack.logs())
        raise
    finally:
        stack.stop()
        asyncio.run(database.drop())
        shutil.rmtree(home, ignore_errors=True)


def sign_in(stack: Stack) -> httpx.Client:
    client = stack.client()
    answer = client.post(
        "/auth/login",
        json={"email": stack.admin_email, "password": stack.admin_password},
        headers={"origin": stack.url},
    )
    assert answer.status_code == 200, answer.text
    cookie = answer.headers.get_list("set-cookie")
    assert any("licman_session=" in c and "Secure" in c for c in cookie), cookie
    return client


def gql(client: httpx.Client, query: str, variables: dict[str, Any] | None = None) -> Any:
    headers = {
        "x-csrf-token": client.cookies.get("licman_csrf", ""),
        "origin": str(client.base_url),
    }
    answer = client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert "errors" not in body, body
    return body["data"]


def _security_headers(stack: Stack, client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200, page.text[:300]
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    assert "frame-ancestors 'none'" in csp
    assert len(page.headers.get_list("content-security-policy")) == 1  # nginx adds none
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "same-origin"
    assert page.headers["strict-transport-security"].startswith("max-age=63072000")
    assert "server" not in page.headers or "nginx/" not in page.headers["server"]

    api = client.post("/graphql", json=QUERY)  # no session: 401, with nginx's headers
    assert api.headers["content-security-policy"].startswith("default-src 'none'")
    assert "frame-ancestors 'none'" in api.headers["content-security-policy"]
    assert api.headers["x-content-type-options"] == "nosniff"
    assert api.headers["strict-transport-security"]
    assert "content-encoding" not in api.headers  # API answers are never compressed

    script = re.search(r'src="(/assets/[^"]+\.js)"', page.text)
    assert script, page.text[:500]
    asset = client.get(script.group(1), headers={"accept-encoding": "gzip"})
    assert asset.status_code == 200
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert asset.headers.get("content-encoding") == "gzip"
    assert asset.headers["x-content-type-options"] == "nosniff"

    plain = httpx.get(stack.url.replace("https://", "http://"), timeout=5)
    assert plain.status_code == 400  # plain HTTP on the TLS port is refused by nginx


def _import_job(client: httpx.Client) -> None:
    data = (FIXTURES / "bad_rows.csv").read_bytes()
    token = client.cookies["licman_csrf"]
    answer = client.post(
        "/graphql",
        headers={"x-csrf-token": token, "origin": str(client.base_url).rstrip("/")},
        **multipart("bad_rows.csv", data, "CSV"),
    )
    assert answer.status_code == 200, answer.text
    upload = answer.json()["data"]["importUpload"]["upload"]
    started = gql(client, START, {"input": {"uploadId": upload["id"], "format": "CSV",
                  "apply": True, "skipBadRows": True, "defaultCurrency": "USD"}})  # fmt: skip
    assert started["licensesImport"]["errors"] == []
    job_id = started["licensesImport"]["job"]["id"]
    job: dict[str, Any] = {}

    def finished() -> bool:
        nonlocal job
        job = gql(client, JOB, {"id": job_id})["job"]
        return job["status"] in ("SUCCEEDED", "FAILED")

    wait_until(finished, 90, "the import job (run by the Celery worker)")
    assert job["status"] == "SUCCEEDED", job
    assert job["result"]["created"] == 1


def _big_csv(rows: int) -> bytes:
    lines = ["externalId,vendor,product,seats,cost,currency,secret"]
    lines += [f"BIG-{i},Vendor {i % 7},Product {i % 11},{i % 5 + 1},{i}.50,USD,KEY-{i}"
              for i in range(rows)]  # fmt: skip
    return ("\n".join(lines) + "\n").encode()


def _kill_the_celery_worker_mid_job(stack: Stack, client: httpx.Client) -> dict[str, Any]:
    """SIGKILL the Celery worker while it imports; supervisord restarts it, the job is handed
    over when its lease runs out, and the result has every row exactly once."""
    rows = 3000
    token = client.cookies["licman_csrf"]
    answer = client.post(
        "/graphql",
        headers={"x-csrf-token": token, "origin": str(client.base_url).rstrip("/")},
        **multipart("big.csv", _big_csv(rows), "CSV"),
    )
    assert answer.status_code == 200, answer.text
    upload = answer.json()["data"]["importUpload"]["upload"]
    started = gql(client, START, {"input": {"uploadId": upload["id"], "format": "CSV",
                  "apply": True, "defaultCurrency": "USD"}})  # fmt: skip
    job_id = started["licensesImport"]["job"]["id"]
    before = stack.supervisorctl("queue", "pid", "licman-worker").strip()
    wait_until(lambda: gql(client, JOB, {"id": job_id})["job"]["status"] == "RUNNING", 60,
               "the import to start")  # fmt: skip
    os.kill(int(before), signal.SIGKILL)
    killed_at = gql(client, JOB, {"id": job_id})["job"]
    wait_until(
        lambda: (
            stack.supervisorctl("queue", "pid", "licman-worker").strip() not in ("", "0", before)
        ),
        60,
        "supervisord to restart the Celery worker",
    )
    job: dict[str, Any] = {}

    def finished() -> bool:
        nonlocal job
        job = gql(client, JOB, {"id": job_id})["job"]
        return job["status"] in ("SUCCEEDED", "FAILED")

    wait_until(finished, 180, "the handed-over import job")
    assert job["status"] == "SUCCEEDED", job
    return {"killed_at_percent": killed_at["percent"], "status": killed_at["status"],
            "rows": rows, "result": job["result"]}  # fmt: skip


def _load_while(stack: Stack, token: str, during: Callable[[], None]) -> Counter[str]:
    """Four clients send queries through nginx while `during` runs, and a while after."""
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()
    stop = threading.Event()

    def client_loop() -> None:
        with stack.client() as client:
            while not stop.is_set():
                try:
                    answer = client.post(
                        "/graphql", json=QUERY, headers={"authorization": f"Bearer {token}"}
                    )
                    ok = answer.status_code == 200 and "errors" not in answer.json()
                    outcome = "ok" if ok else f"http {answer.status_code}"
                except httpx.TransportError as exc:
                    outcome = type(exc).__name__
                with lock:
                    outcomes[outcome] += 1

    threads = [threading.Thread(target=client_loop) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        wait_until(lambda: outcomes["ok"] >= 40, 60, "the load to get going")
        during()
        before = outcomes["ok"]
        wait_until(lambda: outcomes["ok"] >= before + 80, 60, "requests after the kill")
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    return outcomes


def test_the_production_stack_end_to_end(stack: Stack) -> None:
    client = sign_in(stack)
    try:
        assert gql(client, QUERY["query"])["licenses"]["totalCount"] == 0
        _security_headers(stack, client)
        _import_job(client)
        assert gql(client, QUERY["query"])["licenses"]["totalCount"] == 1
        handed_over = _kill_the_celery_worker_mid_job(stack, client)
        print("\nCelery worker SIGKILLed mid-import:", handed_over)
        # No partial writes, nothing twice: every row of the file exactly once.
        assert gql(client, QUERY["query"])["licenses"]["totalCount"] == 1 + 3000
    finally:
        client.close()

    made = run_cli(stack.home, "token", "create", "--user", stack.admin_email,
                   env=cli_env(stack.home))  # fmt: skip
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()

    master = stack.gunicorn_master()
    workers = children(master)
    assert len(workers) == 2, (master, workers, stack.supervisorctl("web", "status"))
    victim = min(workers)

    outcomes = _load_while(stack, token, lambda: os.kill(victim, signal.SIGKILL))
    failed = sum(n for outcome, n in outcomes.items() if outcome != "ok")
    print("\ngunicorn worker SIGKILLed under load (4 clients through nginx):", dict(outcomes))
    # Only requests in flight on the killed worker may fail: at most one per client.
    assert failed <= 4, outcomes
    assert set(outcomes) <= {"ok", "http 502"}, outcomes
    wait_until(lambda: len(children(master) - {victim}) == 2, 30, "gunicorn to replace the worker")

    # The gunicorn master itself: supervisord starts it again.
    os.kill(master, signal.SIGKILL)
    wait_until(lambda: stack.gunicorn_master() not in (0, master), 60, "supervisord's restart")
    wait_until(lambda: len(children(stack.gunicorn_master())) == 2, 60, "two new workers")

    def ready() -> bool:
        with stack.client() as c:
            return c.get("/readyz").status_code == 200

    wait_until(ready, 30, "the restarted server")
    status = stack.supervisorctl("queue", "status")
    assert "licman-worker" in status
    assert status.count("RUNNING") == 2, status

    _fuzz(stack, token)


def _fuzz(stack: Stack, token: str) -> None:
    """schemathesis in GraphQL mode against the stack through nginx, for a bounded time: no
    5xx, no masked or unmasked internal error, no answer that shows a traceback, SQL or driver
    names, checked in every answer of the run (its HAR report). schemathesis's own
    not_a_server_error and positive_data_acceptance checks are off: they count every GraphQL
    error that is not a validation error, and Licman refuses bad input (first: 0, an id with
    a NUL character) with typed errors by design. Operations with an Upload argument are
    skipped: schemathesis cannot generate that scalar."""
    st = Path(sys.executable).with_name("st")
    if not st.exists():
        pytest.fail("schemathesis is not installed (pip install -e '.[dev]')")
    har = stack.home / "fuzz.har"
    result = subprocess.run(
        [str(st), "run", str(ROOT / "client/schema.graphql"), "--url", f"{stack.url}/graphql",
         "-H", f"Authorization: Bearer {token}", "--tls-verify", str(stack.cert),
         "--max-time", "45", "--seed", "1",
         "--exclude-checks", "not_a_server_error,positive_data_acceptance",
         "--report", "har", "--report-har-path", str(har), "--no-color"],
        capture_output=True, text=True, timeout=300, check=False, cwd=stack.home,
    )  # fmt: skip
    summary = result.stdout[-1500:]
    assert har.exists(), summary + result.stderr[-2000:]
    entries = json.loads(har.read_text(errors="replace"))["log"]["entries"]
    statuses: Counter[int] = Counter()
    codes: Counter[str] = Counter()
    for entry in entries:
        status = entry["response"]["status"]
        text = entry["response"]["content"].get("text", "")
        statuses[status] += 1
        assert status < 500, (status, entry["request"].get("postData"), text[:500])
        for leak in ("Traceback", 'File "/', "asyncpg", "tortoise.", "sqlite3.", "psycopg"):
            assert leak not in text, (leak, text[:500])
        with contextlib.suppress(ValueError):
            for error in json.loads(text).get("errors") or []:
                code = str((error.get("extensions") or {}).get("code"))
                codes[code] += 1
                assert code != "INTERNAL", (entry["request"].get("postData"), error)
    print(f"\nschemathesis (GraphQL, 45 s, through nginx): {len(entries)} requests, "
          f"statuses {dict(statuses)}, error codes {dict(codes)}")  # fmt: skip
    assert len(entries) >= 100, summary
