"""`licman export`: the licenses list, seat holders or renewal calendar as CSV, JSON or XLSX
on stdout (or a file), through the same export job the web client starts.

It acts as the system principal (an admin), like `licman import`, unless `--user EMAIL`
(that user, with their role and grants as they are) or `--token` / `LICMAN_TOKEN` (an API
token, with its scopes) chooses someone: the export then holds what they may see.
`--filter` is the JSON of the GraphQL `filter` argument of `licenses` (the same
`LicenseFilter` type checks it), so a filter copied from the client or a script works here."""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Annotated, Any

import typer

from licman.cli import app, fail, friendly_errors, run
from licman.cli_jobs import _quiet_job_logs, _start_and_run, err
from licman.db import connected
from licman.models import Job, JobFile, JobStatus, User
from licman.resolvers.exports.writers import FORMATS
from licman.resolvers.job_file import file_chunks
from licman.resolvers.license_export import KINDS, ExportOptions, licenses_export_start
from licman.resolvers.license_query import LicenseFilter, LicenseOrderField
from licman.security.authn import AuthenticationError, principal_for_token
from licman.security.keyring_setup import prepare_keyring
from licman.security.principal import Origin, Principal, PrincipalKind, system
from licman.settings import load_settings

ORDERS = {f.name.lower(): f for f in LicenseOrderField if f is not LicenseOrderField.CANCEL_BY}


def parse_filter(text: str | None) -> LicenseFilter:
    """The JSON of a GraphQL `LicenseFilter`, checked and converted by that very type."""
    if not text:
        return LicenseFilter()
    from graphql import validate_input_value
    from strawberry.types.arguments import convert_argument

    from licman.schema.license import LicenseFilter as FilterInput
    from licman.schema.root import build_schema

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        fail(f"--filter: not JSON ({exc.msg} at character {exc.pos})", 2)
    schema = build_schema()
    graphql_type: Any = schema._schema.get_type("LicenseFilter")
    problems: list[str] = []
    validate_input_value(data, graphql_type, lambda error, _path: problems.append(error.message))
    if problems:
        fail(f"--filter: {'; '.join(problems)}", 2)
    from graphql import coerce_input_value

    value = coerce_input_value(data, graphql_type)
    converted = convert_argument(
        value, FilterInput, schema.schema_converter.scalar_registry, schema.config
    )
    assert isinstance(converted, FilterInput)
    return converted.to_domain()


async def _principal(user: str | None, token: str | None) -> Principal:
    origin = Origin(user_agent="licman-cli")
    if token:
        try:
            return await principal_for_token(token.strip(), origin)
        except AuthenticationError as exc:
            fail(f"--token: {exc}")
    if user:
        found = await User.get_or_none(email=user.strip().lower())
        if found is None or not found.is_active:
            fail(f"--user: no active user with the e-mail {user}")
        return Principal(PrincipalKind.SESSION, user=found, origin=origin)
    return system("cli")


@app.command("export")
@friendly_errors
def export_command(
    format: Annotated[str, typer.Option(help="csv, json or xlsx.")] = "csv",
    kind: Annotated[
        str, typer.Option(help="licenses, seats (holders per product) or renewals (calendar).")
    ] = "licenses",
    filter: Annotated[
        str | None,
        typer.Option(
            "--filter",
            help='JSON of the GraphQL LicenseFilter, e.g. \'{"statuses": ["ACTIVE"], '
            '"expiringWithinDays": 90}\'.',
        ),
    ] = None,
    search: Annotated[str | None, typer.Option(help="The list's search text.")] = None,
    order: Annotated[
        str, typer.Option(help="expiry, product, vendor, cost, created or updated.")
    ] = "expiry",
    descending: Annotated[bool, typer.Option("--descending", help="Reverse the order.")] = False,
    include_secrets: Annotated[
        bool,
        typer.Option(
            "--include-secrets",
            help="Add the secrets (only if allowed for every license; each is audited).",
        ),
    ] = False,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    user: Annotated[
        str | None, typer.Option("--user", help="Export as this user (e-mail).")
    ] = None,
    token: Annotated[
        str | None,
        typer.Option("--token", envvar="LICMAN_TOKEN", help="Export as this API token."),
    ] = None,
) -> None:
    """Export licenses, seat holders or the renewal calendar (writes the file to stdout)."""
    if format not in FORMATS:
        fail(f"--format: use one of {', '.join(FORMATS)}", 2)
    if kind not in KINDS:
        fail(f"--kind: use one of {', '.join(KINDS)}", 2)
    if order not in ORDERS:
        fail(f"--order: use one of {', '.join(ORDERS)}", 2)
    if output is None and format == "xlsx" and sys.stdout.isatty():
        fail("an XLSX file is binary: redirect stdout (> file.xlsx) or use --output", 2)
    flt = parse_filter(filter)
    settings = load_settings()
    _quiet_job_logs(settings)

    async def work() -> Job:
        async with connected(settings):
            await prepare_keyring(settings)
            principal = await _principal(user, token)
            options = ExportOptions(
                kind=kind, format=format, filter=flt, search=search, order=ORDERS[order],
                descending=descending, include_secrets=include_secrets,
            )  # fmt: skip
            job = await licenses_export_start(principal, options)
            done = await _start_and_run(settings, job.id)
            if done.status is JobStatus.SUCCEEDED:
                await _write(done, output)
            return done

    job = run(work())
    if job.status is JobStatus.FAILED:
        fail(job.error)
    result = job.result
    err.print(
        f"{result.get('rows', 0)} row(s) from {result.get('licenses', 0)} license(s)"
        + (f", {result['secrets']} secret(s) revealed" if result.get("secrets") else "")
        + (f" written to {output}." if output else ".")
    )


async def _write(job: Job, output: str | None) -> None:
    record = await JobFile.filter(job_id=job.id, role="export", complete=True).first()
    if record is None:
        fail("the export job wrote no file")
    if output is not None:
        with open(output, "wb") as handle:  # noqa: ASYNC230 - one local file, written in order
            async for piece in file_chunks(record.id):
                handle.write(piece)
        return
    out = sys.stdout.buffer
    async for piece in file_chunks(record.id):
        out.write(piece)
        await asyncio.sleep(0)
    out.flush()
