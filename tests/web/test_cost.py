"""Fragment bombs, the query cost limit, the cap on secret reveals and the per-caller cost
budget, through the whole app in-process (the real uvicorn server: test_limits_live.py).
The analysis is counted in visits, never timed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio

from licman.app import create_app
from licman.models import AuditEvent, Product, Role, User, Vendor
from licman.resolvers.api_token import api_token_create
from licman.schema import limits
from licman.schema.ids import global_id
from licman.security.principal import system
from licman.settings import Settings
from tests.backends import TestDatabase
from tests.schema.test_limits import fragment_bomb

# 15 aliased pages of 100 licenses that read the secret: 1,500 reveals in one request.
REVEAL_PAGES = (
    "{ "
    + " ".join(f"p{i}: licenses(first: 100) {{ nodes {{ name secret }} }}" for i in range(15))
    + " }"
)
# Pages without the secret, 14 fields a row: 15 x (licenses 1 + nodes 1 + 100 x 14) = 21,030.
ROW = (
    "id name kind status seats seatsUsed seatsFree notes expiresOn startsOn purchasedOn "
    "autoRenew currency createdAt"
)
WIDE_PAGES = (
    "{ " + " ".join(f"p{i}: licenses(first: 100) {{ nodes {{ {ROW} }} }}" for i in range(15)) + " }"
)


def client_for(settings: Settings) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=create_app(settings))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def post(
    client: httpx.AsyncClient, document: str, token: str | None = None, **variables: Any
) -> httpx.Response:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return await client.post(
        "/graphql", json={"query": document, "variables": variables}, headers=headers
    )


def limits_broken(body: dict[str, Any]) -> list[str]:
    assert body["data"] is None, body
    assert {e["extensions"]["code"] for e in body["errors"]} == {"QUERY_TOO_COMPLEX"}, body
    return [e["extensions"]["limit"] for e in body["errors"]]


async def token_for(role: Role, email: str) -> str:
    user = await User.create(email=email, name=role.value.title(), role=role)
    token, _ = await api_token_create(system(), user=user, name="tests")
    return token


# --- fragment bombs -------------------------------------------------------------------------


@pytest_asyncio.fixture(loop_scope="session")
async def roomy(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """An app whose token limit lets a 200-fragment document reach the analysis."""
    async with client_for(Settings(home=tmp_path, graphql_max_tokens=100_000)) as client:
        yield client


@pytest.mark.parametrize("n", [40, 200])
async def test_a_fragment_bomb_is_refused_after_one_visit_per_fragment(
    roomy: httpx.AsyncClient, n: int
) -> None:
    # Given a document that expands to 2^n fields, aliases and directives
    document = fragment_bomb(n)
    visited = limits.VISITS.fragments

    # When an anonymous caller sends it twice
    first = (await post(roomy, document)).json()
    measured_first = limits.VISITS.fragments - visited
    second = (await post(roomy, document)).json()

    # Then both are refused, naming each limit, and only the first was analysed: each of
    # its n + 1 fragments once
    assert limits_broken(first) == ["aliases", "duplicates", "directives", "cost"]
    assert second == first
    assert measured_first == n + 1
    assert limits.VISITS.fragments - visited == n + 1


async def test_a_large_fragment_bomb_stops_at_the_token_limit_by_default(tmp_path: Path) -> None:
    async with client_for(Settings(home=tmp_path)) as client:
        body = (await post(client, fragment_bomb(200))).json()

    assert body["data"] is None
    assert "more than 2000 tokens" in body["errors"][0]["message"]


async def test_the_same_document_is_measured_again_for_another_page_size(
    roomy: httpx.AsyncClient,
) -> None:
    document = "query($n: Int!) { licenses(first: $n) { nodes { secret } } }"
    analyses = limits.VISITS.analyses

    small = (await post(roomy, document, n=2)).json()
    large = (await post(roomy, document, n=11)).json()
    small_again = (await post(roomy, document, n=2)).json()

    # Anonymous: the page itself is refused later, by the permission check
    assert small["errors"][0]["extensions"]["code"] != "QUERY_TOO_COMPLEX"
    assert limits_broken(large) == ["reveals"]
    assert small_again == small
    assert limits.VISITS.analyses - analyses == 2


# --- directives and repeated selections -----------------------------------------------------


async def test_directive_overloading_is_refused(roomy: httpx.AsyncClient) -> None:
    document = "{ version " + "@skip(if: false) " * 31 + "}"

    body = (await post(roomy, document)).json()

    assert limits_broken(body) == ["directives"]
    assert body["errors"][0]["message"] == "Query has 31 directives, over the limit of 30."


async def test_repeated_fields_are_refused(roomy: httpx.AsyncClient) -> None:
    body = (await post(roomy, "{ " + "version " * 17 + "}")).json()

    assert limits_broken(body) == ["duplicates"]
    assert body["errors"][0]["message"] == (
        "Query has 16 repeated selections (a field or fragment selected again in the same "
        "place), over the limit of 15."
    )


# --- cost and reveals -----------------------------------------------------------------------


async def test_a_query_over_the_cost_limit_is_refused_with_its_cost(
    roomy: httpx.AsyncClient,
) -> None:
    body = (await post(roomy, WIDE_PAGES)).json()

    [error] = body["errors"]
    assert error["message"] == "Query cost 21,030 is over the limit of 20,000."
    assert error["extensions"] == {
        "code": "QUERY_TOO_COMPLEX",
        "limit": "cost",
        "value": 21_030,
        "max": 20_000,
    }
    assert body["data"] is None


async def licenses_with_secrets(token: str, client: httpx.AsyncClient, count: int) -> None:
    create = """mutation($input: LicenseCreateInput!) {
      licenseCreate(input: $input) { errors { code } } }"""
    product = await Product.create(vendor=await Vendor.create(name="Adobe"), name="Photoshop")
    for i in range(count):
        body = (
            await post(
                client,
                create,
                token,
                input={"productId": global_id("Product", product.id), "secret": f"KEY-{i}"},
            )
        ).json()
        assert body == {"data": {"licenseCreate": {"errors": []}}}


@pytest_asyncio.fixture(loop_scope="session")
async def app_client(db: TestDatabase, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(Settings(home=tmp_path)) as client:
        yield client


async def test_fifteen_pages_of_secrets_are_refused_before_any_reveal(
    app_client: httpx.AsyncClient,
) -> None:
    # Given an admin and licenses with secrets
    token = await token_for(Role.ADMIN, "admin@example.com")
    await licenses_with_secrets(token, app_client, 12)

    # When the admin asks for 15 aliased pages of 100 secrets
    body = (await post(app_client, REVEAL_PAGES, token)).json()

    # Then the whole request is refused and nothing was revealed or recorded
    assert [e["message"] for e in body["errors"]] == [
        "Query could reveal 1,500 secrets, over the limit of 10 a request (a page of N "
        "licenses counts N).",
        "Query cost 151,530 is over the limit of 20,000.",  # 15 x (2 + 100 x (name + secret))
    ]
    assert limits_broken(body) == ["reveals", "cost"]
    assert "KEY-" not in str(body)
    assert await AuditEvent.filter(action="license.reveal").count() == 0


async def test_one_page_within_the_reveal_cap_is_answered_and_audited(
    app_client: httpx.AsyncClient,
) -> None:
    token = await token_for(Role.ADMIN, "admin@example.com")
    await licenses_with_secrets(token, app_client, 12)

    within = (await post(app_client, "{ licenses(first: 10) { nodes { secret } } }", token)).json()
    over = (await post(app_client, "{ licenses(first: 11) { nodes { secret } } }", token)).json()

    assert "errors" not in within, within["errors"]
    assert len(within["data"]["licenses"]["nodes"]) == 10
    assert limits_broken(over) == ["reveals"]
    assert await AuditEvent.filter(action="license.reveal").count() == 10


# --- the budget over time -------------------------------------------------------------------

COST_40 = "{ licenses(first: 38) { nodes { id } } }"  # 1 + 1 + 38 x 1


async def test_a_caller_over_budget_gets_429_with_the_wait_and_others_go_on(
    tmp_path: Path,
) -> None:
    # Given 100 units a minute (0.6 s a unit) and two anonymous callers on different IPs
    settings = Settings(
        home=tmp_path, graphql_max_cost=100, graphql_cost_budget=100, graphql_cost_budget_seconds=60
    )
    app = create_app(settings)

    def caller(ip: str) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=app, client=(ip, 40000))
        return httpx.AsyncClient(transport=transport, base_url="http://testserver")

    async with caller("203.0.113.1") as first, caller("203.0.113.2") as second:
        # When the first spends 40 twice, then asks for 40 more (20 over: 12 s to refill)
        answers = [await post(first, COST_40) for _ in range(3)]
        others = await post(second, COST_40)

    # Then the first two ran (anonymous: refused by the permission check, not the budget),
    # the third is 429 with the wait in Retry-After, and the other caller is unaffected
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert [a.json()["errors"][0]["extensions"]["code"] for a in answers[:2]] == [
        "UNAUTHENTICATED",
        "UNAUTHENTICATED",
    ]
    wait = int(answers[2].headers["retry-after"])
    assert wait in (11, 12)
    body = answers[2].json()
    assert body["data"] is None
    assert body["errors"] == [
        {
            "message": "Query cost 40 is over what is left of your budget of 100 every 60 s. "
            f"Try again in {wait} s.",
            "extensions": {"code": "RATE_LIMITED", "cost": 40, "retryAfter": wait},
        }
    ]
    assert others.status_code == 200


COST_40_BY_VARIABLE = "query Page($n: Int!) { licenses(first: $n) { nodes { id } } }"


@pytest.mark.parametrize(
    ("variables", "operation"),
    [
        ({"n": "not a number"}, "Page"),  # fails coercion
        ({}, "Page"),  # a required variable missing
        ({"n": 38}, "Nope"),  # no such operation
    ],
    ids=["bad-variable", "missing-variable", "unknown-operation"],
)
async def test_a_request_that_never_runs_costs_no_budget(
    tmp_path: Path, variables: dict[str, Any], operation: str
) -> None:
    # Given 250 units a minute for each caller (a list whose size is a variable that cannot
    # be read is counted at 100 rows: 102 units)
    settings = Settings(
        home=tmp_path,
        graphql_max_cost=250,
        graphql_cost_budget=250,
        graphql_cost_budget_seconds=60,
    )
    async with client_for(settings) as client:
        # When one caller sends ten requests whose variables (or operation) cannot run
        refused = [
            await client.post(
                "/graphql",
                json={
                    "query": COST_40_BY_VARIABLE,
                    "variables": variables,
                    "operationName": operation,
                },
            )
            for _ in range(10)
        ]
        # and then two that run, 40 units each
        ran = [await post(client, COST_40_BY_VARIABLE, n=38) for _ in range(2)]

    # Then the refused ones said why, and none of them was charged: both later ones ran
    for response in refused:
        body = response.json()
        assert body.get("data") is None, body
        assert "RATE_LIMITED" not in str(body)
        assert response.status_code in (200, 400)
    assert [r.status_code for r in ran] == [200, 200]
    assert [r.json()["errors"][0]["extensions"]["code"] for r in ran] == ["UNAUTHENTICATED"] * 2
