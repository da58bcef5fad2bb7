"""How long the hot GraphQL reads take on a seeded database, as ratios to baselines measured
in the same process: `{ version }` (the stack's fixed cost: HTTP, auth, GraphQL) and the same
page fetched with one raw SQL statement (what the database alone needs).

    python -m bench.queries --rounds 200        # settings from LICMAN_* as for the server
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from tortoise import connections

from licman.app import create_app
from licman.db import connected
from licman.models import License, Role, User
from licman.resolvers.api_token import api_token_create
from licman.schema.ids import global_id
from licman.security.keyring_setup import prepare_keyring
from licman.security.principal import system
from licman.settings import load_settings

LIST = """query List($after: String) { licenses(first: 50, after: $after) {
  totalCount pageInfo { endCursor }
  edges { node { id name expiresOn status vendor { name } product { name } tags { name } } } } }"""
LIST_NO_COUNT = LIST.replace("totalCount ", "")
SEARCH = """query Search($q: String!) { licenses(first: 50, search: $q) {
  edges { node { id name vendor { name } } } } }"""
BY_ID = """query One($id: ID!) { license(id: $id) { id name expiresOn seats seatsUsed cost
  vendor { name } product { name } owner { name } tags { name }
  assignments { user { name } } renewals { startsOn endsOn } } }"""
RAW_PAGE = (
    "SELECT l.id, l.name, l.expires_on, p.name, v.name FROM license l "
    "JOIN product p ON p.id = l.product_id JOIN vendor v ON v.id = p.vendor_id "
    "WHERE l.archived_at IS NULL ORDER BY l.expires_on, l.id LIMIT 50"
)


async def timed(rounds: int, call: Callable[[], Awaitable[Any]]) -> float:
    """Median milliseconds per call, after a short warm-up."""
    for _ in range(min(10, rounds)):
        await call()
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


async def run(rounds: int) -> list[tuple[str, float]]:
    # The cost budget would stop a benchmark that is meant to hammer the server; a budget
    # no run can exhaust keeps its bookkeeping in the measured path.
    settings = load_settings(graphql_cost_budget=10**12)
    async with connected(settings):
        await prepare_keyring(settings)
        admin = await User.filter(role=Role.ADMIN, is_active=True).first()
        if admin is None or not await License.exists():
            raise SystemExit("seed the database first: python -m bench.seed --licenses 100000")
        token, _ = await api_token_create(system("bench"), user=admin, name="bench")
        newest = await License.all().order_by("-id").limit(1).values("id")
        some_id = newest[0]["id"]
        app = create_app(settings)
        headers = {"authorization": f"Bearer {token}"}
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://bench", headers=headers
        ) as client:

            async def gql(query: str, **variables: Any) -> None:
                body = (
                    await client.post("/graphql", json={"query": query, "variables": variables})
                ).json()
                assert "errors" not in body, body["errors"]

            by_id = global_id("License", some_id)
            raw = connections.get("default")
            results = [
                ("{ version } (baseline: the stack)", await timed(rounds, lambda: gql("{ version }"))),
                ("raw SQL page (baseline: the database)", await timed(rounds, lambda: raw.execute_query(RAW_PAGE))),
                ("licenses(first: 50) by expiry", await timed(rounds, lambda: gql(LIST_NO_COUNT))),
                ("  ... with totalCount", await timed(rounds, lambda: gql(LIST))),
                ("licenses(first: 50, search: \"adobe\")", await timed(rounds, lambda: gql(SEARCH, q="adobe"))),
                ("license(id) with everything", await timed(rounds, lambda: gql(BY_ID, id=by_id))),
            ]  # fmt: skip
    return results


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.queries")
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    results = asyncio.run(run(args.rounds))
    stack, database = results[0][1], results[1][1]
    print(f"{'operation':42} {'median ms':>10} {'x stack':>8} {'x raw SQL':>10}")
    for name, ms in results:
        print(f"{name:42} {ms:10.2f} {ms / stack:8.1f} {ms / database:10.1f}")


if __name__ == "__main__":
    main()
