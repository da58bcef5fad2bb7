"""A real third-party client (Authlib's OAuth2Client) against a real uvicorn server: the whole
authorization code + PKCE flow with scripted consent, GraphQL with the token, refresh,
revocation; client credentials for a CI script; and 50 concurrent redemptions of one code."""

from __future__ import annotations

import asyncio
import json
import re
import secrets
import time
import warnings
from collections.abc import Iterator

import httpx
import pytest
from authlib.deprecate import AuthlibDeprecationWarning

from licman.security.authn import TOKEN_CACHE_SECONDS

with warnings.catch_warnings():
    # Authlib 1.9 would rather run its httpx client on the `httpx2` fork; with plain httpx
    # (what Licman uses) it works the same and says so once, at import.
    warnings.simplefilter("ignore", AuthlibDeprecationWarning)
    from authlib.integrations.httpx_client import OAuth2Client

from tests.live import LiveServer, run_cli
from tests.oauth_helpers import query_of

CSRF_RE = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')
QUERY = {"query": "{ me { email } licenses(first: 1) { totalCount } }"}


def create_client(server: LiveServer, *args: str) -> dict[str, str]:
    result = run_cli(
        server.home, "oauth", "client", "create", *args, database_url=server.database_url
    )
    assert result.returncode == 0, result.stderr
    created: dict[str, str] = json.loads(result.stdout)
    return created


@pytest.fixture
def clients() -> Iterator[list[OAuth2Client]]:
    """Authlib's clients are httpx clients: closed after each test, sockets and all."""
    made: list[OAuth2Client] = []
    yield made
    for client in made:
        client.close()


@pytest.fixture
def browser(live_server: LiveServer) -> Iterator[httpx.Client]:
    """The user's browser, signed in to Licman."""
    with httpx.Client(base_url=live_server.url, timeout=10) as client:
        response = client.post(
            "/auth/login",
            json={"email": live_server.admin_email, "password": live_server.admin_password},
        )
        assert response.status_code == 200, response.text
        yield client


def consent(browser: httpx.Client, authorization_url: str) -> str:
    """What the user does in the browser: open the page, press Allow. Returns where the
    browser is sent back to."""
    page = browser.get(authorization_url)
    assert page.status_code == 200, page.text
    assert "Allow" in page.text
    match = CSRF_RE.search(page.text)
    assert match
    answer = browser.post(
        authorization_url, data={"csrf_token": match.group(1), "decision": "allow"}
    )
    assert answer.status_code == 303, answer.text
    return answer.headers["location"]


def test_a_third_party_client_goes_through_the_whole_code_flow(
    live_server: LiveServer, browser: httpx.Client, clients: list[OAuth2Client]
) -> None:
    url = live_server.url
    metadata = httpx.get(f"{url}/.well-known/oauth-authorization-server").json()
    assert metadata["issuer"] == url
    registered = create_client(
        live_server, "--name", "Desktop tool", "--public", "--grant", "authorization_code",
        "--redirect-uri", "http://127.0.0.1/callback", "--scope", "licenses:read",
    )  # fmt: skip
    assert "client_secret" not in registered
    # A native app listens on whatever port is free: the loopback exception of RFC 8252.
    redirect_uri = "http://127.0.0.1:48213/callback"
    app = OAuth2Client(
        client_id=registered["client_id"], token_endpoint_auth_method="none",
        redirect_uri=redirect_uri, scope="licenses:read", code_challenge_method="S256",
    )  # fmt: skip
    clients.append(app)
    verifier = secrets.token_urlsafe(48)
    authorization_url, state = app.create_authorization_url(
        metadata["authorization_endpoint"], code_verifier=verifier
    )

    back = consent(browser, authorization_url)
    assert back.startswith(redirect_uri + "?")
    answer = query_of(back)
    assert answer["iss"] == metadata["issuer"]  # RFC 9207: the client checks who answered
    assert answer["state"] == state

    token = app.fetch_token(
        metadata["token_endpoint"], authorization_response=back, code_verifier=verifier
    )
    assert token["access_token"].startswith("lcm_oat_")
    assert token["scope"] == "licenses:read"
    body = app.post(f"{url}/graphql", json=QUERY).json()
    assert body == {"data": {"me": {"email": live_server.admin_email},
                             "licenses": {"totalCount": 0}}}  # fmt: skip
    denied = app.post(
        f"{url}/graphql", json={"query": "{ auditEvents(first: 1) { totalCount } }"}
    ).json()
    assert denied["errors"][0]["extensions"] == {"code": "FORBIDDEN", "scope": "audit:read"}

    old = dict(token)
    new = app.refresh_token(metadata["token_endpoint"])
    assert new["refresh_token"] != old["refresh_token"]
    assert app.post(f"{url}/graphql", json=QUERY).status_code == 200

    # The spent refresh token, replayed (say, by a thief): the whole family ends.
    replay = httpx.post(metadata["token_endpoint"], data={
        "grant_type": "refresh_token", "refresh_token": old["refresh_token"],
        "client_id": registered["client_id"]})  # fmt: skip
    assert replay.json()["error"] == "invalid_grant"
    assert app.post(f"{url}/graphql", json=QUERY).status_code == 401

    # A fresh authorization, then the app signs out: revocation ends it at once.
    verifier = secrets.token_urlsafe(48)
    authorization_url, _ = app.create_authorization_url(
        metadata["authorization_endpoint"], code_verifier=verifier
    )
    back = consent(browser, authorization_url)
    app.fetch_token(metadata["token_endpoint"], authorization_response=back, code_verifier=verifier)
    assert app.post(f"{url}/graphql", json=QUERY).status_code == 200
    revoked = app.revoke_token(
        metadata["revocation_endpoint"], token=app.token["refresh_token"],
        token_type_hint="refresh_token",
    )  # fmt: skip
    assert revoked.status_code == 200
    assert app.post(f"{url}/graphql", json=QUERY).status_code == 401

    log = live_server.log()
    for secret in (old["access_token"], old["refresh_token"], new["access_token"], verifier):
        assert secret not in log


