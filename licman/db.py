"""The Tortoise ORM configuration, connecting outside the web app, and migrations."""

from __future__ import annotations

import errno
import socket
import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import asyncmy.errors
from pypika_tortoise.context import SqlContext
from pypika_tortoise.terms import Term
from tortoise import Tortoise, connections
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.exceptions import DBConnectionError
from tortoise.migrations.executor import MigrationExecutor

from licman.migration_ops import trigger_privilege_hint
from licman.settings import Settings, load_settings, url_password


class UnionOf(Term):
    """`(q1 UNION q2 ...)` of values queries (`UNION ALL` with `all`, a LIMIT with `limit`),
    for `field__in=`. Parameters are collected in order through the SQL context, as
    Tortoise's own Subquery does."""

    def __init__(self, *queries: Any, all: bool = False, limit: int | None = None) -> None:
        super().__init__()
        self.queries = queries
        self.all = all
        self.limit = limit

    def get_sql(self, ctx: SqlContext) -> str:
        parts = []
        for query in self.queries:
            query._choose_db_if_not_chosen()
            query._make_query()
            sql = query.query.get_parameterized_sql(ctx)[0]
            if sql.startswith("(") and sql.endswith(")"):
                sql = sql[1:-1]  # SQLite takes no parentheses around the parts of a UNION
            parts.append(sql)
        joined = (" UNION ALL " if self.all else " UNION ").join(parts)
        return f"({joined}{f' LIMIT {int(self.limit)}' if self.limit else ''})"


APP_LABEL = "licman"
APPS_CONFIG: dict[str, dict[str, Any]] = {
    APP_LABEL: {
        "models": ["licman.models"],
        "default_connection": "default",
        "migrations": "licman.migrations",
    }
}


class DatabaseError(Exception):
    """The database cannot be used; the message is one line that names the cause."""


# The database is down, unreachable, gone or full, as opposed to refusing one statement.
_OUTAGES: tuple[type[BaseException], ...] = (
    ConnectionError,  # refused, reset, aborted, broken pipe
    TimeoutError,  # connecting or waiting for a pooled connection
    socket.gaierror,  # the host name no longer resolves
    DBConnectionError,
    asyncmy.errors.InterfaceError,  # asyncmy's "not connected" and lost-connection errors
)
_NETWORK_ERRNOS = frozenset({errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ECONNREFUSED})
# PostgreSQL SQLSTATEs (asyncpg errors carry `sqlstate`): class 08 is "connection exception".
_POSTGRES_OUTAGES = frozenset({"57P01", "57P02", "57P03", "3D000", "53300", "53100"})
# shutdown, crash, starting up, the database was dropped or renamed, too many connections,
# disk full
# MySQL/MariaDB error numbers that mean the same: too many connections, unknown database,
# shutdown, killed, can't connect, gone away, lost connection, disconnected for inactivity.
_MYSQL_OUTAGES = frozenset(
    {1021, 1040, 1049, 1053, 1114, 1927, 2002, 2003, 2006, 2013, 2055, 4031}
)  # 1021 disk full, 1114 table full


def is_outage(exc: BaseException) -> bool:
    """Whether the error, or one it was raised from, says the database cannot be reached
    (the web layer answers 503 for these instead of masking them as internal errors)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, _OUTAGES):
            return True
        if isinstance(current, OSError) and (
            current.errno in _NETWORK_ERRNOS or "Connect call failed" in str(current)
        ):
            return True  # asyncio's "Multiple exceptions" when every address refused
        if isinstance(current, OSError) and current.errno == errno.ENOSPC:
            return True  # no space left for the database's files
        if isinstance(current, sqlite3.OperationalError) and "disk is full" in str(current):
            return True  # SQLITE_FULL: var/ has no room; reads still work
        sqlstate = getattr(current, "sqlstate", None)
        if isinstance(sqlstate, str) and (sqlstate[:2] == "08" or sqlstate in _POSTGRES_OUTAGES):
            return True
        first = current.args[0] if current.args else None
        if isinstance(current, asyncmy.errors.OperationalError) and first in _MYSQL_OUTAGES:
            return True
        # Tortoise wraps driver errors (`OperationalError(exc)`) inside `except` blocks.
        if isinstance(first, BaseException) and id(first) not in seen and is_outage(first):
            return True
        current = current.__cause__ or current.__context__
    return False


def connection_url(settings: Settings) -> str:
    """The database URL as Tortoise wants it: absolute SQLite path, pool size for servers."""
    if settings.db_engine == "sqlite":
        path = settings.sqlite_path
        return f"sqlite://{path}" if path else settings.effective_database_url
    parts = urlsplit(settings.database_url)
    query = dict(parse_qsl(parts.query))
    query.setdefault("maxsize", str(settings.database_pool_max))
    return parts._replace(query=urlencode(query)).geturl()


async def keep_session(connection: Any) -> None:
    """asyncpg's pool reset, less its reset query. A connection going back to the pool has
    any open transaction rolled back by asyncpg itself before this runs; the query asyncpg
    would send after it (advisory unlock all, close all, unlisten, reset all) undoes
    session state that Licman never creates: no session-level settings, listeners,
    advisory locks or held cursors (tests/test_db_session_state.py checks the code). It
    cost a round trip per statement: about a sixth of the server's time on a small read."""


