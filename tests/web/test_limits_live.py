"""The request limits on a real uvicorn server (`licman serve`) with a Redis of its own:
fragment bombs are refused while /healthz keeps answering, and a caller over its cost budget
gets 429 with a Retry-After that is right to the second, counted in Redis."""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import pytest_asyncio
import redis.asyncio as aioredis

from tests.backends import BACKENDS, TestDatabase, services_required
from tests.live import LiveServer, free_port, stop_process
from tests.schema.test_limits import fragment_bomb

# 10 aliased pages of 100 licenses, 5 fields a row: 10 x (1 + 1 + 100 x 5) = 5,020, so two
# never fit in the budget below.
HALF_BUDGET = (
    "{ "
    + " ".join(
        f"p{i}: licenses(first: 100) {{ nodes {{ id name kind status seats }} }}" for i in range(10)
    )
    + " }"
)
CONFIG = """graphql_max_tokens: 100000
graphql_max_cost: 10000
graphql_cost_budget: 10000
graphql_cost_budget_seconds: 600
redis_url: redis://127.0.0.1:{port}/0
"""


@dataclass
class Setup:
    server: LiveServer
    redis_url: str


@pytest.fixture(scope="module")
def redis_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A Redis of this module's own: the budget keys of parallel tests never meet."""
    binary = shutil.which("redis-server")
    if binary is None:
        if services_required():
            pytest.fail("redis-server is not installed (required in CI)", pytrace=False)
        pytest.skip("redis-server is not installed")
    port = free_port()
    workdir = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_redis(port, process)
        yield port
    finally:
        stop_process(process, timeout=5)


def _wait_for_redis(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), 0.5) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"redis-server did not start on port {port}")


@pytest_asyncio.fixture(scope="module", loop_scope="session", params=BACKENDS)
async def setup(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, redis_port: int
) -> AsyncIterator[Setup]:
    home = tmp_path_factory.mktemp("live-limits")
    (home / ".licman-cfg.yml").write_text(CONFIG.format(port=redis_port), encoding="utf-8")
    database = await TestDatabase.create(request.param, home)
    server = LiveServer.start(home, database.url)
    try:
        yield Setup(server, f"redis://127.0.0.1:{redis_port}/0")
    finally:
        server.stop()
        await database.drop()
        client = aioredis.Redis.from_url(f"redis://127.0.0.1:{redis_port}/0")
        await client.flushdb()  # this module's own Redis: the next backend starts afresh
        await client.aclose()


async def test_fragment_bombs_are_refused_while_healthz_keeps_answering(setup: Setup) -> None:
    url = setup.server.url
    health: list[int] = []
    bombs: list[dict[str, Any]] = []
    done = asyncio.Event()

    async with httpx.AsyncClient(timeout=30) as client:

        async def poll() -> None:
            while not done.is_set():
                health.append((await client.get(f"{url}/healthz")).status_code)
                await asyncio.sleep(0.01)

        poller = asyncio.create_task(poll())
        try:
            for n in (40, 200, 40, 200):
                response = await client.post(f"{url}/graphql", json={"query": fragment_bomb(n)})
                bombs.append(response.json())
        finally:
            done.set()
            await poller

    assert len(bombs) == 4
    for body in bombs:
        assert body["data"] is None
        assert [e["extensions"]["limit"] for e in body["errors"]] == [
            "aliases",
            "duplicates",
            "directives",
            "cost",
        ]
    assert health
    assert set(health) == {200}


async def test_over_budget_is_429_with_an_exact_retry_after_kept_in_redis(setup: Setup) -> None:
    url = f"{setup.server.url}/graphql"
    async with httpx.AsyncClient(timeout=30) as client:
        # Given a caller that spent half its budget (10,000 every 600 s: 60 ms a unit)
        first = await client.post(url, json={"query": HALF_BUDGET})
        assert first.status_code == 200
        assert first.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

        # When it asks again: 40 units over, 2.4 s of refill
        refused = await client.post(url, json={"query": HALF_BUDGET})

        # Then 429, Retry-After in whole seconds, the same in the error
        assert refused.status_code == 429
        wait = int(refused.headers["retry-after"])
        assert wait in (2, 3)
        [error] = refused.json()["errors"]
        assert error["extensions"] == {"code": "RATE_LIMITED", "cost": 5020, "retryAfter": wait}

        # ...the count is in Redis, under the caller's IP
        redis = aioredis.Redis.from_url(setup.redis_url)
        try:
            assert await redis.exists("licman:cost:ip:127.0.0.1") == 1
        finally:
            await redis.aclose()

        # ...and once that wait is over, the same request runs
        await asyncio.sleep(wait)
        again = await client.post(url, json={"query": HALF_BUDGET})
        assert again.status_code == 200
        assert again.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
