"""Malformed requests at the HTTP edge of a real server (uvicorn in its own process): each gets
a 4xx JSON answer that names the problem, WebSocket handshakes are refused cleanly on every
path, and none of it leaves a traceback in the server's log.

These answers come before any database work, so one SQLite server serves the module.
"""

from __future__ import annotations

import asyncio
import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import websockets
from websockets.exceptions import InvalidStatus

from licman.app import create_app
from licman.settings import Settings
from tests.live import LiveServer

VERSION = {"query": "{ version }"}
JSON = {"content-type": "application/json"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    home = tmp_path_factory.mktemp("bodies")
    live = LiveServer.start(home, f"sqlite://{home / 'licman.sqlite3'}")
    try:
        yield live
    finally:
        live.stop()


def post(server: LiveServer, body: bytes, **headers: str) -> httpx.Response:
    return httpx.post(
        f"{server.url}/graphql", content=body, headers={**JSON, **headers}, timeout=10
    )


def refusal(response: httpx.Response) -> tuple[int, str, str]:
    """Status, error code and message of a JSON refusal; fails if the answer is not JSON."""
    assert response.headers["content-type"].startswith("application/json"), response.text
    error = response.json()["errors"][0]
    return response.status_code, error["extensions"]["code"], error["message"]


def no_traceback(server: LiveServer) -> None:
    log = server.log()
    assert "Traceback" not in log, log[-3000:]
    assert "Exception in ASGI application" not in log


BIG_NUMBER = b'{"query": "{ version }", "variables": {"n": ' + b"7" * 5000 + b"}}"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"null", "must be a JSON object, not null"),
        (b"42", "must be a JSON object, not a number"),
        (b'"{ version }"', "must be a JSON object, not a string"),
        (b"true", "must be a JSON object, not a boolean"),
        (b'{"query": "{ version \xff }"}', "not valid UTF-8"),
        (BIG_NUMBER, "number with more than 4300 digits"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"query": "{ version }", "variables": {"a": ' + b"[" * 100 + b"]" * 100 + b"}}",
         "nested too deeply (over 64 levels)"),
        (b'{"query": "{ version }", "variables": ' + b'{"a": ' * 5000 + b"1" + b"}" * 5001,
         "nested too deeply"),
        (b'{"query": "{ version }", "operationName": {"a": 1}}',
         "operationName must be a string or null, not an object"),
        (b'{"query": "{ version }", "operationName": 7}',
         "operationName must be a string or null, not a number"),
        (b'{"query": "{ version }", "variables": [1]}',
         "variables must be an object or null, not a list"),
        (b'{"query": "{ version }", "extensions": "x"}',
         "extensions must be an object or null, not a string"),
        (b'{"query": 42}', "query must be a string, not a number"),
        (b'{"qeury": "{ version }"}', "has no query"),
        (b"", "not valid JSON"),
        (b'{"query": "{ version }"', "not valid JSON"),
    ],
    ids=[
        "null", "number", "string", "boolean", "invalid-utf8", "5000-digits", "nested-arrays",
        "nested-100",
        "nested-objects", "operationName-object", "operationName-number", "variables-list",
        "extensions-string", "query-number", "no-query", "empty", "truncated",
    ],
)  # fmt: skip
def test_a_malformed_body_gets_400_naming_the_problem(
    server: LiveServer, body: bytes, expected: str
) -> None:
    response = post(server, body)

    status, code, message = refusal(response)
    assert (status, code) == (400, "BAD_REQUEST"), message
    assert expected in message
    no_traceback(server)


def test_a_batch_is_refused_with_a_reason(server: LiveServer) -> None:
    response = post(server, json.dumps([VERSION, VERSION]).encode())

    assert refusal(response) == (
        400,
        "BAD_REQUEST",
        "Batched requests are not supported: send one operation per request.",
    )


def test_a_compressed_body_gets_415(server: LiveServer) -> None:
    response = post(
        server, gzip.compress(json.dumps(VERSION).encode()), **{"content-encoding": "gzip"}
    )

    assert refusal(response) == (
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        "Content-Encoding gzip is not supported: send the body uncompressed.",
    )
    no_traceback(server)


