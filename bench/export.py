"""Export N licenses in-process (the same job function a worker runs) and print the time,
rows/s, CPU seconds and the peak resident memory of this process.

    python -m bench.export --rows 100000 --format csv --database-url postgres://postgres@127.0.0.1:5432/licman_bench

Run each size in its own process (the peak RSS of a process never goes down): flat memory
means the peak hardly grows from 10,000 to 100,000 rows. The database is filled first with
N licenses (8 vendors, 40 products, a cost, an expiry and a tag each) if it does not hold
exactly N. Refuses LICMAN_ENVIRONMENT=production (it deletes every license first).
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import time
from datetime import date, timedelta

from tortoise.transactions import in_transaction

from licman.db import connected
from licman.models import Job, JobFile, License, Product, Tag, Vendor
from licman.resolvers.bulk import insert_rows
from licman.resolvers.license_export import ExportOptions, licenses_export_start
from licman.security.keyring_setup import prepare_keyring
from licman.security.principal import system
from licman.settings import Settings, load_settings
from licman.workers.runner import run_job

BATCH = 5000


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


async def fill(rows: int) -> None:
    if await License.all().count() == rows:
        return
    async with in_transaction():
        for model in (License, Product, Vendor, Tag, Job, JobFile):
            await model.all().delete()
    vendors = [await Vendor.create(name=f"Vendor {v}") for v in range(8)]
    products = [
        await Product.create(vendor_id=vendors[p % 8].id, name=f"Product {p}") for p in range(40)
    ]
    tags = [await Tag.create(name=f"tag {t}") for t in range(10)]
    start = date.today()
    for first in range(0, rows, BATCH):
        batch = [
            License(
                product_id=products[n % 40].id,
                name=f"license {n:06}",
                external_id=f"BENCH-{n:06}",
                seats=10,
                cost_micros=(100 + n % 900) * 1_000_000,
                currency="EUR",
                expires_on=start + timedelta(days=n % 700),
                notes="=formula-looking note" if n % 100 == 0 else "",
            )
            for n in range(first, min(rows, first + BATCH))
        ]
        async with in_transaction() as conn:
            await License.bulk_create(batch, using_db=conn)
            ids = await License.filter(external_id__in=[b.external_id for b in batch]).values_list(
                "id", flat=True
            )
            links = [[pk, tags[pk % 10].id] for pk in ids]
            await insert_rows(conn, "license_tag", ("license_id", "tag_id"), links)


async def main_async(settings: Settings, rows: int, fmt: str) -> None:
    async with connected(settings):
        await prepare_keyring(settings)
        await fill(rows)
        principal = system("bench")
        rss_before = peak_rss_mib()
        started, cpu = time.perf_counter(), cpu_seconds()
        job = await licenses_export_start(principal, ExportOptions(format=fmt))
        outcome = await run_job(job.id, settings)
        seconds = time.perf_counter() - started
        cpu = cpu_seconds() - cpu
        finished = await Job.get(id=job.id)
        if outcome != "succeeded":
            raise SystemExit(f"export failed: {finished.error}")
        result = finished.result
        print(
            f"{settings.db_engine} {fmt:>4} rows={result['rows']:,} seconds={seconds:.1f} "
            f"rows/s={result['rows'] / seconds:,.0f} cpu_s={cpu:.1f} "
            f"rss_before_MiB={rss_before:.0f} peak_rss_MiB={peak_rss_mib():.0f} "
            f"file_MiB={result['size'] / 2**20:.1f}"
        )
        if result["rows"] != rows:
            raise SystemExit(f"expected {rows} rows: {result}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.export", description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--format", choices=("csv", "json", "xlsx"), default="csv")
    parser.add_argument("--database-url", help="default: LICMAN_DATABASE_URL")
    args = parser.parse_args(argv)
    settings = load_settings(database_url=args.database_url)
    if settings.production:
        print("bench.export: refusing to run with LICMAN_ENVIRONMENT=production", file=sys.stderr)
        return 2
    asyncio.run(main_async(settings, args.rows, args.format))
    return 0


if __name__ == "__main__":
    sys.exit(main())
