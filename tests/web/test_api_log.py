"""The API request log: every GraphQL request (and every one refused before GraphQL) leaves
one row with its outcome, written in batches, never holding what the client sent, and
nothing is lost on a clean stop of a real server."""

from __future__ import annotations

import asyncio
import subprocess
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from starlette.applications import Starlette

from licman.app import create_app
from licman.models import ApiRequest, Product, Role, User, Vendor
from licman.resolvers.api_token import api_token_create
from licman.schema.ids import global_id
from licman.security.principal import system
from licman.settings import Settings
from licman.web.api_log import ApiLog
from tests.backends import TestDatabase
from tests.live import LICMAN, LiveServer, cli_env, free_port
from tests.schema.test_license_query_count import count_statements

TAGS = "query Tags { tags { name } }"
TAG_CREATE = """
mutation TagCreate($name: String!) {
  tagCreate(input: {name: $name}) { tag { id } errors { code } }
}
"""
AUDIT_LOG = "query AuditLog { auditEvents { totalCount } }"
LICENSE_CREATE = """
mutation LicenseCreate($input: LicenseCreateInput!) {
  licenseCreate(input: $input) { license { id hasSecret } errors { code message } }
}
"""
SECRET = "XK-9917-SUPER-SECRET-LICENSE-KEY"
NOTE = "private note"


# --- in process: the app without its lifespan, so rows wait in the buffer ---------------


@pytest_asyncio.fixture(loop_scope="session")
async def app(db: TestDatabase, tmp_path: Path) -> Starlette:
    return create_app(Settings(home=tmp_path, graphql_max_body_kb=4, graphql_max_aliases=2))


@pytest_asyncio.fixture(loop_scope="session")
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


def api_log(app: Starlette) -> ApiLog:
    log: ApiLog = app.state.api_log
    return log


async def token_for(role: Role) -> tuple[User, str, int]:
    user = await User.create(email=f"{role.value}@example.com", role=role)
    token, row = await api_token_create(system(), user=user, name="tests")
    return user, token, row.id


async def post(
    client: httpx.AsyncClient, query: str, token: str | None = None, **variables: Any
) -> httpx.Response:
    headers = {"user-agent": "api-log-test/2.0"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    return await client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )


async def logged(app: Starlette) -> dict[str, dict[str, Any]]:
    """Rows by request id, after writing what the buffer holds."""
    await api_log(app).flush()
    return {row["request_id"]: row for row in await ApiRequest.all().values()}


async def test_each_request_is_logged_with_its_outcome(
    app: Starlette, client: httpx.AsyncClient
) -> None:
    admin, admin_token, admin_token_id = await token_for(Role.ADMIN)
    _, member_token, _ = await token_for(Role.MEMBER)

    sent = {
        "query": await post(client, TAGS, admin_token),
        "mutation": await post(client, TAG_CREATE, admin_token, name="new"),
        "duplicate": await post(client, TAG_CREATE, admin_token, name="new"),
        "member mutation": await post(client, TAG_CREATE, member_token, name="nope"),
        "member audit": await post(client, AUDIT_LOG, member_token),
        "anonymous me": await post(client, "query Me { me { email } }"),
        "unknown field": await post(client, "query Broken { nope }", admin_token),
        "syntax": await post(client, "query Bad {", admin_token),
        "over a limit": await post(client, "query Many { a: version b: version c: version }"),
        "bad token": await post(client, TAGS, "lm_not-a-real-token"),
        "too large": await post(client, TAGS, admin_token, pad="x" * 5000),
    }
    explorer = await client.get("/graphql", headers={"accept": "text/html"})
    assert explorer.status_code == 302  # to the bundled explorer: no operation, no row

    rows = await logged(app)
    got = {
        what: (
            rows[r.headers["x-request-id"]]["outcome"],
            rows[r.headers["x-request-id"]]["operation_name"],
            rows[r.headers["x-request-id"]]["operation_type"],
            rows[r.headers["x-request-id"]]["status_code"],
        )
        for what, r in sent.items()
    }
    assert got == {
        "query": ("ok", "Tags", "query", 200),
        "mutation": ("ok", "TagCreate", "mutation", 200),
        "duplicate": ("error", "TagCreate", "mutation", 200),
        "member mutation": ("denied", "TagCreate", "mutation", 200),
        "member audit": ("denied", "AuditLog", "query", 200),
        "anonymous me": ("denied", "Me", "query", 200),
        "unknown field": ("invalid", "Broken", "query", 200),
        "syntax": ("invalid", "", "", 200),
        "over a limit": ("invalid", "Many", "query", 200),
        "bad token": ("denied", "", "", 401),
        "too large": ("invalid", "", "", 413),
    }
    assert len(rows) == len(sent)  # the explorer page runs no operation: not logged

    first = rows[sent["query"].headers["x-request-id"]]
    assert first["principal_kind"] == "token"
    assert first["user_id"] == admin.id
    assert first["api_token_id"] == admin_token_id
    assert first["oauth_client_id"] is None
    assert first["ip"] == "127.0.0.1"
    assert first["user_agent"] == "api-log-test/2.0"
    assert 0 <= first["duration_ms"] < 10_000
    refused = rows[sent["bad token"].headers["x-request-id"]]
    assert (refused["principal_kind"], refused["user_id"]) == ("anonymous", None)


