"""`licman import`, `licman jobs`, `licman worker` and `licman beat`: jobs from a shell.

Progress bars use rich (already installed with typer, which renders its help with it):
one dependency fewer than tqdm, and its Progress also draws the tables of problems."""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from licman.cli import app, fail, friendly_errors, run
from licman.db import connected
from licman.models import Job, JobFile, JobRowError, JobStatus
from licman.resolvers.job_file import file_chunks, path_chunks
from licman.resolvers.license_import import (
    FORMATS,
    ImportOptions,
    import_upload,
    licenses_import_start,
)
from licman.security.keyring_setup import prepare_keyring
from licman.security.principal import system
from licman.settings import Settings, load_settings
from licman.workers.relay import publish_outbox
from licman.workers.runner import run_job

jobs_app = typer.Typer(help="Batch jobs: imports and the like.", no_args_is_help=True)
app.add_typer(jobs_app, name="jobs")
err = Console(stderr=True)
SHOWN_PROBLEMS = 50


async def _watch(job_id: int, runner: asyncio.Task[str] | None) -> Job:
    """Poll the job row (the same progress the web client shows) until it finishes."""
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, disable=not err.is_terminal, transient=False) as bar:
        task = bar.add_task(f"job {job_id}", total=None)
        while True:
            job = await Job.get(id=job_id)
            bar.update(task, completed=job.progress_done, total=job.progress_total or None,
                       description=f"job {job_id} {job.status}")  # fmt: skip
            if job.status in (JobStatus.SUCCEEDED, JobStatus.FAILED):
                return job
            if runner is not None and runner.done():
                runner.result()  # raises what the in-process run raised
                runner = None
            await asyncio.sleep(0.25)


async def _start_and_run(settings: Settings, job_id: int) -> Job:
    if settings.redis_url:
        from licman.workers.celery_app import create_celery, publisher

        if not await publish_outbox(publisher(create_celery(settings)), job_id=job_id):
            err.print("Redis is not reachable: the job waits in the outbox until it is.")
        return await _watch(job_id, None)
    started: list[asyncio.Task[str]] = []

    async def here(jid: int) -> None:  # no Redis: this process runs it
        started.append(asyncio.create_task(run_job(jid, settings, task_id="cli")))

    await publish_outbox(here, job_id=job_id)
    return await _watch(job_id, started[0] if started else None)


def _report(job: Job) -> None:
    result = job.result or {}
    verb = "would be" if result.get("dryRun") else "were"
    if "created" in result:
        typer.echo(
            f"{result.get('total', 0)} row(s): {result['created']} {verb} created, "
            f"{result['updated']} {verb} updated, {result['unchanged']} unchanged, "
            f"{result['errors']} with problems"
            + (f", {result['skipped']} skipped." if result.get("skipped") else ".")
        )


async def _problems(job: Job, to_fix: Path | None) -> None:
    rows = await JobRowError.filter(job_id=job.id).order_by("row", "id").limit(SHOWN_PROBLEMS)
    if rows:
        table = Table("row", "column", "problem", title="Problems", title_justify="left")
        for r in rows:
            table.add_row(str(r.row), r.column, r.message)
        Console().print(table)
        total = await JobRowError.filter(job_id=job.id).count()
        if total > len(rows):
            typer.echo(f"... and {total - len(rows)} more.")
    fix = await JobFile.filter(job_id=job.id, role="rows_to_fix", complete=True).first()
    if fix is not None and to_fix is not None:
        target = to_fix if to_fix.suffix else to_fix.with_suffix(Path(fix.name).suffix)
        with target.open("wb") as out:
            async for piece in file_chunks(fix.id):
                out.write(piece)
        typer.echo(f"The rows to fix are in {target}.")


def _quiet_job_logs(settings: Settings) -> None:
    """The progress bar and the report say what happened; the job's own log lines (queued,
    started, succeeded) would only repeat it, so they show from warning up (or at debug)."""
    from licman.logs import configure_logging

    configure_logging(settings)
    if settings.log_level != "debug":
        for name in ("licman.jobs", "tortoise"):
            logging.getLogger(name).setLevel(logging.WARNING)


