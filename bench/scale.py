"""The read path at scale: totalCount, search and a member's list on a large seeded database,
and the memory of an API process and a Celery worker. Loopback only, bounded in time.

    python -m bench.scale --database licman_bench_speed_1000000 [--rounds 20]
    python -m bench.scale --database-url sqlite:///tmp/x.sqlite3 --home /tmp/x --only search
    python -m bench.scale --database licman_bench_speed_100000 --only memory

The database must already be seeded (bench/seed.py; bench/run seeds PostgreSQL ones). Each
figure is measured in a child process of its own, in-process through the ASGI app (httpx):
the whole GraphQL request with a real API token (cached, as on a busy server), the permission
filter and the API request log on, so the milliseconds are the server's side of a request.

- count: `licenses(first: 1) { totalCount totalCountIsEstimate }` for an admin, a member and
  an admin's search, beside PostgreSQL's exact `count(*)` of the live licenses;
- search: `licenses(first: 50, search: …)` for terms of every kind (vendor, product, tag,
  notes, name, external id, rare, none), `--rounds` each: p50, p95, max per term and over all;
- member: the bench list as an admin and as a member (ownership, seats, a team's vendor grant
  and license grants): median ms, CPU ms per request of this process, SQL statements;
- memory: `licman serve` after 200 requests of each kind, and `licman worker` (Celery, its own
  redis-server on a free port) after an export job: RSS of each process.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LICMAN = str(Path(PYTHON).parent / "licman")

LIST = (
    "query List { licenses(first: 50) { edges { node { "
    "id name seats expiresOn product { name } vendor { name } tags { name } } } } }"
)
SEARCH = (
    "query Search($q: String!) { licenses(first: 50, search: $q) { "
    "edges { node { id name vendor { name } } } } }"
)
COUNT = (
    "query Count($q: String) { licenses(first: 1, search: $q) { totalCount totalCountIsEstimate } }"
)
# (term, what it matches in the seeded data)
TERMS = (
    ("adobe", "a vendor"),
    ("photoshop", "a product"),
    ("critical", "a tag"),
    ("reseller", "notes"),
    ("erp-0000", "external ids"),
    ("pro", "many names"),
    ("teamviewer", "a smaller vendor"),
    ("zzqx", "nothing"),
)
BENCH_TEAM = "bench/scale members"


def quantile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def timed(rounds: int, call: Callable[[], Awaitable[Any]]) -> list[float]:
    await call()  # warm-up: caches, the token
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


async def member_with_grants() -> Any:
    """The first active member, given (once) what makes their permission filter complete: a
    team with a grant on a vendor's licenses, and grants on two licenses of their own."""
    from licman.models import Grant, License, Role, Team, TeamMembership, User, Vendor

    member = await User.filter(role=Role.MEMBER, is_active=True).order_by("id").first()
    assert member is not None, "the seeded data set has no active member"
    team = await Team.get_or_none(name=BENCH_TEAM)
    if team is None:
        team = await Team.create(name=BENCH_TEAM)
        await TeamMembership.create(team=team, user=member)
        vendor = await Vendor.filter(name="TeamViewer").first()
        vendor = vendor or await Vendor.all().order_by("-id").first()
        assert vendor is not None
        await Grant.create(vendor=vendor, team=team, rights=["view"])
        for license_id in await License.all().order_by("id").limit(2).values_list("id", flat=True):
            await Grant.create(license_id=license_id, user=member, rights=["assign"])
    return member


