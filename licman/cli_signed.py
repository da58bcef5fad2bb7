"""Commands around the site's signing key: signed audit reports and their verification,
audit retention, key rotation as a job, product keys and signed license files.

    licman keys public-key | rotate | generate | issue | verify
    licman audit report | verify-report | purge
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from licman.cli import audit_app, fail, friendly_errors, keys_app, run
from licman.cli_jobs import _quiet_job_logs, _start_and_run
from licman.db import connected
from licman.models import Job, JobFile, JobStatus
from licman.resolvers.audit_report import ReportOptions, audit_report_start, check_report
from licman.resolvers.audit_retention import audit_purge
from licman.resolvers.job_file import file_chunks
from licman.resolvers.keys_job import keys_rotate_start
from licman.resolvers.license_keys import (
    LicenseFileInput,
    license_file_issue,
    license_key_issue,
    license_keys_generate,
)
from licman.resolvers.user import user_by_email
from licman.security.keyring_setup import prepare_keyring
from licman.security.principal import system
from licman.security.signing import (
    BadSignature,
    key_id,
    load_public_key,
    load_signing_key,
    signing_path,
    verify_document,
)
from licman.settings import Settings, load_settings

PublicKeyOption = Annotated[
    Path | None,
    typer.Option(
        "--public-key",
        exists=True,
        dir_okay=False,
        help="The site's public key (PEM, as `licman keys public-key` prints it). Default: "
        "this installation's key.",
    ),
]


def _public_key(settings: Settings | None, path: Path | None) -> Ed25519PublicKey:
    if path is not None:
        try:
            return load_public_key(path.read_bytes())
        except BadSignature as exc:
            fail(f"--public-key: {exc}")
    assert settings is not None
    key = load_signing_key(settings)
    if key is None:
        fail(
            f"there is no signing key here ({signing_path(settings)}); pass the site's public "
            "key with --public-key FILE"
        )
    return key.public


def _read(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError as exc:
        fail(f"{file}: {exc.strerror}")


# --- keys ---------------------------------------------------------------------------------


@keys_app.command("public-key")
@friendly_errors
def keys_public_key() -> None:
    """Print the site's Ed25519 public key (PEM): give it to whoever checks audit reports or
    license files. Creates the signing key if there is none yet."""
    settings = load_settings()

    async def work() -> None:
        async with connected(settings):
            await prepare_keyring(settings)  # also prepares the signing key

    key = load_signing_key(settings)
    if key is None:  # a new installation: made with the ring, as `licman init` does
        run(work())
        key = load_signing_key(settings)
    if key is None:  # pragma: no cover - prepare_keyring just made it
        fail("no signing key")
    typer.echo(key.public_pem(), nl=False)
    typer.echo(f"key id: {key.key_id}", err=True)


async def _run_job(settings: Settings, job: Job) -> Job:
    done = await _start_and_run(settings, job.id)
    if done.status is JobStatus.FAILED:
        fail(done.error)
    return done


@keys_app.command("rotate")
@friendly_errors
def keys_rotate_command(
    batch_size: Annotated[int, typer.Option(min=1, help="Secrets re-encrypted per batch.")] = 500,
) -> None:
    """Add a new key, then re-encrypt every secret under it, as a resumable job (workers run
    it when Redis is configured, else this command). Safe to interrupt: a killed run resumes
    after its last batch, and running the command again finishes the same rotation."""
    settings = load_settings()
    _quiet_job_logs(settings)
    if settings.secret_keys:
        from licman.resolvers.keys import ENV_RING_ROTATE

        fail(ENV_RING_ROTATE)

    async def work() -> Job:
        async with connected(settings):
            await prepare_keyring(settings)
            job = await keys_rotate_start(system("cli"), batch_size=batch_size)
            return await _run_job(settings, job)

    result = run(work()).result
    if result["keyAdded"]:
        typer.echo(f"Added a new key; the ring holds {result['keys']} keys.")
    else:
        typer.echo(f"Finished the interrupted rotation; the ring holds {result['keys']} keys.")
    typer.echo(
        f"Re-encrypted {result['reencrypted']} secret(s): {result['current']} under the newest "
        f"key, {result['older']} under an older key, {result['failed']} that do not decrypt."
    )
    if result["failed"]:
        ids = ", ".join(str(i) for i in result["failedLicenseIds"][:20])
        fail(
            f"{result['failed']} license secret(s) do not decrypt with the key ring (license "
            f"ids {ids}): restore the key that encrypted them, or set those secrets again, then "
            "run `licman keys rotate` again"
        )
    if result["older"]:
        fail(
            f"{result['older']} secret(s) were changed during the run and are still under an "
            "older key; run `licman keys rotate` again"
        )


@keys_app.command("generate")
@friendly_errors
def keys_generate(
    license_id: Annotated[int, typer.Option("--license", help="The license's id.")],
    count: Annotated[int, typer.Option(min=1, max=10_000, help="How many keys.")] = 10,
) -> None:
    """Generate product keys into a license's pool (random, from the CSPRNG; stored
    encrypted). Prints how many are available; the keys themselves are shown when issued."""
    settings = load_settings()

    async def work() -> Any:
        async with connected(settings):
            await prepare_keyring(settings)
            return await license_keys_generate(system("cli"), license_id, count)

    pool = run(work())
    typer.echo(f"Generated {count} key(s): {pool.available} available, {pool.issued} issued.")


@keys_app.command("issue")
@friendly_errors
def keys_issue(
    license_id: Annotated[int, typer.Option("--license", help="The license's id.")],
    licensee: Annotated[str, typer.Option(help="Who it is for (person or company).")],
    file: Annotated[
        bool,
        typer.Option("--file", help="Issue a signed license file instead of a bare key."),
    ] = False,
    seats: Annotated[int | None, typer.Option(min=1, help="Seats (license file).")] = None,
    expires: Annotated[
        str | None, typer.Option(help="Last valid day, YYYY-MM-DD (license file).")
    ] = None,
    with_key: Annotated[
        bool, typer.Option("--with-key", help="Put a key from the pool in the license file.")
    ] = False,
    product: Annotated[
        str | None, typer.Option(help='Product name in the file (default "<vendor> <product>").')
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the license file here.")
    ] = None,
) -> None:
    """Issue the next product key of a license's pool (printed once), or with --file a
    license file signed with the site's key (product, licensee, seats, expiry) that
    `licman keys verify` and the snippet in docs/keys.md check offline. Audited."""
    expires_on = None
    if expires is not None:
        try:
            expires_on = date.fromisoformat(expires)
        except ValueError:
            fail(f"--expires: {expires!r} is not a date like 2027-12-31", 2)
    if not file and (seats or expires_on or with_key or product or output):
        fail("--seats, --expires, --with-key, --product and --output go with --file", 2)
    settings = load_settings()

    async def work() -> Any:
        async with connected(settings):
            await prepare_keyring(settings)
            if not file:
                return await license_key_issue(system("cli"), license_id, licensee)
            data = LicenseFileInput(licensee, seats, expires_on, with_key, product)
            return await license_file_issue(system("cli"), license_id, data)

    issued = run(work())
    if not file:
        typer.echo(issued.key)
        return
    text = json.dumps(issued, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"Wrote the license file {output} (serial {issued['signed']['serial']}).")


@keys_app.command("verify")
@friendly_errors
def keys_verify(
    file: Annotated[Path, typer.Argument(help="A license file.")],
    public_key: PublicKeyOption = None,
) -> None:
    """Check a license file offline: signed by the site's key, unaltered, not expired.
    Exit 0 and print what it grants, or 1 saying what is wrong."""
    public = _public_key(None if public_key else load_settings(), public_key)
    try:
        document = json.loads(_read(file))
        facts = verify_document(document, public, kind="license")
    except ValueError as exc:
        fail(f"{file}: not a license file: {exc}")
    except BadSignature as exc:
        fail(f"{file}: NOT VALID: {exc}")
    expires = facts.get("expires_on")
    if expires and date.fromisoformat(expires) < datetime.now(UTC).date():
        fail(f"{file}: signature valid, but the license EXPIRED on {expires}")
    typer.echo(f"{file}: valid license (serial {facts.get('serial')})")
    typer.echo(f"  product:  {facts.get('product')}")
    typer.echo(f"  licensee: {facts.get('licensee')}")
    typer.echo(f"  seats:    {facts.get('seats') or 'unlimited'}")
    typer.echo(f"  expires:  {expires or 'never'}")
    if facts.get("license_key"):
        typer.echo("  key:      (included)")


# --- audit --------------------------------------------------------------------------------


def _when(name: str, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        fail(f"{name}: {value!r} is not a date or time like 2026-01-31 or 2026-01-31T12:00", 2)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@audit_app.command("report")
@friendly_errors
def audit_report_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the report.")],
    since: Annotated[
        str | None, typer.Option("--from", help="From this time (inclusive), UTC if no zone.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--to", help="Until this time (exclusive), UTC if no zone.")
    ] = None,
    action: Annotated[
        str | None, typer.Option(help='An action ("license.reveal") or prefix ("license.").')
    ] = None,
    actor: Annotated[str | None, typer.Option(help="Only events by this user (e-mail).")] = None,
    object_type: Annotated[str | None, typer.Option(help="e.g. license, user.")] = None,
    object_id: Annotated[str | None, typer.Option(help="With --object-type.")] = None,
    format: Annotated[str, typer.Option(help="csv or json.")] = "csv",
) -> None:
    """Write a signed report of audit events (a time range and filter) as CSV or JSON in a
    signed envelope; `licman audit verify-report FILE` checks it."""
    settings = load_settings()
    _quiet_job_logs(settings)
    options = ReportOptions(
        format=format,
        occurred_after=_when("--from", since),
        occurred_before=_when("--to", until),
        action=action,
        object_type=object_type,
        object_id=object_id,
    )

    async def work() -> Job:
        async with connected(settings):
            await prepare_keyring(settings)
            if actor is not None:
                user = await user_by_email(actor)
                if user is None:
                    fail(f"--actor: no user with the e-mail {actor}")
                options.actor_user_id = user.id
            job = await audit_report_start(system("cli"), options)
            done = await _run_job(settings, job)
            record = await JobFile.get(job_id=done.id, role="audit_report", complete=True)
            with output.open("wb") as out:
                async for piece in file_chunks(record.id):
                    out.write(piece)
            return done

    done = run(work())
    typer.echo(
        f"Wrote {output}: {done.result['events']} event(s), signed with key {done.result['keyId']}."
    )


@audit_app.command("verify-report")
@friendly_errors
def audit_verify_report(
    file: Annotated[Path, typer.Argument(help="A report from `licman audit report`.")],
    public_key: PublicKeyOption = None,
    extract: Annotated[
        Path | None,
        typer.Option(help="After checking, write the report's CSV or JSON content here."),
    ] = None,
) -> None:
    """Check that a report was signed by the site's key and not altered: exit 0, or 1
    saying what is wrong."""
    public = _public_key(None if public_key else load_settings(), public_key)
    try:
        checked = check_report(_read(file), public)
    except BadSignature as exc:
        fail(f"{file}: NOT VALID: {exc}")
    signed = checked.signed
    typer.echo(
        f"{file}: valid audit report, {signed.get('events')} event(s) "
        f"({signed.get('report_format')}), generated {signed.get('generated_at')} by "
        f"{signed.get('generated_by')}, key {key_id(public)}."
    )
    if extract is not None:
        extract.write_text(checked.content, encoding="utf-8", newline="")
        typer.echo(f"Wrote the content to {extract}.")


@audit_app.command("purge")
@friendly_errors
def audit_purge_command(
    older_than: Annotated[
        int, typer.Option("--older-than", min=1, help="Purge audit events older than DAYS.")
    ],
    api_requests_older_than: Annotated[
        int | None,
        typer.Option(min=1, help="Purge API requests older than DAYS (default: --older-than)."),
    ] = None,
) -> None:
    """Delete audit events (and API requests) older than DAYS. The chain is verified first,
    and a checkpoint signed with the site's key is written where the purge ends, so that
    `licman audit verify` still passes after it."""
    settings = load_settings()
    moment = datetime.now(UTC)
    api_days = api_requests_older_than or older_than

    async def work() -> Any:
        async with connected(settings):
            await prepare_keyring(settings)
            return await audit_purge(
                system("cli"),
                events_before=moment - timedelta(days=older_than),
                api_requests_before=moment - timedelta(days=api_days),
            )

    report = run(work())
    if report.through_event_id is None:
        typer.echo(f"No audit event is older than {older_than} day(s).")
    else:
        typer.echo(
            f"Purged {report.events_purged} audit event(s) through event "
            f"{report.through_event_id}, behind a signed checkpoint."
        )
    typer.echo(f"Purged {report.api_requests_purged} API request(s).")
