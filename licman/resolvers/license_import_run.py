"""The import job itself. A check pass plans every row without writing (that is the dry
run, and the first half of an applied import, so that "all or nothing" is decided before
anything is written); an applied import then writes in committed batches of BATCH rows, each
with its checkpoint, so a worker killed half-way is resumed by the next one from the last
committed batch; rows with problems come back as a file to fix."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from tortoise.exceptions import IntegrityError

from licman.models import JobFile, JobRowError
from licman.resolvers.audit import PendingEvent, audit_record_many
from licman.resolvers.imports.reader import FileProblem, SourceRow, read_rows
from licman.resolvers.imports.records import LicenseRecord, Mapping, Problem, build
from licman.resolvers.job_file import file_on_disk
from licman.resolvers.job_run import JobRefused, JobRun, RowProblem
from licman.resolvers.license_import import ImportOptions
from licman.resolvers.license_import_catalog import Catalog
from licman.resolvers.license_import_fix import rows_to_fix
from licman.resolvers.license_import_match import match_key
from licman.resolvers.license_import_plan import Planner
from licman.resolvers.license_import_write import SeatsTaken, write_batch

BATCH = 2000
MAX_PROBLEMS = 20_000  # stored per job; past that only counted
ACTIONS = ("created", "updated", "unchanged")
_ACTION = {"create": "created", "update": "updated", "unchanged": "unchanged"}


def _zero() -> dict[str, int]:
    return {
        "rows": 0,
        "created": 0,
        "updated": 0,
        "unchanged": 0,
        "errors": 0,
        "skipped": 0,
        "problems": 0,
    }


Built = list[tuple[LicenseRecord, list[RowProblem]]]


async def _built(rows: Iterator[SourceRow], mapping: Mapping) -> AsyncIterator[Built]:
    """Batches of records, each read and built in a thread while the caller writes the one
    before: the parsing (pure Python) overlaps the database's work, and the event loop stays
    free for requests when the server runs the job itself."""

    def next_batch() -> Built:
        return _records(list(islice(rows, BATCH)), mapping)

    pending = asyncio.ensure_future(asyncio.to_thread(next_batch))
    try:
        while built := await pending:
            pending = asyncio.ensure_future(asyncio.to_thread(next_batch))
            yield built
    finally:
        if not pending.done():
            await asyncio.wait([pending])  # a thread cannot be cancelled: let it finish


def _records(
    batch: list[SourceRow], mapping: Mapping
) -> list[tuple[LicenseRecord, list[RowProblem]]]:
    out = []
    for source in batch:
        record, problems = build(source, mapping)
        out.append(
            (record, [RowProblem(record.row, p.column, p.code, p.message) for p in problems])
        )
    return out


def _result(
    options: ImportOptions, counts: dict[str, int], total: int, **extra: Any
) -> dict[str, Any]:
    return {
        "format": options.format,
        "dryRun": not options.apply,
        "matchBy": options.match_by,
        "total": total,
        **counts,
        **extra,
    }


async def licenses_import_run(run: JobRun) -> dict[str, Any]:
    options = ImportOptions.from_params(run.job.params)
    upload = await JobFile.get_or_none(id=options.upload_id, complete=True)
    if upload is None:
        raise JobRefused(
            "The uploaded file is gone (uploads are kept for 7 days); upload it again."
        )
    mapping = Mapping(
        tuple(options.mapping), options.format, options.default_currency, options.day_first
    )
    fmt = "json" if options.format == "json" else "csv"
    async with file_on_disk(upload.id) as path:
        try:
            return await _run(run, options, mapping, path, fmt, upload.name)
        except FileProblem as exc:
            raise JobRefused(str(exc)) from None


async def _run(
    run: JobRun, options: ImportOptions, mapping: Mapping, path: Path, fmt: str, name: str
) -> dict[str, Any]:
    total = sum(1 for _ in read_rows(path, fmt)[1])
    # With skipBadRows nothing is all-or-nothing, so one pass does: bad rows are set aside as
    # they come. Otherwise every row is checked before the first one is written.
    one_pass = options.apply and options.skip_bad_rows
    passes = 2 if options.apply and not one_pass else 1
    state = dict(run.job.checkpoint or {})
    if one_pass and state.get("phase") not in ("write", "done"):
        state = {"phase": "write", "row": 0, "base": 0, "counts": _zero()}
        async with run.batch() as conn:
            await JobRowError.filter(job_id=run.job.id).using_db(conn).delete()
            await run.save(conn, done=0, total=total, checkpoint=state)
    if state.get("phase") not in ("write", "done"):
        counts = await _check(run, options, mapping, path, fmt, total * passes)
        if counts["errors"]:
            await rows_to_fix(run, path, fmt, name)
        if not options.apply:
            return _result(options, counts, total)
        if counts["errors"] and not options.skip_bad_rows:
            raise JobRefused(
                f"{counts['errors']} row(s) have problems, so nothing was imported. Fix them "
                "(the rows to fix can be downloaded) and import again, or skip bad rows.",
                _result(options, counts, total),
            )
        state = {
            "phase": "write",
            "row": 0,
            "base": total,
            "counts": {
                **_zero(),
                "errors": counts["errors"],
                "problems": counts["problems"],
                "skipped": counts["errors"],
                "rows": 0,
            },
        }
        async with run.batch() as conn:
            await run.save(conn, checkpoint=state)
    if state["phase"] == "write":
        state = await _write(run, options, mapping, path, fmt, total, state)
    counts = state["counts"]
    if counts["skipped"]:
        await rows_to_fix(run, path, fmt, name)
    return _result(options, counts, total, applied=True)


async def _check(
    run: JobRun, options: ImportOptions, mapping: Mapping, path: Path, fmt: str, progress_total: int
) -> dict[str, int]:
    """Plan every row, writing nothing but the problems; restarted from the top if cut off."""
    async with run.batch() as conn:
        await JobRowError.filter(job_id=run.job.id).using_db(conn).delete()
        await run.save(conn, done=0, total=progress_total, checkpoint={"phase": "check"})
    planner = Planner(
        run.principal, Catalog(), options.match_by == "external_id", options.format == "snipeit"
    )
    counts = _zero()
    _, rows = read_rows(path, fmt)
    async for built in _built(rows, mapping):
        plans = await planner.plan([r for r, _ in built], lock=False)
        problems: list[RowProblem] = []
        for (record, cell_problems), plan in zip(built, plans, strict=True):
            found = cell_problems + [
                RowProblem(record.row, p.column, p.code, p.message) for p in plan.problems
            ]
            counts["rows"] += 1
            if found:
                counts["errors"] += 1
                problems.extend(found)
            else:
                counts[_ACTION[plan.action]] += 1
        room = max(0, MAX_PROBLEMS - counts["problems"])
        counts["problems"] += len(problems)
        async with run.batch() as conn:
            await run.add_problems(conn, problems[:room])
            await run.save(
                conn,
                done=counts["rows"],
                checkpoint={"phase": "check"},
                result=_result(options, counts, 0, phase="check"),
            )
    return counts


async def _write(
    run: JobRun,
    options: ImportOptions,
    mapping: Mapping,
    path: Path,
    fmt: str,
    total: int,
    state: dict[str, Any],
) -> dict[str, Any]:
    """Write the good rows, a committed batch at a time, resuming after `state["row"]`."""
    with_problems = JobRowError.filter(job_id=run.job.id)
    bad: set[int] = {row["row"] for row in await with_problems.values("row")}
    cursor: int = state["row"]
    counts: dict[str, int] = dict(state["counts"])
    base: int = state.get("base", total)
    planner = Planner(
        run.principal, Catalog(), options.match_by == "external_id", options.format == "snipeit"
    )
    _, rows = read_rows(path, fmt)
    async for batch in _built(rows, mapping):
        built = [(r, p) for r, p in batch if r.row not in bad]
        for record, _ in (b for b in built if b[0].row <= cursor and not b[1]):
            planner.seen.setdefault(match_key(record, planner.by_external_id), record.row)
        todo = [b for b in built if b[0].row > cursor]
        if todo:
            await _write_batch(run, options, planner, todo, counts, total)
        cursor = max(cursor, batch[-1][0].row)
        state = {"phase": "write", "row": cursor, "counts": counts}
        async with run.batch() as conn:
            await run.save(
                conn,
                done=base + min(total, _rows_done(counts)),
                checkpoint=state,
                result=_result(options, counts, total, phase="write"),
            )
    async with run.batch() as conn:
        summary = PendingEvent(
            "license.import",
            "job",
            run.job.id,
            extra={
                "format": options.format,
                "match_by": options.match_by,
                "rows": total,
                **{k: counts[k] for k in (*ACTIONS, "skipped")},
            },
        )
        await audit_record_many(run.principal, [summary], conn)
        state = {"phase": "done", "row": cursor, "counts": counts}
        await run.save(conn, done=base + total, checkpoint=state)
    return state


def _rows_done(counts: dict[str, int]) -> int:
    return counts["created"] + counts["updated"] + counts["unchanged"] + counts["skipped"]


async def _write_batch(
    run: JobRun,
    options: ImportOptions,
    planner: Planner,
    todo: list[tuple[LicenseRecord, list[RowProblem]]],
    counts: dict[str, int],
    total: int,
) -> None:
    # Cell problems are only found here when there was no check pass (skipBadRows); such
    # rows are planned all the same, as the check pass does, to report all their problems.
    for attempt in range(3):
        before = dict(counts)
        try:
            async with run.batch() as conn:
                plans = await planner.plan([record for record, _ in todo], lock=True)
                for plan, (_, found) in zip(plans, todo, strict=True):
                    plan.problems[:0] = [Problem(p.column, p.message, p.code) for p in found]
                failed = [p for p in plans if p.problems]
                if failed and not options.skip_bad_rows:
                    first = failed[0]
                    raise JobRefused(
                        f"Row {first.record.row} changed since it was checked "
                        f"({first.problems[0].message}); the rows before it were imported. "
                        "Import the file again to finish (rows already imported are left alone).",
                        _result(options, counts, total, applied=True),
                    )
                problems = [
                    RowProblem(p.record.row, q.column, q.code, q.message)
                    for p in failed
                    for q in p.problems
                ]
                await run.add_problems(conn, problems)
                events: list[PendingEvent] = []
                good = [p for p in plans if not p.problems]
                await write_batch(conn, run.principal, planner.catalog, good, run.job.id, events)
                await audit_record_many(run.principal, events, conn)
                for plan in good:
                    counts[_ACTION[plan.action]] += 1
                counts["skipped"] += len(failed)
                counts["errors"] += len(failed)
                counts["problems"] += len(problems)
                counts["rows"] += len(todo)
            return
        except (IntegrityError, SeatsTaken):
            # Raced by another writer (an id, a name, the last seat): plan the batch again.
            counts.clear()
            counts.update(before)
            planner.catalog = Catalog()
            planner.forget_batch()
            if attempt == 2:
                raise
