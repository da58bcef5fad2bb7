"""The Tortoise ORM configuration, connecting outside the web app, and migrations."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from tortoise import Tortoise, connections
from tortoise.migrations.executor import MigrationExecutor

from licman.settings import Settings, load_settings, url_password

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


def connection_url(settings: Settings) -> str:
    """The database URL as Tortoise wants it: absolute SQLite path, pool size for servers."""
    if settings.db_engine == "sqlite":
        path = settings.sqlite_path
        return f"sqlite://{path}" if path else settings.effective_database_url
    parts = urlsplit(settings.database_url)
    query = dict(parse_qsl(parts.query))
    query.setdefault("maxsize", str(settings.database_pool_max))
    return parts._replace(query=urlencode(query)).geturl()


def tortoise_config(settings: Settings) -> dict[str, Any]:
    return {
        "connections": {"default": connection_url(settings)},
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

    await _executor().migrate(progress=on_event)
    return applied
