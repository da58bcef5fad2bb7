"""The token cache: a bearer token is looked up at most once per TOKEN_CACHE_SECONDS per
process; a revocation or deactivation made in this process takes effect at once, one made
by another process (a bulk UPDATE this process never sees) once that second has passed.
The cache's clock is driven by the test, so nothing here depends on timing."""

from __future__ import annotations

import asyncio
import dataclasses
import functools
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest

from bench.statements import count_statements
from licman.models import ApiToken, Role, User
from licman.resolvers.api_token import api_token_create
from licman.schema.ids import global_id
from licman.security import authn
from licman.security.principal import Origin, Principal, system

pytestmark = pytest.mark.usefixtures("db")

VERSION = {"query": "{ version }"}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    fake = Clock()
    monkeypatch.setattr(authn.TOKENS, "clock", fake)
    authn.forget_tokens()
    yield fake
    authn.forget_tokens()


async def _token(role: Role = Role.MEMBER, email: str = "ann@example.com") -> tuple[User, str]:
    user = await User.create(email=email, role=role)
    token, _ = await api_token_create(system(), user=user, name="tests")
    return user, token


async def _status(http: httpx.AsyncClient, token: str) -> int:
    response = await http.post(
        "/graphql", json=VERSION, headers={"authorization": f"Bearer {token}"}
    )
    return response.status_code


async def test_a_token_is_looked_up_once_per_second(http: httpx.AsyncClient, clock: Clock) -> None:
    _, token = await _token()
    assert await _status(http, token) == 200  # looked up; its last-used time written

    with count_statements() as within:
        assert await _status(http, token) == 200
        assert await _status(http, token) == 200
    clock.now += authn.TOKEN_CACHE_SECONDS
    with count_statements() as after:
        assert await _status(http, token) == 200

    assert within == []  # `{ version }` needs nothing else from the database
    assert len(after) == 1
    assert "api_token" in after[0]


async def test_a_revocation_by_another_process_stops_the_token_within_a_second(
    http: httpx.AsyncClient, clock: Clock
) -> None:
    _, token = await _token()
    assert await _status(http, token) == 200
    # Another process revokes it: a bulk UPDATE, which this process is not told about.
    await ApiToken.all().update(revoked_at=datetime.now(UTC))

    still = await _status(http, token)
    clock.now += authn.TOKEN_CACHE_SECONDS

    assert still == 200  # the cached second (documented: up to TOKEN_CACHE_SECONDS)
    assert await _status(http, token) == 401


async def test_a_deactivation_by_another_process_stops_the_token_within_a_second(
    http: httpx.AsyncClient, clock: Clock
) -> None:
    user, token = await _token()
    assert await _status(http, token) == 200
    await User.filter(id=user.id).update(is_active=False)

    clock.now += authn.TOKEN_CACHE_SECONDS - 0.001
    still = await _status(http, token)
    clock.now += 0.001

    assert still == 200
    assert await _status(http, token) == 401


async def test_a_revocation_in_this_process_stops_the_token_at_once(
    http: httpx.AsyncClient, clock: Clock
) -> None:
    user, token = await _token()
    row = await ApiToken.get(user_id=user.id)
    assert await _status(http, token) == 200

    revoke = (
        """mutation ($id: ID!) { apiTokenRevoke(input: {id: $id}) { revokedId errors { code } } }"""
    )
    answer = await http.post(
        "/graphql",
        json={"query": revoke, "variables": {"id": global_id("ApiToken", row.id)}},
        headers={"authorization": f"Bearer {token}"},
    )

    assert answer.json()["data"]["apiTokenRevoke"]["errors"] == []
    assert await _status(http, token) == 401  # the clock has not moved


async def test_a_deactivation_in_this_process_stops_the_token_at_once(
    http: httpx.AsyncClient, clock: Clock
) -> None:
    _, admin_token = await _token(Role.ADMIN, "admin@example.com")
    user, token = await _token()
    assert await _status(http, token) == 200

    deactivate = """mutation ($id: ID!) { userDeactivate(input: {id: $id}) { errors { code } } }"""
    answer = await http.post(
        "/graphql",
        json={"query": deactivate, "variables": {"id": global_id("User", user.id)}},
        headers={"authorization": f"Bearer {admin_token}"},
    )

    assert answer.json()["data"]["userDeactivate"]["errors"] == []
    assert await _status(http, token) == 401
    assert await _status(http, admin_token) == 200


async def test_each_request_gets_its_own_principal(http: httpx.AsyncClient, clock: Clock) -> None:
    """The cached principal is a template: each request has its own origin and memo."""
    _, token = await _token()
    first = await authn.authenticate(f"Bearer {token}", None, authn.Origin(ip="10.0.0.1"), None)  # type: ignore[arg-type]
    first.cache["grants"] = "of the first request"
    second = await authn.authenticate(f"Bearer {token}", None, authn.Origin(ip="10.0.0.2"), None)  # type: ignore[arg-type]

    assert second.origin.ip == "10.0.0.2"
    assert second.cache == {}
    assert second.user is not None
    assert second.api_token_id == first.api_token_id


async def test_concurrent_requests_share_one_look_up(clock: Clock) -> None:
    """Requests with the same token that arrive while it is being looked up wait for that
    look-up; when it fails, each looks the token up itself (and gets its own answer)."""
    cache = authn.TokenCache()
    cache.clock = clock
    calls: list[int] = []
    gate = asyncio.Event()
    principal = system()

    async def look_up(origin: Origin) -> Principal:  # as the real ones: with its origin
        calls.append(1)
        await gate.wait()
        return dataclasses.replace(principal, origin=origin)

    origins = [Origin(ip=f"10.0.0.{i}") for i in range(5)]
    tasks = [
        asyncio.create_task(cache.principal("k", o, functools.partial(look_up, o))) for o in origins
    ]
    await asyncio.sleep(0)
    gate.set()
    got = await asyncio.gather(*tasks)
    assert len(calls) == 1
    assert [p.origin for p in got] == origins  # each request keeps its own origin
    assert len({id(p) for p in got}) == 5  # and its own principal (its own memo)

    async def refused() -> Principal:
        calls.append(1)
        await asyncio.sleep(0)
        raise authn.AuthenticationError("invalid token")

    calls.clear()
    tasks = [asyncio.create_task(cache.principal("bad", o, refused)) for o in origins[:3]]
    results = await asyncio.gather(*tasks, return_exceptions=True)
    assert all(isinstance(r, authn.AuthenticationError) for r in results)
    assert len(calls) == 3  # a failed look-up is not shared: each got its own answer