async def _run(only: set[str], rounds: int) -> dict[str, Any]:
    from tortoise import connections

    from bench.statements import count_statements
    from licman.app import create_app
    from licman.db import connected
    from licman.models import Role, User
    from licman.resolvers.api_token import api_token_create
    from licman.security import authn
    from licman.security.keyring_setup import prepare_keyring
    from licman.security.principal import system
    from licman.settings import load_settings

    settings = load_settings(graphql_cost_budget=10**12, log_level="warning")
    out: dict[str, Any] = {}
    async with connected(settings):
        await prepare_keyring(settings)
        connection = connections.get("default")
        out["dialect"] = str(connection.capabilities.dialect)
        out["licenses"] = (
            await connection.execute_query_dict("SELECT COUNT(*) AS n FROM license")
        )[0]["n"]
        admin = await User.filter(role=Role.ADMIN, is_active=True).order_by("id").first()
        assert admin is not None
        member = await member_with_grants()
        tokens = {
            "admin": (await api_token_create(system("bench"), user=admin, name="bench/scale"))[0],
            "member": (await api_token_create(system("bench"), user=member, name="bench/scale"))[0],
        }
        authn.TOKENS.seconds = 3600.0  # looked up once: a busy server's steady state
        app = create_app(settings)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://bench", timeout=120
        ) as client:

            async def gql(who: str, query: str, **variables: Any) -> dict[str, Any]:
                response = await client.post(
                    "/graphql",
                    json={"query": query, "variables": variables},
                    headers={"authorization": f"Bearer {tokens[who]}"},
                )
                body: dict[str, Any] = response.json()
                assert "errors" not in body, body
                return body

            if "count" in only:
                counts: dict[str, Any] = {}
                for name, who, term in (
                    ("admin, everything", "admin", None),
                    ("member, everything", "member", None),
                    ('admin, search "adobe"', "admin", "adobe"),
                    ('admin, search "zzqx"', "admin", "zzqx"),
                ):
                    answer = (await gql(who, COUNT, q=term))["data"]["licenses"]
                    samples = await timed(rounds, lambda w=who, t=term: gql(w, COUNT, q=t))
                    counts[name] = {**answer, **_figures(samples)}
                if out["dialect"] == "postgres":
                    exact = "SELECT COUNT(*) AS n FROM license WHERE archived_at IS NULL"
                    n = (await connection.execute_query_dict(exact))[0]["n"]
                    samples = await timed(rounds, lambda: connection.execute_query_dict(exact))
                    counts["exact count(*) of the live licenses, raw SQL"] = {
                        "totalCount": n,
                        **_figures(samples),
                    }
                out["count"] = counts
            if "search" in only:
                searches: dict[str, Any] = {}
                every: list[float] = []
                for term, what in TERMS:
                    found = len((await gql("admin", SEARCH, q=term))["data"]["licenses"]["edges"])
                    samples = await timed(rounds, lambda t=term: gql("admin", SEARCH, q=t))
                    every += samples
                    searches[f"{term} ({what})"] = {"rows": found, **_figures(samples)}
                searches["all terms"] = _figures(every)
                out["search"] = searches
            if "member" in only:
                lists: dict[str, Any] = {}
                for who in ("admin", "member"):
                    await gql(who, LIST)
                    with count_statements() as statements:
                        rows = len((await gql(who, LIST))["data"]["licenses"]["edges"])
                    cpu = time.process_time()
                    samples = await timed(rounds, lambda w=who: gql(w, LIST))
                    cpu_ms = (time.process_time() - cpu) * 1000 / (rounds + 1)
                    lists[who] = {
                        "rows": rows,
                        "statements": len(statements),
                        "cpu_ms_per_request": round(cpu_ms, 2),
                        **_figures(samples),
                    }
                out["member"] = lists
    return out


def _figures(samples: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(quantile(samples, 0.95), 2),
        "max_ms": round(max(samples), 2),
        "n": len(samples),
    }


