"""A real Licman server per backend, shared by the HTTP tests of one module."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests.backends import BACKENDS, TestDatabase
from tests.live import LiveServer


@pytest_asyncio.fixture(scope="module", loop_scope="session", params=BACKENDS)
async def live_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[LiveServer]:
    home = tmp_path_factory.mktemp("live")
    database = await TestDatabase.create(request.param, home)
    server = LiveServer.start(home, database.url)
    try:
        yield server
    finally:
        server.stop()
        await database.drop()
