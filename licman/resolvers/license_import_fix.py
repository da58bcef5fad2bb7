"""The rows to fix after an import: the rows that had problems, as the file they came from
plus a Problems column, stored as a job file (encrypted) to download, fix and import again."""

from __future__ import annotations

import csv
import json
from collections.abc import AsyncIterator
from pathlib import Path

from licman.models import JobFile, JobRowError
from licman.resolvers.imports.reader import read_rows
from licman.resolvers.imports.values import FORMULA_STARTS
from licman.resolvers.job_file import file_store, new_temp_path, path_chunks
from licman.resolvers.job_run import JobRun


def _escape(value: str) -> str:
    """OWASP: a cell a spreadsheet would run as a formula gets a leading quote."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


async def _problem_pages(job_id: int) -> AsyncIterator[list[JobRowError]]:
    last = 0
    while page := await JobRowError.filter(job_id=job_id, id__gt=last).order_by("id").limit(2000):
        last = page[-1].id
        yield page


async def rows_to_fix(run: JobRun, path: Path, fmt: str, name: str) -> None:
    """The rows with problems, as the file they came from (plus a Problems column), to fix
    and import again. Replaces an earlier one of this job."""
    by_row: dict[int, list[str]] = {}
    async for page in _problem_pages(run.job.id):
        for p in page:
            by_row.setdefault(p.row, []).append(
                f"{p.column}: {p.message}" if p.column else p.message
            )
    await JobFile.filter(job_id=run.job.id, role="rows_to_fix").delete()
    stem = name.rsplit(".", 1)[0] or "import"
    with new_temp_path() as out:
        columns, rows = read_rows(path, fmt)
        with out.open("w", encoding="utf-8", newline="") as handle:
            if fmt == "json":
                fixes = [{**r.cells, "_problems": by_row[r.row]} for r in rows if r.row in by_row]
                json.dump(fixes, handle, ensure_ascii=False, default=str, indent=1)
            else:
                writer = csv.writer(handle)
                writer.writerow([*columns, "Problems"])
                for r in rows:
                    if r.row in by_row:
                        cells = [_escape(str(r.cells.get(c) or "")) for c in columns]
                        writer.writerow([*cells, _escape("; ".join(by_row[r.row]))])
        suffix = "json" if fmt == "json" else "csv"
        await file_store(
            run.principal,
            "rows_to_fix",
            f"{stem}-to-fix.{suffix}",
            path_chunks(out),
            job_id=run.job.id,
            content_type=f"text/{suffix}" if suffix == "csv" else "application/json",
        )
