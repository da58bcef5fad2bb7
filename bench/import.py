"""Import N licenses from a generated CSV into a migrated database, in-process (the same job
function a worker runs), and print the wall time, rows/s, the CPU seconds of this process (and,
on PostgreSQL, of its server backends), the peak resident memory and the SQL statements per
1,000 rows.

    python -m bench.import --rows 100000 --database-url postgres://postgres@127.0.0.1:5432/licman_bench

Each size runs on an emptied database, so memory can be compared across sizes: flat memory
means the peak hardly grows from 10,000 to 100,000 rows. Audit events are append-only, so
they stay (a second size appends to the chain): give it a database of its own. Refuses
LICMAN_ENVIRONMENT=production.

CPU seconds are the figure to compare on a loaded machine: the wall time also counts the
time spent waiting for a CPU (the load average at the start and end is printed with it).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tortoise import Tortoise
from tortoise.transactions import in_transaction

from bench.import_csv import write_csv
from licman.db import connected
from licman.models import Job, JobFile, License, Product, Tag, Vendor
from licman.resolvers.job_file import path_chunks
from licman.resolvers.license_import import ImportOptions, import_upload, licenses_import_start
from licman.security.keyring_setup import prepare_keyring
from licman.security.principal import system
from licman.settings import Settings, load_settings
from licman.workers.runner import run_job

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


class _Statements(logging.Handler):
    """Counts the statements Tortoise sends (and the COPYs of resolvers/bulk.py)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if not str(record.msg).startswith(("Created connection", "Closed connection")):
            self.count += 1


@contextmanager
def counted() -> Iterator[_Statements]:
    logger = logging.getLogger("tortoise.db_client")
    handler = _Statements()
    saved = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False  # nobody formats thousands of debug lines meanwhile
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


async def backend_cpu() -> dict[int, float]:
    """CPU seconds of each PostgreSQL backend serving this database (same machine only)."""
    conn = Tortoise.get_connection("default")
    if conn.capabilities.dialect != "postgres":
        return {}
    _, rows = await conn.execute_query(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
    )
    return {pid: seconds for pid in (r["pid"] for r in rows) if (seconds := _ticks(pid)) >= 0}


def _ticks(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return -1.0  # another machine: not measured
    return (int(fields[11]) + int(fields[12])) / TICKS


async def empty() -> None:
    """Everything but the audit trail, which is append-only: a second size appends to it."""
    async with in_transaction():
        for model in (License, Product, Vendor, Tag, Job, JobFile):
            await model.all().delete()


async def one_run(
    settings: Settings, path: Path, skip: bool
) -> tuple[float, float, float, int, dict[str, int]]:
    await empty()
    principal = system("bench")
    server_before = await backend_cpu()
    with counted() as statements:
        started, cpu = time.perf_counter(), cpu_seconds()
        preview = await import_upload(principal, path.name, path_chunks(path))
        options = ImportOptions(
            upload_id=preview.upload.id,
            format=preview.format,
            mapping=preview.mapping,
            match_by=preview.match_by,
            apply=True,
            skip_bad_rows=skip,
        )
        job = await licenses_import_start(principal, options)
        outcome = await run_job(job.id, settings)
        seconds = time.perf_counter() - started
        cpu = cpu_seconds() - cpu
    server_after = await backend_cpu()
    server = sum(v - server_before.get(pid, 0.0) for pid, v in server_after.items())
    finished = await Job.get(id=job.id)
    if outcome != "succeeded":
        raise SystemExit(f"import failed: {finished.error}")
    return seconds, cpu, server, statements.count, finished.result


async def main_async(settings: Settings, sizes: list[int], skip: bool) -> None:
    async with connected(settings):
        await prepare_keyring(settings)
        mode = "skip bad rows" if skip else "all or nothing"
        print(f"database: {settings.db_engine}; mode: {mode}")
        header = (
            "rows", "seconds", "rows/s", "CPU s", "server CPU s", "peak RSS MiB",
            "stmts/1k rows", "licenses", "load avg (start; end)",
        )  # fmt: skip
        print("{:>9} {:>8} {:>8} {:>6} {:>12} {:>12} {:>13} {:>9}  {}".format(*header))
        with tempfile.TemporaryDirectory() as folder:
            for rows in sizes:
                path = write_csv(Path(folder) / f"bench-{rows}.csv", rows)
                before = load()
                seconds, cpu, server, statements, result = await one_run(settings, path, skip)
                count = await License.all().count()
                print(
                    f"{rows:>9,} {seconds:>8.1f} {rows / seconds:>8,.0f} {cpu:>6.1f} "
                    f"{server:>12.1f} {peak_rss_mib():>12.0f} {statements * 1000 / rows:>13.1f} "
                    f"{count:>9,}  {before}; {load()}"
                )
                if result.get("created") != rows or count != rows:
                    raise SystemExit(f"expected {rows} licenses, found {count}: {result}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.import", description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--database-url", help="default: LICMAN_DATABASE_URL")
    parser.add_argument(
        "--skip-bad-rows", action="store_true", help="one pass (bad rows set aside), not two"
    )
    args = parser.parse_args(argv)
    settings = load_settings(database_url=args.database_url)
    if settings.production:
        print("bench.import: refusing to run with LICMAN_ENVIRONMENT=production", file=sys.stderr)
        return 2
    asyncio.run(main_async(settings, sorted(args.rows), args.skip_bad_rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
