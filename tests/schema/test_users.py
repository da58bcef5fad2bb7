"""User administration over GraphQL: creating, changing, deactivating and listing users, and
who may see whose e-mail address."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from licman.models import AuditEvent, License, Product, User, Vendor
from licman.resolvers.api_token import api_token_create
from licman.resolvers.license_seats import license_assign
from licman.schema.ids import global_id
from licman.security.passwords import hash_password
from licman.security.principal import system
from tests.schema.conftest import Gql

pytestmark = pytest.mark.usefixtures("db")

Caller = tuple[User, Gql]
PASSWORD = "correct horse battery"

CREATE = """
mutation Create($input: UserCreateInput!) {
  userCreate(input: $input) {
    user { id email name role isActive }
    initialPassword
    errors { field code message }
  }
}
"""

UPDATE = """
mutation Update($input: UserUpdateInput!) {
  userUpdate(input: $input) { user { email role name } errors { field code message } }
}
"""

DEACTIVATE = """
mutation Deactivate($id: ID!) {
  userDeactivate(input: {id: $id}) { user { email isActive } errors { field code message } }
}
"""

REACTIVATE = """
mutation Reactivate($id: ID!) {
  userReactivate(input: {id: $id}) { user { email isActive } errors { field code message } }
}
"""

USERS = """
query Users($includeInactive: Boolean!) {
  users(includeInactive: $includeInactive) { email role isActive }
}
"""

ME = "{ me { email } }"

LICENSE_PEOPLE = """
query People($id: ID!) {
  license(id: $id) { name owner { name email } assignments { user { name email } } }
}
"""


def uid(user: User) -> str:
    return global_id("User", user.id)


def payload(body: dict[str, Any], mutation: str) -> dict[str, Any]:
    assert "errors" not in body, body["errors"]
    result: dict[str, Any] = body["data"][mutation]
    return result


def codes(result: dict[str, Any]) -> list[tuple[str | None, str]]:
    return [(e["field"], e["code"]) for e in result["errors"]]


async def sign_in(http: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    return await http.post("/auth/login", json={"email": email, "password": password})


async def as_browser(http: httpx.AsyncClient, document: str) -> dict[str, Any]:
    """A GraphQL request carrying only the session cookie (and its CSRF token)."""
    response = await http.post(
        "/graphql", json={"query": document}, headers={"x-csrf-token": http.cookies["licman_csrf"]}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def with_token(http: httpx.AsyncClient, token: str, document: str) -> httpx.Response:
    return await http.post(
        "/graphql", json={"query": document}, headers={"authorization": f"Bearer {token}"}
    )


async def person(email: str, *, password: str | None = None) -> User:
    password_hash = await hash_password(password) if password else None
    return await User.create(
        email=email, name=email.split("@")[0].title(), password_hash=password_hash
    )


# --- userCreate -----------------------------------------------------------------------------


async def test_admin_creates_a_user_with_a_chosen_password(
    admin: Caller, http: httpx.AsyncClient
) -> None:
    # Given
    _, gql = admin

    ada = {"email": " Ada@Example.com ", "name": "Ada", "role": "MANAGER", "password": PASSWORD}

    # When
    result = payload(await gql(CREATE, input=ada), "userCreate")

    # Then the user exists as given (trimmed), no password is echoed, and they can sign in
    assert result["errors"] == []
    assert result["initialPassword"] is None
    user = result["user"]
    assert (user["email"], user["name"], user["role"], user["isActive"]) == (
        "Ada@Example.com", "Ada", "MANAGER", True,
    )  # fmt: skip
    login = await sign_in(http, "ada@example.com", PASSWORD)
    assert login.status_code == 200, login.text
    assert login.json()["user"] == {
        "id": user["id"], "email": "Ada@Example.com", "name": "Ada", "role": "MANAGER",
    }  # fmt: skip
    event = await AuditEvent.get(action="user.create")
    assert PASSWORD not in json.dumps(event.changes)


async def test_without_a_password_one_is_generated_shown_once_and_works(
    admin: Caller, http: httpx.AsyncClient
) -> None:
    # Given
    _, gql = admin

    # When
    result = payload(await gql(CREATE, input={"email": "bob@example.com"}), "userCreate")

    # Then the generated password is in this answer only, and it signs Bob in
    assert result["errors"] == []
    initial = result["initialPassword"]
    assert isinstance(initial, str)
    assert len(initial) >= 12
    assert result["user"]["role"] == "MEMBER"
    login = await sign_in(http, "bob@example.com", initial)
    assert login.status_code == 200, login.text
    assert initial not in login.text
    listed = await gql(USERS, includeInactive=True)
    assert initial not in json.dumps(listed)
    stored = await User.get(email_key="bob@example.com")
    assert stored.password_hash is not None
    assert initial not in stored.password_hash
    events = await AuditEvent.filter(action="user.create")
    assert [e.object_id for e in events] == [str(stored.id)]
    assert initial not in json.dumps(events[0].changes)


async def test_a_second_user_with_the_same_email_in_another_case_is_a_duplicate(
    admin: Caller,
) -> None:
    # Given
    _, gql = admin
    await person("carol@example.com")

    # When
    result = payload(await gql(CREATE, input={"email": "CAROL@example.COM"}), "userCreate")

    # Then
    assert result["user"] is None
    assert result["initialPassword"] is None
    assert codes(result) == [("email", "DUPLICATE")]
    assert "CAROL@example.COM" in result["errors"][0]["message"]
    assert await User.filter(email_key="carol@example.com").count() == 1


@pytest.mark.parametrize(
    "email", ["not-an-email", "two@@example.com", "@example.com", "spa ce@example.com", ""]
)
async def test_a_malformed_email_is_invalid(admin: Caller, email: str) -> None:
    _, gql = admin
    before = await User.all().count()

    result = payload(await gql(CREATE, input={"email": email}), "userCreate")

    assert result["user"] is None
    assert codes(result) == [("email", "INVALID")]
    assert await User.all().count() == before


async def test_a_short_password_is_invalid_and_says_so(admin: Caller) -> None:
    _, gql = admin
    before = await User.all().count()

    result = payload(
        await gql(CREATE, input={"email": "dan@example.com", "password": "short"}), "userCreate"
    )

    assert result["user"] is None
    assert codes(result) == [("password", "INVALID")]
    assert "password" in result["errors"][0]["message"]
    assert "12" in result["errors"][0]["message"]
    assert await User.all().count() == before


async def test_an_empty_password_is_invalid(admin: Caller) -> None:
    _, gql = admin

    result = payload(
        await gql(CREATE, input={"email": "erin@example.com", "password": ""}), "userCreate"
    )

    assert codes(result) == [("password", "INVALID")]
    assert not await User.exists(email_key="erin@example.com")


async def test_only_admins_create_users(manager: Caller, member: Caller, auditor: Caller) -> None:
    for _, gql in (manager, member, auditor):
        result = payload(await gql(CREATE, input={"email": "eve@example.com"}), "userCreate")
        assert result["user"] is None
        assert result["initialPassword"] is None
        assert codes(result) == [(None, "FORBIDDEN")]
    assert not await User.exists(email_key="eve@example.com")
    assert not await AuditEvent.exists(action="user.create")


# --- userUpdate -----------------------------------------------------------------------------


async def test_admin_changes_a_role_and_the_new_rights_apply_at_once(
    admin: Caller, member: Caller
) -> None:
    # Given a member, who may not list users
    _, as_admin = admin
    member_user, as_member = member
    assert (await as_member(USERS, includeInactive=True))["errors"][0]["extensions"][
        "code"
    ] == "FORBIDDEN"

    # When an admin makes them a manager
    result = payload(
        await as_admin(UPDATE, input={"id": uid(member_user), "role": "MANAGER", "name": "Mo"}),
        "userUpdate",
    )

    # Then the change shows, is audited, and their very next request has the new rights
    assert result == {
        "user": {"email": "member@example.com", "role": "MANAGER", "name": "Mo"},
        "errors": [],
    }
    listed = await as_member(USERS, includeInactive=True)
    assert "errors" not in listed
    event = await AuditEvent.get(action="user.update")
    assert event.changes["before"]["role"] == "member"
    assert event.changes["after"]["role"] == "manager"


async def test_an_admin_cannot_change_their_own_role(admin: Caller) -> None:
    user, gql = admin

    result = payload(await gql(UPDATE, input={"id": uid(user), "role": "MEMBER"}), "userUpdate")

    assert result["user"] is None
    assert codes(result) == [("role", "INVALID")]
    assert (await User.get(id=user.id)).role == "admin"
    assert not await AuditEvent.exists(action="user.update")


async def test_only_admins_change_users(admin: Caller, manager: Caller, member: Caller) -> None:
    admin_user, _ = admin
    for _, gql in (manager, member):
        result = payload(
            await gql(UPDATE, input={"id": uid(admin_user), "role": "MEMBER"}), "userUpdate"
        )
        assert codes(result) == [(None, "FORBIDDEN")]
    assert (await User.get(id=admin_user.id)).role == "admin"


# --- userDeactivate / userReactivate --------------------------------------------------------


async def test_deactivation_ends_tokens_and_sessions_on_the_next_request(
    admin: Caller, http: httpx.AsyncClient
) -> None:
    # Given Frank, signed in in a browser and holding an API token, both working
    admin_user, as_admin = admin
    frank = await person("frank@example.com", password=PASSWORD)
    token, _ = await api_token_create(system(), user=frank, name="laptop")
    assert (await sign_in(http, "frank@example.com", PASSWORD)).status_code == 200
    assert (await as_browser(http, ME))["data"]["me"]["email"] == "frank@example.com"
    assert (await with_token(http, token, ME)).json()["data"]["me"]["email"] == (
        "frank@example.com"
    )

    # When an admin deactivates him
    result = payload(await as_admin(DEACTIVATE, id=uid(frank)), "userDeactivate")

    # Then both credentials fail on the very next request, and he cannot sign in again
    assert result == {"user": {"email": "frank@example.com", "isActive": False}, "errors": []}
    refused = await with_token(http, token, ME)
    assert refused.status_code == 401
    assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    browser = await as_browser(http, ME)
    assert browser["data"] == {"me": None}
    assert browser["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert (await sign_in(http, "frank@example.com", PASSWORD)).status_code == 401
    event = await AuditEvent.get(action="user.deactivate")
    assert (event.object_type, event.object_id) == ("user", str(frank.id))
    assert event.actor_user_id == admin_user.id
    assert event.changes["credentials_ended"] == 2


async def test_reactivation_lets_the_user_sign_in_but_revives_no_old_credential(
    admin: Caller, http: httpx.AsyncClient
) -> None:
    # Given Grace, deactivated after a token was made for her
    _, as_admin = admin
    grace = await person("grace@example.com", password=PASSWORD)
    token, _ = await api_token_create(system(), user=grace, name="ci")
    payload(await as_admin(DEACTIVATE, id=uid(grace)), "userDeactivate")

    # When
    result = payload(await as_admin(REACTIVATE, id=uid(grace)), "userReactivate")

    # Then she signs in again; the token ended by the deactivation stays ended
    assert result == {"user": {"email": "grace@example.com", "isActive": True}, "errors": []}
    assert (await sign_in(http, "grace@example.com", PASSWORD)).status_code == 200
    assert (await with_token(http, token, ME)).status_code == 401
    assert [e.action for e in await AuditEvent.all().order_by("id")] == [
        "user.deactivate",
        "user.reactivate",
        "session.open",
    ]


async def test_an_admin_cannot_deactivate_themselves(admin: Caller) -> None:
    user, gql = admin

    result = payload(await gql(DEACTIVATE, id=uid(user)), "userDeactivate")

    assert codes(result) == [("id", "INVALID")]
    assert (await gql(ME))["data"]["me"]["email"] == "admin@example.com"


async def test_only_admins_deactivate_users(admin: Caller, manager: Caller) -> None:
    admin_user, _ = admin
    _, gql = manager

    result = payload(await gql(DEACTIVATE, id=uid(admin_user)), "userDeactivate")

    assert codes(result) == [(None, "FORBIDDEN")]
    assert (await User.get(id=admin_user.id)).is_active


# --- users ----------------------------------------------------------------------------------


async def test_admins_managers_and_auditors_list_every_user_by_email(
    admin: Caller, manager: Caller, auditor: Caller, member: Caller
) -> None:
    # Given one deactivated user besides the four callers
    gone = await person("zed@example.com")
    gone.is_active = False
    await gone.save()
    everyone = [
        "admin@example.com", "auditor@example.com", "manager@example.com",
        "member@example.com", "zed@example.com",
    ]  # fmt: skip

    for _, gql in (admin, manager, auditor):
        # When
        all_users = await gql(USERS, includeInactive=True)
        active = await gql(USERS, includeInactive=False)

        # Then
        assert [u["email"] for u in all_users["data"]["users"]] == everyone
        assert [u["email"] for u in active["data"]["users"]] == everyone[:-1]
        assert all_users["data"]["users"][-1]["isActive"] is False


async def test_members_may_not_list_users(member: Caller) -> None:
    _, gql = member

    body = await gql(USERS, includeInactive=True)

    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"]
    assert "example.com" not in json.dumps(body)


# --- who sees an e-mail address -------------------------------------------------------------


async def shared_license(owner: User, *holders: User) -> str:
    """A license owned by `owner` with a seat for each holder; its global id."""
    vendor = await Vendor.create(name="JetBrains")
    product = await Product.create(vendor=vendor, name="IntelliJ IDEA")
    license_ = await License.create(product=product, name="Team IDE", owner=owner, seats=5)
    for holder in holders:
        await license_assign(system(), license_.id, holder.id)
    return global_id("License", license_.id)


async def test_a_member_sees_their_own_email_but_not_other_peoples(member: Caller) -> None:
    # Given a license owned by Olga, on which the member and Hank hold seats
    member_user, gql = member
    olga = await person("olga@example.com")
    hank = await person("hank@example.com")
    license_id = await shared_license(olga, member_user, hank)

    # When the member reads it
    body = await gql(LICENSE_PEOPLE, id=license_id)

    # Then every name is there, their own e-mail too; the others' e-mails are null, each
    # with a FORBIDDEN error at its path, and nothing else is missing
    seat_users = {u["name"]: u["email"] for u in
                  (a["user"] for a in body["data"]["license"]["assignments"])}  # fmt: skip
    assert body["data"]["license"]["name"] == "Team IDE"
    assert body["data"]["license"]["owner"] == {"name": "Olga", "email": None}
    assert seat_users == {"Member": "member@example.com", "Hank": None}
    errors = sorted(body["errors"], key=lambda e: json.dumps(e["path"]))
    assert {e["extensions"]["code"] for e in errors} == {"FORBIDDEN"}
    paths = [e["path"] for e in errors]
    assert ["license", "owner", "email"] in paths
    assert len(paths) == 2
    assert "olga@example.com" not in json.dumps(body)
    assert "hank@example.com" not in json.dumps(body)
    assert (await gql(ME))["data"]["me"]["email"] == "member@example.com"


async def test_admins_managers_and_auditors_see_every_email(
    admin: Caller, manager: Caller, auditor: Caller, member: Caller
) -> None:
    member_user, _ = member
    olga = await person("olga@example.com")
    license_id = await shared_license(olga, member_user)

    for _, gql in (admin, manager, auditor):
        body = await gql(LICENSE_PEOPLE, id=license_id)

        assert "errors" not in body, body["errors"]
        assert body["data"]["license"]["owner"]["email"] == "olga@example.com"
        assert [a["user"]["email"] for a in body["data"]["license"]["assignments"]] == [
            "member@example.com"
        ]