async def test_rows_never_hold_variables_query_text_or_credentials(
    app: Starlette, client: httpx.AsyncClient
) -> None:
    _, token, _ = await token_for(Role.ADMIN)
    vendor = await Vendor.create(name="Acme")
    product = await Product.create(vendor=vendor, name="Anvil")
    created = await post(
        client,
        LICENSE_CREATE,
        token,
        input={"productId": global_id("Product", product.id), "secret": SECRET, "notes": NOTE},
    )
    assert created.json()["data"]["licenseCreate"]["license"]["hasSecret"] is True
    stolen = "lm_" + "A" * 40
    await post(client, TAGS, stolen)
    # operationName is free text from the client: only a name the document declares is kept
    await client.post(
        "/graphql",
        json={"query": TAGS, "operationName": SECRET},
        headers={"authorization": f"Bearer {token}"},
    )

    rows = list((await logged(app)).values())
    assert len(rows) == 3
    everything = repr(rows)
    for sent in (SECRET, token, stolen, NOTE, "licenseCreate(", "tags { name }"):
        assert sent not in everything


async def test_requests_are_written_in_batches_off_the_request_path(
    app: Starlette, client: httpx.AsyncClient
) -> None:
    _, token, _ = await token_for(Role.AUDITOR)
    requests = 25

    with count_statements() as during:
        for _ in range(requests):
            assert (await post(client, TAGS, token)).status_code == 200
    assert not [s for s in during if "api_request" in s]  # no request waited for a write

    with count_statements() as statements:
        written = await api_log(app).flush()
    inserts = [s for s in statements if s.upper().startswith("INSERT") and "api_request" in s]
    assert written == requests
    assert len(inserts) == 1, inserts
    assert await ApiRequest.filter(operation_name="Tags").count() == requests


def row(n: int = 0) -> dict[str, Any]:
    return {
        "occurred_at": datetime.now(UTC),
        "principal_kind": "token",
        "request_id": f"unit-{n}",
        "operation_name": "Unit",
        "operation_type": "query",
        "outcome": "ok",
        "status_code": 200,
    }


async def written(log: ApiLog, count: int) -> int:
    """The rows in the table once the log says it has written `count` in all (the writer
    signals each batch: no polling, no sleeping; the timeout only ends a broken run)."""
    await asyncio.wait_for(log.wait_written(count), timeout=30)
    return await ApiRequest.all().count()


@pytest.mark.usefixtures("db")
async def test_a_full_batch_is_written_at_once() -> None:
    log = ApiLog(interval=3600, batch_size=5)
    async with log.running():
        for n in range(5):
            log.record(row(n))
        assert await written(log, 5) == 5  # long before the hour is up
        log.record(row(5))
        assert log.pending == 1  # one row is no full batch: it waits for the interval
    assert await ApiRequest.all().count() == 6  # the last one on leaving


