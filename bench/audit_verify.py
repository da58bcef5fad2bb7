"""How long `licman audit verify` takes over a large audit log, on PostgreSQL.

Creates a fresh database, migrates it, bulk-inserts N valid, chained events (COPY; the
changes look like Licman's own: before/after snapshots of a license, reveals, seat
changes), then runs the real command in a subprocess and reports its wall-clock time and
peak memory, next to two baselines measured in the same run: reading the same rows with
raw asyncpg (what the database and driver alone need) and hashing them in memory (what the
Python hashing alone needs). The database is dropped at the end.

    python -m bench.audit_verify --events 1000000
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import asyncpg
import orjson

from licman.db import connected, upgrade
from licman.resolvers.audit import GENESIS_HASH, HASHED_FIELDS, hash_values
from licman.resolvers.audit_verify import StoredEvent, is_intact
from licman.settings import Settings

SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
COLUMNS = ("id", *HASHED_FIELDS, "hash")
CHUNK = 50_000
SELECT_ALL = "SELECT " + ", ".join(COLUMNS) + " FROM audit_event"  # noqa: S608 - fixed names
ACTIONS = ("license.update", "license.reveal", "license.assign", "license.tag", "tag.create")


def _license_snapshot(rng: random.Random, n: int) -> dict[str, Any]:
    return {
        "id": n, "name": f"License {n}", "kind": "subscription", "status": "active",
        "seats": rng.randint(1, 500), "seats_used": rng.randint(0, 50),
        "cost_micros": rng.randint(0, 10**10), "currency": rng.choice(("EUR", "USD", "GBP")),
        "billing_period": "yearly", "purchased_on": "2024-01-02", "starts_on": "2024-01-15",
        "expires_on": "2026-01-14", "cancel_by": None, "auto_renew": rng.random() < 0.5,
        "owner_id": rng.randint(1, 5000), "notes": "Bought through the reseller",
        "metadata": {"costCenter": str(rng.randint(1, 99))}, "external_id": None,
        "archived_at": None, "product_id": rng.randint(1, 4000), "version": rng.randint(1, 9),
        "secret_ciphertext": "[redacted]", "secret_fingerprint": "[redacted]",
        "tag_ids": sorted(rng.sample(range(1, 30), 2)),
        "created_at": "2024-01-02T10:00:00.000000+00:00",
        "updated_at": "2024-06-02T10:00:00.000000+00:00",
    }  # fmt: skip


def _changes(rng: random.Random, action: str, n: int) -> dict[str, Any]:
    if action == "license.update":
        before = _license_snapshot(rng, n)
        return {"before": before, "after": {**before, "notes": "renewed", "version": 2}}
    if action == "license.assign":
        return {"user_id": rng.randint(1, 5000), "until": None, "assignment_id": n}
    if action == "license.tag":
        return {"license_ids": [n, n + 1], "tag_ids": [3, 7]}
    if action == "tag.create":
        return {"after": {"id": n, "name": f"tag {n}", "color": "#1a2b3c"}}
    return {}


def events(count: int, seed: int = 7) -> list[tuple[Any, ...]]:
    """`count` chained events as rows in COLUMNS order, hashed as Licman hashes them."""
    rng = random.Random(seed)  # noqa: S311 - fake data
    start = datetime(2024, 1, 1, tzinfo=UTC)
    previous = GENESIS_HASH
    rows = []
    for n in range(1, count + 1):
        action = rng.choice(ACTIONS)
        values: dict[str, Any] = {
            "occurred_at": start + timedelta(seconds=n * 7, microseconds=rng.randint(0, 999)),
            "actor_kind": "session", "actor_user_id": rng.randint(1, 5000),
            "actor_label": f"user{rng.randint(1, 5000)}@example.com", "api_token_id": None,
            "oauth_client_id": None, "ip": f"10.0.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
            "user_agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0",
            "request_id": uuid.UUID(int=rng.getrandbits(128)).hex, "action": action,
            "object_type": action.split(".")[0], "object_id": str(n),
            "changes": _changes(rng, action, n), "prev_hash": previous,
        }  # fmt: skip
        digest = hash_values(values)
        values["changes"] = orjson.dumps(values["changes"]).decode()  # JSONB takes text
        rows.append((n, *(values[c] for c in HASHED_FIELDS), digest))
        previous = digest
    return rows


async def fill(url: str, rows: list[tuple[Any, ...]]) -> None:
    conn = await asyncpg.connect(url)
    try:
        async with conn.transaction():
            for start in range(0, len(rows), CHUNK):
                chunk = rows[start : start + CHUNK]
                await conn.copy_records_to_table("audit_event", records=chunk, columns=COLUMNS)
            last_id, last_hash = rows[-1][0], rows[-1][-1]
            await conn.execute(
                "INSERT INTO audit_chain_head (id, last_event_id, last_hash) VALUES (1, $1, $2)",
                last_id,
                last_hash,
            )
            await conn.execute(
                "SELECT setval(pg_get_serial_sequence('audit_event', 'id'), $1)", last_id
            )
        await conn.execute("ANALYZE audit_event")
    finally:
        await conn.close()


async def raw_read(url: str) -> float:
    """Seconds to stream every event through asyncpg, doing nothing with the rows."""
    conn = await asyncpg.connect(url)
    try:
        started = time.perf_counter()
        async with conn.transaction():
            async for _row in conn.cursor(SELECT_ALL):
                pass
        return time.perf_counter() - started
    finally:
        await conn.close()


def hash_only(rows: list[tuple[Any, ...]]) -> float:
    """Seconds to check the events' hashes in memory as verify does (changes parsed from
    JSON, occurred_at formatted, the hash compared), without any database."""
    started = time.perf_counter()
    for row in rows:
        body = dict(zip(HASHED_FIELDS, row[1:-1], strict=True))
        body["occurred_at"] = body["occurred_at"].isoformat(timespec="microseconds")
        body["changes"] = orjson.loads(body["changes"])
        assert is_intact(StoredEvent(row[0], row[-1], body["prev_hash"], body))
    return time.perf_counter() - started


# Runs `licman audit verify` and reports its own CPU time and peak memory on stderr. Peak
# memory is VmHWM: ru_maxrss would count the memory of the forked benchmark before exec.
VERIFY = """
import json, re, resource, runpy, sys
sys.argv = ["licman", "audit", "verify"]
try:
    runpy.run_module("licman", run_name="__main__")
