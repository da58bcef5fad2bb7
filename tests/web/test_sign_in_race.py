"""Parallel wrong passwords for one account against a real server (uvicorn, one process per
backend): the throttle counts each attempt before it checks, so however many arrive at once,
no more than the limit (10 per account by default) get a password checked."""

from __future__ import annotations

import asyncio
import uuid

import httpx

from tests.live import LiveServer

LIMIT = 10  # login_max_failures_per_account, default


async def test_parallel_wrong_passwords_get_no_more_than_the_limit(
    live_server: LiveServer,
) -> None:
    email = f"target-{uuid.uuid4().hex[:8]}@example.com"  # unknown or not: counted the same
    wrong = {"email": email, "password": "not the password"}
    limits = httpx.Limits(max_connections=40, max_keepalive_connections=40)
    async with httpx.AsyncClient(base_url=live_server.url, timeout=60, limits=limits) as client:
        # When 30 sign-ins with a wrong password arrive together
        burst = await asyncio.gather(*(client.post("/auth/login", json=wrong) for _ in range(30)))
        # and 15 more come one by one afterwards
        later = [await client.post("/auth/login", json=wrong) for _ in range(15)]

    statuses = [r.status_code for r in (*burst, *later)]
    # Then every answer is a wrong password (401) or a refusal (429), and exactly the limit
    # of passwords were checked: the burst took no more than the limit, the later ones the rest
    assert set(statuses) <= {401, 429}, statuses
    assert [r.status_code for r in burst].count(401) <= LIMIT
    assert statuses.count(401) == LIMIT, statuses
    assert later[-1].status_code == 429
    assert int(later[-1].headers["retry-after"]) > 0
