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


@pytest_asyncio.fixture(loop_scope="session")
async def database(tmp_path: Path, users: tuple[str, ...]) -> AsyncIterator[TestDatabase]:
    db = await TestDatabase.create("postgres", tmp_path)
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