def test_a_body_that_is_not_json_gets_415(server: LiveServer) -> None:
    response = post(server, b"query=%7B%20version%20%7D", **{"content-type": "text/plain"})

    status, code, message = refusal(response)
    assert (status, code) == (415, "UNSUPPORTED_MEDIA_TYPE")
    assert "application/json" in message


def test_the_server_still_answers_after_all_that(server: LiveServer) -> None:
    response = post(server, json.dumps(VERSION).encode())

    assert response.status_code == 200
    assert response.json() == {"data": {"version": "0.1.0"}}


# --- WebSocket upgrades ---------------------------------------------------------------------


async def handshake_status(url: str) -> int:
    with pytest.raises(InvalidStatus) as refused:
        async with websockets.connect(url, open_timeout=5):
            pass  # the handshake must not succeed
    return refused.value.response.status_code


@pytest.mark.parametrize(
    "path",
    ["/graphql", "/", "/licenses", "/assets/index.js", "/explorer", "/healthz", "/readyz",
     "/auth/login", "/auth/logout", "/nowhere"],
)  # fmt: skip
def test_a_websocket_upgrade_is_refused_cleanly_on_every_path(
    server: LiveServer, path: str
) -> None:
    url = server.url.replace("http://", "ws://") + path

    status = asyncio.run(handshake_status(url))

    assert status == 403
    no_traceback(server)


# --- media types (GraphQL over HTTP) --------------------------------------------------------

GRAPHQL_RESPONSE = "application/graphql-response+json"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/json"),
        ("application/json", "application/json"),
        ("*/*", "application/json"),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE}, application/json;q=0.9", GRAPHQL_RESPONSE),
        (f"application/json, {GRAPHQL_RESPONSE};q=0.5", "application/json"),
        (f"{GRAPHQL_RESPONSE};q=0, application/json", "application/json"),
    ],
)
def test_the_answer_has_the_media_type_the_client_accepts(
    server: LiveServer, accept: str | None, expected: str
) -> None:
    headers = {"accept": accept} if accept else {}

    response = post(server, json.dumps(VERSION).encode(), **headers)

    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == expected
    assert response.json() == {"data": {"version": "0.1.0"}}


def test_a_request_error_is_a_400_without_data_for_graphql_response_json(
    server: LiveServer,
) -> None:
    unknown_field = json.dumps({"query": "{ nope }"}).encode()

    modern = post(server, unknown_field, accept=GRAPHQL_RESPONSE)
    legacy = post(server, unknown_field, accept="application/json")

    assert modern.status_code == 400
    assert modern.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    assert "data" not in modern.json()
    assert modern.json()["errors"][0]["message"] == "Cannot query field 'nope' on type 'Query'."
    # application/json keeps the older convention: 200 with data null
    assert legacy.status_code == 200
    assert legacy.json()["data"] is None


def test_a_refusal_before_graphql_uses_the_negotiated_media_type(server: LiveServer) -> None:
    response = post(server, b"null", accept=GRAPHQL_RESPONSE)

    assert response.status_code == 400
    assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def test_nothing_here_wrote_a_traceback(server: LiveServer) -> None:
    no_traceback(server)


async def test_a_status_set_by_graphql_is_kept_for_graphql_response_json(tmp_path: Path) -> None:
    # Given an app whose cost budget allows 100 units a minute (in-process: being refused by
    # the budget needs no database), and a query that costs 40
    settings = Settings(
        home=tmp_path, graphql_max_cost=100, graphql_cost_budget=100, graphql_cost_budget_seconds=60
    )
    cost_40 = {"query": "{ licenses(first: 38) { nodes { id } } }"}  # 1 + 1 + 38 x 1
    transport = httpx.ASGITransport(app=create_app(settings))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        # When the third request would overdraw it
        answers = [
            await client.post("/graphql", json=cost_40, headers={"accept": GRAPHQL_RESPONSE})
            for _ in range(3)
        ]

    # Then the request error keeps its 429 (not the 400 of other request errors)
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2].headers["content-type"].startswith(GRAPHQL_RESPONSE)
    assert "data" not in answers[2].json()
    assert answers[2].json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
