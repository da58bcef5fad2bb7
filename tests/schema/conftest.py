"""GraphQL tests run the real app in-process (the ORM is already set up by the `db`
fixture) and call it as a client would: POST /graphql with a bearer token."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
import pytest_asyncio

from licman.app import create_app
from licman.models import Role, User
from licman.resolvers.api_token import api_token_create
from licman.security.principal import system
from licman.settings import Settings
from tests.backends import TestDatabase
from tests.conftest import FAST_PATH_OFF

Gql = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture(scope="session")
def app_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    # The tests' costs are in euros: sorting by cost compares them (other currencies only
    # through currency_rates, which tests/schema/test_money.py sets).
    return Settings(
        home=tmp_path_factory.mktemp("app"),
        graphql_fast_path=not FAST_PATH_OFF,
        default_currency="EUR",
    )


@pytest_asyncio.fixture(loop_scope="session")
async def http(db: TestDatabase, app_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(app_settings))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


async def _caller(http: httpx.AsyncClient, role: Role, email: str) -> tuple[User, Gql]:
    user = await User.create(email=email, role=role, name=role.value.title())
    token, _ = await api_token_create(system(), user=user, name="tests")

    async def gql(document: str, **variables: Any) -> dict[str, Any]:
        response = await http.post(
            "/graphql",
            json={"query": document, "variables": variables},
            headers={"authorization": f"Bearer {token}"},
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    return user, gql


@pytest_asyncio.fixture(loop_scope="session")
async def admin(http: httpx.AsyncClient) -> tuple[User, Gql]:
    return await _caller(http, Role.ADMIN, "admin@example.com")


@pytest_asyncio.fixture(loop_scope="session")
async def manager(http: httpx.AsyncClient) -> tuple[User, Gql]:
    return await _caller(http, Role.MANAGER, "manager@example.com")


@pytest_asyncio.fixture(loop_scope="session")
async def member(http: httpx.AsyncClient) -> tuple[User, Gql]:
    return await _caller(http, Role.MEMBER, "member@example.com")


@pytest_asyncio.fixture(loop_scope="session")
async def auditor(http: httpx.AsyncClient) -> tuple[User, Gql]:
    return await _caller(http, Role.AUDITOR, "auditor@example.com")
