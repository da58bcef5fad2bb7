"""How long signed audit reports and retention take over a large audit log, on PostgreSQL.

Creates a fresh database, bulk-inserts N valid, chained events (as bench/audit_verify.py
does, all dated 2024), then runs the real commands in subprocesses, embedded mode (the
command runs the job itself): `licman audit report` of every event (CSV and JSON),
`licman audit verify-report`, `licman audit purge --older-than 30` (which verifies the chain,
signs a checkpoint and deletes every event behind it) and `licman audit verify` afterwards.
Prints each command's wall-clock time and the report's size. The database is dropped.

    python -m bench.signed --events 100000
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg

from bench.audit_verify import SERVER, events, fill
from licman.db import connected, upgrade
from licman.settings import Settings


def licman(home: Path, url: str, *args: str) -> tuple[float, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LICMAN_")}
    env.update(LICMAN_HOME=str(home), LICMAN_DATABASE_URL=url, LICMAN_LOG_LEVEL="warning")
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - this interpreter, our own code
        [sys.executable, "-m", "licman", *args],
        env=env,
        cwd=home,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"licman {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return seconds, (done.stdout.strip().splitlines() or [""])[-1]


async def bench(count: int, server: str) -> None:
    name = f"licman_bench_signed_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(server)
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = urlsplit(server)._replace(path=f"/{name}").geturl()
    try:
        async with connected(Settings(database_url=url)):
            await upgrade()
        await fill(url, events(count))
        with tempfile.TemporaryDirectory(prefix="licman-bench-") as folder:
            home = Path(folder)
            licman(home, url, "init")
            rows = []
            for fmt in ("csv", "json"):
                out = home / f"report-{fmt}.json"
                seconds, _ = licman(home, url, "audit", "report", "--format", fmt, "-o", str(out))
                size = out.stat().st_size / 2**20
                rows.append((f"audit report --format {fmt} ({size:.0f} MiB)", seconds))
                seconds, _ = licman(home, url, "audit", "verify-report", str(out))
                rows.append((f"audit verify-report ({fmt})", seconds))
            seconds, said = licman(home, url, "audit", "purge", "--older-than", "30")
            rows.append(("audit purge --older-than 30 (verify, sign, delete)", seconds))
            seconds, after = licman(home, url, "audit", "verify")
            rows.append(("audit verify after the purge", seconds))
        print(f"{count:,} events on PostgreSQL")
        print(f"{'command':55} {'seconds':>8} {'events/s':>10}")
        for what, took in rows:
            print(f"{what:55} {took:8.1f} {count / took:10,.0f}")
        print(said)
        print(after)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--server", default=os.environ.get("LICMAN_BENCH_POSTGRES", SERVER))
    args = parser.parse_args()
    asyncio.run(bench(args.events, args.server))


if __name__ == "__main__":
    main()
