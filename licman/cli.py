"""The `licman` command: serve, set up, migrate, and manage users and tokens from a shell."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable, Coroutine
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, NoReturn, ParamSpec, TypeVar

import typer
from tortoise.transactions import in_transaction

from licman import __version__
from licman.db import DatabaseError, connected, migration_status, upgrade
from licman.models import Role, User
from licman.resolvers.api_token import api_token_create
from licman.resolvers.audit import audit_record
from licman.resolvers.errors import DomainError
from licman.resolvers.keys import (
    RotationProgress,
    RotationReport,
    keys_reencrypt,
    keys_status,
)
from licman.resolvers.user import user_by_email, user_create
from licman.security.keyring_setup import prepare_keyring
from licman.security.passwords import generate_password
from licman.security.principal import system
from licman.security.secrets import KeyRingError
from licman.security.signing import BadSignature, SigningError, load_signing_key
from licman.settings import ConfigError, Settings, load_settings

P = ParamSpec("P")
T = TypeVar("T")

app = typer.Typer(
    help="Licman: a self-hosted license manager.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Database schema: migrations.", no_args_is_help=True)
user_app = typer.Typer(help="Users.", no_args_is_help=True)
token_app = typer.Typer(help="Personal API tokens.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")


def fail(message: str, code: int = 1) -> NoReturn:
    typer.echo(f"licman: error: {message}", err=True)
    raise typer.Exit(code)


def friendly_errors(func: Callable[P, T]) -> Callable[P, T]:
    """Known failures end the command with one line on stderr, never a traceback."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return func(*args, **kwargs)
        except ConfigError as exc:
            fail(f"configuration: {exc}", 2)
        except (DatabaseError, KeyRingError, SigningError, BadSignature) as exc:
            fail(str(exc))
        except DomainError as exc:
            where = f"{exc.field}: " if exc.field else ""
            fail(f"{where}{exc.message}")

    return wrapper


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


async def with_db(settings: Settings, work: Callable[[], Awaitable[T]]) -> T:
    async with connected(settings):
        return await work()


def version_callback(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def main_options(
    _version: Annotated[
        bool,
        typer.Option("--version", callback=version_callback, is_eager=True, help="Print version."),
    ] = False,
) -> None:
    """Licman: a self-hosted license manager."""


# --- serve and init ---------------------------------------------------------------------


async def _prepare_database(settings: Settings) -> None:
    """Apply migrations (embedded mode) or refuse to start on a schema that is behind."""
    applied_now: list[str] = []
    async with connected(settings):
        _, pending = await migration_status()
        if pending and settings.migrate_on_start:
            applied_now = await upgrade()
        elif pending:
            raise DatabaseError(
                f"{len(pending)} migration(s) pending ({', '.join(pending)}); "
                "run `licman db upgrade` first (or set LICMAN_AUTO_MIGRATE=true)"
            )
        await prepare_keyring(settings)
    for name in applied_now:
        typer.echo(f"Applied migration {name}", err=True)


@app.command()
@friendly_errors
def serve(
    host: Annotated[str | None, typer.Option(help="Address to bind (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port to bind (default 8000).")] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            help="Server processes (default LICMAN_WEB_WORKERS: one per core in production on "
            "PostgreSQL or MariaDB, else 1). More than 1 runs gunicorn with uvicorn workers."
        ),
    ] = None,
) -> None:
    """Serve the GraphQL API and the sign-in endpoints with uvicorn (one process) or gunicorn
    with uvicorn workers (several)."""
    import uvicorn

    from licman.app import create_app, freeze_startup_objects

    settings = load_settings(host=host, port=port, web_workers=workers)
    settings.runtime_dir.mkdir(parents=True, exist_ok=True)
    run(_prepare_database(settings))
    if settings.worker_count > 1:
        from licman.cli_serve import serve_workers

        serve_workers(settings)
        return
    application = create_app(settings)
    freeze_startup_objects()
    uvicorn.run(
        application,
        host=settings.host,
        port=settings.port,
        log_config=None,
        server_header=False,
        proxy_headers=False,
    )


async def _init(settings: Settings) -> None:
    async with connected(settings):
        for name in await upgrade():
            typer.echo(f"Applied migration {name}")
        await prepare_keyring(settings)
        if await User.exists():
            return
        password = generate_password()
        admin = await user_create(
            system("init"),
            email=settings.admin_email,
            password=password,
            role=Role.ADMIN,
            name="Administrator",
        )
    typer.echo("")
    typer.echo("Created the first admin. This password is shown once; keep it safe:")
    typer.echo(f"  e-mail:   {admin.email}")
    typer.echo(f"  password: {password}")
    typer.echo("")


