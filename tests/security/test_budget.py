"""The per-caller cost budget (licman/security/budget.py): exact waits with a clock the test
holds, and the same behaviour through real Redis, shared by two API nodes."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
import redis.asyncio as aioredis

from licman.models import Role, User
from licman.security.budget import MAX_LOCAL_KEYS, CostBudget, LocalBudget, caller_key
from licman.security.principal import Origin, Principal, PrincipalKind, anonymous
from licman.settings import Settings
from tests.backends import services_required

REDIS_URL = os.environ.get("LICMAN_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def test_a_spend_over_what_is_left_waits_exactly_until_it_fits() -> None:
    # Given 100 units a minute (0.6 s a unit), 90 spent at t=0
    budget = LocalBudget(100, 60)
    assert budget.spend("a", 90, now=0.0).allowed

    # When 30 more are asked for at once: 20 over, 12 s of refill
    refused = budget.spend("a", 30, now=0.0)

    # Then the wait is exactly that, and holds to the instant
    assert not refused.allowed
    assert refused.retry_after == pytest.approx(12.0)
    assert refused.retry_after_seconds == 12
    assert not budget.spend("a", 30, now=11.99).allowed
    assert budget.spend("a", 30, now=12.0).allowed


def test_a_refused_spend_costs_nothing_and_callers_are_apart() -> None:
    budget = LocalBudget(100, 60)
    assert budget.spend("a", 100, now=0.0).allowed
    for _ in range(5):
        assert not budget.spend("a", 50, now=0.0).allowed

    assert budget.spend("a", 50, now=30.0).allowed  # 50 back after 30 s, despite the refusals
    assert budget.spend("b", 100, now=0.0).allowed  # another caller has its own


def test_many_callers_do_not_grow_memory_without_bound() -> None:
    budget = LocalBudget(100, 60)
    for i in range(MAX_LOCAL_KEYS + 1):
        budget.spend(f"ip:{i}", 1, now=float(i) / 10_000)

    assert len(budget.full_at) <= MAX_LOCAL_KEYS // 2 + 1


def test_callers_are_keyed_by_user_then_client_then_ip() -> None:
    user = User(id=7, email="a@example.com", name="A", role=Role.MEMBER)

    assert caller_key(Principal(PrincipalKind.TOKEN, user=user)) == "user:7"
    assert caller_key(Principal(PrincipalKind.SESSION, user=user)) == "user:7"
    assert caller_key(Principal(PrincipalKind.OAUTH_CLIENT, oauth_client_id="ci")) == "client:ci"
    assert caller_key(anonymous(Origin(ip="203.0.113.9"))) == "ip:203.0.113.9"


def test_a_budget_smaller_than_one_request_is_a_configuration_error() -> None:
    with pytest.raises(ValueError, match="at least graphql_max_cost"):
        Settings(graphql_max_cost=10_000, graphql_cost_budget=9_999)
    assert CostBudget.from_settings(Settings(graphql_cost_budget=0)) is None


# --- Redis ------------------------------------------------------------------------------------


@pytest_asyncio.fixture(loop_scope="session")
async def redis_key() -> AsyncIterator[str]:
    client = aioredis.Redis.from_url(REDIS_URL)
    try:
        await client.ping()
    except (OSError, aioredis.ConnectionError):
        await client.aclose()
        if services_required():
            raise
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    key = f"test-{uuid.uuid4().hex}"
    try:
        yield key
    finally:
        await client.delete(f"licman:cost:{key}")
        await client.aclose()


def node(budget: int = 100, seconds: int = 2) -> CostBudget:
    settings = Settings(
        redis_url=REDIS_URL,
        graphql_max_cost=budget,
        graphql_cost_budget=budget,
        graphql_cost_budget_seconds=seconds,
    )
    found = CostBudget.from_settings(settings)
    assert found is not None
    return found


async def test_two_nodes_share_one_budget_through_redis(redis_key: str) -> None:
    # Given two API nodes on one Redis, 100 units every 2 s (20 ms a unit)
    first, second = node(), node()
    try:
        # When the caller spends 80 on one node and asks the other for 40
        assert (await first.spend(redis_key, 80)).allowed
        refused = await second.spend(redis_key, 40)

        # Then the other node refuses, with the wait for the 20 units that are missing
        assert not refused.allowed
        assert 0.3 < refused.retry_after <= 0.4
        assert refused.retry_after_seconds == 1
        # ...and after waiting that long the same spend fits
        await asyncio.sleep(refused.retry_after)
        assert (await second.spend(redis_key, 40)).allowed
        assert not (await first.spend(redis_key, 40)).allowed
    finally:
        await first.aclose()
        await second.aclose()


async def test_with_redis_down_the_budget_still_holds_per_process() -> None:
    settings = Settings(
        redis_url="redis://127.0.0.1:1/0", graphql_max_cost=10_000, graphql_cost_budget=10_000
    )
    budget = CostBudget.from_settings(settings)
    assert budget is not None

    try:
        assert (await budget.spend("ip:x", 10_000)).allowed
        assert not (await budget.spend("ip:x", 1)).allowed
    finally:
        await budget.aclose()
