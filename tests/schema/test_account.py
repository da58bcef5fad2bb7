"""One's own account over GraphQL: personal API tokens (shown once, scoped, revocable), the
password change that ends other credentials, and the list of one's sessions."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import pytest_asyncio

from licman.app import create_app
from licman.models import ApiToken, AuditEvent, License, Product, Session, User, Vendor
from licman.schema.ids import global_id
from licman.security import authn, sessions
from licman.security.passwords import hash_password
from licman.settings import Settings
from tests.schema.conftest import Gql

pytestmark = pytest.mark.usefixtures("db")

Caller = tuple[User, Gql]
Browser = Callable[[str], httpx.AsyncClient]
PASSWORD = "correct horse battery"
NEW_PASSWORD = "staple in the stable"

TOKEN_CREATE = """
mutation TokenCreate($input: ApiTokenCreateInput!) {
  apiTokenCreate(input: $input) {
    token
    apiToken { id name prefix scopes expiresAt lastUsedAt }
    errors { field code message }
  }
}
"""

TOKEN_REVOKE = """
mutation TokenRevoke($id: ID!) {
  apiTokenRevoke(input: {id: $id}) { revokedId errors { field code message } }
}
"""

MY_TOKENS = "{ myApiTokens { id name prefix scopes } }"

PASSWORD_CHANGE = """
mutation PasswordChange($old: String!, $new: String!) {
  passwordChange(input: {oldPassword: $old, newPassword: $new}) {
    ok errors { field code message }
  }
}
"""

MY_SESSIONS = "{ mySessions { id userAgent current lastSeenAt expiresAt } }"

SESSION_REVOKE = """
mutation SessionRevoke($id: ID!) {
  sessionRevoke(input: {id: $id}) { revokedId errors { field code message } }
}
"""

ME = "{ me { email } }"
LICENSES = "{ licenses(first: 10) { totalCount nodes { name } } }"
LICENSE_CREATE = """
mutation Create($productId: ID!) {
  licenseCreate(input: {productId: $productId, name: "via token"}) {
    license { id } errors { field code }
  }
}
"""


def payload(body: dict[str, Any], mutation: str) -> dict[str, Any]:
    assert "errors" not in body, body["errors"]
    result: dict[str, Any] = body["data"][mutation]
    return result


def codes(result: dict[str, Any]) -> list[tuple[str | None, str]]:
    return [(e["field"], e["code"]) for e in result["errors"]]


async def bearer(
    http: httpx.AsyncClient, token: str, document: str, **variables: Any
) -> httpx.Response:
    return await http.post(
        "/graphql",
        json={"query": document, "variables": variables},
        headers={"authorization": f"Bearer {token}"},
    )


async def new_token(gql: Gql, name: str = "laptop", **fields: Any) -> tuple[str, dict[str, Any]]:
    result = payload(await gql(TOKEN_CREATE, input={"name": name, **fields}), "apiTokenCreate")
    assert result["errors"] == [], result["errors"]
    token: str = result["token"]
    return token, result["apiToken"]


@pytest_asyncio.fixture(loop_scope="session")
async def browser(http: httpx.AsyncClient, app_settings: Settings) -> AsyncIterator[Browser]:
    """Opens browsers, each with its own cookie jar, on one in-process app."""
    transport = httpx.ASGITransport(app=create_app(app_settings))
    async with AsyncExitStack() as stack:

        def open_browser(user_agent: str) -> httpx.AsyncClient:
            client = httpx.AsyncClient(
                transport=transport,
                base_url="http://testserver",
                headers={"user-agent": user_agent},
            )
            stack.push_async_callback(client.aclose)
            return client

        yield open_browser


async def signed_in(
    browser: Browser, user_agent: str, password: str = PASSWORD
) -> httpx.AsyncClient:
    client = browser(user_agent)
    response = await client.post(
        "/auth/login", json={"email": "ivy@example.com", "password": password}
    )
    assert response.status_code == 200, response.text
    return client


async def send(client: httpx.AsyncClient, document: str, **variables: Any) -> dict[str, Any]:
    """A GraphQL request as the web client sends it: cookie plus CSRF header."""
    response = await client.post(
        "/graphql",
        json={"query": document, "variables": variables},
        headers={"x-csrf-token": client.cookies["licman_csrf"]},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def ivy() -> User:
    """A member who signs in with a password."""
    return await User.create(
        email="ivy@example.com", name="Ivy", password_hash=await hash_password(PASSWORD)
    )


# --- API tokens -----------------------------------------------------------------------------


async def test_a_new_token_is_shown_once_listed_by_prefix_and_works(
    member: Caller, http: httpx.AsyncClient
) -> None:
    # Given
    user, gql = member

    # When
    token, created = await new_token(gql, "  laptop  ")

    # Then the token is recognisable, listed by its prefix only, and works as Bearer
    assert re.fullmatch(r"lcm_pat_[0-9A-Za-z]{49}", token)
    assert created["name"] == "laptop"
    assert created["prefix"] == token[:12]
    assert created["scopes"] == []
    listed = await gql(MY_TOKENS)
    names = {t["name"]: t for t in listed["data"]["myApiTokens"]}
    assert names["laptop"] == {
        "id": created["id"], "name": "laptop", "prefix": token[:12], "scopes": [],
    }  # fmt: skip
    assert token not in json.dumps(listed)
    me = await bearer(http, token, ME)
    assert me.json() == {"data": {"me": {"email": "member@example.com"}}}
    row = await ApiToken.get(name="laptop")
    assert row.user_id == user.id
    assert token not in row.token_hash
    event = await AuditEvent.get(action="api_token.create")
    assert token not in json.dumps(event.changes)


async def test_a_read_only_token_reads_but_cannot_write(
    manager: Caller, http: httpx.AsyncClient
) -> None:
    # Given a manager (who may create licenses) and a token narrowed to licenses:read
    _, gql = manager
    vendor = await Vendor.create(name="Adobe")
    product = await Product.create(vendor=vendor, name="Photoshop")
    await License.create(product=product, name="Design team")
    token, created = await new_token(gql, "reader", scopes=["licenses:read"])
    assert created["scopes"] == ["licenses:read"]

    # When
    read = (await bearer(http, token, LICENSES)).json()
    write = (
        await bearer(http, token, LICENSE_CREATE, productId=global_id("Product", product.id))
    ).json()

    # Then reading works, writing is refused, and nothing was written
    assert read == {"data": {"licenses": {"totalCount": 1, "nodes": [{"name": "Design team"}]}}}
    assert payload(write, "licenseCreate") == {
        "license": None,
        "errors": [{"field": None, "code": "FORBIDDEN"}],
    }
    assert await License.all().count() == 1
    # ... while the manager's unnarrowed token still may
    done = payload(
        await gql(LICENSE_CREATE, productId=global_id("Product", product.id)), "licenseCreate"
    )
    assert done["errors"] == []


async def test_a_token_cannot_mint_a_token_with_more_scopes(
    manager: Caller, http: httpx.AsyncClient
) -> None:
    _, gql = manager
    token, _ = await new_token(gql, "reader", scopes=["licenses:read", "account"])
    plain, _ = await new_token(gql, "plain reader", scopes=["licenses:read"])

    body = (
        await bearer(
            http, token, TOKEN_CREATE, input={"name": "escalate", "scopes": ["licenses:write"]}
        )
    ).json()
    # Without the "account" scope a token may not manage tokens at all.
    plain_body = (
        await bearer(http, plain, TOKEN_CREATE, input={"name": "escalate", "scopes": []})
    ).json()

    result = payload(body, "apiTokenCreate")
    assert (result["token"], codes(result)) == (None, [("scopes", "INVALID")])
    assert [code for _, code in codes(payload(plain_body, "apiTokenCreate"))] == ["FORBIDDEN"]
    assert not await ApiToken.exists(name="escalate")


async def test_an_unknown_scope_is_invalid_and_names_the_known_ones(member: Caller) -> None:
    _, gql = member

    result = payload(
        await gql(TOKEN_CREATE, input={"name": "x", "scopes": ["licenses:read", "root"]}),
        "apiTokenCreate",
    )

    assert (result["token"], result["apiToken"]) == (None, None)
    assert codes(result) == [("scopes", "INVALID")]
    assert "'root'" in result["errors"][0]["message"]
    assert "licenses:read" in result["errors"][0]["message"]
    assert await ApiToken.filter(name="x").count() == 0


async def test_an_expiry_in_the_past_is_invalid(member: Caller) -> None:
    _, gql = member
    yesterday = (datetime.now(UTC) - timedelta(days=1)).isoformat()

    result = payload(
        await gql(TOKEN_CREATE, input={"name": "x", "expiresAt": yesterday}), "apiTokenCreate"
    )

    assert result["token"] is None
    assert codes(result) == [("expiresAt", "INVALID")]
    assert not await ApiToken.exists(name="x")


async def test_an_expiry_without_a_time_zone_gets_an_answer_not_an_internal_error(
    member: Caller,
) -> None:
    _, gql = member

    body = await gql(TOKEN_CREATE, input={"name": "x", "expiresAt": "2000-01-01T00:00:00"})

    result = payload(body, "apiTokenCreate")
    assert codes(result) == [("expiresAt", "INVALID")]


async def test_an_expired_token_is_refused(
    member: Caller, http: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, gql = member
    soon = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    token, _ = await new_token(gql, expiresAt=soon)
    assert (await bearer(http, token, ME)).status_code == 200

    # The expiry moved into the past behind this process's back (as another process or the
    # database's owner would): the token cache looks the token up again within
    # TOKEN_CACHE_SECONDS, so the next request after that is refused.
    await ApiToken.filter(name="laptop").update(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    monkeypatch.setattr(authn.TOKENS, "clock", lambda: authn.TOKEN_CACHE_SECONDS)

    assert (await bearer(http, token, ME)).status_code == 401


async def test_a_token_past_its_expiry_is_refused_even_while_cached(
    member: Caller, http: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, gql = member
    soon = datetime.now(UTC) + timedelta(hours=1)
    token, _ = await new_token(gql, expiresAt=soon.isoformat())
    assert (await bearer(http, token, ME)).status_code == 200  # now in the token cache

    later = soon + timedelta(seconds=1)
    monkeypatch.setattr(sessions, "now", lambda: later)  # the cache's clock stands still

    assert (await bearer(http, token, ME)).status_code == 401


async def test_a_revoked_token_fails_on_the_next_request(
    member: Caller, http: httpx.AsyncClient
) -> None:
    # Given a working token
    _, gql = member
    token, created = await new_token(gql)
    assert (await bearer(http, token, ME)).status_code == 200

    # When it is revoked
    result = payload(await gql(TOKEN_REVOKE, id=created["id"]), "apiTokenRevoke")

    # Then
    assert result == {"revokedId": created["id"], "errors": []}
    refused = await bearer(http, token, ME)
    assert refused.status_code == 401
    assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert [t["name"] for t in (await gql(MY_TOKENS))["data"]["myApiTokens"]] == ["tests"]
    row = await ApiToken.get(name="laptop")
    assert row.revoked_at is not None
    assert await AuditEvent.exists(action="api_token.revoke", object_id=str(row.id))


async def test_another_user_cannot_revoke_my_token(
    manager: Caller, member: Caller, http: httpx.AsyncClient
) -> None:
    _, as_manager = manager
    _, as_member = member
    token, created = await new_token(as_manager)

    result = payload(await as_member(TOKEN_REVOKE, id=created["id"]), "apiTokenRevoke")

    assert result["revokedId"] is None
    assert codes(result) == [("id", "NOT_FOUND")]
    assert (await bearer(http, token, ME)).status_code == 200


async def test_an_admin_may_revoke_anyones_token(
    admin: Caller, member: Caller, http: httpx.AsyncClient
) -> None:
    _, as_admin = admin
    _, as_member = member
    token, created = await new_token(as_member)

    result = payload(await as_admin(TOKEN_REVOKE, id=created["id"]), "apiTokenRevoke")

    assert result == {"revokedId": created["id"], "errors": []}
    assert (await bearer(http, token, ME)).status_code == 401


# --- passwordChange -------------------------------------------------------------------------


async def test_a_wrong_current_password_is_refused(browser: Browser) -> None:
    await ivy()
    client = await signed_in(browser, "Browser A")

    result = payload(
        await send(client, PASSWORD_CHANGE, old="not my password", new=NEW_PASSWORD),
        "passwordChange",
    )

    assert result["ok"] is False
    assert codes(result) == [("oldPassword", "INVALID")]
    assert (await signed_in(browser, "Browser B")).cookies["licman_session"]


async def test_a_short_new_password_is_refused(browser: Browser) -> None:
    await ivy()
    client = await signed_in(browser, "Browser A")

    result = payload(
        await send(client, PASSWORD_CHANGE, old=PASSWORD, new="short"), "passwordChange"
    )

    assert result["ok"] is False
    assert codes(result) == [("newPassword", "INVALID")]
    assert "12" in result["errors"][0]["message"]
    assert (await signed_in(browser, "Browser B")).cookies["licman_session"]


async def test_a_password_change_ends_tokens_and_other_sessions(
    browser: Browser, http: httpx.AsyncClient
) -> None:
    # Given Ivy, signed in in two browsers and holding an API token
    await ivy()
    here = await signed_in(browser, "Browser A")
    elsewhere = await signed_in(browser, "Browser B")
    created = payload(await send(here, TOKEN_CREATE, input={"name": "ci"}), "apiTokenCreate")
    token = created["token"]
    assert (await bearer(http, token, ME)).status_code == 200

    # When she changes her password in browser A
    result = payload(
        await send(here, PASSWORD_CHANGE, old=PASSWORD, new=NEW_PASSWORD), "passwordChange"
    )

    # Then browser A stays signed in; browser B and the token are out at once
    assert result == {"ok": True, "errors": []}
    assert (await send(here, ME))["data"]["me"]["email"] == "ivy@example.com"
    out = await send(elsewhere, ME)
    assert out["data"] == {"me": None}
    assert out["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert (await bearer(http, token, ME)).status_code == 401
    sessions = (await send(here, MY_SESSIONS))["data"]["mySessions"]
    assert [(s["userAgent"], s["current"]) for s in sessions] == [("Browser A", True)]
    # ... and only the new password signs in
    assert (await signed_in(browser, "Browser C", NEW_PASSWORD)).cookies["licman_session"]
    old = await browser("Browser D").post(
        "/auth/login", json={"email": "ivy@example.com", "password": PASSWORD}
    )
    assert old.status_code == 401
    event = await AuditEvent.get(action="user.password_change")
    assert event.changes["credentials_ended"] == 2
    assert PASSWORD not in json.dumps(event.changes)
    assert NEW_PASSWORD not in json.dumps(event.changes)


# --- sessions -------------------------------------------------------------------------------


async def test_my_sessions_lists_each_browser_and_marks_the_current_one(browser: Browser) -> None:
    # Given Ivy signed in in two browsers
    await ivy()
    first = await signed_in(browser, "Browser A")
    second = await signed_in(browser, "Browser B")

    # When each asks for its sessions
    seen_by_first = (await send(first, MY_SESSIONS))["data"]["mySessions"]
    seen_by_second = (await send(second, MY_SESSIONS))["data"]["mySessions"]

    # Then both list the same two, each marking itself as current
    def current(sessions: list[dict[str, Any]]) -> list[str]:
        return [s["userAgent"] for s in sessions if s["current"]]

    assert sorted(s["userAgent"] for s in seen_by_first) == ["Browser A", "Browser B"]
    assert {s["id"] for s in seen_by_first} == {s["id"] for s in seen_by_second}
    assert current(seen_by_first) == ["Browser A"]
    assert current(seen_by_second) == ["Browser B"]
    for s in seen_by_first:
        assert s["lastSeenAt"] < s["expiresAt"]
    assert "licman_session" not in json.dumps(seen_by_first)
    assert first.cookies["licman_session"] not in json.dumps(seen_by_first)


async def test_a_revoked_session_ends_at_once(browser: Browser) -> None:
    # Given Ivy signed in in two browsers
    await ivy()
    keep = await signed_in(browser, "Browser A")
    lost = await signed_in(browser, "Browser B")
    sessions = (await send(keep, MY_SESSIONS))["data"]["mySessions"]
    other = next(s for s in sessions if not s["current"])

    # When she ends the other one from browser A
    result = payload(await send(keep, SESSION_REVOKE, id=other["id"]), "sessionRevoke")

    # Then browser B is signed out on its next request; browser A is not
    assert result == {"revokedId": other["id"], "errors": []}
    out = await send(lost, ME)
    assert out["data"] == {"me": None}
    assert [s["userAgent"] for s in (await send(keep, MY_SESSIONS))["data"]["mySessions"]] == [
        "Browser A"
    ]
    assert await AuditEvent.exists(action="session.revoke")


async def test_another_user_cannot_revoke_my_session(browser: Browser, member: Caller) -> None:
    await ivy()
    client = await signed_in(browser, "Browser A")
    session_id = (await send(client, MY_SESSIONS))["data"]["mySessions"][0]["id"]
    _, as_member = member

    result = payload(await as_member(SESSION_REVOKE, id=session_id), "sessionRevoke")

    assert result["revokedId"] is None
    assert codes(result) == [("id", "NOT_FOUND")]
    assert (await send(client, ME))["data"]["me"]["email"] == "ivy@example.com"


async def test_a_session_past_the_idle_timeout_is_not_listed(browser: Browser) -> None:
    await ivy()
    here = await signed_in(browser, "Browser A")
    await signed_in(browser, "Browser B")
    await Session.filter(user_agent="Browser B").update(
        last_seen_at=datetime.now(UTC) - timedelta(hours=2)
    )

    sessions = (await send(here, MY_SESSIONS))["data"]["mySessions"]

    assert [s["userAgent"] for s in sessions] == ["Browser A"]