@app.command("import")
@friendly_errors
def import_command(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    format: Annotated[
        str | None, typer.Option(help="csv, json or snipeit (default: guessed).")
    ] = None,
    apply: Annotated[bool, typer.Option("--apply", help="Do it (default: a dry run).")] = False,
    skip_bad_rows: Annotated[
        bool, typer.Option("--skip-bad-rows", help="Import the good rows.")
    ] = False,
    match_by: Annotated[str | None, typer.Option(help="external_id or natural.")] = None,
    default_currency: Annotated[str | None, typer.Option(help="For costs without one.")] = None,
    day_first: Annotated[
        bool, typer.Option("--day-first", help="Read 03/04/25 as 3 April.")
    ] = False,
    rows_to_fix: Annotated[
        Path | None, typer.Option(help="Where to write the rows to fix.")
    ] = None,
) -> None:
    """Import licenses from a CSV, JSON or Snipe-IT file: a dry run unless --apply."""
    if format is not None and format not in FORMATS:
        fail(f"--format: use one of {', '.join(FORMATS)}", 2)
    settings = load_settings()
    _quiet_job_logs(settings)

    async def work() -> Job:
        async with connected(settings):
            await prepare_keyring(settings)
            principal = system("cli")
            limit = settings.import_max_mb * 1024 * 1024
            preview = await import_upload(
                principal, file.name, path_chunks(file), fmt=format, max_bytes=limit
            )
            if preview.problem:
                fail(f"{file}: {preview.problem}")
            options = ImportOptions(
                upload_id=preview.upload.id, format=preview.format, mapping=preview.mapping,
                match_by=match_by or preview.match_by, apply=apply, skip_bad_rows=skip_bad_rows,
                default_currency=default_currency, day_first=day_first,
            )  # fmt: skip
            job = await licenses_import_start(principal, options)
            done = await _start_and_run(settings, job.id)
            _report(done)
            stem = file.stem
            await _problems(done, rows_to_fix or Path(f"{stem}-to-fix"))
            return done

    job = run(work())
    if job.status is JobStatus.FAILED:
        fail(job.error)
    if job.result.get("errors") and not job.result.get("applied"):
        raise typer.Exit(1)


@jobs_app.command("list")
@friendly_errors
def jobs_list(limit: Annotated[int, typer.Option(min=1, max=500)] = 20) -> None:
    """The newest jobs: id, kind, status, progress, who started it."""
    settings = load_settings()

    async def work() -> list[Job]:
        async with connected(settings):
            return await Job.all().order_by("-id").limit(limit).prefetch_related("created_by")

    table = Table("id", "kind", "status", "progress", "created", "by")
    for job in run(work()):
        by = job.created_by.email if job.created_by else "system"
        total = job.progress_total or "?"
        table.add_row(
            str(job.id),
            job.kind,
            job.status,
            f"{job.progress_done}/{total}",
            f"{job.created_at:%Y-%m-%d %H:%M}",
            by,
        )
    Console().print(table)


@jobs_app.command("watch")
@friendly_errors
def jobs_watch(job_id: int) -> None:
    """Show a job's progress bar until it finishes."""
    settings = load_settings()

    async def work() -> Job:
        async with connected(settings):
            if not await Job.exists(id=job_id):
                fail(f"no job {job_id}")
            job = await _watch(job_id, None)
            _report(job)
            return job

    job = run(work())
    if job.status is JobStatus.FAILED:
        fail(job.error)


def _celery(settings: Settings):  # type: ignore[no-untyped-def]
    if not settings.redis_url:
        fail("LICMAN_REDIS_URL is not set: without Redis, `licman serve` runs jobs itself")
    from licman.logs import configure_logging
    from licman.workers.celery_app import create_celery

    configure_logging(settings)
    return create_celery(settings)


@app.command()
@friendly_errors
def worker(
    concurrency: Annotated[int, typer.Option(min=1, help="Jobs at once (processes).")] = 2,
) -> None:
    """Run a Celery worker for jobs, in the foreground (needs LICMAN_REDIS_URL)."""
    from licman.workers.celery_app import QUEUE

    settings = load_settings()
    celery = _celery(settings)
    level = settings.log_level.upper()
    celery.worker_main(
        ["worker", f"--loglevel={level}", f"--concurrency={concurrency}", "-Q", QUEUE,
         "-n", "licman@%h", "--without-gossip", "--without-mingle"]
    )  # fmt: skip


@app.command()
@friendly_errors
def beat() -> None:
    """Run Celery beat in the foreground: it has the outbox relayed every job_relay_seconds
    (jobs started while Redis was down, jobs a dead worker left)."""
    settings = load_settings()
    celery = _celery(settings)
    settings.runtime_dir.mkdir(parents=True, exist_ok=True)
    schedule = settings.runtime_dir / "celerybeat-schedule"
    celery.Beat(schedule=str(schedule), loglevel=settings.log_level.upper()).run()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
