"""Defences at the HTTP edge, against a real server: CSRF for cookie sessions, sign-in
throttling, and the request-size limit. Each refusal leaves the database unchanged."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from tests.live import LiveServer

CREATE_TAG = {"query": 'mutation { tagCreate(input: {name: "csrf-probe"}) { tag { id } } }'}
COUNT_TAGS = {"query": "{ tags { name } }"}


@contextmanager
def signed_in_client(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=10) as client:
        response = client.post(
            "/auth/login", json={"email": server.admin_email, "password": server.admin_password}
        )
        assert response.status_code == 200, response.text
        assert response.json()["csrfToken"] == client.cookies["licman_csrf"]
        yield client


def tag_names(client: httpx.Client) -> list[str]:
    body = client.post(
        "/graphql", json=COUNT_TAGS, headers={"x-csrf-token": client.cookies["licman_csrf"]}
    ).json()
    return [t["name"] for t in body["data"]["tags"]]


def test_cookie_request_with_the_token_is_accepted(live_server: LiveServer) -> None:
    with signed_in_client(live_server) as client:
        response = client.post(
            "/graphql", json=CREATE_TAG, headers={"x-csrf-token": client.cookies["licman_csrf"]}
        )
        assert response.status_code == 200
        assert "csrf-probe" in tag_names(client)
        client.post(
            "/graphql",
            json={
                "query": "mutation($id: ID!) { tagDelete(input: {id: $id}) { deletedId } }",
                "variables": {"id": response.json()["data"]["tagCreate"]["tag"]["id"]},
            },
            headers={"x-csrf-token": client.cookies["licman_csrf"]},
        )


@pytest.mark.parametrize(
    ("how", "kwargs"),
    [
        ("missing token", {"json": CREATE_TAG}),
        ("wrong token", {"json": CREATE_TAG, "headers": {"x-csrf-token": "0" * 64}}),
        ("text/plain", {"content": json.dumps(CREATE_TAG),
                        "headers": {"content-type": "text/plain"}}),
        ("form-encoded", {"data": {"query": CREATE_TAG["query"]}}),
        ("foreign origin", {"json": CREATE_TAG, "headers": {"origin": "https://evil.example"}}),
    ],
)  # fmt: skip
def test_forged_cookie_requests_are_refused_and_change_nothing(
    live_server: LiveServer, how: str, kwargs: dict[str, object]
) -> None:
    kwargs = dict(kwargs)  # the parameter dict is shared by every backend's run
    with signed_in_client(live_server) as client:
        headers = dict(kwargs.pop("headers", {}))  # type: ignore[call-overload]
        if how in {"foreign origin", "text/plain", "form-encoded"}:
            headers.setdefault("x-csrf-token", client.cookies["licman_csrf"])
        response = client.post("/graphql", headers=headers, **kwargs)  # type: ignore[arg-type]
        assert response.status_code == 403, (how, response.text)
        assert response.json()["errors"][0]["extensions"]["code"] == "CSRF_FAILED"
        assert "csrf-probe" not in tag_names(client)


def test_mutation_over_get_is_refused(live_server: LiveServer) -> None:
    with signed_in_client(live_server) as client:
        response = client.get(
            "/graphql",
            params={"query": CREATE_TAG["query"]},
            headers={"x-csrf-token": client.cookies["licman_csrf"], "accept": "application/json"},
        )
        assert response.status_code in {403, 405}
        assert "csrf-probe" not in tag_names(client)


def test_an_oversized_body_gets_413_quickly(live_server: LiveServer) -> None:
    padding = " " * (300 * 1024)
    started = time.monotonic()
    response = httpx.post(
        f"{live_server.url}/graphql", json={"query": "{ version }" + padding}, timeout=10
    )
    assert response.status_code == 413
    assert "256 KB" in response.json()["errors"][0]["message"]
    assert time.monotonic() - started < 2


def test_the_eleventh_wrong_password_gets_429(live_server: LiveServer) -> None:
    email = "throttle-probe@example.com"  # need not exist: the answer must not tell
    statuses = [
        httpx.post(
            f"{live_server.url}/auth/login", json={"email": email, "password": "wrong-password-1"}
        ).status_code
        for _ in range(11)
    ]
    assert statuses == [401] * 10 + [429]
    blocked = httpx.post(
        f"{live_server.url}/auth/login", json={"email": email, "password": "wrong-password-1"}
    )
    assert blocked.status_code == 429
    assert 0 < int(blocked.headers["retry-after"]) <= 15 * 60
    # Another account from the same address is not locked out by it.
    other = httpx.post(
        f"{live_server.url}/auth/login",
        json={"email": live_server.admin_email, "password": live_server.admin_password},
    )
    assert other.status_code == 200
