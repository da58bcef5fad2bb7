"""Fixtures shared by every test: a migrated database per backend, truncated per test."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio
from tortoise import Tortoise, connections
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.contrib.test import truncate_all_models
from tortoise.transactions import in_transaction

from licman.db import connected, upgrade
from licman.resolvers import license_search
from licman.security import authn, passwords, signing
from licman.security.secrets import KeyRing, activate
from licman.security.signing import SigningKey
from licman.settings import Settings
from tests import fast_path_record
from tests.audit_guard import as_maintenance
from tests.backends import BACKENDS, TestDatabase
from tests.fast_path_record import _fast_path_taken  # noqa: F401 (an autouse fixture)

# LICMAN_TEST_FAST_PATH=off runs the tests with the compiled fast path turned off (CI runs the
# schema suite both ways: the answers must not depend on it).
FAST_PATH_OFF = os.environ.get("LICMAN_TEST_FAST_PATH", "on") == "off"

# Passwords are hashed at argon2id's minimum cost (licman/security/passwords.py's
# TEST_ONLY_CHEAP), here and in the servers and commands the tests start, which inherit the
# variable: a production hash costs ~1 s of CPU per user made or sign-in on a loaded CI
# machine. LICMAN_TEST_PASSWORD_HASHING=production runs the tests at production cost.
os.environ.setdefault("LICMAN_TEST_PASSWORD_HASHING", "cheap")
passwords.use(passwords.from_environment())


def pytest_configure(config: pytest.Config) -> None:
    fast_path_record.configure(config)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    fast_path_record.select(config, items)


def pytest_sessionfinish(session: pytest.Session) -> None:
    fast_path_record.finish(session)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test runs with an empty Licman home, so no developer's .env leaks in."""
    for key in list(os.environ):
        if key.startswith("LICMAN_") and not key.startswith("LICMAN_TEST_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("LICMAN_HOME", str(tmp_path))
    if FAST_PATH_OFF:
        monkeypatch.setenv("LICMAN_GRAPHQL_FAST_PATH", "false")
    return tmp_path


@pytest.fixture(autouse=True)
def _token_cache_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The token cache (security/authn.TokenCache) starts empty in every test, and its clock
    stands still, so a test counts the same statements however slowly it runs: a token is
    looked up on its first request, then again only after a change in this process.
    tests/schema/test_token_cache.py moves the clock itself."""
    monkeypatch.setattr(authn.TOKENS, "clock", lambda: 0.0)
    authn.forget_tokens()
    yield
    authn.forget_tokens()


@pytest.fixture(autouse=True)
def _search_plans() -> Iterator[None]:
    """The search plans cache (resolvers/license_search.PLANS) starts empty in every test: a
    term's first search asks the planner, as in a fresh process, whatever ran before."""
    license_search.PLANS.clear()
    yield
    license_search.PLANS.clear()


@pytest_asyncio.fixture(scope="session", loop_scope="session", params=BACKENDS)
async def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[TestDatabase]:
    """One fresh database per backend for the whole session, migrated from empty."""
    # Tortoise caches each model's INSERT/DELETE SQL per connection name, whatever the
    # dialect; a new backend under the same name "default" must not reuse another's SQL.
    EXECUTOR_CACHE.clear()
    database = await TestDatabase.create(request.param, tmp_path_factory.mktemp("db"))
    settings = Settings(database_url=database.url, home=tmp_path_factory.getbasetemp())
    try:
        async with connected(settings):
            await upgrade()
            activate(KeyRing.generate(None))
            signing.activate(SigningKey.generate())  # the site key, beside the ring
            yield database
    finally:
        await database.drop()


@pytest_asyncio.fixture(loop_scope="session")
async def db(backend: TestDatabase) -> AsyncIterator[TestDatabase]:
    """An empty, migrated database on the current backend."""
    if backend.backend == "mysql":
        # On one connection: with a pool, switching foreign-key checks off and on through
        # different connections can leave one of them off, and later deletes then skip
        # their cascades. Audit events may only go in the log's maintenance mode.
        async with in_transaction() as conn:
            await conn.execute_script("SET FOREIGN_KEY_CHECKS = 0")
            await conn.execute_script("SET @licman_audit_maintenance = 1")
            for table in _tables():
                await conn.execute_script(f"DELETE FROM `{table}`")
            await conn.execute_script("SET @licman_audit_maintenance = NULL")
            await conn.execute_script("SET FOREIGN_KEY_CHECKS = 1")
    elif backend.backend == "postgres":
        # DELETE, not TRUNCATE: emptying the ~30 small tables takes about a fifth of the time
        # (TRUNCATE makes each table a new file). In one transaction, past the audit log's
        # guard, with the foreign keys' triggers off (replica role, as the superuser the tests
        # connect as) so the order of the tables does not matter.
        deletes = "; ".join(f'DELETE FROM "{table}"' for table in _tables())
        await as_maintenance("SET LOCAL session_replication_role = replica", deletes)
    else:
        await truncate_all_models()
        if backend.backend == "sqlite":
            # truncate_all_models() deletes with foreign keys off, so nothing cascades into
            # many-to-many tables (license_tag): empty those too.
            conn = connections.get("default")
            for model in Tortoise.apps.get_models_iterable():
                for name in model._meta.m2m_fields:
                    through = model._meta.fields_map[name].through  # type: ignore[attr-defined]
                    await conn.execute_script(f"DELETE FROM {through}")
    yield backend
    if backend.backend == "sqlite":
        await _fail_if_left_in_a_transaction()


async def _fail_if_left_in_a_transaction() -> None:
    """SQLite: the tests share one connection (Tortoise's). A test that ends with it inside a
    transaction (a BEGIN without COMMIT or ROLLBACK, a transaction cancelled half-way) would
    put every later test's writes into that transaction, unseen by other processes (the live
    servers of tests/web/test_lean_route.py) and lost at the end: fail that test instead."""
    raw = connections.get("default")._connection  # type: ignore[attr-defined]
    if raw is not None and raw.in_transaction:
        await raw.rollback()  # the next test starts clean
        pytest.fail("the test ended with the SQLite connection inside a transaction")


def _tables() -> list[str]:
    """Every table of the models, many-to-many ones included."""
    tables: set[str] = set()
    for model in Tortoise.apps.get_models_iterable():
        tables.add(model._meta.db_table)
        for name in model._meta.m2m_fields:
            tables.add(model._meta.fields_map[name].through)  # type: ignore[attr-defined]
    return sorted(tables)
