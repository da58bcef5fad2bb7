"""The databases the tests run on: SQLite always, PostgreSQL and MariaDB/MySQL where present.

On a developer's machine without a server, its tests are skipped with the reason; in CI
(`CI=true` or `LICMAN_TEST_REQUIRE_SERVICES=1`) a missing server is a failure.
"""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import asyncmy
import asyncpg
import pytest

POSTGRES_URL = os.environ.get(
    "LICMAN_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
MYSQL_URL = os.environ.get("LICMAN_TEST_MYSQL_URL", "mysql://root@127.0.0.1:3306/mysql")
BACKENDS = ("sqlite", "postgres", "mysql")


def services_required() -> bool:
    return os.environ.get("LICMAN_TEST_REQUIRE_SERVICES") == "1" or os.environ.get("CI") == "true"


def _reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 0), 2):
            return True
    except OSError:
        return False


def require_server(name: str) -> None:
    url = POSTGRES_URL if name == "postgres" else MYSQL_URL
    if _reachable(url):
        return
    message = f"{name} is not reachable at {urlsplit(url).netloc}"
    if services_required():
        pytest.fail(f"{message} (required in CI)", pytrace=False)
    pytest.skip(message)


def _with_database(url: str, database: str) -> str:
    return urlsplit(url)._replace(path=f"/{database}").geturl()


@dataclass
class TestDatabase:
    """A fresh, empty database on one backend, dropped again by `drop()`."""

    backend: str
    url: str
    name: str

    __test__ = False  # not a test class, despite the name

    @classmethod
    async def create(
        cls, backend: str, tmp_dir: Path, template: TestDatabase | None = None
    ) -> TestDatabase:
        """A new database; on PostgreSQL, a copy of `template` if given (no one may be
        connected to it meanwhile)."""
        name = f"licman_test_{uuid.uuid4().hex[:10]}"
        if backend == "sqlite":
            return cls(backend, f"sqlite://{tmp_dir / (name + '.sqlite3')}", name)
        require_server(backend)
        if backend == "postgres":
            conn = await asyncpg.connect(POSTGRES_URL)
            try:
                copy = "" if template is None else f' TEMPLATE "{template.name}"'
                await conn.execute(f'CREATE DATABASE "{name}"{copy}')
            finally:
                await conn.close()
            return cls(backend, _with_database(POSTGRES_URL, name), name)
        await _mysql(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
        return cls(backend, _with_database(MYSQL_URL, name), name)

    async def drop(self) -> None:
        if self.backend == "postgres":
            conn = await asyncpg.connect(POSTGRES_URL)
            try:
                await conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            finally:
                await conn.close()
        elif self.backend == "mysql":
            await _mysql(f"DROP DATABASE IF EXISTS `{self.name}`")


async def _mysql(statement: str) -> None:
    parts = urlsplit(MYSQL_URL)
    conn = await asyncmy.connect(
        host=parts.hostname,
        port=parts.port or 3306,
        user=parts.username or "root",
        password=parts.password or "",
    )
    try:
        async with conn.cursor() as cursor:
            await cursor.execute(statement)
    finally:
        conn.close()
