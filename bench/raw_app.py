"""The raw baseline for bench/run: hand-written Starlette + asyncpg endpoints that answer the
benchmark's requests with the same JSON Licman gives (same rows, same order, same global ids),
with no GraphQL, no ORM, no authentication and no request log. What is left is HTTP, one SQL
statement and JSON: the speed of the database and the web stack.

    LICMAN_BENCH_DSN=postgresql://postgres@127.0.0.1:5432/licman_bench \
        uvicorn --factory bench.raw_app:create_app --port 8001 --log-level warning

POST /list           {"data":{"licenses":{"edges":[{"node":{...}}, ...]}}}  (first 50 by expiry)
POST /one?id=<pk>    {"data":{"license":{...}}}
POST /search?q=<s>   {"data":{"licenses":{"edges":[...]}}}                  (first 50 matches)
GET  /version        {"data":{"version":"..."}}                             (the bare route)
"""

from __future__ import annotations

import base64
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from licman import __version__

# The node's fields, in the order the benchmark's GraphQL documents select them.
_TAGS = (
    "ARRAY(SELECT t.name FROM license_tag lt JOIN tag t ON t.id = lt.tag_id "
    "WHERE lt.license_id = l.id ORDER BY t.name_key, t.id)"
)
LIST_SQL = (
    "SELECT l.id, l.name, l.seats, l.expires_on, p.name, v.name, " + _TAGS + " "
    "FROM license l JOIN product p ON p.id = l.product_id JOIN vendor v ON v.id = p.vendor_id "
    "WHERE l.archived_at IS NULL ORDER BY l.expires_on, l.id LIMIT 50"
)
ONE_SQL = (
    "SELECT l.id, l.name, l.seats, l.expires_on, p.name, v.name, " + _TAGS + " "
    "FROM license l JOIN product p ON p.id = l.product_id JOIN vendor v ON v.id = p.vendor_id "
    "WHERE l.id = $1"
)
SEARCH_SQL = (
    "SELECT l.id, l.name, v.name FROM license l "
    "JOIN product p ON p.id = l.product_id JOIN vendor v ON v.id = p.vendor_id "
    "WHERE l.archived_at IS NULL AND (l.name ILIKE $1 OR p.name_key LIKE $2 "
    "OR v.name_key LIKE $2 OR l.notes ILIKE $1 OR l.external_id ILIKE $1 OR l.id IN "
    "(SELECT lt.license_id FROM license_tag lt JOIN tag t ON t.id = lt.tag_id "
    "WHERE t.name_key LIKE $2)) ORDER BY l.expires_on, l.id LIMIT 50"
)


def global_id(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def _node(row: Any) -> dict[str, Any]:
    expires = row[3]
    return {
        "id": global_id("License", row[0]),
        "name": row[1],
        "seats": row[2],
        "expiresOn": expires.isoformat() if expires is not None else None,
        "product": {"name": row[4]},
        "vendor": {"name": row[5]},
        "tags": [{"name": name} for name in row[6]],
    }


def _json(value: Any) -> Response:
    return Response(orjson.dumps(value), media_type="application/json")


def create_app() -> Starlette:
    dsn = os.environ["LICMAN_BENCH_DSN"]
    pool: asyncpg.Pool | None = None

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        nonlocal pool
        pool = await asyncpg.create_pool(dsn, min_size=2, max_size=10)
        try:
            yield
        finally:
            await pool.close()

    async def listing(request: Request) -> Response:
        await request.body()
        assert pool is not None
        rows = await pool.fetch(LIST_SQL)
        return _json({"data": {"licenses": {"edges": [{"node": _node(r)} for r in rows]}}})

    async def one(request: Request) -> Response:
        await request.body()
        assert pool is not None
        row = await pool.fetchrow(ONE_SQL, int(request.query_params["id"]))
        return _json({"data": {"license": _node(row) if row is not None else None}})

    async def search(request: Request) -> Response:
        await request.body()
        assert pool is not None
        term = request.query_params["q"]
        rows = await pool.fetch(SEARCH_SQL, f"%{term}%", f"%{term.casefold()}%")
        edges = [
            {"node": {"id": global_id("License", r[0]), "name": r[1], "vendor": {"name": r[2]}}}
            for r in rows
        ]
        return _json({"data": {"licenses": {"edges": edges}}})

    async def version(request: Request) -> Response:
        return _json({"data": {"version": __version__}})

    return Starlette(
        routes=[
            Route("/list", listing, methods=["POST"]),
            Route("/one", one, methods=["POST"]),
            Route("/search", search, methods=["POST"]),
            Route("/version", version, methods=["GET", "POST"]),
        ],
        lifespan=lifespan,
    )
