"""Sign-in throttling with its counters in a real Redis (as on a multi-node install)."""

from __future__ import annotations

import asyncio
import os
import uuid
from datetime import timedelta

import pytest
import redis.asyncio as aioredis

from licman.models import LoginFailure
from licman.security.throttle import LoginThrottle, RedisCounter
from licman.settings import Settings
from tests.backends import services_required

REDIS_URL = os.environ.get("LICMAN_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


async def redis_client() -> aioredis.Redis:
    client = aioredis.Redis.from_url(REDIS_URL)
    try:
        await client.ping()
    except (OSError, aioredis.ConnectionError):
        await client.aclose()
        if services_required():
            pytest.fail(f"Redis is not reachable at {REDIS_URL} (required in CI)", pytrace=False)
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    return client


async def test_the_eleventh_failure_is_refused_and_success_clears_the_account() -> None:
    client = await redis_client()
    settings = Settings(redis_url=REDIS_URL)
    throttle = LoginThrottle(settings, RedisCounter(client, timedelta(minutes=15)))
    email, ip = f"{uuid.uuid4().hex}@example.com", f"10.{uuid.uuid4().int % 250}.0.1"
    try:
        for _ in range(10):
            attempt = await throttle.begin(email, ip)
            assert attempt.verdict.allowed
            await throttle.failed(attempt)
        refused = await throttle.begin(email, ip)
        verdict = refused.verdict
        assert not verdict.allowed
        assert 0 < verdict.retry_after_seconds <= 15 * 60
        assert not (await throttle.check(email, ip)).allowed  # the refusal was not counted
        await throttle.succeeded(refused)  # what a right password does: the account is clear
        assert (await throttle.check(email, ip)).allowed
    finally:
        await client.delete(f"licman:login-failures:account:{email}")
        await client.delete(f"licman:login-failures:ip:{ip}")
        await client.aclose()


async def test_the_counters_forget_failures_outside_the_window() -> None:
    client = await redis_client()
    counter = RedisCounter(client, timedelta(seconds=1))
    key = f"test:{uuid.uuid4().hex}"
    try:
        await counter.add(key)
        assert (await counter.count(key))[0] == 1
        await client.zadd(f"licman:login-failures:{key}", {"old": 0.0})  # long ago
        assert (await counter.count(key))[0] == 1  # the old one is dropped, not counted
    finally:
        await counter.clear(key)
        await client.aclose()


async def test_parallel_attempts_in_redis_get_no_more_than_the_limit() -> None:
    # Two API nodes share these counters; each attempt is counted before it is checked.
    client = await redis_client()
    throttle = LoginThrottle(
        Settings(redis_url=REDIS_URL), RedisCounter(client, timedelta(minutes=15))
    )
    email, ip = f"{uuid.uuid4().hex}@example.com", f"10.{uuid.uuid4().int % 250}.0.2"
    try:
        attempts = await asyncio.gather(*(throttle.begin(email, ip) for _ in range(30)))
        allowed = [a for a in attempts if a.verdict.allowed]
        for attempt in allowed:
            await throttle.failed(attempt)
        later = [(await throttle.begin(email, ip)).verdict.allowed for _ in range(15)]

        assert len(allowed) <= 10
        assert len(allowed) + later.count(True) == 10  # the refused took their entries back
    finally:
        await client.delete(f"licman:login-failures:account:{email}")
        await client.delete(f"licman:login-failures:ip:{ip}")
        await client.aclose()


@pytest.mark.usefixtures("db")
async def test_with_redis_away_failures_are_counted_in_the_database() -> None:
    from licman.security.throttle import DatabaseCounter, RedisWithDatabaseFallback
    from tests.live import free_port

    window = timedelta(minutes=15)
    away = aioredis.Redis.from_url(f"redis://127.0.0.1:{free_port()}/0", socket_connect_timeout=1)
    counter = RedisWithDatabaseFallback(RedisCounter(away, window), DatabaseCounter(window))
    throttle = LoginThrottle(Settings(), counter)
    email, ip = f"{uuid.uuid4().hex}@example.com", "10.9.8.7"
    try:
        for _ in range(10):
            attempt = await throttle.begin(email, ip)
            assert attempt.verdict.allowed
            await throttle.failed(attempt)
        assert not (await throttle.begin(email, ip)).verdict.allowed  # still throttled
        assert not (await throttle.check(email, ip)).allowed
        await LoginFailure.filter(key__startswith="account:").delete()  # the window passes
        right = await throttle.begin(email, ip)
        assert right.verdict.allowed
        await throttle.succeeded(right)
        assert (await throttle.check(email, ip)).allowed
    finally:
        await away.aclose()
