"""The root `viewerCan`: what each kind of caller may do anywhere, as the engine decides it
(the client shows its menus and buttons from these answers)."""

from __future__ import annotations

import httpx
import pytest

from licman.models import ApiToken, Role
from tests.schema.conftest import _caller as caller

pytestmark = pytest.mark.usefixtures("db")

VIEWER_CAN = """{ viewerCan { createLicense changeEveryLicense viewEveryCost manageCatalog
  deleteCatalog viewUsers viewEmails manageUsers manageGrants viewAudit manageAccount } }"""
FIELDS = ["createLicense", "changeEveryLicense", "viewEveryCost", "manageCatalog",
          "deleteCatalog", "viewUsers", "viewEmails", "manageUsers", "manageGrants",
          "viewAudit", "manageAccount"]  # fmt: skip
EXPECTED = {
    # role: the fields that are true
    Role.ADMIN: set(FIELDS),
    Role.MANAGER: set(FIELDS) - {"manageUsers", "manageGrants", "viewAudit"},
    Role.AUDITOR: {"viewEveryCost", "viewUsers", "viewEmails", "viewAudit", "manageAccount"},
    Role.MEMBER: {"manageAccount"},
}


@pytest.mark.parametrize("role", list(EXPECTED))
async def test_each_role_is_told_what_it_may_do(http: httpx.AsyncClient, role: Role) -> None:
    _, gql = await caller(http, role, f"{role.value}@example.com")
    body = await gql(VIEWER_CAN)
    assert body == {"data": {"viewerCan": {f: f in EXPECTED[role] for f in FIELDS}}}


async def test_a_token_is_told_only_what_its_scopes_let_through(http: httpx.AsyncClient) -> None:
    # Given an admin's token narrowed to reading licenses
    user, gql = await caller(http, Role.ADMIN, "admin@example.com")
    await ApiToken.filter(user_id=user.id).update(scopes=["licenses:read"])
    # Then only reading is offered
    body = await gql(VIEWER_CAN)
    assert {f for f, v in body["data"]["viewerCan"].items() if v} == {
        "viewEveryCost", "viewUsers", "viewEmails"
    }  # fmt: skip


async def test_anonymous_callers_may_do_nothing(http: httpx.AsyncClient) -> None:
    response = await http.post("/graphql", json={"query": VIEWER_CAN})
    assert response.json() == {"data": {"viewerCan": dict.fromkeys(FIELDS, False)}}


USERS = "{ users { email viewerCan { changeRole setActive } } }"


async def test_admins_are_told_they_may_change_others_but_not_themselves(
    http: httpx.AsyncClient,
) -> None:
    # Given an admin and a manager
    _, admin = await caller(http, Role.ADMIN, "admin@example.com")
    _, manager = await caller(http, Role.MANAGER, "manager@example.com")
    # Then the admin may change the manager's role and state, not their own
    users = {u["email"]: u["viewerCan"] for u in (await admin(USERS))["data"]["users"]}
    assert users == {
        "admin@example.com": {"changeRole": False, "setActive": False},
        "manager@example.com": {"changeRole": True, "setActive": True},
    }
    # And the manager may change nobody's
    users = {u["email"]: u["viewerCan"] for u in (await manager(USERS))["data"]["users"]}
    assert set(map(str, users.values())) == {str({"changeRole": False, "setActive": False})}
