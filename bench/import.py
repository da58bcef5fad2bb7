"""Import N licenses from a generated CSV into a migrated database, in-process (the same job
function a worker runs), and print rows/s and the peak resident memory.

    python -m bench.import --rows 100000 --database-url postgres://postgres@127.0.0.1:5432/licman_bench

Each size runs on an emptied database, so memory can be compared across sizes: flat memory
means the peak hardly grows from 10,000 to 100,000 rows. Refuses LICMAN_ENVIRONMENT=production
(it deletes every license, vendor and product in the database first).
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import tempfile
import time
from pathlib import Path

from tortoise.transactions import in_transaction

from bench.import_csv import write_csv
from licman.db import connected
from licman.models import AuditChainHead, AuditEvent, Job, JobFile, License, Product, Tag, Vendor
from licman.resolvers.job_file import path_chunks
from licman.resolvers.license_import import ImportOptions, import_upload, licenses_import_start
from licman.security.keyring_setup import prepare_keyring
from licman.security.principal import system
from licman.settings import Settings, load_settings
from licman.workers.runner import run_job


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


async def empty() -> None:
    async with in_transaction():
        for model in (License, Product, Vendor, Tag, Job, JobFile, AuditEvent, AuditChainHead):
            await model.all().delete()


async def one_run(
    settings: Settings, path: Path, skip: bool
) -> tuple[float, float, dict[str, int]]:
    await empty()
    principal = system("bench")
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
    finished = await Job.get(id=job.id)
    if outcome != "succeeded":
        raise SystemExit(f"import failed: {finished.error}")
    return seconds, cpu, finished.result


async def main_async(settings: Settings, sizes: list[int], skip: bool) -> None:
    async with connected(settings):
        await prepare_keyring(settings)
        print(f"database: {settings.db_engine}")
        header = ("rows", "seconds", "rows/s", "CPU s", "peak RSS MiB", "licenses")
        print("{:>9} {:>8} {:>8} {:>6} {:>13} {:>9}".format(*header))
        with tempfile.TemporaryDirectory() as folder:
            for rows in sizes:
                path = write_csv(Path(folder) / f"bench-{rows}.csv", rows)
                seconds, cpu, result = await one_run(settings, path, skip)
                count = await License.all().count()
                print(
                    f"{rows:>9,} {seconds:>8.1f} {rows / seconds:>8,.0f} {cpu:>6.1f} "
                    f"{peak_rss_mib():>13.0f} {count:>9,}"
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
