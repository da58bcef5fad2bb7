"""Generate a license CSV of N rows for import tests and benchmarks (imported by bench/import.py
and tests/workers/test_celery.py)."""

from __future__ import annotations

import csv
from pathlib import Path

VENDORS = ("Adobe", "Atlassian", "Microsoft", "JetBrains", "Autodesk", "Zoom", "Figma", "Slack")
HEADER = (
    "externalId",
    "vendor",
    "product",
    "name",
    "kind",
    "secret",
    "seats",
    "cost",
    "currency",
    "purchasedOn",
    "expiresOn",
    "autoRenew",
    "tags",
    "notes",
    "cost_center",
)


def write_csv(path: Path, rows: int) -> Path:
    """A realistic file: 8 vendors, 40 products, a secret, a cost and a few tags per row."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(1, rows + 1):
            vendor = VENDORS[n % len(VENDORS)]
            writer.writerow(
                (
                    f"BENCH-{n:07d}",
                    vendor,
                    f"{vendor} Product {n % 5}",
                    f"License {n}",
                    "subscription",
                    f"KEY-{n:07d}-{(n * 7919) % 100000:05d}",
                    1 + n % 50,
                    f"{(n % 900) + 99}.50",
                    "USD",
                    "2025-01-15",
                    f"12/{1 + n % 28}/27",
                    "yes" if n % 2 else "no",
                    f"team-{n % 7};cost-{n % 3}",
                    "Imported for the benchmark" if n % 10 == 0 else "",
                    f"CC-{n % 40}",
                )
            )
    return path