def test_a_ci_script_uses_client_credentials(
    live_server: LiveServer, clients: list[OAuth2Client]
) -> None:
    registered = create_client(
        live_server, "--name", "CI", "--grant", "client_credentials",
        "--scope", "licenses:read", "--role", "auditor",
    )  # fmt: skip
    assert registered["client_secret"].startswith("lcm_ocs_")
    assert registered["service_role"] == "auditor"
    script = OAuth2Client(
        client_id=registered["client_id"], client_secret=registered["client_secret"],
        token_endpoint_auth_method="client_secret_basic",
    )  # fmt: skip
    clients.append(script)
    token = script.fetch_token(f"{live_server.url}/oauth/token", grant_type="client_credentials")
    assert "refresh_token" not in token
    body = script.post(
        f"{live_server.url}/graphql", json={"query": "{ licenses(first: 1) { totalCount } }"}
    ).json()
    assert body == {"data": {"licenses": {"totalCount": 0}}}
    introspected = httpx.post(
        f"{live_server.url}/oauth/introspect", data={"token": token["access_token"]},
        auth=(registered["client_id"], registered["client_secret"]),
    ).json()  # fmt: skip
    assert introspected["active"] is True
    assert introspected["sub"] == f"client:{registered['client_id']}"
    result = run_cli(live_server.home, "oauth", "client", "disable", registered["client_id"],
                     database_url=live_server.database_url)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["disabled"] is True
    # The CLI is another process: the server's token cache sees the change within
    # TOKEN_CACHE_SECONDS (a change made through the server itself is seen at once).
    deadline = time.monotonic() + TOKEN_CACHE_SECONDS + 2
    status = script.post(f"{live_server.url}/graphql", json={"query": "{ version }"}).status_code
    while status != 401 and time.monotonic() < deadline:
        time.sleep(0.1)
        status = script.post(
            f"{live_server.url}/graphql", json={"query": "{ version }"}
        ).status_code
    assert status == 401


def test_of_50_concurrent_redemptions_of_one_code_exactly_one_succeeds(
    live_server: LiveServer, browser: httpx.Client, clients: list[OAuth2Client]
) -> None:
    registered = create_client(
        live_server, "--name", "Racer", "--grant", "authorization_code",
        "--redirect-uri", "https://racer.example/cb", "--scope", "licenses:read",
    )  # fmt: skip
    auth = (registered["client_id"], registered["client_secret"])
    app = OAuth2Client(
        client_id=auth[0], redirect_uri="https://racer.example/cb", scope="licenses:read",
        code_challenge_method="S256",
    )  # fmt: skip
    clients.append(app)
    verifier = secrets.token_urlsafe(48)
    authorization_url, _ = app.create_authorization_url(
        f"{live_server.url}/oauth/authorize", code_verifier=verifier
    )
    code = query_of(consent(browser, authorization_url))["code"]
    form = {"grant_type": "authorization_code", "code": code, "code_verifier": verifier,
            "redirect_uri": "https://racer.example/cb"}  # fmt: skip

    async def race() -> list[httpx.Response]:
        limits = httpx.Limits(max_connections=50)
        async with httpx.AsyncClient(timeout=60, limits=limits) as http:
            return await asyncio.gather(*[
                http.post(f"{live_server.url}/oauth/token", data=form, auth=auth)
                for _ in range(50)
            ])  # fmt: skip

    responses = asyncio.run(race())
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] + [400] * 49, statuses
    assert {r.json()["error"] for r in responses if r.status_code == 400} == {"invalid_grant"}
    [winner] = [r.json() for r in responses if r.status_code == 200]
    # The other 49 were redemptions of a used code: the winner's tokens are revoked too.
    introspected = httpx.post(
        f"{live_server.url}/oauth/introspect", data={"token": winner["access_token"]}, auth=auth
    ).json()
    assert introspected == {"active": False}
