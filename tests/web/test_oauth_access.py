"""OAuth2 access tokens at /graphql: scopes narrow the user's (or the service role's)
rights and a refusal names the missing scope; disabling the client or the user stops the
token at once; every step is audited with the client, and no token is stored or logged."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from licman.models import (
    ApiRequest,
    AuditEvent,
    License,
    OAuthAuthorizationCode,
    OAuthClient,
    OAuthToken,
    Product,
    Role,
    User,
    Vendor,
)
from licman.resolvers.oauth_client import oauth_client_set_enabled
from licman.resolvers.user import user_set_active
from licman.security.principal import system
from licman.security.secrets import keyring
from licman.settings import Settings
from tests.oauth_helpers import basic, register, sign_in, tokens_for

pytestmark = pytest.mark.usefixtures("db")

SECRET = "SERIAL-OAUTH-42"


@pytest.fixture
async def admin(app_http: httpx.AsyncClient, oauth_settings: Settings) -> User:
    user = await User.create(email="root@example.com", name="Root", role=Role.ADMIN)
    await sign_in(app_http, user, oauth_settings)
    return user


@pytest.fixture
async def license_id() -> str:
    from licman.schema.ids import global_id

    product = await Product.create(vendor=await Vendor.create(name="V"), name="P")
    row = await License.create(product=product, name="L", cost_micros=5_000_000, currency="EUR")
    row.secret_ciphertext = keyring().encrypt(row.id, SECRET)
    await row.save(update_fields=["secret_ciphertext"])
    return global_id("License", row.id)


async def gql(http: httpx.AsyncClient, token: str, query: str, **variables: Any) -> Any:
    response = await http.post(
        "/graphql", json={"query": query, "variables": variables},
        headers={"authorization": f"Bearer {token}"},
    )  # fmt: skip
    assert response.status_code == 200, response.text
    return response.json()


def forbidden_scope(body: dict[str, Any]) -> str | None:
    for error in body.get("errors", []):
        if error["extensions"]["code"] == "FORBIDDEN":
            assert f"lacks the scope '{error['extensions']['scope']}'" in error["message"]
            return str(error["extensions"]["scope"])
    return None


async def test_a_field_outside_the_tokens_scopes_is_forbidden_naming_the_scope(
    app_http: httpx.AsyncClient, admin: User, license_id: str
) -> None:
    client = await register(scopes=("licenses:read", "licenses:write", "secrets:reveal"))
    token = (await tokens_for(app_http, client, scope="licenses:read"))["access_token"]
    listing = await gql(app_http, token, "{ licenses(first: 5) { nodes { name cost } } }")
    assert listing["data"]["licenses"]["nodes"] == [{"name": "L", "cost": "5.00"}]
    secret = await gql(app_http, token, "query($id: ID!) { license(id: $id) { secret } }",
                       id=license_id)  # fmt: skip
    assert forbidden_scope(secret) == "secrets:reveal"
    assert SECRET not in str(secret)
    audit = await gql(app_http, token, "{ auditEvents(first: 1) { totalCount } }")
    assert forbidden_scope(audit) == "audit:read"
    users = await gql(app_http, token, 'mutation { userCreate(input: {email: "x@example.com"}) '
                      "{ user { id } errors { code message } } }")  # fmt: skip
    [error] = users["data"]["userCreate"]["errors"]
    assert error["code"] == "FORBIDDEN"
    assert "lacks the scope 'admin'" in error["message"]
    assert await User.filter(email="x@example.com").count() == 0


async def test_a_write_scope_without_read_is_told_which_scope_it_lacks(
    app_http: httpx.AsyncClient, admin: User, license_id: str
) -> None:
    client = await register(scopes=("licenses:read", "licenses:write"))
    token = (await tokens_for(app_http, client, scope="licenses:write"))["access_token"]
    listing = await gql(app_http, token, "{ licenses(first: 5) { totalCount } }")
    assert forbidden_scope(listing) == "licenses:read"
    update = await gql(
        app_http, token,
        'mutation($id: ID!) { licenseUpdate(input: {id: $id, version: 1, notes: "n"}) '
        "{ errors { code message } } }", id=license_id,
    )  # fmt: skip
    [error] = update["data"]["licenseUpdate"]["errors"]
    assert error["code"] == "FORBIDDEN"
    assert "licenses:read" in error["message"]


async def test_scopes_never_widen_what_the_user_may_do(
    app_http: httpx.AsyncClient, oauth_settings: Settings, license_id: str
) -> None:
    member = await User.create(email="m@example.com", role=Role.MEMBER)
    await sign_in(app_http, member, oauth_settings)
    client = await register(scopes=("licenses:read", "secrets:reveal", "admin", "audit:read"))
    token = (await tokens_for(app_http, client, scope="licenses:read secrets:reveal admin "
                              "audit:read"))["access_token"]  # fmt: skip
    listing = await gql(app_http, token, "{ licenses(first: 5) { totalCount } }")
    assert listing["data"]["licenses"]["totalCount"] == 0  # a member sees none of them
    audit = await gql(app_http, token, "{ auditEvents(first: 1) { totalCount } }")
    assert [e["extensions"]["code"] for e in audit["errors"]] == ["FORBIDDEN"]
    assert "scope" not in audit["errors"][0]["extensions"]  # the role, not the scope, says no


async def test_a_service_principal_acts_with_its_role_and_is_audited_as_the_client(
    app_http: httpx.AsyncClient, license_id: str
) -> None:
    client = await register(
        name="CI", grants=("client_credentials",), service_role=Role.MANAGER,
        scopes=("licenses:read", "licenses:write"),
    )  # fmt: skip
    token = (
        await app_http.post(
            "/oauth/token", data={"grant_type": "client_credentials"}, auth=basic(client)
        )
    ).json()["access_token"]
    me = await gql(app_http, token, "{ me { email } }")
    assert me["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"  # it is nobody's account
    update = await gql(
        app_http, token,
        'mutation($id: ID!) { licenseUpdate(input: {id: $id, version: 1, notes: "by CI"}) '
        "{ license { notes } errors { code } } }", id=license_id,
    )  # fmt: skip
    assert update["data"]["licenseUpdate"] == {"license": {"notes": "by CI"}, "errors": []}
    event = await AuditEvent.get(action="license.update")
    assert event.actor_kind == "oauth_client"
    assert event.oauth_client_id == client.client_id
    assert event.actor_user_id is None
    assert event.actor_label == "oauth client CI"
    # A manager may not reveal secrets, whatever the scopes.
    secret = await gql(app_http, token, "query($id: ID!) { license(id: $id) { secret } }",
                       id=license_id)  # fmt: skip
    assert SECRET not in str(secret)


async def test_disabling_the_client_stops_its_tokens_at_once(
    app_http: httpx.AsyncClient, admin: User
) -> None:
    client = await register()
    body = await tokens_for(app_http, client)
    assert "data" in await gql(app_http, body["access_token"], "{ me { email } }")
    await oauth_client_set_enabled(system(), client.pk, False)
    response = await app_http.post(
        "/graphql", json={"query": "{ me { email } }"},
        headers={"authorization": f"Bearer {body['access_token']}"},
    )  # fmt: skip
    assert response.status_code == 401
    refresh = await app_http.post(
        "/oauth/token", auth=basic(client),
        data={"grant_type": "refresh_token", "refresh_token": body["refresh_token"]},
    )  # fmt: skip
    assert refresh.json()["error"] == "invalid_client"
    # Enabling it again does not bring the old tokens back.
    await oauth_client_set_enabled(system(), client.pk, True)
    again = await app_http.post(
        "/graphql", json={"query": "{ me { email } }"},
        headers={"authorization": f"Bearer {body['access_token']}"},
    )  # fmt: skip
    assert again.status_code == 401


async def test_deactivating_the_user_stops_the_apps_acting_for_them(
    app_http: httpx.AsyncClient, admin: User, oauth_settings: Settings
) -> None:
    member = await User.create(email="m@example.com", role=Role.MEMBER)
    await sign_in(app_http, member, oauth_settings)
    body = await tokens_for(app_http, await register())
    await user_set_active(system(), member.id, False)
    response = await app_http.post(
        "/graphql", json={"query": "{ me { email } }"},
        headers={"authorization": f"Bearer {body['access_token']}"},
    )  # fmt: skip
    assert response.status_code == 401
    assert await OAuthToken.filter(revoked_at=None).count() == 0


async def test_every_step_is_audited_with_the_client_and_no_token_is_kept(
    app_http: httpx.AsyncClient, admin: User
) -> None:
    client = await register()
    body = await tokens_for(app_http, client)
    await gql(app_http, body["access_token"], "{ me { email } }")
    refreshed = (
        await app_http.post(
            "/oauth/token", auth=basic(client),
            data={"grant_type": "refresh_token", "refresh_token": body["refresh_token"]},
        )
    ).json()  # fmt: skip
    await app_http.post("/oauth/revoke", data={"token": refreshed["access_token"]},
                        auth=basic(client))  # fmt: skip
    await app_http.post("/oauth/token", data={"grant_type": "password"}, auth=basic(client))
    events = await AuditEvent.filter(action__startswith="oauth.").order_by("id")
    assert [e.action for e in events] == [
        "oauth.authorize", "oauth.token", "oauth.refresh", "oauth.revoke", "oauth.refuse",
    ]  # fmt: skip
    assert {e.oauth_client_id for e in events} == {client.client_id}
    secrets = [client.secret, body["access_token"], body["refresh_token"],
               refreshed["access_token"], refreshed["refresh_token"]]  # fmt: skip
    tables = (AuditEvent, ApiRequest, OAuthToken, OAuthClient, OAuthAuthorizationCode)
    stored = " ".join([str(await model.all().values()) for model in tables])
    for secret in secrets:
        assert secret
        assert secret not in stored


async def test_no_token_reaches_the_logs_even_at_debug_level(
    db: object, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Authlib logs issued tokens at DEBUG; Licman's debug level must not let them through."""
    import logging

    from licman.app import create_app

    settings = Settings(
        home=tmp_path_factory.mktemp("debug"), public_url="http://localhost", log_level="debug"
    )
    level_before = logging.getLogger().level
    app = create_app(settings)  # configures logging at debug
    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    keep = Keep(level=logging.DEBUG)
    logging.getLogger().addHandler(keep)
    try:
        client = await register(grants=("client_credentials",), scopes=("licenses:read",))
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as http:
            response = await http.post(
                "/oauth/token", data={"grant_type": "client_credentials"}, auth=basic(client)
            )
        token = response.json()["access_token"]
    finally:
        logging.getLogger().removeHandler(keep)
        logging.getLogger().setLevel(level_before)
    assert seen, "nothing was logged at debug level"
    assert all(token not in line for line in seen)
    assert all(str(client.secret) not in line for line in seen)


async def test_an_app_cannot_mint_a_personal_token_that_would_outlive_it(
    app_http: httpx.AsyncClient, admin: User
) -> None:
    # With `account`, an app could otherwise create a never-expiring personal API token and
    # keep the user's access after being revoked.
    client = await register(scopes=("licenses:read", "account"))
    token = (await tokens_for(app_http, client, scope="licenses:read account"))["access_token"]
    made = await gql(
        app_http, token,
        'mutation { apiTokenCreate(input: {name: "persist", scopes: ["licenses:read"]}) '
        "{ token errors { code message } } }",
    )  # fmt: skip
    payload = made["data"]["apiTokenCreate"]
    assert payload["token"] is None
    assert [e["code"] for e in payload["errors"]] == ["FORBIDDEN"]
    from licman.models import ApiToken

    assert await ApiToken.all().count() == 0
