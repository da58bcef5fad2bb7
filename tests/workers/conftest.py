"""Fixtures of the tests that run real Celery workers (`licman worker`, `licman beat` in their
own processes): a fresh PostgreSQL database made by `licman init`, with the users a module
asks for, and a redis-server of the test's own."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from tests.backends import TestDatabase
from tests.live import free_port, run_cli
from tests.workers.harness import RedisServer


@pytest.fixture
def users() -> tuple[str, ...]:
    """The e-mails `database` creates besides the first admin; a module overrides this."""
    return ()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def migrated(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[TestDatabase]:
    """A PostgreSQL database migrated by `licman db upgrade`, once per test process: each
    test's `database` is a copy of it (CREATE DATABASE ... TEMPLATE), on which `licman init`
    finds nothing to migrate and does the rest (the key ring, the first admin) as on an empty
    one. Migrating from empty takes ~3 s of CPU and far longer on a loaded machine."""
    home = tmp_path_factory.mktemp("migrated")
    db = await TestDatabase.create("postgres", home)
    try:
        upgraded = run_cli(home, "db", "upgrade", database_url=db.url)
        assert upgraded.returncode == 0, upgraded.stderr
        yield db
    finally:
        await db.drop()


@pytest_asyncio.fixture(loop_scope="session")
async def database(
    tmp_path: Path, users: tuple[str, ...], migrated: TestDatabase
) -> AsyncIterator[TestDatabase]:
    db = await TestDatabase.create("postgres", tmp_path, template=migrated)
    try:
        init = run_cli(tmp_path, "init", database_url=db.url)
        assert init.returncode == 0, init.stderr
        for email in users:
            made = run_cli(tmp_path, "user", "create", "--email", email, database_url=db.url)
            assert made.returncode == 0, made.stderr
        yield db
    finally:
        await db.drop()


@pytest.fixture
def redis(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(free_port(), tmp_path).start()
    try:
        yield server
    finally:
        server.stop()