finally:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    with open("/proc/self/status") as status:
        peak = int(re.search(r"VmHWM:\\s+(\\d+) kB", status.read()).group(1))
    print(json.dumps({"cpu": usage.ru_utime + usage.ru_stime, "rss_kib": peak}),
          file=sys.stderr)
"""


def run_verify(url: str) -> tuple[float, float, int, str]:
    """Wall-clock and CPU seconds, peak RSS (KiB) of `licman audit verify`, and its output."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LICMAN_")}
    env["LICMAN_DATABASE_URL"] = url
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - this interpreter, our own code
        [sys.executable, "-c", VERIFY], env=env, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"verify failed:\n{done.stdout}{done.stderr}")
    usage = json.loads(done.stderr.strip().splitlines()[-1])
    return seconds, usage["cpu"], usage["rss_kib"], done.stdout.strip()


async def bench(count: int, server: str, keep: bool = False) -> None:
    name = f"licman_bench_audit_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(server)
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = urlsplit(server)._replace(path=f"/{name}").geturl()
    try:
        async with connected(Settings(database_url=url)):
            await upgrade()
        started = time.perf_counter()
        rows = events(count)
        generated = time.perf_counter() - started
        started = time.perf_counter()
        await fill(url, rows)
        filled = time.perf_counter() - started
        print(f"{count:,} events generated in {generated:.1f} s, inserted in {filled:.1f} s")
        hashing = hash_only(rows)
        del rows
        reading = await raw_read(url)
        seconds, cpu, peak_kib, output = run_verify(url)
        print(output)
        print(f"{'what':40} {'seconds':>8} {'events/s':>10} {'x raw read':>10}")
        for what, took in (
            ("raw asyncpg read (baseline)", reading),
            ("hash checks in memory (baseline)", hashing),
            ("licman audit verify (whole command)", seconds),
        ):
            print(f"{what:40} {took:8.1f} {count / took:10,.0f} {took / reading:10.1f}")
        print(f"licman audit verify: {cpu:.1f} s of CPU, peak memory {peak_kib / 1024:.0f} MiB")
        print(f"load average during the run: {os.getloadavg()[0]:.1f}")
    finally:
        if keep:
            print(f"kept: {url}")
        else:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.audit_verify")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--server", default=SERVER, help="PostgreSQL URL to create the DB on")
    parser.add_argument("--keep", action="store_true", help="Keep the database afterwards.")
    args = parser.parse_args()
    asyncio.run(bench(args.events, args.server, args.keep))


if __name__ == "__main__":
    main()
