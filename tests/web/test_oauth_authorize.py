"""The authorization endpoint, rule by rule (RFC 6749, 7636, 9207, 9700): PKCE with S256 for
every client, exact redirect URIs and no open redirect, consent with CSRF protection, the
issuer in every answer, and a page that cannot be framed."""

from __future__ import annotations

import httpx
import pytest

from licman.models import AuditEvent, OAuthAuthorizationCode, Role, User
from licman.settings import Settings
from tests.oauth_helpers import (
    REDIRECT,
    authorize_params,
    consent,
    pkce,
    query_of,
    register,
    sign_in,
)

pytestmark = pytest.mark.usefixtures("db")

ISSUER = "http://localhost"


@pytest.fixture
async def signed_in(app_http: httpx.AsyncClient, oauth_settings: Settings) -> User:
    user = await User.create(email="ann@example.com", name="Ann", role=Role.MEMBER)
    await sign_in(app_http, user, oauth_settings)
    return user


async def _refused_to_client(
    app_http: httpx.AsyncClient, params: dict[str, str], error: str
) -> dict[str, str]:
    """The error goes back to the (verified) redirect URI, with state and iss."""
    response = await app_http.get("/oauth/authorize", params=params)
    assert response.status_code == 302, response.text
    location = response.headers["location"]
    assert location.startswith(REDIRECT + "?")
    answer = query_of(location)
    assert answer["error"] == error
    assert answer["state"] == "st-123"
    assert answer["iss"] == ISSUER
    assert "code" not in answer
    assert await OAuthAuthorizationCode.all().count() == 0
    return answer


async def test_a_request_without_a_code_challenge_is_refused(
    app_http: httpx.AsyncClient, signed_in: User
) -> None:
    client = await register()
    answer = await _refused_to_client(app_http, authorize_params(client, None), "invalid_request")
    assert "PKCE is required" in answer["error_description"]


@pytest.mark.parametrize("method", ["plain", "", "s256", "S512"])
async def test_a_challenge_method_other_than_s256_is_refused(
    app_http: httpx.AsyncClient, signed_in: User, method: str
) -> None:
    # A missing method would mean "plain" (RFC 7636 4.3), so it is refused too.
    client = await register(confidential=False)
    _, challenge = pkce()
    params = authorize_params(client, challenge, code_challenge_method=method)
    answer = await _refused_to_client(app_http, params, "invalid_request")
    assert "S256" in answer["error_description"]


async def test_public_and_confidential_clients_alike_need_pkce(
    app_http: httpx.AsyncClient, signed_in: User
) -> None:
    for confidential in (True, False):
        client = await register(name=f"c{confidential}", confidential=confidential)
        await _refused_to_client(app_http, authorize_params(client, None), "invalid_request")


# Each differs from the registered https://app.example.com/callback in one way an attacker
# might try; none may receive a redirect, not even an error one.
MUTATED_REDIRECT_URIS = [
    "https://app.example.com/callback/",
    "https://app.example.com/Callback",
    "https://app.example.com/callback?next=https://evil.example",
    "https://app.example.com/callback#frag",
    "http://app.example.com/callback",
    "https://app.example.com:8443/callback",
    "https://APP.example.com/callback",
    "https://evil.app.example.com/callback",
    "https://app.example.com.evil.example/callback",
    "https://app.example.com@evil.example/callback",
    "https://evil.example/callback",
    "https://app.example.com/callback/../evil",
    "https://app.example.com/callback%2F..%2Fevil",
    "https://app.example.com/callbackx",
    "https://app.example.com//callback",
    "//evil.example/callback",
    "javascript:alert(1)//app.example.com/callback",
    "https://app.example.com\\@evil.example/callback",
    "https://app.example.com/callback ",
    "https://app.example.co/callback",
    "app.example.com/callback",
    "https://app.example.com/callback?",
]


