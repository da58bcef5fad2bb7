"""OAuth2 clients over GraphQL: admins register (the secret shown once, stored hashed),
list, change, disable, rotate and delete them; each input error names its field; users see
and revoke the apps they authorised."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from licman.models import AuditEvent, OAuthClient, OAuthToken, Role, User
from licman.security import tokens
from licman.settings import Settings
from tests.oauth_helpers import register, sign_in, tokens_for
from tests.schema.conftest import Gql

pytestmark = pytest.mark.usefixtures("db")

FIELDS = "id clientId name confidential grantTypes redirectUris scopes serviceRole disabledAt"
CREATE = f"""mutation($input: OAuthClientCreateInput!) {{ oauthClientCreate(input: $input) {{
  clientSecret oauthClient {{ {FIELDS} }} errors {{ field code message }} }} }}"""
UPDATE = f"""mutation($input: OAuthClientUpdateInput!) {{ oauthClientUpdate(input: $input) {{
  oauthClient {{ {FIELDS} }} errors {{ field code message }} }} }}"""
LIST = f"{{ oauthClients {{ {FIELDS} }} }}"
ID_MUTATION = """mutation($id: ID!) {{ {name}(input: {{id: $id}}) {{ {result}
  errors {{ field code message }} }} }}"""
APPS = "{ myAuthorizedApps { id name clientId scopes authorizedAt lastUsedAt } }"
NEW = {
    "name": "Ticketing",
    "grantTypes": ["AUTHORIZATION_CODE"],
    "redirectUris": ["https://tickets.example/cb"],
    "scopes": ["licenses:read"],
}


def by_id(name: str, result: str) -> str:
    return ID_MUTATION.format(name=name, result=result)


async def create(gql: Gql, **changes: Any) -> dict[str, Any]:
    body = await gql(CREATE, input=NEW | changes)
    payload: dict[str, Any] = body["data"]["oauthClientCreate"]
    return payload


async def test_an_admin_registers_a_client_and_sees_the_secret_once(
    admin: tuple[User, Gql],
) -> None:
    _, gql = admin
    created = await create(gql)
    assert created["errors"] == []
    secret = created["clientSecret"]
    assert tokens.looks_valid(secret, "lcm_ocs_")
    client = created["oauthClient"]
    assert client["clientId"].startswith("lcm_oci_")
    assert (client["confidential"], client["serviceRole"], client["disabledAt"]) == (
        True, None, None
    )  # fmt: skip
    row = await OAuthClient.get(client_id=client["clientId"])
    assert row.client_secret_hash == tokens.token_hash(secret)
    listed = await gql(LIST)
    assert listed["data"]["oauthClients"] == [client]
    assert secret not in str(listed)
    assert secret not in str(await AuditEvent.all().values())
    event = await AuditEvent.get(action="oauth_client.create")
    assert event.changes["after"]["client_secret_hash"] == "[redacted]"


async def test_a_public_client_has_no_secret(admin: tuple[User, Gql]) -> None:
    _, gql = admin
    created = await create(gql, confidential=False)
    assert created["clientSecret"] is None
    assert created["oauthClient"]["confidential"] is False


async def test_client_credentials_default_to_the_member_role(admin: tuple[User, Gql]) -> None:
    _, gql = admin
    created = await create(gql, grantTypes=["CLIENT_CREDENTIALS"], redirectUris=[])
    assert created["oauthClient"]["serviceRole"] == "MEMBER"
    chosen = await create(gql, name="CI", grantTypes=["CLIENT_CREDENTIALS"], redirectUris=[],
                          serviceRole="AUDITOR")  # fmt: skip
    assert chosen["oauthClient"]["serviceRole"] == "AUDITOR"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "  "}, "name"),
        ({"scopes": []}, "scopes"),
        ({"scopes": ["licenses:read", "root"]}, "scopes"),
        ({"grantTypes": []}, "grantTypes"),
        ({"redirectUris": []}, "redirectUris"),
        ({"redirectUris": ["http://tickets.example/cb"]}, "redirectUris"),
        ({"redirectUris": ["https://tickets.example/cb#x"]}, "redirectUris"),
        ({"redirectUris": ["https://*.example/cb"]}, "redirectUris"),
        ({"redirectUris": ["https://user:pw@tickets.example/cb"]}, "redirectUris"),
        ({"redirectUris": ["tickets.example/cb"]}, "redirectUris"),
        ({"redirectUris": [f"https://t.example/{i}" for i in range(11)]}, "redirectUris"),
        ({"serviceRole": "ADMIN"}, "serviceRole"),
        ({"grantTypes": ["CLIENT_CREDENTIALS"], "redirectUris": [], "confidential": False},
         "confidential"),
    ],
)  # fmt: skip
async def test_bad_input_names_the_field_and_changes_nothing(
    admin: tuple[User, Gql], changes: dict[str, Any], field: str
) -> None:
    _, gql = admin
    created = await create(gql, **changes)
    assert created["oauthClient"] is None
    assert created["clientSecret"] is None
    assert [(e["field"], e["code"]) for e in created["errors"]] == [(field, "INVALID")]
    assert await OAuthClient.all().count() == 0


async def test_only_admins_manage_clients(
    admin: tuple[User, Gql], manager: tuple[User, Gql]
) -> None:
    _, as_admin = admin
    _, gql = manager
    client_id = (await create(as_admin))["oauthClient"]["id"]
    refused = await create(gql, name="Mine")
    assert [e["code"] for e in refused["errors"]] == ["FORBIDDEN"]
    listing = await gql(LIST)
    assert listing["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    deleted = await gql(by_id("oauthClientDelete", "deletedId"), id=client_id)
    assert deleted["data"]["oauthClientDelete"]["errors"][0]["code"] == "FORBIDDEN"
    assert await OAuthClient.all().count() == 1


async def test_new_scopes_end_the_clients_tokens_a_new_name_does_not(
    admin: tuple[User, Gql], http: httpx.AsyncClient, app_settings: Settings
) -> None:
    user, gql = admin
    client = await register(scopes=("licenses:read", "licenses:write"))
    from licman.schema.ids import global_id

    gid = global_id("OAuthClient", client.pk)
    await sign_in(http, user, app_settings)
    await tokens_for(http, client)
    http.cookies.clear()
    renamed = await gql(UPDATE, input={"id": gid, "name": "Helpdesk"})
    assert renamed["data"]["oauthClientUpdate"]["oauthClient"]["name"] == "Helpdesk"
    assert await OAuthToken.filter(revoked_at=None).count() == 1
    narrowed = await gql(UPDATE, input={"id": gid, "scopes": ["licenses:read"]})
    assert narrowed["data"]["oauthClientUpdate"]["oauthClient"]["scopes"] == ["licenses:read"]
    assert await OAuthToken.filter(revoked_at=None).count() == 0
    bad = await gql(UPDATE, input={"id": gid, "redirectUris": None})
    assert [e["field"] for e in bad["data"]["oauthClientUpdate"]["errors"]] == ["redirectUris"]


async def test_disable_enable_rotate_and_delete(admin: tuple[User, Gql]) -> None:
    _, gql = admin
    created = await create(gql)
    gid, old_secret = created["oauthClient"]["id"], created["clientSecret"]
    disabled = await gql(by_id("oauthClientDisable", f"oauthClient {{ {FIELDS} }}"), id=gid)
    assert disabled["data"]["oauthClientDisable"]["oauthClient"]["disabledAt"] is not None
    enabled = await gql(by_id("oauthClientEnable", f"oauthClient {{ {FIELDS} }}"), id=gid)
    assert enabled["data"]["oauthClientEnable"]["oauthClient"]["disabledAt"] is None
    rotated = await gql(by_id("oauthClientSecretRotate", "clientSecret"), id=gid)
    new_secret = rotated["data"]["oauthClientSecretRotate"]["clientSecret"]
    assert new_secret.startswith("lcm_ocs_")
    assert new_secret != old_secret
    row = await OAuthClient.get()
    assert row.client_secret_hash == tokens.token_hash(new_secret)
    deleted = await gql(by_id("oauthClientDelete", "deletedId"), id=gid)
    assert deleted["data"]["oauthClientDelete"] == {"deletedId": gid, "errors": []}
    assert await OAuthClient.all().count() == 0
    actions = await AuditEvent.filter(action__startswith="oauth_client.").values_list(
        "action", flat=True
    )
    assert actions == [
        "oauth_client.create", "oauth_client.disable", "oauth_client.enable",
        "oauth_client.secret_rotate", "oauth_client.delete",
    ]  # fmt: skip
    missing = await gql(by_id("oauthClientDisable", "oauthClient { id }"), id=gid)
    assert missing["data"]["oauthClientDisable"]["errors"][0]["code"] == "NOT_FOUND"


async def test_a_public_clients_secret_cannot_be_rotated(admin: tuple[User, Gql]) -> None:
    _, gql = admin
    gid = (await create(gql, confidential=False))["oauthClient"]["id"]
    rotated = await gql(by_id("oauthClientSecretRotate", "clientSecret"), id=gid)
    payload = rotated["data"]["oauthClientSecretRotate"]
    assert payload["clientSecret"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("id", "INVALID")]


async def test_a_user_sees_and_revokes_the_apps_they_authorised(
    member: tuple[User, Gql], http: httpx.AsyncClient, app_settings: Settings
) -> None:
    user, gql = member
    assert (await gql(APPS))["data"]["myAuthorizedApps"] == []
    client = await register(name="Helpdesk", scopes=("licenses:read", "licenses:write"))
    other = await register(name="Zeta")
    await sign_in(http, user, app_settings)
    body = await tokens_for(http, client, scope="licenses:read licenses:write")
    await tokens_for(http, other)
    http.cookies.clear()
    apps = (await gql(APPS))["data"]["myAuthorizedApps"]
    assert [(a["name"], a["scopes"]) for a in apps] == [
        ("Helpdesk", ["licenses:read", "licenses:write"]), ("Zeta", ["licenses:read"]),
    ]  # fmt: skip
    revoked = await gql(by_id("authorizedAppRevoke", "revokedId"), id=apps[0]["id"])
    assert revoked["data"]["authorizedAppRevoke"] == {"revokedId": apps[0]["id"], "errors": []}
    response = await http.post(
        "/graphql", json={"query": "{ me { email } }"},
        headers={"authorization": f"Bearer {body['access_token']}"},
    )  # fmt: skip
    assert response.status_code == 401
    assert [a["name"] for a in (await gql(APPS))["data"]["myAuthorizedApps"]] == ["Zeta"]
    event = await AuditEvent.get(action="oauth.app_revoke")
    assert event.actor_user_id == user.id
    again = await gql(by_id("authorizedAppRevoke", "revokedId"), id=apps[0]["id"])
    assert again["data"]["authorizedAppRevoke"]["errors"][0]["code"] == "NOT_FOUND"


async def test_another_users_app_cannot_be_revoked(
    member: tuple[User, Gql], http: httpx.AsyncClient, app_settings: Settings
) -> None:
    _, gql = member
    someone = await User.create(email="else@example.com", role=Role.MEMBER)
    client = await register()
    await sign_in(http, someone, app_settings)
    await tokens_for(http, client)
    http.cookies.clear()
    from licman.schema.ids import global_id

    revoked = await gql(by_id("authorizedAppRevoke", "revokedId"),
                        id=global_id("OAuthClient", client.pk))  # fmt: skip
    assert revoked["data"]["authorizedAppRevoke"]["errors"][0]["code"] == "NOT_FOUND"
    assert await OAuthToken.filter(revoked_at=None).count() == 1