# --- memory: real processes ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def tree(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    children = [int(p) for p in out.stdout.split()]
    return [pid] + [q for c in children for q in tree(c)]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def wait_for(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise SystemExit(f"timed out waiting for {what}")


def memory(env: dict[str, str], rounds: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    home = Path(env["LICMAN_HOME"])
    port = free_port()
    redis_port = free_port()
    redis_dir = Path(tempfile.mkdtemp(prefix="bench-scale-redis-"))
    procs: list[subprocess.Popen[bytes]] = []
    try:
        api = subprocess.Popen(
            [LICMAN, "serve", "--port", str(port)], env=env, cwd=home,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        procs.append(api)
        base = f"http://127.0.0.1:{port}"

        def up() -> bool:
            try:
                return httpx.get(f"{base}/healthz", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        wait_for(up, 60, "licman serve")
        out["api_rss_mb_idle"] = round(rss_mb(api.pid), 1)
        token = json.loads(
            subprocess.run(
                [PYTHON, "-c", "import asyncio, json, bench.scale as s; "
                 "print(json.dumps(asyncio.run(s._tokens())))"],
                env=env, cwd=ROOT, check=True, capture_output=True, text=True,
            ).stdout.strip().splitlines()[-1]
        )  # fmt: skip
        with httpx.Client(base_url=base, timeout=120) as client:
            for who in ("admin", "member"):
                headers = {"authorization": f"Bearer {token[who]}"}
                for query, variables in (
                    (LIST, {}),
                    (SEARCH, {"q": "adobe"}),
                    (COUNT, {"q": None}),
                    ("{ version }", {}),
                ):
                    for _ in range(rounds):
                        client.post(
                            "/graphql", json={"query": query, "variables": variables},
                            headers=headers,
                        )  # fmt: skip
        out["api_rss_mb_after"] = round(rss_mb(api.pid), 1)
        out["api_requests"] = rounds * 8

        redis = subprocess.Popen(
            [shutil.which("redis-server") or "redis-server", "--port", str(redis_port),
             "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(redis_dir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        procs.append(redis)
        queue_env = {**env, "LICMAN_REDIS_URL": f"redis://127.0.0.1:{redis_port}/0"}
        worker = subprocess.Popen(
            [LICMAN, "worker"], env=queue_env, cwd=home,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        procs.append(worker)
        wait_for(lambda: len(tree(worker.pid)) >= 2, 60, "the Celery worker's processes")
        time.sleep(3)
        out["worker_rss_mb_idle"] = {p: round(rss_mb(p), 1) for p in tree(worker.pid)}
        started = time.monotonic()
        export = subprocess.run(
            [LICMAN, "export", "--format", "csv", "--search", "teamviewer"],
            env=queue_env, cwd=home, capture_output=True, timeout=600, check=False,
        )  # fmt: skip
        out["export_seconds"] = round(time.monotonic() - started, 1)
        out["export_rows"] = max(0, export.stdout.count(b"\n") - 1)
        out["export_stderr"] = export.stderr.decode()[-300:]
        per_process = {p: round(rss_mb(p), 1) for p in tree(worker.pid)}
        out["worker_rss_mb_after"] = per_process
        out["worker_rss_mb_total"] = round(sum(per_process.values()), 1)
        out["api_plus_worker_mb"] = round(out["api_rss_mb_after"] + out["worker_rss_mb_total"], 1)
    finally:
        for proc in reversed(procs):
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(redis_dir, ignore_errors=True)
    return out


async def _tokens() -> dict[str, str]:
    from licman.db import connected
    from licman.models import Role, User
    from licman.resolvers.api_token import api_token_create
    from licman.security.principal import system
    from licman.settings import load_settings

    async with connected(load_settings()):
        admin = await User.filter(role=Role.ADMIN, is_active=True).order_by("id").first()
        assert admin is not None
        member = await member_with_grants()
        return {
            "admin": (await api_token_create(system("bench"), user=admin, name="bench/scale"))[0],
            "member": (await api_token_create(system("bench"), user=member, name="bench/scale"))[0],
        }


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.scale", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--database", help="a seeded PostgreSQL database on 127.0.0.1")
    parser.add_argument("--database-url", help="any database URL (instead of --database)")
    parser.add_argument("--home", type=Path, help="LICMAN_HOME (default: /tmp/<database>)")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--only", default="count,search,member,memory")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if args.database_url:
        url = args.database_url
        home = args.home or Path(tempfile.gettempdir()) / "bench-scale"
    elif args.database:
        url = f"postgres://postgres@127.0.0.1:5432/{args.database}"
        home = args.home or Path(tempfile.gettempdir()) / args.database
    else:
        raise SystemExit("give --database or --database-url")
    home.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "LICMAN_HOME": str(home),
        "LICMAN_DATABASE_URL": url,
        "LICMAN_LOG_LEVEL": "warning",
        "LICMAN_GRAPHQL_COST_BUDGET": str(10**12),
        "PYTHONPATH": str(ROOT),
    }
    only = {part.strip() for part in args.only.split(",")}
    print(f"load average before: {Path('/proc/loadavg').read_text().split()[:3]}", flush=True)
    results: dict[str, Any] = {}
    in_process = only & {"count", "search", "member"}
    if in_process:
        code = (
            "import asyncio, json, bench.scale as s; "
            f"print(json.dumps(asyncio.run(s._run({sorted(in_process)!r}, {args.rounds}))))"
        )
        done = subprocess.run(
            [PYTHON, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True
        )
        results.update(json.loads(done.stdout.strip().splitlines()[-1]))
    if "memory" in only:
        results["memory"] = memory(env, max(args.rounds, 50))
    results["load_after"] = Path("/proc/loadavg").read_text().split()[:3]
    print(json.dumps(results, indent=1))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
