"""The read-path benchmark: Licman against a raw baseline, in one run, on loopback.

    bench/run [--licenses 100000] [--duration 10] [--connections 16,64] [--workers 2]

1. Seeds a PostgreSQL database `licman_bench_<licenses>` with bench/seed.py, or reuses it when
   it already holds that many licenses (`--reseed` drops it first).
2. Counts the SQL statements of each request in-process (httpx on the ASGI app, Tortoise's
   statement log), with the same admin API token.
3. Starts, one after the other: the raw baseline (bench/raw_app.py: Starlette + asyncpg, the
   same JSON), Licman in one process (`licman serve`: API token, permission engine, API request
   log on, log level warning), and Licman in `--workers` processes (gunicorn with uvicorn
   workers, `licman serve --workers N`). Each is checked to answer the same JSON first.
4. Runs wrk against each at every connection count for: the first 50 licenses by expiry
   (list), one license by a random id (by id), a search (search) and `{ version }`, and prints
   req/s, p50, p99, server CPU per request, RSS and statements per request, with the ratios of
   Licman to the raw baseline.

Bounded in time: each wrk run lasts --duration seconds, every server is killed at the end
(also on Ctrl-C). Only 127.0.0.1 is used. Numbers depend on the machine's load: the ratios,
from one run, are what to compare.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LICMAN = str(Path(PYTHON).parent / "licman")
GUNICORN = str(Path(PYTHON).parent / "gunicorn")

LIST = (
    "query List { licenses(first: 50) { edges { node { "
    "id name seats expiresOn product { name } vendor { name } tags { name } } } } }"
)
BY_ID = (
    "query One($id: ID!) { license(id: $id) { "
    "id name seats expiresOn product { name } vendor { name } tags { name } } }"
)
SEARCH = (
    "query Search($q: String!) { licenses(first: 50, search: $q) { "
    "edges { node { id name vendor { name } } } } }"
)
VERSION = "{ version }"
SEARCH_TERM = "adobe"
REQUESTS = ("list", "member list", "by id", "search", "version")


# --- the data set --------------------------------------------------------------------------


def _psql(sql: str, database: str = "postgres") -> str:
    out = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-Atc", sql],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def prepare_data(licenses: int, seed: int, reseed: bool, env: dict[str, str]) -> None:
    database = env["LICMAN_BENCH_DATABASE"]
    exists = _psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}'") == "1"  # noqa: S608
    if exists and reseed:
        _psql(f'DROP DATABASE "{database}"')
        exists = False
    if not exists:
        _psql(f'CREATE DATABASE "{database}"')
    subprocess.run([LICMAN, "db", "upgrade"], check=True, env=env, cwd=ROOT)
    have = int(_psql("SELECT count(*) FROM license", database))
    if have == licenses:
        print(f"reusing {database}: {have:,} licenses", flush=True)
        return
    if have:
        raise SystemExit(f"{database} holds {have:,} licenses, not {licenses:,}: use --reseed")
    print(f"seeding {database} with {licenses:,} licenses ...", flush=True)
    started = time.monotonic()
    subprocess.run(
        [PYTHON, "-m", "bench.seed", "--licenses", str(licenses), "--seed", str(seed)],
        check=True,
        env=env,
        cwd=ROOT,
    )
    _psql("VACUUM ANALYZE", database)
    print(f"seeded in {time.monotonic() - started:.1f} s", flush=True)


# --- in-process: the token, the ids, the statement counts -----------------------------------


@dataclass
class Prepared:
    token: str
    member_token: str
    ids: list[int]
    statements: dict[str, int] = field(default_factory=dict)


def _prepare_in_process() -> Prepared:
    """Run in a child process (own event loop and Tortoise state): prints JSON."""
    return asyncio.run(_prepared())


async def _prepared() -> Prepared:
    from bench.scale import member_with_grants
    from bench.statements import count_statements
    from licman.app import create_app
    from licman.db import connected
    from licman.models import License, Role, User
    from licman.resolvers.api_token import api_token_create
    from licman.schema.ids import global_id
    from licman.security import authn
    from licman.security.keyring_setup import prepare_keyring
    from licman.security.principal import system
    from licman.settings import load_settings

    settings = load_settings()
    async with connected(settings):
        await prepare_keyring(settings)
        admin = await User.filter(role=Role.ADMIN, is_active=True).order_by("id").first()
        assert admin is not None, "the seeded data set has no active admin"
        token, _ = await api_token_create(system("bench"), user=admin, name="bench/run")
        # A member sees what they own, hold a seat on or were granted: the permission filter
        # (from ownership, seats, a team's vendor grant and license grants) is inside the
        # page's SQL.
        member = await member_with_grants()
        member_token, _ = await api_token_create(system("bench"), user=member, name="bench/run")
        ids = await License.filter(archived_at__isnull=True).values_list("id", flat=True)
        rng = random.Random(42)  # noqa: S311 - sampling, not security
        sample = rng.sample(list(ids), min(1000, len(ids)))
        app = create_app(settings)
        # Counted with the token cached, as a busy server has it (the look-up itself is one
        # statement per token and process at most once a second): a still clock keeps a slow
        # machine from expiring it between the warm-up and the counted request.
        authn.TOKENS.clock = lambda: 0.0
        counts: dict[str, int] = {}
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://bench",
            headers={"authorization": f"Bearer {token}"},
        ) as client:
            bodies = {
                "list": {"query": LIST},
                "by id": {"query": BY_ID, "variables": {"id": global_id("License", sample[0])}},
                "search": {"query": SEARCH, "variables": {"q": SEARCH_TERM}},
                "version": {"query": VERSION},
            }
            member_auth = {"authorization": f"Bearer {member_token}"}
            calls = [(name, body, {}) for name, body in bodies.items()]
            calls.insert(1, ("member list", {"query": LIST}, member_auth))
            for name, body, headers in calls:
                # warm-up: the token looked up and cached, its last use written
                await client.post("/graphql", json=body, headers=headers)
                with count_statements() as statements:
                    answer = (await client.post("/graphql", json=body, headers=headers)).json()
                assert "errors" not in answer, answer
                counts[name] = len(statements)
    return Prepared(token=token, member_token=member_token, ids=sample, statements=counts)


# --- servers -------------------------------------------------------------------------------


def free_port() -> int:
    for _ in range(50):
        port = random.randint(20000, 60000)  # noqa: S311
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit("no free port")


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    def pids(self) -> list[int]:
        """The server and every process under it (gunicorn's workers)."""
        found, queue = [], [self.process.pid]
        while queue:
            pid = queue.pop()
            found.append(pid)
            for task in Path(f"/proc/{pid}/task").glob("*"):
                with suppress(OSError):
                    queue.extend(int(c) for c in (task / "children").read_text().split())
        return found

    def cpu_seconds(self) -> dict[int, float]:
        ticks = os.sysconf("SC_CLK_TCK")
        out = {}
        for pid in self.pids():
            with suppress(OSError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                out[pid] = (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
        return out

    def rss_mb(self) -> float:
        total = 0
        for pid in self.pids():
            with suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        return total / 1024


@contextmanager
def server(
    name: str, argv: list[str], env: dict[str, str], port: int, probe: str
) -> Iterator[Server]:
    log = Path(tempfile.mkstemp(prefix=f"bench-{name.replace(' ', '-')}-", suffix=".log")[1])
    with log.open("wb") as out:
        process = subprocess.Popen(
            argv, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    running = Server(name, process, port, log)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise SystemExit(f"{name} exited: see {log}\n{log.read_text()[-2000:]}")
            with suppress(httpx.HTTPError):
                if httpx.get(f"http://127.0.0.1:{port}{probe}", timeout=2).status_code < 500:
                    break
            if time.monotonic() > deadline:
                raise SystemExit(f"{name} did not start in 60 s: see {log}")
            time.sleep(0.3)
        yield running
    finally:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# --- wrk -----------------------------------------------------------------------------------


def _lua_string(value: str) -> str:
    return json.dumps(value)  # a JSON string literal is a valid Lua string literal here


def wrk_script(requests: list[tuple[str, str]], headers: dict[str, str]) -> str:
    """A wrk script sending these (path, body) pairs at random."""
    items = ",\n".join(f"{{{_lua_string(p)}, {_lua_string(b)}}}" for p, b in requests)
    header_lines = "\n".join(
        f"wrk.headers[{_lua_string(k)}] = {_lua_string(v)}" for k, v in headers.items()
    )
    return f"""
wrk.method = "POST"
{header_lines}
local items = {{
{items}
}}
local n = #items
math.randomseed(42)
request = function()
  local item = items[math.random(n)]
  return wrk.format(nil, item[1], nil, item[2])
end
"""


@dataclass
class Figures:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    cpu_ms: float  # server CPU per request
    spread: str = ""  # the workers' shares of the CPU, for several processes


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _percentile(out: str, which: str) -> float:
    """A latency percentile of wrk's --latency table, in ms."""
    found = re.search(rf"^\s+{which}%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.MULTILINE)
    if found is None:
        raise SystemExit(f"no {which}th percentile in wrk's output:\n{out}")
    return float(found.group(1)) * _UNITS[found.group(2)]


def run_wrk(target: Server, script: str, connections: int, duration: int) -> Figures:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    before = target.cpu_seconds()
    argv = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{duration}s"]
    argv += ["--timeout", "10s", "--latency", "-s", handle.name]
    out = subprocess.run(
        [*argv, f"http://127.0.0.1:{target.port}"],
        capture_output=True,
        text=True,
        timeout=duration + 60,
        check=True,
    ).stdout
    after = target.cpu_seconds()
    Path(handle.name).unlink()
    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    errors = 0
    if found := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(found.group(1))
    if found := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    ):
        errors += sum(int(g) for g in found.groups())
    used = {pid: after.get(pid, 0) - before.get(pid, 0) for pid in after}
    total = sum(used.values())
    spread = ""
    if len(used) > 2 and total > 0:  # a master and its workers
        shares = sorted((u / total for u in used.values()), reverse=True)
        spread = "/".join(f"{s:.0%}" for s in shares if s >= 0.01)
    return Figures(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        p50_ms=_percentile(out, "50"),
        p99_ms=_percentile(out, "99"),
        requests=requests,
        errors=errors,
        cpu_ms=total * 1000 / max(requests, 1),
        spread=spread,
    )


# --- profiles ------------------------------------------------------------------------------


def start_profile(target: Server, out: Path, args: Any) -> subprocess.Popen[bytes]:
    out.parent.mkdir(parents=True, exist_ok=True)
    spy = str(Path(PYTHON).parent / "py-spy")
    argv = [spy, "record", "--pid", str(target.process.pid), "--rate", "250", "--format", "raw"]
    argv += ["--duration", str(max(1, args.duration - 1)), "--output", str(out), "--nonblocking"]
    return subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# Where the time goes: a sample counts for the first of these that any of its frames matches
# (innermost first), so the buckets add up to 100 %.
BUCKETS = (
    ("API request log (batched writes)", ("ApiLog._run", "ApiLog.flush")),
    ("SQL driver and Tortoise", ("asyncpg", "tortoise/")),
    ("license_query (resolvers)", ("licman/resolvers/",)),
    ("permission engine", ("licman/security/permissions",)),
    ("authentication", ("licman/security/authn", "licman/security/tokens")),
    ("building Strawberry objects", ("from_row", "from_values")),
    ("compiled fast path (building the answer)", ("schema/fast_path",)),
    ("graphql-core execution", ("graphql/execution",)),
    ("parse, validate, limits", ("graphql/language", "graphql/validation", "schema/limits")),
    ("Strawberry (extensions, view, resolvers)", ("strawberry/",)),
    ("licman schema layer", ("licman/schema/",)),
    ("JSON", ("json/", "orjson")),
    ("web: middleware, API log, view", ("licman/web/", "starlette/")),
    ("uvicorn, the event loop", ("uvicorn/", "asyncio/", "uvloop", "httptools")),
)


def summarise_profile(path: Path, top: int = 12) -> str:
    """Shares of the samples per bucket, and the functions with the most samples of their own."""
    buckets: dict[str, int] = {}
    own: dict[str, int] = {}
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not count_text.isdigit():
            continue
        count = int(count_text)
        frames = stack.split(";")
        total += count
        innermost_first = list(reversed(frames))
        bucket = "other"
        for name, needles in BUCKETS:
            if any(n in f for f in innermost_first for n in needles):
                bucket = name
                break
        buckets[bucket] = buckets.get(bucket, 0) + count
        own[frames[-1]] = own.get(frames[-1], 0) + count
    if not total:
        return f"  profile {path.name}: no samples"
    lines = [f"  profile {path.name}: {total} samples"]
    for name, count in sorted(buckets.items(), key=lambda kv: -kv[1]):
        lines.append(f"    {count / total:6.1%}  {name}")
    lines.append("    own time:")
    for name, count in sorted(own.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"    {count / total:6.1%}  {name[:110]}")
    return "\n".join(lines)


# --- the run -------------------------------------------------------------------------------


def _gql(query: str, **variables: Any) -> str:
    body: dict[str, Any] = {"query": query}
    if variables:
        body["variables"] = variables
    return json.dumps(body, separators=(",", ":"))


def _global_id(pk: int) -> str:
    import base64

    return base64.b64encode(f"License:{pk}".encode()).decode()


def scripts_for(kind: str, prepared: Prepared) -> dict[str, str]:
    if kind == "raw":
        return {
            "list": wrk_script([("/list", "{}")], {}),
            "member list": wrk_script([("/list", "{}")], {}),  # the same baseline as the list
            "by id": wrk_script([(f"/one?id={pk}", "{}") for pk in prepared.ids], {}),
            "search": wrk_script([(f"/search?q={SEARCH_TERM}", "{}")], {}),
            "version": wrk_script([("/version", "{}")], {}),
        }
    headers = {"Authorization": f"Bearer {prepared.token}", "Content-Type": "application/json"}
    return {
        "list": wrk_script([("/graphql", _gql(LIST))], headers),
        "member list": wrk_script(
            [("/graphql", _gql(LIST))],
            {**headers, "Authorization": f"Bearer {prepared.member_token}"},
        ),
        "by id": wrk_script(
            [("/graphql", _gql(BY_ID, id=_global_id(pk))) for pk in prepared.ids], headers
        ),
        "search": wrk_script([("/graphql", _gql(SEARCH, q=SEARCH_TERM))], headers),
        "version": wrk_script([("/graphql", _gql(VERSION))], headers),
    }


def same_answers(raw: Server, licman: Server, prepared: Prepared) -> list[str]:
    """The requests whose raw and Licman answers differ (the baseline must do the same work)."""
    auth = {"authorization": f"Bearer {prepared.token}"}
    pk = prepared.ids[0]
    pairs = {
        "list": ("/list", _gql(LIST)),
        "by id": (f"/one?id={pk}", _gql(BY_ID, id=_global_id(pk))),
        "search": (f"/search?q={SEARCH_TERM}", _gql(SEARCH, q=SEARCH_TERM)),
        "version": ("/version", _gql(VERSION)),
    }
    differ = []
    for name, (path, body) in pairs.items():
        a = httpx.post(f"http://127.0.0.1:{raw.port}{path}", content="{}").json()
        b = httpx.post(
            f"http://127.0.0.1:{licman.port}/graphql",
            content=body,
            headers={**auth, "content-type": "application/json"},
        ).json()
        if a != b:
            differ.append(name)
    return differ


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench/run", description=__doc__.split("\n")[0])
    parser.add_argument("--licenses", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--reseed", action="store_true", help="drop and seed the database again")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", default="16,64")
    parser.add_argument("--workers", type=int, default=2, help="the multi-process run (0: none)")
    parser.add_argument("--only", default=",".join(REQUESTS), help="list,by id,search,version")
    parser.add_argument("--database", help="default: licman_bench_<licenses>")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--profile",
        type=Path,
        help="py-spy the one-process Licman during each request's first wrk run; write the "
        "collapsed stacks and a summary of where the time went into this directory",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    connections = [int(c) for c in args.connections.split(",")]
    only = [r.strip() for r in args.only.split(",")]
    database = args.database or f"licman_bench_{args.licenses}"
    home = Path(tempfile.gettempdir()) / database  # its var/ holds the data set's key ring
    home.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "LICMAN_BENCH_DATABASE": database,
        "LICMAN_HOME": str(home),
        "LICMAN_DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "LICMAN_LOG_LEVEL": "warning",
        "LICMAN_GRAPHQL_COST_BUDGET": str(10**12),  # a budget no run exhausts, still checked
        "LICMAN_BENCH_DSN": f"postgresql://postgres@127.0.0.1:5432/{database}",
        "PYTHONPATH": str(ROOT),
    }
    prepare_data(args.licenses, args.seed, args.reseed, env)
    out = subprocess.run(
        [PYTHON, "-c", "import bench.run as r, dataclasses, json; "
         "print(json.dumps(dataclasses.asdict(r._prepare_in_process())))"],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    prepared = Prepared(**json.loads(out.strip().splitlines()[-1]))
    load = Path("/proc/loadavg").read_text().split()[:3]
    print(f"load average before: {' '.join(load)}; {os.cpu_count()} cores", flush=True)

    results: dict[str, dict[str, dict[int, Figures]]] = {}
    rss: dict[str, float] = {}
    port = free_port()
    raw_argv = [
        PYTHON, "-m", "uvicorn", "--factory", "bench.raw_app:create_app", "--host", "127.0.0.1",
        "--port", str(port), "--log-level", "warning", "--no-access-log",
    ]  # fmt: skip
    with server("raw", raw_argv, env, port, "/version") as raw:
        results["raw"] = _measure(raw, scripts_for("raw", prepared), only, connections, args)
        rss["raw"] = raw.rss_mb()
        licman_port = free_port()
        licman_argv = [LICMAN, "serve", "--port", str(licman_port)]
        with server("licman", licman_argv, env, licman_port, "/healthz") as licman:
            differ = same_answers(raw, licman, prepared)
            if differ:
                print(f"WARNING: raw and Licman answer differently: {', '.join(differ)}")
            results["licman"] = _measure(
                licman, scripts_for("licman", prepared), only, connections, args, args.profile
            )
            rss["licman"] = licman.rss_mb()
    if args.workers > 1:
        port = free_port()
        argv = [LICMAN, "serve", "--port", str(port), "--workers", str(args.workers)]
        name = f"licman x{args.workers}"
        with server(name, argv, env, port, "/healthz") as many:
            results[name] = _measure(many, scripts_for("licman", prepared), only, connections, args)
            rss[name] = many.rss_mb()
    load = Path("/proc/loadavg").read_text().split()[:3]
    report(results, rss, prepared, connections, only, load)
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "results": {
                        s: {r: {c: vars(f) for c, f in by.items()} for r, by in rs.items()}
                        for s, rs in results.items()
                    },
                    "rss_mb": rss,
                    "statements": prepared.statements,
                    "load_after": load,
                },
                indent=1,
            )
        )


def _measure(
    target: Server,
    scripts: dict[str, str],
    only: list[str],
    connections: list[int],
    args: Any,
    profile: Path | None = None,
) -> dict[str, dict[int, Figures]]:
    out: dict[str, dict[int, Figures]] = {}
    for name in only:
        for count in connections:
            spy = None
            if profile is not None and count == connections[0]:
                spy = start_profile(target, profile / f"{name.replace(' ', '-')}.txt", args)
            figures = run_wrk(target, scripts[name], count, args.duration)
            if spy is not None:
                spy.wait(30)
                print(summarise_profile(profile / f"{name.replace(' ', '-')}.txt"), flush=True)
            out.setdefault(name, {})[count] = figures
            print(
                f"  {target.name:10} {name:8} c={count:<3} {figures.rps:9.1f} req/s "
                f"p50 {figures.p50_ms:7.2f} ms p99 {figures.p99_ms:7.2f} ms "
                f"cpu {figures.cpu_ms:6.2f} ms/req"
                + (f" errors {figures.errors}" if figures.errors else "")
                + (f" spread {figures.spread}" if figures.spread else ""),
                flush=True,
            )
    return out


def report(
    results: dict[str, dict[str, dict[int, Figures]]],
    rss: dict[str, float],
    prepared: Prepared,
    connections: list[int],
    only: list[str],
    load: list[str],
) -> None:
    raw = results["raw"]
    print()
    print(
        "| server | request | conns | req/s | p50 ms | p99 ms | CPU ms/req | SQL/req "
        "| x raw req/s | x raw CPU |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for server_name, by_request in results.items():
        for name in only:
            for count in connections:
                f = by_request[name][count]
                base = raw[name][count]
                sql = "1" if server_name == "raw" and name != "version" else "0"
                if server_name != "raw":
                    sql = str(prepared.statements.get(name, "?"))
                ratio = f"{f.rps / base.rps:.2f}" if server_name != "raw" else ""
                cpu = (
                    f"{f.cpu_ms / base.cpu_ms:.1f}" if server_name != "raw" and base.cpu_ms else ""
                )
                errors = f" ({f.errors} errors)" if f.errors else ""
                spread = f" [{f.spread}]" if f.spread else ""
                print(
                    f"| {server_name}{spread} | {name} | {count} | {f.rps:.0f}{errors} | "
                    f"{f.p50_ms:.2f} | {f.p99_ms:.2f} | {f.cpu_ms:.2f} | {sql} | {ratio} | {cpu} |"
                )
    print()
    for server_name, by_request in results.items():
        if server_name == "raw" or "member list" not in by_request or "list" not in by_request:
            continue
        for count in connections:
            member, admin = by_request["member list"][count], by_request["list"][count]
            print(
                f"{server_name}, {count} connections: a member's list costs "
                f"{member.cpu_ms / admin.cpu_ms:.2f}x an admin's CPU per request "
                f"({member.rps / admin.rps:.2f}x the req/s)"
            )
    print("RSS after the run (MB): " + ", ".join(f"{k} {v:.0f}" for k, v in rss.items()))
    print(f"load average after: {' '.join(load)}")


if __name__ == "__main__":
    main()