@app.command()
@friendly_errors
def init() -> None:
    """Set up an installation: create var/, migrate, and create the first admin if none."""
    settings = load_settings()
    settings.runtime_dir.mkdir(parents=True, exist_ok=True, mode=0o750)
    run(_init(settings))


# --- db -----------------------------------------------------------------------------------


@db_app.command("upgrade")
@friendly_errors
def db_upgrade() -> None:
    """Apply every pending migration."""
    settings = load_settings()
    applied = run(with_db(settings, lambda: upgrade(lambda n: typer.echo(f"Applied {n}"))))
    if not applied:
        typer.echo("The database is up to date.")


@db_app.command("status")
@friendly_errors
def db_status() -> None:
    """List applied and pending migrations; exit 1 if any are pending."""
    settings = load_settings()
    applied, pending = run(with_db(settings, migration_status))
    typer.echo(f"database: {settings.database_display()}")
    for name in applied:
        typer.echo(f"  [applied] {name}")
    for name in pending:
        typer.echo(f"  [pending] {name}")
    if pending:
        raise typer.Exit(1)


@db_app.command("makemigrations")
@friendly_errors
def db_makemigrations(
    name: Annotated[str | None, typer.Option(help="Name for the migration file.")] = None,
) -> None:
    """(Developers) Write a migration for model changes, using Tortoise's own generator."""
    from tortoise.cli.cli import main as tortoise_main

    import licman.migrations
    from licman.migration_ops import use_checked_create

    load_settings()  # fail early, with a clear message, on a bad setting
    folder = Path(licman.migrations.__file__).parent
    before = set(folder.glob("[0-9]*.py"))
    sys.argv = ["tortoise", "-c", "licman.db.TORTOISE_ORM", "makemigrations"]
    if name:
        sys.argv += ["--name", name]
    try:
        tortoise_main()
    except SystemExit as exc:
        if exc.code:
            raise
    for path in sorted(set(folder.glob("[0-9]*.py")) - before):
        path.write_text(use_checked_create(path.read_text(encoding="utf-8")), encoding="utf-8")
        typer.echo(f"Wrote {path}")


# --- user and token -------------------------------------------------------------------------