def tortoise_config(settings: Settings) -> dict[str, Any]:
    url = connection_url(settings)
    connection: str | dict[str, Any] = url
    if settings.db_engine == "postgres":
        connection = expand_db_url(url)
        connection["credentials"]["reset"] = keep_session
    return {
        "connections": {"default": connection},
        "apps": APPS_CONFIG,
        "use_tz": True,
        "timezone": "UTC",
    }


def __getattr__(name: str) -> Any:
    # `tortoise -c licman.db.TORTOISE_ORM makemigrations` reads this; computed on first use
    # so that importing licman.db never fails on a bad setting.
    if name == "TORTOISE_ORM":
        return tortoise_config(load_settings())
    raise AttributeError(name)


def describe_connection_error(settings: Settings, exc: BaseException) -> str:
    """Turn a driver's connection failure into one line, never showing the password."""
    root: BaseException = exc
    while (nxt := root.__cause__ or root.__context__) is not None:
        root = nxt
    detail = (str(root) or str(exc) or type(root).__name__).splitlines()[0]
    for password in {urlsplit(settings.database_url).password, url_password(settings.database_url)}:
        if password:
            detail = detail.replace(password, "***")
    lowered = detail.lower()
    if any(k in lowered for k in ("password", "access denied", "role ", "authentication")):
        cause = "authentication failed, check the user and password in the URL"
    elif "does not exist" in lowered or "unknown database" in lowered:
        cause = "the database does not exist, create it first"
    elif isinstance(root, OSError):
        cause = "the server is not reachable"
    else:
        cause = "it refused the connection"
    return f"cannot use the database {settings.database_display()}: {cause} ({detail})"


@asynccontextmanager
async def connected(settings: Settings) -> AsyncIterator[None]:
    """Tortoise initialised on the configured database for the duration of the block (CLI,
    jobs, tests). The web app uses RegisterTortoise instead: see licman.app."""
    if settings.sqlite_path:
        settings.sqlite_path.parent.mkdir(mode=0o750, parents=True, exist_ok=True)
    try:
        await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)
        await connections.get("default").execute_query("SELECT 1")
        if settings.sqlite_path and settings.sqlite_path.exists():
            settings.sqlite_path.chmod(0o600)  # the database holds hashes and ciphertexts
    except Exception as exc:
        await Tortoise.close_connections()
        raise DatabaseError(describe_connection_error(settings, exc)) from exc
    try:
        yield
    finally:
        await Tortoise.close_connections()


def _executor() -> MigrationExecutor:
    return MigrationExecutor(connections.get("default"), APPS_CONFIG)


async def migration_status() -> tuple[list[str], list[str]]:
    """(applied, pending) migration names in order. Needs an initialised Tortoise."""
    executor = _executor()
    pending = [step.migration.name for step in await executor.plan() if not step.backward]
    applied = sorted(key.name for key in await executor.recorder.applied_migrations())
    return applied, pending


async def upgrade(progress: Callable[[str], object] | None = None) -> list[str]:
    """Apply every pending migration; return the names applied. Needs an initialised Tortoise."""
    applied: list[str] = []

    def on_event(event: str, _app: str, name: str) -> None:
        if event == "apply_done":
            applied.append(name)
            if progress is not None:
                progress(name)

    try:
        await _executor().migrate(progress=on_event)
    except Exception as exc:
        hint = trigger_privilege_hint(exc)  # MariaDB, binary logging, no SUPER
        if hint is None:
            raise
        raise DatabaseError(hint) from exc
    return applied