@pytest.mark.parametrize("redirect_uri", MUTATED_REDIRECT_URIS)
async def test_a_mutated_redirect_uri_gets_no_redirect(
    app_http: httpx.AsyncClient, signed_in: User, redirect_uri: str
) -> None:
    client = await register()
    _, challenge = pkce()
    for extra in ({}, {"scope": "admin"}, {"code_challenge_method": "plain"}):
        # Valid otherwise, or also wrong in a way that would be reported by redirect.
        params = authorize_params(client, challenge, redirect_uri=redirect_uri, **extra)
        response = await app_http.get("/oauth/authorize", params=params)
        assert response.status_code == 400, (redirect_uri, response.status_code)
        assert "location" not in response.headers
        assert "This sign-in link does not work" in response.text
    assert await OAuthAuthorizationCode.all().count() == 0
    refusals = await AuditEvent.filter(action="oauth.refuse").values_list("changes", flat=True)
    assert len(refusals) == 3
    assert all(r["endpoint"] == "authorize" for r in refusals)  # type: ignore[index]


async def test_mutated_redirect_uris_number_at_least_twenty() -> None:
    assert len(set(MUTATED_REDIRECT_URIS)) >= 20


async def test_an_unknown_client_gets_a_page_not_a_redirect(
    app_http: httpx.AsyncClient, signed_in: User
) -> None:
    _, challenge = pkce()
    params = authorize_params(await register(), challenge, client_id="lcm_oci_nosuchclient")
    response = await app_http.get("/oauth/authorize", params=params)
    assert response.status_code == 400
    assert "location" not in response.headers
    event = await AuditEvent.get(action="oauth.refuse")
    assert event.changes["claimed_client_id"] == "lcm_oci_nosuchclient"


async def test_loopback_redirect_uris_accept_any_port_and_nothing_else(
    app_http: httpx.AsyncClient, signed_in: User
) -> None:
    client = await register(redirect_uris=("http://127.0.0.1/cb",), confidential=False)
    _, challenge = pkce()
    ok = authorize_params(client, challenge, redirect_uri="http://127.0.0.1:53123/cb")
    assert (await app_http.get("/oauth/authorize", params=ok)).status_code == 200
    for wrong in (
        "http://127.0.0.1:53123/cb2",
        "http://localhost:53123/cb",
        "https://127.0.0.1:53123/cb",
        "http://127.0.0.1:53123@evil.example/cb",
        "http://127.0.0.1:notaport/cb",
    ):
        params = authorize_params(client, challenge, redirect_uri=wrong)
        response = await app_http.get("/oauth/authorize", params=params)
        assert response.status_code == 400, wrong
        assert "location" not in response.headers


async def test_the_consent_page_names_client_scopes_and_user_and_cannot_be_framed(
    app_http: httpx.AsyncClient, signed_in: User
) -> None:
    client = await register(name="Help <Desk>", scopes=("licenses:read", "licenses:write"))
    _, challenge = pkce()
    params = authorize_params(client, challenge, scope="licenses:read licenses:write")
    page = await app_http.get("/oauth/authorize", params=params)
    assert page.status_code == 200
    assert "Help &lt;Desk&gt;" in page.text
    assert "<Desk>" not in page.text
    assert "licenses:read" in page.text
    assert "licenses:write" in page.text
    assert "Ann" in page.text
    assert "ann@example.com" in page.text
    assert page.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert "form-action 'self' https://app.example.com;" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"
    # "no-referrer" would make browsers send "Origin: null" with the consent form.
    assert page.headers["referrer-policy"] == "same-origin"


async def test_allow_sends_a_code_with_state_and_issuer(
    app_http: httpx.AsyncClient, signed_in: User
) -> None:
    client = await register()
    _, challenge = pkce()
    answer = await consent(app_http, authorize_params(client, challenge))
    assert answer.status_code == 303
    location = answer.headers["location"]
    assert location.startswith(REDIRECT + "?")
    got = query_of(location)
    assert set(got) == {"code", "state", "iss"}
    assert got["code"].startswith("lcm_oac_")
    assert got["state"] == "st-123"
    assert got["iss"] == ISSUER
    code = await OAuthAuthorizationCode.get()
    assert code.code_hash != got["code"]
    assert got["code"] not in str(await OAuthAuthorizationCode.all().values())
    assert (code.expires_at - code.created_at).total_seconds() <= 60
    event = await AuditEvent.get(action="oauth.authorize")
    assert event.oauth_client_id == client.client_id
    assert event.actor_user_id == signed_in.id