@user_app.command("create")
@friendly_errors
def user_create_command(
    email: Annotated[str, typer.Option(help="E-mail address (the sign-in name).")],
    admin: Annotated[bool, typer.Option("--admin", help="Give the admin role.")] = False,
    role: Annotated[Role, typer.Option(help="Role, if not --admin.")] = Role.MEMBER,
    name: Annotated[str, typer.Option(help="Display name.")] = "",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Create a user. Without --password-stdin, prints a generated password once."""
    settings = load_settings()
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            fail("password: nothing was read from standard input")
    else:
        password = generate_password()
    chosen = Role.ADMIN if admin else role

    async def work() -> User:
        return await user_create(system(), email=email, password=password, role=chosen, name=name)

    user = run(with_db(settings, work))
    typer.echo(f"Created {user.role} {user.email} (id {user.id}).", err=True)
    if not password_stdin:
        typer.echo(f"password: {password}")


@token_app.command("create")
@friendly_errors
def token_create_command(
    user: Annotated[str, typer.Option("--user", help="E-mail of the token's owner.")],
    name: Annotated[str, typer.Option(help="What the token is for.")] = "cli",
) -> None:
    """Create a personal API token; prints the token alone on stdout (shown once)."""
    settings = load_settings()

    async def work() -> str:
        owner = await user_by_email(user)
        if owner is None:
            fail(f"--user: no user with the e-mail {user}")
        async with in_transaction():
            token, row = await api_token_create(system(), user=owner, name=name)
            await audit_record(
                system(), "api_token.create", "api_token", row.id,
                extra={"name": row.name, "user_id": owner.id},
            )  # fmt: skip
        return token

    typer.echo(run(with_db(settings, work)))


# --- keys -----------------------------------------------------------------------------------

keys_app = typer.Typer(help="The key ring that encrypts license secrets.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")

BatchSize = Annotated[int, typer.Option(min=1, help="Secrets re-encrypted per transaction.")]


def _license_ids(ids: list[int], shown: int = 20) -> str:
    more = f" and {len(ids) - shown} more" if len(ids) > shown else ""
    return ", ".join(str(i) for i in ids[:shown]) + more


def _echo_progress(step: RotationProgress) -> None:
    if not sys.stderr.isatty():  # progress is for people watching; logs get the result
        return
    doing = "re-encrypting" if step.round == 1 else "checking again"
    typer.echo(f"{doing}: {step.checked} of {step.total} secret(s)", err=True)


def _finish_report(report: RotationReport, command: str) -> None:
    """Print what the run did; end with one error line unless every secret is current."""
    typer.echo(
        f"Re-encrypted {report.reencrypted} secret(s) in {report.seconds:.1f} s: "
        f"{report.current} under the newest key, {report.older} under an older key, "
        f"{len(report.failed)} that do not decrypt."
    )
    if report.failed:
        fail(
            f"{len(report.failed)} license secret(s) do not decrypt with the key ring "
            f"(license ids {_license_ids(report.failed)}): restore the key that encrypted "
            f"them, or set those secrets again, then run `licman keys {command}` again"
        )
    if report.older:
        fail(
            f"{report.older} secret(s) were changed during the run and are still under an "
            f"older key; run `licman keys {command}` again"
        )


@keys_app.command("reencrypt")
@friendly_errors
def keys_reencrypt_command(batch_size: BatchSize = 500) -> None:
    """Re-encrypt every secret under the newest key, adding no key: after putting a new key
    first in LICMAN_SECRET_KEYS and restarting every Licman process."""
    settings = load_settings()
    report = run(
        with_db(
            settings,
            lambda: keys_reencrypt(
                system(), settings, batch_size=batch_size, progress=_echo_progress
            ),
        )
    )
    _finish_report(report, "reencrypt")


@keys_app.command("status")
@friendly_errors
def keys_status_command() -> None:
    """Count the keys and the secrets under the newest key (no key is shown). Exit 1 if a
    rotation is pending or any secret is under an older key or does not decrypt."""
    settings = load_settings()
    status = run(with_db(settings, lambda: keys_status(system(), settings)))
    failed = f" (license ids {_license_ids(status.failed)})" if status.failed else ""
    typer.echo(f"key ring: {status.source}")
    typer.echo(f"keys: {status.keys}")
    typer.echo(f"rotation pending: {'yes' if status.rotating else 'no'}")
    typer.echo(f"secrets under the newest key: {status.current}")
    typer.echo(f"secrets under an older key: {status.older}")
    typer.echo(f"secrets that do not decrypt: {len(status.failed)}{failed}")
    if not status.up_to_date:
        raise typer.Exit(1)


# --- audit ----------------------------------------------------------------------------------

audit_app = typer.Typer(help="The audit log.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
@friendly_errors
def audit_verify_command() -> None:
    """Check the audit log's hash chain; exit 1 naming the first changed, removed or
    inserted event."""
    from licman.resolvers.audit_verify import audit_verify

    settings = load_settings()
    key = load_signing_key(settings)
    report = run(with_db(settings, lambda: audit_verify(public_key=key.public if key else None)))
    if report.problem is None:
        since = ""
        if report.checkpoint is not None:
            since = (
                f" after the signed checkpoint through event "
                f"{report.checkpoint.through_event_id}, "
                f"{report.checkpoint.events_purged} older event(s) purged"
            )
        typer.echo(f"The audit log is intact ({report.events_checked} events{since}).")
        return
    problem = report.problem
    where = f"event {problem.event_id}" if problem.event_id is not None else "the end of the log"
    fail(f"audit log tampered: {where} was {problem.kind}: {problem.detail}")


# --- dev ------------------------------------------------------------------------------------

dev_app = typer.Typer(
    help="(Developers) Fake data for trying things out and benchmarks.", no_args_is_help=True
)
app.add_typer(dev_app, name="dev")


@dev_app.command("seed")
@friendly_errors
def dev_seed(
    licenses: Annotated[int, typer.Option(min=1, help="How many licenses to create.")] = 10_000,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same data.")] = 42,
) -> None:
    """Fill the database with realistic fake data: vendors, users, licenses, seats, renewals."""
    # bench/ sits next to the package in a source checkout and is not installed with it.
    source = Path(__file__).resolve().parent.parent
    if not (source / "bench" / "seed.py").is_file():
        fail("`licman dev seed` needs a source checkout (bench/ is not installed)")
    if str(source) not in sys.path:
        sys.path.append(str(source))
    from bench.seed import SeedError, seed_database

    settings = load_settings()
    try:
        report = run(seed_database(settings, licenses, seed, progress=typer.echo))
    except SeedError as exc:
        fail(str(exc))
    typer.echo(report.format())


# Last: cli_oauth uses the helpers above.
from licman.cli_oauth import oauth_app  # noqa: E402

app.add_typer(oauth_app, name="oauth")


def main() -> None:
    app()


# Registers `licman import`, `licman jobs`, `licman worker` and `licman beat` (cli_jobs),
# `licman configure` and `licman config` (cli_configure), `licman doctor`, `licman backup`,
# `licman restore` and `licman db copy` (cli_ops), `licman export` (cli_export), `licman mail`
# and `licman reminders` (cli_reminders) on `app`, and the signing key's commands on `keys`
# and `audit` (reports, purge, license keys; cli_signed).
from licman import (  # noqa: E402, F401
    cli_configure,
    cli_export,
    cli_jobs,
    cli_ops,
    cli_reminders,
    cli_signed,
)
