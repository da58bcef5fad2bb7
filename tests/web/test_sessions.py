"""Browser sessions and API tokens against a real server: a fresh random cookie per sign-in,
its flags (Secure in production), and a token revoked over GraphQL failing at once."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import httpx
import pytest

from tests.live import LiveServer

ME = {"query": "{ me { email } }"}
TOKEN_CREATE = {
    "query": 'mutation { apiTokenCreate(input: {name: "deploy"}) { token apiToken { id } } }'
}
TOKEN_REVOKE = (
    "mutation($id: ID!) { apiTokenRevoke(input: {id: $id}) { revokedId errors { code } } }"
)
# secrets.token_urlsafe(32): 256 random bits in 43 URL-safe characters.
SESSION_KEY = re.compile(r"[A-Za-z0-9_-]{43}")


@pytest.fixture(scope="module")
def production_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A second server, on SQLite, configured for production through its home's .env."""
    home: Path = tmp_path_factory.mktemp("live-production")
    (home / ".env").write_text("LICMAN_ENVIRONMENT=production\n", encoding="utf-8")
    server = LiveServer.start(home, f"sqlite://{home / 'licman.sqlite3'}")
    try:
        yield server
    finally:
        server.stop()


def sign_in(server: LiveServer, client: httpx.Client) -> httpx.Response:
    response = client.post(
        f"{server.url}/auth/login",
        json={"email": server.admin_email, "password": server.admin_password},
    )
    assert response.status_code == 200, response.text
    return response


def cookie_attributes(response: httpx.Response, name: str) -> tuple[str, set[str]]:
    """The value and the lower-cased attributes of the Set-Cookie header for `name`."""
    for header in response.headers.get_list("set-cookie"):
        first, *attributes = [part.strip() for part in header.split(";")]
        cookie, _, value = first.partition("=")
        if cookie == name:
            return value, {a.lower() for a in attributes}
    raise AssertionError(f"no {name} cookie set")


def graphql(
    server: LiveServer, client: httpx.Client, body: Mapping[str, object], **headers: str
) -> httpx.Response:
    if "licman_csrf" in client.cookies and "authorization" not in headers:
        headers["x-csrf-token"] = client.cookies["licman_csrf"]
    return client.post(f"{server.url}/graphql", json=dict(body), headers=headers)


def test_every_sign_in_gets_a_new_random_session_cookie(live_server: LiveServer) -> None:
    # Given a browser carrying a session id an attacker planted
    with httpx.Client(timeout=10) as first, httpx.Client(timeout=10) as second:
        first.cookies.set("licman_session", "planted-by-an-attacker", domain="127.0.0.1")

        # When it signs in twice, and another browser once
        values = [
            cookie_attributes(sign_in(live_server, first), "licman_session")[0],
            cookie_attributes(sign_in(live_server, first), "licman_session")[0],
            cookie_attributes(sign_in(live_server, second), "licman_session")[0],
        ]

        # Then each sign-in got its own 256-bit random value, none of them the planted one
        assert len(set(values)) == 3
        assert all(SESSION_KEY.fullmatch(v) for v in values), values
        assert "planted-by-an-attacker" not in values
        assert first.cookies["licman_session"] == values[1]
        assert graphql(live_server, first, ME).json()["data"]["me"]["email"] == (
            live_server.admin_email
        )


def test_the_cookies_are_httponly_and_samesite_lax(live_server: LiveServer) -> None:
    with httpx.Client(timeout=10) as client:
        response = sign_in(live_server, client)

    _, session = cookie_attributes(response, "licman_session")
    csrf, csrf_attributes = cookie_attributes(response, "licman_csrf")
    assert {"httponly", "samesite=lax", "path=/", "max-age=43200"} <= session
    assert "secure" not in session  # plain http on loopback, in development
    # The page's JavaScript must read the CSRF token, so that cookie is not HttpOnly.
    assert "samesite=lax" in csrf_attributes
    assert "httponly" not in csrf_attributes
    assert csrf == response.json()["csrfToken"]


def test_in_production_the_cookies_are_secure(production_server: LiveServer) -> None:
    with httpx.Client(timeout=10) as client:
        response = sign_in(production_server, client)

    _, session = cookie_attributes(response, "licman_session")
    _, csrf = cookie_attributes(response, "licman_csrf")
    assert {"secure", "httponly", "samesite=lax"} <= session
    assert "secure" in csrf


def test_a_token_revoked_over_graphql_fails_on_the_next_request(
    live_server: LiveServer,
) -> None:
    with httpx.Client(timeout=10) as browser, httpx.Client(timeout=10) as script:
        # Given a token made in the browser, working for a script
        sign_in(live_server, browser)
        created = graphql(live_server, browser, TOKEN_CREATE).json()["data"]["apiTokenCreate"]
        bearer = {"authorization": f"Bearer {created['token']}"}
        assert graphql(live_server, script, ME, **bearer).json()["data"]["me"]["email"] == (
            live_server.admin_email
        )

        # When the browser revokes it
        revoked = graphql(
            live_server,
            browser,
            {"query": TOKEN_REVOKE, "variables": {"id": created["apiToken"]["id"]}},
        ).json()["data"]["apiTokenRevoke"]

        # Then the script's very next request is refused
        assert revoked == {"revokedId": created["apiToken"]["id"], "errors": []}
        refused = graphql(live_server, script, ME, **bearer)
        assert refused.status_code == 401
        assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert refused.headers["www-authenticate"].startswith("Bearer")
