"""A real Licman server per backend, shared by the HTTP tests of one module."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio

from licman.app import create_app
from licman.settings import Settings
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


@pytest.fixture
def oauth_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(home=tmp_path_factory.mktemp("oauth"), public_url="http://localhost")


@pytest_asyncio.fixture(loop_scope="session")
async def app_http(db: TestDatabase, oauth_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The app in-process, at the issuer's address (http://localhost)."""
    transport = httpx.ASGITransport(app=create_app(oauth_settings))
    async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as client:
        yield client
