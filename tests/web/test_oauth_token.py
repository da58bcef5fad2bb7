"""The token endpoint, rule by rule: PKCE verifiers, codes that expire and work once,
refresh tokens that rotate (a spent one revokes its family), client credentials, and the
grants Licman does not offer. Tokens are opaque, prefixed, stored as hashes, no-store."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from licman.models import AuditEvent, OAuthAuthorizationCode, OAuthToken, Role, User
from licman.security import tokens
from licman.settings import Settings
from tests.oauth_helpers import (
    REDIRECT,
    Client,
    basic,
    code_for,
    exchange,
    pkce,
    register,
    sign_in,
    tokens_for,
)

pytestmark = pytest.mark.usefixtures("db")

ME = {"query": "{ me { email } }"}


@pytest.fixture
async def user(app_http: httpx.AsyncClient, oauth_settings: Settings) -> User:
    user = await User.create(email="ann@example.com", name="Ann", role=Role.MANAGER)
    await sign_in(app_http, user, oauth_settings)
    return user


async def me(http: httpx.AsyncClient, access_token: str) -> httpx.Response:
    return await http.post("/graphql", json=ME, headers={"authorization": f"Bearer {access_token}"})


async def token_post(
    http: httpx.AsyncClient, data: dict[str, str], client: Client | None = None
) -> httpx.Response:
    return await http.post("/oauth/token", data=data, auth=basic(client) if client else None)


def error_of(response: httpx.Response) -> str:
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["pragma"] == "no-cache"
    error: str = response.json()["error"]
    return error


async def test_the_code_flow_gives_opaque_hashed_short_lived_tokens(
    app_http: httpx.AsyncClient, user: User
) -> None:
    client = await register()
    verifier, challenge = pkce()
    response = await exchange(
        app_http, client, await code_for(app_http, client, challenge), verifier
    )
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["pragma"] == "no-cache"
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600
    assert body["scope"] == "licenses:read"
    assert tokens.looks_valid(body["access_token"], "lcm_oat_")
    assert tokens.looks_valid(body["refresh_token"], "lcm_ort_")
    row = await OAuthToken.get()
    assert row.access_token_hash == hashlib.sha256(body["access_token"].encode()).hexdigest()
    stored = str(await OAuthToken.all().values())
    assert body["access_token"] not in stored
    assert body["refresh_token"] not in stored
    assert (row.expires_at - row.issued_at) == timedelta(hours=1)
    assert (row.refresh_expires_at - row.issued_at) == timedelta(days=30)  # type: ignore[operator]
    assert (await me(app_http, body["access_token"])).json() == {
        "data": {"me": {"email": "ann@example.com"}}
    }


async def test_the_access_token_lifetime_is_a_setting(
    db: object, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from licman.app import create_app

    settings = Settings(
        home=tmp_path_factory.mktemp("short"), public_url="http://localhost",
        oauth_access_token_minutes=5, oauth_refresh_token_idle_days=2,
    )  # fmt: skip
    transport = httpx.ASGITransport(app=create_app(settings))
    async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as http:
        await sign_in(http, await User.create(email="b@example.com"), settings)
        body = await tokens_for(http, await register())
    assert body["expires_in"] == 300
    row = await OAuthToken.get()
    assert row.refresh_expires_at - row.issued_at == timedelta(days=2)  # type: ignore[operator]


async def test_a_missing_verifier_is_refused(app_http: httpx.AsyncClient, user: User) -> None:
    client = await register()
    _, challenge = pkce()
    response = await exchange(app_http, client, await code_for(app_http, client, challenge), None)
    assert (response.status_code, error_of(response)) == (400, "invalid_request")
    assert await OAuthToken.all().count() == 0


async def test_a_wrong_verifier_is_refused(app_http: httpx.AsyncClient, user: User) -> None:
    client = await register(confidential=False)
    _, challenge = pkce()
    other, _ = pkce()
    code = await code_for(app_http, client, challenge)
    response = await exchange(app_http, client, code, other, client_id=client.client_id)
    assert (response.status_code, error_of(response)) == (400, "invalid_grant")
    assert await OAuthToken.all().count() == 0


async def _code_without_challenge(client: Client, user: User) -> str:
    """A code stored without a challenge, as none can be issued now: the server must still
    refuse to redeem it, with or without a verifier."""
    code = tokens.new_token(tokens.OAUTH_CODE_PREFIX)
    await OAuthAuthorizationCode.create(
        code_hash=tokens.token_hash(code), client_id=client.pk, user_id=user.id,
        redirect_uri=REDIRECT, scope="licenses:read",
        expires_at=datetime.now(UTC) + timedelta(seconds=60),
    )  # fmt: skip
    return code


async def test_a_verifier_without_a_challenge_is_refused(
    app_http: httpx.AsyncClient, user: User
) -> None:
    client = await register()
    verifier, _ = pkce()
    response = await exchange(
        app_http, client, await _code_without_challenge(client, user), verifier
    )
    assert (response.status_code, error_of(response)) == (400, "invalid_request")
    assert "without a code_challenge" in response.json()["error_description"]
    response = await exchange(app_http, client, await _code_without_challenge(client, user), None)
    assert (response.status_code, error_of(response)) == (400, "invalid_request")
    assert await OAuthToken.all().count() == 0


async def test_an_expired_code_is_refused(app_http: httpx.AsyncClient, user: User) -> None:
    client = await register()
    verifier, challenge = pkce()
    code = await code_for(app_http, client, challenge)
    await OAuthAuthorizationCode.all().update(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    response = await exchange(app_http, client, code, verifier)
    assert (response.status_code, error_of(response)) == (400, "invalid_grant")
    assert await OAuthToken.all().count() == 0


async def test_a_second_redemption_fails_and_revokes_the_first_tokens(
    app_http: httpx.AsyncClient, user: User
) -> None:
    client = await register()
    verifier, challenge = pkce()
    code = await code_for(app_http, client, challenge)
    first = await exchange(app_http, client, code, verifier)
    assert first.status_code == 200
    access = first.json()["access_token"]
    assert (await me(app_http, access)).status_code == 200
    second = await exchange(app_http, client, code, verifier)
    assert (second.status_code, error_of(second)) == (400, "invalid_grant")
    assert (await me(app_http, access)).status_code == 401
    refreshed = await token_post(
        app_http, {"grant_type": "refresh_token", "refresh_token": first.json()["refresh_token"]},
        client,
    )  # fmt: skip
    assert error_of(refreshed) == "invalid_grant"
    replay = await AuditEvent.get(action="oauth.code_replay")
    assert (replay.oauth_client_id, replay.changes["tokens_revoked"]) == (client.client_id, 1)


async def test_a_code_is_bound_to_its_client_and_redirect_uri(
    app_http: httpx.AsyncClient, user: User
) -> None:
    client, other = await register(), await register(name="Other")
    verifier, challenge = pkce()
    code = await code_for(app_http, client, challenge)
    stolen = await exchange(app_http, other, code, verifier)
    assert error_of(stolen) == "invalid_grant"
    moved = await exchange(app_http, client, code, verifier, redirect_uri=REDIRECT + "2")
    assert error_of(moved) == "invalid_grant"
    assert (await exchange(app_http, client, code, verifier)).status_code == 200


async def test_refresh_rotates_and_a_replayed_refresh_token_revokes_the_family(
    app_http: httpx.AsyncClient, user: User
) -> None:
    client = await register()
    first = await tokens_for(app_http, client)
    refresh = {"grant_type": "refresh_token", "refresh_token": first["refresh_token"]}
    second = await token_post(app_http, refresh, client)
    assert second.status_code == 200, second.text
    rotated = second.json()
    assert rotated["refresh_token"] != first["refresh_token"]
    assert rotated["access_token"] != first["access_token"]
    assert (await me(app_http, rotated["access_token"])).status_code == 200

    replayed = await token_post(app_http, refresh, client)  # the spent one, again
    assert (replayed.status_code, error_of(replayed)) == (400, "invalid_grant")
    # The whole family is gone: the new tokens too, and the new refresh token.
    assert (await me(app_http, rotated["access_token"])).status_code == 401
    assert (await me(app_http, first["access_token"])).status_code == 401
    again = {"grant_type": "refresh_token", "refresh_token": rotated["refresh_token"]}
    assert error_of(await token_post(app_http, again, client)) == "invalid_grant"
    event = await AuditEvent.get(action="oauth.refresh_reuse")
    assert event.oauth_client_id == client.client_id
    assert event.changes["tokens_revoked"] == 2


async def test_a_refresh_may_narrow_the_scope_but_never_widen_it(
    app_http: httpx.AsyncClient, user: User
) -> None:
    client = await register(scopes=("licenses:read", "licenses:write"))
    first = await tokens_for(app_http, client, scope="licenses:read")
    wider = await token_post(
        app_http, {"grant_type": "refresh_token", "refresh_token": first["refresh_token"],
                   "scope": "licenses:read licenses:write"}, client,
    )  # fmt: skip
    assert error_of(wider) == "invalid_scope"


async def test_a_refresh_token_expires_after_its_idle_window(
    app_http: httpx.AsyncClient, user: User
) -> None:
    client = await register()
    first = await tokens_for(app_http, client)
    await OAuthToken.all().update(refresh_expires_at=datetime.now(UTC) - timedelta(seconds=1))
    refresh = {"grant_type": "refresh_token", "refresh_token": first["refresh_token"]}
    assert error_of(await token_post(app_http, refresh, client)) == "invalid_grant"


async def test_a_public_client_refreshes_with_its_client_id_alone(
    app_http: httpx.AsyncClient, user: User
) -> None:
    client = await register(confidential=False)
    first = await tokens_for(app_http, client)
    response = await token_post(
        app_http, {"grant_type": "refresh_token", "refresh_token": first["refresh_token"],
                   "client_id": client.client_id},
    )  # fmt: skip
    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    "grant_type",
    ["password", "implicit", "urn:ietf:params:oauth:grant-type:device_code", "token", "x"],
)
async def test_grants_licman_does_not_offer_are_refused(
    app_http: httpx.AsyncClient, grant_type: str
) -> None:
    client = await register(grants=("authorization_code", "client_credentials"))
    data = {"grant_type": grant_type, "username": "ann@example.com", "password": "pw"}
    response = await token_post(app_http, data, client)
    assert (response.status_code, error_of(response)) == (400, "unsupported_grant_type")
    assert await OAuthToken.all().count() == 0
    event = await AuditEvent.get(action="oauth.refuse")
    assert event.changes["error"] == "unsupported_grant_type"
    assert event.oauth_client_id == client.client_id


async def test_client_credentials_gives_a_token_for_the_service_role(
    app_http: httpx.AsyncClient,
) -> None:
    client = await register(
        grants=("client_credentials",), scopes=("licenses:read",), service_role=Role.AUDITOR
    )
    response = await token_post(app_http, {"grant_type": "client_credentials"}, client)
    assert response.status_code == 200, response.text
    body = response.json()
    assert "refresh_token" not in body
    assert body["scope"] == "licenses:read"
    listing = await app_http.post(
        "/graphql", json={"query": "{ licenses(first: 1) { totalCount } }"},
        headers={"authorization": f"Bearer {body['access_token']}"},
    )  # fmt: skip
    assert listing.json() == {"data": {"licenses": {"totalCount": 0}}}
    row = await OAuthToken.get()
    assert row.user_id is None  # type: ignore[attr-defined]
    event = await AuditEvent.get(action="oauth.token")
    assert (event.actor_kind, event.oauth_client_id) == ("oauth_client", client.client_id)


async def test_client_credentials_needs_the_secret(app_http: httpx.AsyncClient) -> None:
    client = await register(grants=("client_credentials",))
    wrong = await app_http.post(
        "/oauth/token", data={"grant_type": "client_credentials"},
        auth=(client.client_id, "lcm_ocs_wrong"),
    )  # fmt: skip
    assert (wrong.status_code, error_of(wrong)) == (401, "invalid_client")
    anonymous = await token_post(
        app_http, {"grant_type": "client_credentials", "client_id": client.client_id}
    )
    assert error_of(anonymous) == "invalid_client"
    assert await OAuthToken.all().count() == 0


async def test_a_client_registered_without_a_grant_cannot_use_it(
    app_http: httpx.AsyncClient,
) -> None:
    client = await register(grants=("authorization_code",))
    response = await token_post(app_http, {"grant_type": "client_credentials"}, client)
    assert (response.status_code, error_of(response)) == (400, "unauthorized_client")


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", '{"grant_type": "client_credentials"}'),
        ("application/x-www-form-urlencoded", "grant_type=client_credentials&grant_type=x"),
        ("application/x-www-form-urlencoded", "grant_type=client_credentials&scope=a%5Cb"),
        ("application/x-www-form-urlencoded", "x=" + "a" * 17_000),
    ],
)
async def test_a_malformed_token_request_is_refused(
    app_http: httpx.AsyncClient, content_type: str, body: str
) -> None:
    client = await register(grants=("client_credentials",))
    response = await app_http.post(
        "/oauth/token", content=body, headers={"content-type": content_type}, auth=basic(client)
    )
    assert (response.status_code, error_of(response)) == (400, "invalid_request")
    assert await OAuthToken.all().count() == 0
    assert await AuditEvent.filter(action="oauth.refuse").count() == 1
