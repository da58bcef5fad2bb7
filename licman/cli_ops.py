"""Operating an installation from the shell: `licman doctor`, `licman backup`,
`licman restore` and `licman db copy`."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import tarfile
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import unquote, urlsplit

import typer
from tortoise import Tortoise, connections
from tortoise.models import Model

from licman import __version__
from licman.cli import app, db_app, fail, friendly_errors
from licman.db import DatabaseError, connected, migration_status, tortoise_config, upgrade
from licman.resolvers.mail import smtp_check
from licman.security import passwords
from licman.settings import (
    ENV_FILE,
    ConfigError,
    Settings,
    home_dir,
    load_settings,
    redact_url,
)

# Below this much free space in var/ the doctor complains (SQLite, logs, job files live there).
MIN_FREE_BYTES = 512 * 1024 * 1024

# --- doctor ---------------------------------------------------------------------------------


@dataclass
class Finding:
    check: str
    ok: bool
    detail: str
    fix: str = ""
    warning: bool = False  # reported, but does not fail the run


async def _database_findings(settings: Settings) -> list[Finding]:
    from licman.security.secrets import KeyRingError, load_keyring, ring_path

    found: list[Finding] = []
    try:
        async with connected(settings):
            found.append(Finding("database", True, settings.database_display()))
            applied, pending = await migration_status()
            if pending:
                found.append(
                    Finding(
                        "migrations",
                        False,
                        f"{len(pending)} pending: {', '.join(pending)}",
                        "run `licman db upgrade` (bin/web does it on start)",
                    )
                )
            else:
                found.append(Finding("migrations", True, f"{len(applied)} applied, none pending"))
            try:
                ring = load_keyring(settings)
            except KeyRingError as exc:
                found.append(Finding("key ring", False, str(exc), "restore it from backup"))
                return found
            stored = 0
            if not pending:
                from licman.models import License

                stored = await License.filter(secret_ciphertext__not_isnull=True).count()
            if ring is None:
                if stored:
                    found.append(
                        Finding(
                            "key ring",
                            False,
                            f"missing ({ring_path(settings)}) but {stored} secret(s) need it",
                            "restore the key ring from backup (licman restore --keyring)",
                        )
                    )
                else:
                    found.append(
                        Finding(
                            "key ring",
                            False,
                            f"not created yet ({ring_path(settings)})",
                            "run `licman init` (bin/configure and bin/web do)",
                        )
                    )
                return found
            if stored:
                from licman.security.keyring_setup import _check_opens_stored_secrets

                try:
                    await _check_opens_stored_secrets(ring)
                except KeyRingError as exc:
                    found.append(
                        Finding("key ring", False, str(exc), "restore the right ring from backup")
                    )
                    return found
            found.append(_ring_decrypts(ring, stored))
            if ring.path is not None:
                mode = stat.S_IMODE(ring.path.stat().st_mode)
                if mode & 0o077:
                    found.append(
                        Finding(
                            "key ring file",
                            False,
                            f"{ring.path} has mode {mode:o}: others may read it",
                            f"chmod 600 {ring.path}",
                        )
                    )
    except DatabaseError as exc:
        found.append(
            Finding(
                "database",
                False,
                f"{settings.database_display()}: {exc}",
                "start the database server, or correct database_url (bin/configure)",
            )
        )
    return found


def _ring_decrypts(ring: Any, stored: int) -> Finding:
    # Reached once the ring opens the newest stored secrets (or none are stored).
    keys = len(ring.keys)
    return Finding(
        "key ring",
        True,
        f"{ring.source}: {keys} key(s), {stored} stored secret(s)"
        + (" (rotation pending: run `licman keys rotate`)" if ring.rotating else ""),
    )


def _redis_finding(url: str) -> Finding:
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3)
        try:
            client.ping()
            policy = client.config_get("maxmemory-policy").get("maxmemory-policy", "")
        finally:
            client.close()
    except redis.ResponseError:
        policy = ""  # CONFIG may be disabled on managed Redis; the ping answered
    except Exception as exc:
        return Finding(
            "redis",
            False,
            f"{redact_url(url)}: {type(exc).__name__}: {exc}".replace(url, redact_url(url)),
            "start Redis, or unset redis_url to run jobs inside the web process",
        )
    if policy and policy not in ("noeviction", "volatile-lru", "volatile-lfu", "volatile-ttl"):
        return Finding(
            "redis",
            False,
            f"{redact_url(url)}: maxmemory-policy is {policy}: queued jobs may be evicted",
            "set `maxmemory-policy noeviction` in redis.conf",
        )
    return Finding("redis", True, redact_url(url))


def _smtp_finding(settings: Settings) -> Finding:
    where = f"{settings.smtp_host}:{settings.smtp_effective_port} ({settings.smtp_tls.value})"
    if (why := smtp_check(settings)) is not None:
        return Finding(
            "smtp",
            False,
            why,
            "check smtp_host, smtp_port, smtp_tls, smtp_user and smtp_password (bin/configure); "
            "`licman mail test ADDRESS` sends a test e-mail",
        )
    signed_in = f", signed in as {settings.smtp_user}" if settings.smtp_user else ""
    return Finding("smtp", True, f"{where}{signed_in}")


def _var_findings(settings: Settings) -> list[Finding]:
    var = settings.runtime_dir
    found: list[Finding] = []
    if not var.is_dir():
        return [Finding("var/", False, f"{var} does not exist", "run `licman init`")]
    if not os.access(var, os.W_OK | os.X_OK):
        found.append(
            Finding(
                "var/",
                False,
                f"{var} is not writable by this user",
                f"chown -R {os.getuid()} {var}",
            )
        )
    mode = stat.S_IMODE(var.stat().st_mode)
    if mode & 0o007:
        found.append(
            Finding(
                "var/", False, f"{var} has mode {mode:o}: others may look in", f"chmod o= {var}"
            )
        )
    for name in ("log", "run"):
        sub = var / name
        if sub.exists() and not os.access(sub, os.W_OK):
            found.append(
                Finding("var/", False, f"{sub} is not writable", f"chown -R {os.getuid()} {sub}")
            )
    usage = shutil.disk_usage(var)
    free_mb = usage.free // (1024 * 1024)
    if usage.free < MIN_FREE_BYTES:
        found.append(
            Finding(
                "disk",
                False,
                f"only {free_mb} MiB free on the file system of {var}",
                "free space or grow the disk: SQLite, logs and job files need room to write",
            )
        )
    else:
        found.append(Finding("disk", True, f"{free_mb} MiB free in {var}"))
    if not any(f.check == "var/" for f in found):
        found.append(Finding("var/", True, f"{var} (mode {mode:o})"))
    return found


def _configuration_findings(settings: Settings) -> list[Finding]:
    found = [Finding("configuration", True, f"home {settings.home}, {settings.environment}")]
    env = settings.home / ENV_FILE
    if env.exists() and stat.S_IMODE(env.stat().st_mode) & 0o077:
        found.append(
            Finding("configuration", False, f"{env} may be read by others", f"chmod 600 {env}")
        )
    if passwords.from_environment() is passwords.TEST_ONLY_CHEAP:
        found.append(
            Finding(
                "password hashing",
                False,
                "LICMAN_TEST_PASSWORD_HASHING=cheap: new passwords are hashed at argon2id's "
                "minimum cost (meant for the test suite only)",
                "unset it; each password is hashed again at full cost at its next sign-in",
                warning=not settings.production,
            )
        )
    if settings.production:
        if not settings.public_url:
            found.append(
                Finding(
                    "configuration",
                    False,
                    "production without public_url (OAuth and links use it)",
                    "set it with bin/configure",
                )
            )
        if not settings.trusted_proxies:
            found.append(
                Finding(
                    "configuration",
                    False,
                    "production without trusted_proxies: behind nginx every client looks "
                    "like 127.0.0.1 to the sign-in throttle and the audit log",
                    "run bin/configure (it trusts the local nginx only)",
                )
            )
        gunicorn = settings.home / "var" / "deploy" / "gunicorn.conf.py"
        if not gunicorn.exists():
            found.append(
                Finding(
                    "deployment files",
                    False,
                    f"{gunicorn} is missing",
                    "run bin/configure",
                    warning=True,
                )
            )
    return found


def run_doctor() -> list[Finding]:
    try:
        settings = load_settings()
    except ConfigError as exc:
        return [
            Finding(
                "configuration",
                False,
                str(exc),
                f"correct it in the environment, {home_dir() / ENV_FILE} or .licman-cfg.yml",
            )
        ]
    found = _configuration_findings(settings)
    found += asyncio.run(_database_findings(settings))
    if settings.redis_url:
        found.append(_redis_finding(settings.redis_url))
    if settings.smtp_host:
        found.append(_smtp_finding(settings))
    found += _var_findings(settings)
    return found


@app.command()
def doctor() -> None:
    """Check the configuration, database, migrations, key ring, Redis, SMTP, disk space and
    var/ permissions; print each problem with its fix. Exit 1 if anything is wrong."""
    findings = run_doctor()
    failed = False
    for finding in findings:
        if finding.ok:
            mark = "ok  "
        elif finding.warning:
            mark = "warn"
        else:
            mark = "FAIL"
            failed = True
        typer.echo(f"[{mark}] {finding.check}: {finding.detail}")
        if not finding.ok and finding.fix:
            typer.echo(f"       fix: {finding.fix}")
    if failed:
        typer.echo("licman: error: problems found (see FAIL above)", err=True)
        raise typer.Exit(1)
    typer.echo("Everything checked is in order.")


# --- backup and restore -----------------------------------------------------------------------

ARCHIVE_FORMAT = 1
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgres": "database.pgdump", "mysql": "database.sql"}


@dataclass
class ServerUrl:
    host: str
    port: int | None
    user: str
    password: str
    database: str

    @classmethod
    def parse(cls, url: str) -> ServerUrl:
        parts = urlsplit(url)
        return cls(
            host=parts.hostname or "127.0.0.1",
            port=parts.port,
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            database=parts.path.strip("/"),
        )


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        package = "postgresql-client" if name.startswith("pg_") else "mariadb-client"
        fail(f"{name} not found on PATH (Debian: apt-get install {package})")
    return path


def _run_tool(argv: list[str], env_extra: dict[str, str], **kwargs: Any) -> None:
    env = {**os.environ, **env_extra}
    # The password goes through the environment, never the command line (ps shows that).
    result = subprocess.run(argv, env=env, capture_output=True, text=True, check=False, **kwargs)  # noqa: S603
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        fail(f"{Path(argv[0]).name} failed: {detail[-1] if detail else result.returncode}")


def _pg_args(server: ServerUrl) -> tuple[list[str], dict[str, str]]:
    args = ["-h", server.host, "-U", server.user or "postgres"]
    if server.port:
        args += ["-p", str(server.port)]
    return args, ({"PGPASSWORD": server.password} if server.password else {})


def _mysql_args(server: ServerUrl) -> tuple[list[str], dict[str, str]]:
    args = ["--protocol=tcp", "-h", server.host, "-u", server.user or "root"]
    if server.port:
        args += ["-P", str(server.port)]
    return args, ({"MYSQL_PWD": server.password} if server.password else {})


def _dump_database(settings: Settings, target: Path) -> None:
    engine = settings.db_engine
    if engine == "sqlite":
        source_path = settings.sqlite_path
        if source_path is None or not source_path.exists():
            fail(f"the SQLite database {source_path} does not exist")
        # SQLite's online backup: a consistent copy while the server keeps writing.
        source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
        try:
            dest = sqlite3.connect(target)
            try:
                source.backup(dest)
            finally:
                dest.close()
        finally:
            source.close()
        return
    server = ServerUrl.parse(settings.database_url)
    if engine == "postgres":
        args, env = _pg_args(server)
        _run_tool(
            [_tool("pg_dump"), *args, "--format=custom", "--no-owner", "--no-privileges",
             "-f", str(target), server.database],
            env,
        )  # fmt: skip
        return
    args, env = _mysql_args(server)
    _run_tool(
        [_tool("mysqldump"), *args, "--single-transaction", "--routines", "--triggers",
         f"--result-file={target}", server.database],
        env,
    )  # fmt: skip


def _keyring_document(settings: Settings) -> dict[str, Any] | None:
    from licman.security.secrets import ring_path

    if settings.secret_keys:
        return None
    path = ring_path(settings)
    if not path.exists():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


@app.command()
@friendly_errors
def backup(
    output: Annotated[
        Path, typer.Option(help="Directory for the two files (default: var/backups).")
    ] = Path(),
) -> None:
    """Write a consistent backup: the database (SQLite online backup, pg_dump or mysqldump)
    in licman-backup-STAMP.tar.gz, and the key ring apart in
    licman-backup-STAMP.KEYRING-SECRET.json. Store the two in different places."""
    settings = load_settings()
    directory = output if str(output) not in ("", ".") else settings.runtime_dir / "backups"
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    archive = directory / f"licman-backup-{stamp}.tar.gz"
    ring_file = directory / f"licman-backup-{stamp}.KEYRING-SECRET.json"

    async def migrations() -> list[str]:
        async with connected(settings):
            applied, _ = await migration_status()
            return applied

    applied = asyncio.run(migrations())
    with tempfile.TemporaryDirectory(dir=directory) as work:
        dump = Path(work) / DUMP_NAMES[settings.db_engine]
        _dump_database(settings, dump)
        manifest = {
            "format": ARCHIVE_FORMAT,
            "licman_version": __version__,
            "created": datetime.now(UTC).isoformat(),
            "engine": settings.db_engine,
            "database_file": dump.name,
            "migrations": applied,
            "keyring": "kept apart: "
            + (ring_file.name if not settings.secret_keys else "LICMAN_SECRET_KEYS"),
        }
        (Path(work) / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n")
        fd = os.open(archive, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            tar.add(Path(work) / "MANIFEST.json", arcname="MANIFEST.json")
            tar.add(dump, arcname=dump.name)
    typer.echo(f"database:  {archive}")
    ring = _keyring_document(settings)
    if ring is None and settings.secret_keys:
        typer.echo(
            "key ring:  from LICMAN_SECRET_KEYS / LICMAN_FINGERPRINT_KEY: their values are "
            "the backup (not written here)"
        )
    elif ring is None:
        typer.echo("key ring:  none yet (no secrets can be stored without one)")
    else:
        labelled = {
            "WARNING": "Licman key ring: it decrypts every license secret. Keep it apart "
            "from the database backup, where only people who may restore can read it.",
            "created": manifest["created"],
            "database_backup": archive.name,
            **ring,
        }
        _write_private(ring_file, (json.dumps(labelled, indent=2) + "\n").encode())
        typer.echo(f"key ring:  {ring_file}  (SECRET: store it apart from the database backup)")


async def _is_empty(settings: Settings) -> bool:
    async with connected(settings):
        conn = connections.get("default")
        engine = settings.db_engine
        if engine == "sqlite":
            sql = "SELECT count(*) AS n FROM sqlite_master WHERE type='table'"
        elif engine == "postgres":
            sql = (
                "SELECT count(*) AS n FROM information_schema.tables "
                "WHERE table_schema = current_schema()"
            )
        else:
            sql = (
                "SELECT count(*) AS n FROM information_schema.tables "
                "WHERE table_schema = DATABASE()"
            )
        rows = await conn.execute_query_dict(sql)
        return int(rows[0]["n"]) == 0


def _restore_keyring(settings: Settings, source: Path) -> str:
    from licman.security.secrets import KeyRing, ring_path

    data = json.loads(source.read_text(encoding="utf-8"))
    target = ring_path(settings)
    if settings.secret_keys:
        return "LICMAN_SECRET_KEYS is set: the ring file is not used, none written"
    if target.exists():
        current = json.loads(target.read_text(encoding="utf-8"))
        if current.get("keys") != data.get("keys"):
            fail(f"{target} exists and differs from {source}; move it away first")
        return f"{target} already holds this ring"
    ring = KeyRing(
        [k.encode() for k in data["keys"]],
        data["fingerprint_key"].encode(),
        target,
        bool(data.get("rotating", False)),
    )
    ring.save()
    return str(target)


@app.command()
@friendly_errors
def restore(
    archive: Annotated[Path, typer.Argument(help="licman-backup-STAMP.tar.gz")],
    keyring_file: Annotated[
        Path | None,
        typer.Option("--keyring", help="The KEYRING-SECRET.json written with the backup."),
    ] = None,
) -> None:
    """Restore a backup onto an empty installation (the configured database must have no
    tables yet, and var/secrets/ no other ring), then check that every secret decrypts."""
    settings = load_settings()
    settings.runtime_dir.mkdir(mode=0o750, parents=True, exist_ok=True)
    if not archive.is_file():
        fail(f"{archive}: no such file")
    if keyring_file is not None and not keyring_file.is_file():
        fail(f"--keyring: {keyring_file}: no such file")
    with tempfile.TemporaryDirectory(dir=settings.runtime_dir) as work:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, filter="data")
        manifest = json.loads((Path(work) / "MANIFEST.json").read_text(encoding="utf-8"))
        if manifest.get("format") != ARCHIVE_FORMAT:
            fail(f"{archive}: not a Licman backup of format {ARCHIVE_FORMAT}")
        if manifest["engine"] != settings.db_engine:
            fail(
                f"the backup is of {manifest['engine']}, the configured database is "
                f"{settings.db_engine}: restore onto the same kind, then `licman db copy`"
            )
        if not asyncio.run(_is_empty(settings)):
            fail(
                f"{settings.database_display()} is not empty: restore only onto an empty "
                "database (create a new one, or drop this one first)"
            )
        dump = Path(work) / manifest["database_file"]
        if settings.db_engine == "sqlite":
            target = settings.sqlite_path
            assert target is not None
            source = sqlite3.connect(dump)
            try:
                dest = sqlite3.connect(target)
                try:
                    source.backup(dest)
                finally:
                    dest.close()
            finally:
                source.close()
            target.chmod(0o600)
        elif settings.db_engine == "postgres":
            server = ServerUrl.parse(settings.database_url)
            args, env = _pg_args(server)
            _run_tool(
                [_tool("pg_restore"), *args, "--no-owner", "--no-privileges", "--exit-on-error",
                 "-d", server.database, str(dump)],
                env,
            )  # fmt: skip
        else:
            server = ServerUrl.parse(settings.database_url)
            args, env = _mysql_args(server)
            with dump.open("rb") as handle:
                _run_tool([_tool("mysql"), *args, server.database], env, stdin=handle)
    typer.echo(f"database:  restored into {settings.database_display()}")
    if keyring_file is not None:
        typer.echo(f"key ring:  {_restore_keyring(settings, keyring_file)}")
    _report_secrets(settings)


def _report_secrets(settings: Settings) -> None:
    from licman.resolvers.keys import keys_status
    from licman.security.principal import system

    status = asyncio.run(_with(settings, lambda: keys_status(system(), settings)))
    if status.failed:
        fail(
            f"{len(status.failed)} secret(s) do not decrypt with the key ring: restore the "
            "ring written with this backup (--keyring)"
        )
    typer.echo(f"secrets:   {status.current + status.older} stored, all decrypt with the key ring")


async def _with(settings: Settings, work: Callable[[], Awaitable[Any]]) -> Any:
    async with connected(settings):
        return await work()


# --- db copy ----------------------------------------------------------------------------------


def _ordered_models() -> list[type[Model]]:
    """Every model, each after the models its foreign keys point at."""
    models = list(Tortoise.apps["licman"].values())
    done: list[type[Model]] = []
    pending = sorted(models, key=lambda m: m._meta.db_table)
    while pending:
        progressed = False
        for model in list(pending):
            targets = {
                model._meta.fields_map[name].related_model
                for name in model._meta.fk_fields | model._meta.o2o_fields
            }
            if all(t in done or t is model for t in targets):
                done.append(model)
                pending.remove(model)
                progressed = True
        if not progressed:  # a cycle: keep the rest in name order (checks are deferred)
            done.extend(pending)
            break
    return done


BATCH = 500


def _stamping_fields(model: type[Model]) -> list[Any]:
    return [
        f
        for f in model._meta.fields_map.values()
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]


async def _copy_model(model: type[Model], source: Any, target: Any) -> int:
    """Every row of one model, ids and timestamps unchanged, in batches by primary key."""
    # auto_now fields would be stamped with the time of the copy: off while copying.
    saved = [(f, f.auto_now, f.auto_now_add) for f in _stamping_fields(model)]
    for field, _, _ in saved:
        field.auto_now = field.auto_now_add = False
    try:
        total, last = 0, None
        pk = model._meta.pk_attr
        while True:
            query = model.all().using_db(source).order_by(pk).limit(BATCH)
            if last is not None:
                query = query.filter(**{f"{pk}__gt": last})
            rows = await query
            if not rows:
                return total
            for row in rows:
                object.__setattr__(row, "_custom_generated_pk", True)  # insert the id as is
            await model.bulk_create(rows, using_db=target)
            total += len(rows)
            last = getattr(rows[-1], pk)
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


async def _copy_links(model: type[Model], source: Any, target: Any) -> dict[str, int]:
    """The many-to-many link tables the model owns."""
    from pypika_tortoise.queries import Table
    from tortoise.fields.relational import ManyToManyFieldInstance

    counts: dict[str, int] = {}
    for name in sorted(model._meta.m2m_fields):
        field = model._meta.fields_map[name]
        if not isinstance(field, ManyToManyFieldInstance) or field._generated:
            continue  # the other side owns the table
        table = Table(field.through)
        keys = (field.backward_key, field.forward_key)
        select = source.query_class.from_(table).select(*keys).orderby(*keys)
        rows = await source.execute_query_dict(str(select))
        for start in range(0, len(rows), BATCH):
            insert = target.query_class.into(table).columns(*keys)
            for row in rows[start : start + BATCH]:
                insert = insert.insert(int(row[keys[0]]), int(row[keys[1]]))
            await target.execute_query(str(insert))
        counts[field.through] = len(rows)
    return counts


async def _reset_sequences(target: Any, models: list[type[Model]]) -> None:
    """PostgreSQL: the next generated id follows the copied ones (MySQL does this itself)."""
    for model in models:
        meta = model._meta
        if meta.db_pk_column not in meta.generated_db_fields:
            continue
        table, column = meta.db_table, meta.db_pk_column
        await target.execute_query(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "  # noqa: S608
            f'COALESCE(MAX("{column}"), 1), MAX("{column}") IS NOT NULL) FROM "{table}"'
        )


async def _migrate_empty_target(target: Settings, log: Callable[[str], None]) -> None:
    async with connected(target):
        for name in await upgrade():
            log(f"target: applied migration {name}")
        for model in Tortoise.apps["licman"].values():
            if await model.exists():
                raise DatabaseError(
                    f"the target database is not empty ({model._meta.db_table} has rows); "
                    "copy only into a new, empty database"
                )


async def copy_database(source: Settings, target: Settings, log: Callable[[str], None]) -> int:
    from tortoise.backends.base.executor import EXECUTOR_CACHE

    await _migrate_empty_target(target, log)
    # Reads through the models on the source (its own SQL dialect); writes go through the
    # target connection's executor, which speaks the target's.
    EXECUTOR_CACHE.clear()
    config = tortoise_config(source)
    config["connections"]["target"] = tortoise_config(target)["connections"]["default"]
    try:
        await Tortoise.init(config=config, _enable_global_fallback=True)
    except Exception as exc:
        raise DatabaseError(f"cannot connect: {type(exc).__name__}") from exc
    try:
        source_conn = connections.get("default")
        target_conn = connections.get("target")
        models = _ordered_models()
        total = 0
        for model in models:
            count = await _copy_model(model, source_conn, target_conn)
            log(f"  {model._meta.db_table}: {count} row(s)")
            total += count
            for table, links in (await _copy_links(model, source_conn, target_conn)).items():
                log(f"  {table}: {links} row(s)")
                total += links
        if target.db_engine == "postgres":
            await _reset_sequences(target_conn, models)
        return total
    finally:
        await Tortoise.close_connections()


@db_app.command("copy")
@friendly_errors
def db_copy(
    to: Annotated[str, typer.Option("--to", help="postgres://... or mysql://... (empty).")],
) -> None:
    """Copy this installation's database (e.g. the embedded SQLite) into another database,
    every row with its id, secret ciphertext and audit hash unchanged. The target must be
    new and empty; it is migrated first. Stop the server first so nothing changes meanwhile,
    then point database_url at the target (bin/configure)."""
    source = load_settings()
    try:
        target = Settings.model_validate({"database_url": to, "home": source.home})
    except ValueError as exc:
        fail(f"--to: {str(exc).splitlines()[-1] if str(exc) else 'invalid URL'}")
    if target.effective_database_url == source.effective_database_url:
        fail("--to: that is the configured database itself")

    async def prepare_target() -> None:
        async with connected(target):
            pass

    asyncio.run(prepare_target())  # a clear message when the target cannot be reached
    typer.echo(f"copying {source.database_display()} -> {target.database_display()}")
    total = asyncio.run(copy_database(source, target, typer.echo))
    typer.echo(f"Copied {total} row(s). Next: set database_url to the target (bin/configure),")
    typer.echo("then check it: licman audit verify && licman keys status")
