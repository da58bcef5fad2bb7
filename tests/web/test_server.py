"""The server over real HTTP (uvicorn in its own process): GraphQL, health, sign-in, tokens."""

from __future__ import annotations

import re
import time

import httpx
import pytest

from tests.live import LiveServer, run_cli

VERSION = {"query": "{ version }"}
ME = {"query": "{ me { email role isActive } }"}


def graphql(
    server: LiveServer, body: dict[str, object], client: httpx.Client | None = None, **kw: object
) -> httpx.Response:
    """POST a GraphQL request; a signed-in client sends its CSRF token as the SPA does."""
    headers = dict(kw.pop("headers", {}) or {})  # type: ignore[call-overload]
    if client is not None and "licman_csrf" in client.cookies:
        headers.setdefault("x-csrf-token", client.cookies["licman_csrf"])
    return (client or httpx).post(  # type: ignore[no-any-return]
        f"{server.url}/graphql", json=body, timeout=10, headers=headers, **kw
    )


def sign_in(server: LiveServer, client: httpx.Client) -> httpx.Response:
    return client.post(
        f"{server.url}/auth/login",
        json={"email": server.admin_email, "password": server.admin_password},
    )


def test_version_answers_anonymously(live_server: LiveServer) -> None:
    response = graphql(live_server, VERSION)
    assert response.status_code == 200
    assert response.json() == {"data": {"version": "0.1.0"}}


def test_every_response_has_its_own_request_id(live_server: LiveServer) -> None:
    first = httpx.get(f"{live_server.url}/healthz")
    second = graphql(live_server, VERSION)
    ids = [r.headers["x-request-id"] for r in (first, second)]
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)
    assert ids[0] != ids[1]
    # ... and the structured log line for the request carries the same id. The line is
    # written just after the response is sent, so give the server a moment.
    deadline = time.monotonic() + 5
    while f"request_id={ids[1]}" not in live_server.log() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert f"request_id={ids[1]}" in live_server.log()


def test_health_and_readiness(live_server: LiveServer) -> None:
    assert httpx.get(f"{live_server.url}/healthz").json() == {"status": "ok"}
    ready = httpx.get(f"{live_server.url}/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "database": "ok"}


def test_me_is_refused_to_anonymous_callers(live_server: LiveServer) -> None:
    body = graphql(live_server, ME).json()
    assert body["data"] == {"me": None}
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_sign_in_sets_a_protected_cookie_and_me_answers(live_server: LiveServer) -> None:
    with httpx.Client() as client:
        response = sign_in(live_server, client)
        assert response.status_code == 200
        assert response.json()["user"]["email"] == live_server.admin_email
        cookie = response.headers["set-cookie"]
        assert cookie.startswith("licman_session=")
        assert "HttpOnly" in cookie
        assert "SameSite=lax" in cookie or "SameSite=Lax" in cookie
        assert "Secure" not in cookie  # plain http on loopback in development
        me = graphql(live_server, ME, client).json()
    assert me == {
        "data": {"me": {"email": live_server.admin_email, "role": "ADMIN", "isActive": True}}
    }


def test_logout_ends_the_session_on_the_server(live_server: LiveServer) -> None:
    with httpx.Client() as client:
        sign_in(live_server, client)
        stolen = dict(client.cookies)
        logout = client.post(
            f"{live_server.url}/auth/logout",
            headers={"x-csrf-token": client.cookies["licman_csrf"]},
        )
        assert logout.status_code == 204
    # Replaying the old cookie after logout no longer works.
    with httpx.Client(cookies=stolen) as replay:
        body = graphql(live_server, ME, replay).json()
    assert body["data"] == {"me": None}


@pytest.mark.parametrize(
    ("email", "password"),
    [("admin@licman.local", "wrong password!"), ("nobody@example.com", "wrong password!")],
)
def test_bad_credentials_get_the_same_answer(
    live_server: LiveServer, email: str, password: str
) -> None:
    response = httpx.post(
        f"{live_server.url}/auth/login", json={"email": email, "password": password}
    )
    assert response.status_code == 401
    assert response.json() == {
        "error": {"code": "UNAUTHENTICATED", "message": "The e-mail or password is not right."}
    }
    assert "set-cookie" not in response.headers


def test_login_names_the_missing_field(live_server: LiveServer) -> None:
    response = httpx.post(f"{live_server.url}/auth/login", json={"email": "a@b.c"})
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "password"
    form = httpx.post(f"{live_server.url}/auth/login", data={"email": "a", "password": "b"})
    assert form.status_code == 415


def test_api_token_works_as_bearer_and_a_bad_one_is_refused(live_server: LiveServer) -> None:
    created = run_cli(
        live_server.home,
        "token",
        "create",
        "--user",
        live_server.admin_email,
        database_url=live_server.database_url,
    )
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    good = graphql(live_server, ME, headers={"authorization": f"Bearer {token}"})
    assert good.json()["data"]["me"]["email"] == live_server.admin_email
    forged = token[:-1] + ("A" if token[-1] != "A" else "B")
    bad = graphql(live_server, ME, headers={"authorization": f"Bearer {forged}"})
    assert bad.status_code == 401
    assert bad.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    # The token never reaches the server's log.
    assert token not in live_server.log()


def test_browsers_asking_for_graphql_are_sent_to_the_bundled_explorer(
    live_server: LiveServer,
) -> None:
    page = httpx.get(f"{live_server.url}/graphql", headers={"accept": "text/html"})
    assert page.status_code == 302
    assert page.headers["location"] == "/explorer"


def test_queries_over_get_are_off_by_default(live_server: LiveServer) -> None:
    response = httpx.get(
        f"{live_server.url}/graphql",
        params={"query": "{ version }"},
        headers={"accept": "application/json"},
    )
    assert response.status_code in {400, 405}
    assert "version" not in response.text or "data" not in response.json()


def test_passwords_never_reach_the_log(live_server: LiveServer) -> None:
    with httpx.Client() as client:
        sign_in(live_server, client)
    assert live_server.admin_password not in live_server.log()