@pytest.mark.usefixtures("db")
async def test_rows_recorded_while_a_batch_is_written_wait_for_the_next_flush() -> None:
    # The race behind the old flaky test: a row recorded while the writer's INSERT is in
    # flight used to be swept into the same flush.
    log = ApiLog(interval=3600, batch_size=5)
    for n in range(5):
        log.record(row(n))
    flushing = asyncio.create_task(log.flush())
    await asyncio.sleep(0)  # the flush has taken its rows and awaits the database
    log.record(row(5))

    assert await flushing == 5
    assert log.pending == 1
    assert await log.flush() == 1


@pytest.mark.usefixtures("db")
async def test_one_insert_statement_per_batch() -> None:
    log = ApiLog(batch_size=5)
    for n in range(12):
        log.record(row(n))
    with count_statements() as statements:
        assert await log.flush() == 12
    assert len([s for s in statements if s.upper().startswith("INSERT")]) == 3  # 5 + 5 + 2
    written = {row["request_id"] for row in await ApiRequest.all().values("request_id")}
    assert written == {f"unit-{n}" for n in range(12)}


@pytest.mark.usefixtures("db")
async def test_rows_are_written_every_interval() -> None:
    log = ApiLog(interval=0.05)
    async with log.running():
        log.record(row())
        assert await written(log, 1) == 1  # one row is no full batch: the interval wrote it


@pytest.mark.usefixtures("db")
async def test_leaving_writes_what_is_left() -> None:
    log = ApiLog(interval=3600)
    async with log.running():
        for n in range(3):
            log.record(row(n))
        await asyncio.sleep(0.05)
        assert await ApiRequest.all().count() == 0
    assert await ApiRequest.all().count() == 3
    assert log.pending == 0


# --- a real server: nothing is lost on a clean stop ---------------------------------------

PROBE = {"query": "query LiveProbe { version }", "operationName": "LiveProbe"}
API_REQUESTS = """
query Requests($filter: ApiRequestFilter) {
  apiRequests(first: 100, filter: $filter) {
    nodes { requestId operationName operationType outcome statusCode principalKind userId }
  }
}
"""


def restart(server: LiveServer) -> None:
    server.stop()
    port = free_port()
    with server.log_path.open("a") as log:
        server.process = subprocess.Popen(
            [*LICMAN, "serve", "--port", str(port)],
            env=cli_env(server.home, server.database_url),
            cwd=server.home,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
    server.url = f"http://127.0.0.1:{port}"
    server.wait_ready()


@contextmanager
def signed_in(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=10) as client:
        response = client.post(
            "/auth/login", json={"email": server.admin_email, "password": server.admin_password}
        )
        assert response.status_code == 200, response.text
        client.headers["x-csrf-token"] = client.cookies["licman_csrf"]
        yield client


def test_rows_of_the_last_second_survive_a_clean_stop(live_server: LiveServer) -> None:
    with signed_in(live_server) as client:
        ids = [client.post("/graphql", json=PROBE).headers["x-request-id"] for _ in range(3)]
    refused = httpx.post(
        f"{live_server.url}/graphql", json=PROBE, headers={"authorization": "Bearer lm_nope"}
    )
    assert refused.status_code == 401
    restart(live_server)  # SIGTERM straight away: well inside the one-second write interval

    with signed_in(live_server) as client:
        body = client.post(
            "/graphql", json={"query": API_REQUESTS, "variables": {"filter": {}}}
        ).json()
    rows = {r["requestId"]: r for r in body["data"]["apiRequests"]["nodes"]}
    for request_id in ids:
        assert rows[request_id]["operationName"] == "LiveProbe"
        assert rows[request_id]["outcome"] == "OK"
        assert rows[request_id]["principalKind"] == "session"
        assert rows[request_id]["userId"] is not None
    denied = rows[refused.headers["x-request-id"]]
    assert (denied["outcome"], denied["statusCode"], denied["operationName"]) == (
        "DENIED",
        401,
        "",
    )
