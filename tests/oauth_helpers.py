"""Helpers for OAuth2 tests: clients, PKCE pairs, a signed-in browser and the code flow,
all through the real endpoints (in-process or against a live server)."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from authlib.oauth2.rfc7636 import create_s256_code_challenge

from licman.models import Role, User
from licman.resolvers.oauth_client import ClientSpec, oauth_client_create
from licman.security.principal import Origin, system
from licman.security.sessions import COOKIE_NAME, open_session
from licman.settings import Settings

REDIRECT = "https://app.example.com/callback"
CSRF_RE = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


@dataclass
class Client:
    client_id: str
    secret: str | None
    pk: int


async def register(
    *,
    name: str = "Ticketing",
    grants: tuple[str, ...] = ("authorization_code",),
    scopes: tuple[str, ...] = ("licenses:read",),
    redirect_uris: tuple[str, ...] = (REDIRECT,),
    confidential: bool = True,
    service_role: Role | None = None,
) -> Client:
    spec = ClientSpec.new(
        name, list(grants), list(scopes),
        list(redirect_uris) if "authorization_code" in grants else [], service_role,
    )  # fmt: skip
    secret, row = await oauth_client_create(system(), spec, confidential=confidential)
    return Client(row.client_id, secret, row.id)


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    return verifier, create_s256_code_challenge(verifier)


async def sign_in(http: httpx.AsyncClient, user: User, settings: Settings) -> str:
    """A browser session for the user, as /auth/login would open (without the password)."""
    key, _ = await open_session(user, Origin(ip="127.0.0.1"), settings)
    http.cookies.set(COOKIE_NAME, key)
    return key


def query_of(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def authorize_params(client: Client, challenge: str | None, **extra: str) -> dict[str, str]:
    params = {
        "response_type": "code",
        "client_id": client.client_id,
        "redirect_uri": REDIRECT,
        "scope": "licenses:read",
        "state": "st-123",
    }
    if challenge is not None:
        params |= {"code_challenge": challenge, "code_challenge_method": "S256"}
    params.update(extra)
    return {k: v for k, v in params.items() if v != ""}


async def consent(
    http: httpx.AsyncClient, params: dict[str, str], decision: str = "allow"
) -> httpx.Response:
    """Open the consent page (signed in) and press Allow or Deny."""
    page = await http.get("/oauth/authorize", params=params)
    assert page.status_code == 200, page.text
    csrf = CSRF_RE.search(page.text)
    assert csrf, page.text
    return await http.post(str(page.url), data={"csrf_token": csrf.group(1), "decision": decision})


async def code_for(http: httpx.AsyncClient, client: Client, challenge: str, **extra: str) -> str:
    answer = await consent(http, authorize_params(client, challenge, **extra))
    assert answer.status_code == 303, answer.text
    return query_of(answer.headers["location"])["code"]


async def exchange(
    http: httpx.AsyncClient, client: Client, code: str, verifier: str | None, **extra: str
) -> httpx.Response:
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT}
    if verifier is not None:
        data["code_verifier"] = verifier
    data.update(extra)
    return await http.post("/oauth/token", data=data, auth=basic(client))


def basic(client: Client) -> tuple[str, str] | None:
    return (client.client_id, client.secret) if client.secret else None


async def tokens_for(http: httpx.AsyncClient, client: Client, **extra: str) -> dict[str, Any]:
    """The full code flow for whoever is signed in on `http`: consent, then the token."""
    verifier, challenge = pkce()
    code = await code_for(http, client, challenge, **extra)
    data = {"client_id": client.client_id} if client.secret is None else {}
    response = await exchange(http, client, code, verifier, **data)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body
