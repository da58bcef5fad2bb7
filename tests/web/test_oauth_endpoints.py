"""Revocation (RFC 7009), introspection (RFC 7662) and the server metadata (RFC 8414)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from authlib.oauth2 import rfc8414, rfc9207

from licman.models import AuditEvent, Role, User
from licman.settings import Settings
from tests.oauth_helpers import Client, basic, register, sign_in, tokens_for

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture
async def user(app_http: httpx.AsyncClient, oauth_settings: Settings) -> User:
    user = await User.create(email="ann@example.com", name="Ann", role=Role.MEMBER)
    await sign_in(app_http, user, oauth_settings)
    return user


async def introspect(
    http: httpx.AsyncClient, client: Client, token: str, **extra: str
) -> dict[str, Any]:
    response = await http.post(
        "/oauth/introspect", data={"token": token, **extra}, auth=basic(client)
    )
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    body: dict[str, Any] = response.json()
    return body


async def test_introspection_describes_a_live_token(
    app_http: httpx.AsyncClient, user: User
) -> None:
    client = await register()
    body = await tokens_for(app_http, client)
    info = await introspect(app_http, client, body["access_token"])
    assert info["active"] is True
    assert info["client_id"] == client.client_id
    assert info["scope"] == "licenses:read"
    assert info["username"] == "ann@example.com"
    assert info["token_type"] == "Bearer"
    assert info["iss"] == "http://localhost"
    assert info["exp"] - info["iat"] == 3600
    refresh = await introspect(app_http, client, body["refresh_token"])
    assert refresh["active"] is True
    assert refresh["token_type"] == "refresh_token"


async def test_introspection_without_client_authentication_is_401(
    app_http: httpx.AsyncClient, user: User
) -> None:
    client = await register()
    token = (await tokens_for(app_http, client))["access_token"]
    for auth, data in (
        (None, {"token": token}),
        (None, {"token": token, "client_id": client.client_id}),
        ((client.client_id, "lcm_ocs_wrong"), {"token": token}),
    ):
        response = await app_http.post("/oauth/introspect", data=data, auth=auth)
        assert response.status_code == 401, response.text
        assert response.json()["error"] == "invalid_client"
        assert "active" not in response.json()
    # A public client has no secret, so it cannot introspect at all.
    public = await register(name="Public", confidential=False)
    response = await app_http.post(
        "/oauth/introspect", data={"token": token, "client_id": public.client_id}
    )
    assert response.status_code == 401


async def test_a_client_learns_nothing_about_another_clients_token(
    app_http: httpx.AsyncClient, user: User
) -> None:
    mine, theirs = await register(), await register(name="Other")
    token = (await tokens_for(app_http, theirs))["access_token"]
    assert await introspect(app_http, mine, token) == {"active": False}


async def test_an_unknown_token_is_inactive(app_http: httpx.AsyncClient) -> None:
    client = await register()
    for token in ("nonsense", "lcm_oat_" + "A" * 49, "lcm_pat_whatever"):
        assert await introspect(app_http, client, token) == {"active": False}


async def test_revocation_answers_200_for_unknown_tokens(app_http: httpx.AsyncClient) -> None:
    client = await register()
    for token in ("nonsense", "lcm_oat_" + "A" * 49):
        response = await app_http.post("/oauth/revoke", data={"token": token}, auth=basic(client))
        assert response.status_code == 200, response.text
        assert response.headers["cache-control"] == "no-store"
    assert await AuditEvent.filter(action="oauth.revoke").count() == 0


@pytest.mark.parametrize("which", ["access_token", "refresh_token"])
async def test_a_revoked_token_is_inactive_at_the_very_next_request(
    app_http: httpx.AsyncClient, user: User, which: str
) -> None:
    client = await register()
    body = await tokens_for(app_http, client)
    response = await app_http.post(
        "/oauth/revoke", data={"token": body[which], "token_type_hint": which}, auth=basic(client)
    )
    assert response.status_code == 200, response.text
    # Revoking either token ends the whole authorization.
    assert await introspect(app_http, client, body["access_token"]) == {"active": False}
    assert await introspect(app_http, client, body["refresh_token"]) == {"active": False}
    graphql = await app_http.post(
        "/graphql", json={"query": "{ me { email } }"},
        headers={"authorization": f"Bearer {body['access_token']}"},
    )  # fmt: skip
    assert graphql.status_code == 401
    event = await AuditEvent.get(action="oauth.revoke")
    assert (event.oauth_client_id, event.actor_user_id) == (client.client_id, user.id)


async def test_a_public_client_revokes_its_own_tokens(
    app_http: httpx.AsyncClient, user: User
) -> None:
    client = await register(confidential=False)
    body = await tokens_for(app_http, client)
    response = await app_http.post(
        "/oauth/revoke", data={"token": body["refresh_token"], "client_id": client.client_id}
    )
    assert response.status_code == 200
    refresh = await app_http.post(
        "/oauth/token", data={"grant_type": "refresh_token", "client_id": client.client_id,
                              "refresh_token": body["refresh_token"]},
    )  # fmt: skip
    assert refresh.json()["error"] == "invalid_grant"


async def test_a_client_cannot_revoke_another_clients_token(
    app_http: httpx.AsyncClient, user: User
) -> None:
    mine, theirs = await register(), await register(name="Other")
    body = await tokens_for(app_http, theirs)
    response = await app_http.post(
        "/oauth/revoke", data={"token": body["access_token"]}, auth=basic(mine)
    )
    assert response.status_code == 400
    assert (await introspect(app_http, theirs, body["access_token"]))["active"] is True


async def test_the_metadata_names_the_exact_issuer_and_what_is_supported(
    app_http: httpx.AsyncClient,
) -> None:
    response = await app_http.get("/.well-known/oauth-authorization-server")
    assert response.status_code == 200
    data = response.json()
    assert data["issuer"] == "http://localhost"
    assert data["authorization_endpoint"] == "http://localhost/oauth/authorize"
    assert data["token_endpoint"] == "http://localhost/oauth/token"
    assert data["revocation_endpoint"] == "http://localhost/oauth/revoke"
    assert data["introspection_endpoint"] == "http://localhost/oauth/introspect"
    assert data["code_challenge_methods_supported"] == ["S256"]
    assert data["response_types_supported"] == ["code"]
    assert set(data["grant_types_supported"]) == {
        "authorization_code", "refresh_token", "client_credentials"
    }  # fmt: skip
    assert "implicit" not in str(data)
    assert "password" not in data["grant_types_supported"]
    assert data["authorization_response_iss_parameter_supported"] is True
    assert "licenses:read" in data["scopes_supported"]
    metadata = rfc8414.AuthorizationServerMetadata(data)
    metadata.validate(metadata_classes=[rfc9207.AuthorizationServerMetadata])


async def test_the_issuer_comes_from_settings_not_the_host_header(
    app_http: httpx.AsyncClient,
) -> None:
    response = await app_http.get(
        "/.well-known/oauth-authorization-server", headers={"host": "evil.example"}
    )
    assert response.json()["issuer"] == "http://localhost"
    assert "evil" not in response.text
