"""`licman mail test` and `licman reminders`: check the SMTP settings, send the expiry
digest now, and see what was sent."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from licman.cli import app, fail, friendly_errors, run
from licman.cli_jobs import _quiet_job_logs, _start_and_run
from licman.db import connected
from licman.models import Job, JobStatus
from licman.resolvers.mail import MailError, mail_test
from licman.resolvers.reminder_digest import reminders_digest_start, reminders_status
from licman.security.keyring_setup import prepare_keyring
from licman.security.principal import system
from licman.settings import load_settings

mail_app = typer.Typer(help="E-mail: check the SMTP settings.", no_args_is_help=True)
reminders_app = typer.Typer(help="Expiry reminders by e-mail.", no_args_is_help=True)
app.add_typer(mail_app, name="mail")
app.add_typer(reminders_app, name="reminders")


@mail_app.command("test")
@friendly_errors
def mail_test_command(
    address: Annotated[str, typer.Argument(help="Send it to this address.")],
) -> None:
    """Send a test e-mail through the configured SMTP server; say plainly why if it fails."""
    settings = load_settings()
    try:
        run(mail_test(settings, address))
    except MailError as exc:
        fail(str(exc))
    typer.echo(
        f"Sent a test e-mail to {address} through {settings.smtp_host}:"
        f"{settings.smtp_effective_port} ({settings.smtp_tls.value})."
    )


@reminders_app.command("send")
@friendly_errors
def reminders_send(
    on: Annotated[
        str | None, typer.Option("--date", help="As if today were YYYY-MM-DD (default: today).")
    ] = None,
) -> None:
    """Send the expiry digest now (what beat or the server does daily). Reminders already
    sent are not sent again."""
    try:
        day = date.fromisoformat(on) if on else None
    except ValueError:
        fail(f"--date: {on!r} is not a date like 2026-12-31", 2)
    settings = load_settings()
    _quiet_job_logs(settings)

    async def work() -> Job:
        async with connected(settings):
            await prepare_keyring(settings)
            job = await reminders_digest_start(system("cli"), day)
            return await _start_and_run(settings, job.id)

    job = run(work())
    if job.status is JobStatus.FAILED:
        fail(job.error)
    r = job.result
    typer.echo(
        f"{r.get('emails', 0)} e-mail(s) sent with {r.get('reminders', 0)} reminder(s) to "
        f"{r.get('users', 0)} user(s); {r.get('alreadySent', 0)} already sent before."
    )
    if r.get("uncertain") or r.get("released"):
        typer.echo(
            f"{r.get('released', 0)} not sent (left for the next run), "
            f"{r.get('uncertain', 0)} maybe not delivered (not sent again)."
        )


@reminders_app.command("status")
@friendly_errors
def reminders_status_command() -> None:
    """Reminders of the last 30 days: sent, and claimed but never confirmed sent."""
    settings = load_settings()

    async def work() -> dict[str, int]:
        async with connected(settings):
            return await reminders_status()

    counts = run(work())
    typer.echo(f"Last 30 days: {counts['sent']} reminder(s) sent.")
    if counts["unconfirmed"]:
        typer.echo(
            f"{counts['unconfirmed']} reminder(s) claimed but never confirmed sent (a worker "
            "died, or the connection broke after sending); they are not sent again."
        )