async def test_deny_sends_access_denied_and_no_code(
    app_http: httpx.AsyncClient, signed_in: User
) -> None:
    client = await register()
    _, challenge = pkce()
    answer = await consent(app_http, authorize_params(client, challenge), decision="deny")
    assert answer.status_code == 303
    got = query_of(answer.headers["location"])
    assert (got["error"], got["state"], got["iss"]) == ("access_denied", "st-123", ISSUER)
    assert await OAuthAuthorizationCode.all().count() == 0
    event = await AuditEvent.get(action="oauth.refuse")
    assert (event.oauth_client_id, event.actor_user_id) == (client.client_id, signed_in.id)
    assert event.changes["error"] == "access_denied"


@pytest.mark.parametrize("form", [{}, {"csrf_token": "0" * 64}, {"decision": "allow"}])
async def test_a_consent_without_this_sessions_token_is_refused(
    app_http: httpx.AsyncClient, signed_in: User, form: dict[str, str]
) -> None:
    client = await register()
    _, challenge = pkce()
    params = authorize_params(client, challenge)
    response = await app_http.post("/oauth/authorize", params=params, data=form)
    assert response.status_code == 403
    assert "location" not in response.headers
    assert await OAuthAuthorizationCode.all().count() == 0


async def test_a_consent_from_another_origin_is_refused(
    app_http: httpx.AsyncClient, signed_in: User
) -> None:
    client = await register()
    _, challenge = pkce()
    params = authorize_params(client, challenge)
    page = await app_http.get("/oauth/authorize", params=params)
    csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    response = await app_http.post(
        "/oauth/authorize", params=params, data={"csrf_token": csrf, "decision": "allow"},
        headers={"origin": "https://evil.example"},
    )  # fmt: skip
    assert response.status_code == 403
    assert await OAuthAuthorizationCode.all().count() == 0


async def test_a_visitor_signs_in_first_and_comes_back(app_http: httpx.AsyncClient) -> None:
    client = await register()
    _, challenge = pkce()
    response = await app_http.get("/oauth/authorize", params=authorize_params(client, challenge))
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith("/sign-in?next=%2Foauth%2Fauthorize%3F")
    assert await OAuthAuthorizationCode.all().count() == 0


async def test_response_type_token_is_refused(app_http: httpx.AsyncClient, signed_in: User) -> None:
    client = await register()
    _, challenge = pkce()
    params = authorize_params(client, challenge, response_type="token")
    await _refused_to_client(app_http, params, "unsupported_response_type")


async def test_a_scope_the_client_is_not_registered_for_is_refused(
    app_http: httpx.AsyncClient, signed_in: User
) -> None:
    client = await register(scopes=("licenses:read",))
    _, challenge = pkce()
    params = authorize_params(client, challenge, scope="licenses:read secrets:reveal")
    await _refused_to_client(app_http, params, "invalid_scope")


async def test_a_disabled_client_cannot_ask(app_http: httpx.AsyncClient, signed_in: User) -> None:
    from licman.resolvers.oauth_client import oauth_client_set_enabled
    from licman.security.principal import system

    client = await register()
    await oauth_client_set_enabled(system(), client.pk, False)
    _, challenge = pkce()
    response = await app_http.get("/oauth/authorize", params=authorize_params(client, challenge))
    assert response.status_code == 400
    assert "location" not in response.headers


async def test_a_repeated_parameter_is_refused_without_redirect(
    app_http: httpx.AsyncClient, signed_in: User
) -> None:
    client = await register()
    _, challenge = pkce()
    query = httpx.QueryParams(authorize_params(client, challenge)).add("redirect_uri", REDIRECT)
    response = await app_http.get(f"/oauth/authorize?{query}")
    assert response.status_code == 400
    assert "location" not in response.headers
