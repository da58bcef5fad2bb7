"""`auditEvents` and `apiRequests` over GraphQL: who may read them, what a mutation leaves
in the audit log (actor, IP, request id), filters and pages."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from licman.models import ApiRequest, Product, User, Vendor
from licman.resolvers.api_token import api_token_create
from licman.resolvers.license import LicenseInput, license_create
from licman.resolvers.user import user_create
from licman.schema.ids import decode_id, global_id
from licman.security.principal import Origin, Principal, PrincipalKind, system
from tests.schema.conftest import Gql

pytestmark = pytest.mark.usefixtures("db")

AUDIT_EVENTS = """
query AuditLog($first: Int, $after: String, $filter: AuditEventFilter) {
  auditEvents(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges {
      cursor
      node {
        id occurredAt actorKind actorUserId actorLabel ip userAgent requestId
        action objectType objectId changes hash prevHash
      }
    }
  }
}
"""

API_REQUESTS = """
query ApiLog($first: Int, $after: String, $filter: ApiRequestFilter) {
  apiRequests(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id occurredAt principalKind userId apiTokenId oauthClientId ip userAgent requestId
      operationName operationType durationMs outcome statusCode
    }
  }
}
"""

BOTH_AND_VERSION = "{ version auditEvents { totalCount } apiRequests { totalCount } }"

TAG_CREATE = """
mutation TagCreate($name: String!) {
  tagCreate(input: {name: $name}) { tag { id name } errors { code } }
}
"""


async def test_members_and_managers_get_forbidden_and_the_rest_still_answers(
    member: tuple[User, Gql], manager: tuple[User, Gql]
) -> None:
    for _, gql in (member, manager):
        body = await gql(BOTH_AND_VERSION)
        assert body["data"] == {"version": "0.1.0", "auditEvents": None, "apiRequests": None}
        codes = {e["path"][0]: e["extensions"]["code"] for e in body["errors"]}
        assert codes == {"auditEvents": "FORBIDDEN", "apiRequests": "FORBIDDEN"}


async def test_auditors_and_admins_read_both_logs(
    admin: tuple[User, Gql], auditor: tuple[User, Gql]
) -> None:
    await admin[1](TAG_CREATE, name="visible")
    for _, gql in (auditor, admin):
        body = await gql(BOTH_AND_VERSION)
        assert "errors" not in body
        assert body["data"]["auditEvents"]["totalCount"] == 1
        assert body["data"]["apiRequests"]["totalCount"] == 0  # written in batches, later


async def test_a_mutation_leaves_an_event_with_its_actor_ip_and_request_id(
    http: httpx.AsyncClient, auditor: tuple[User, Gql]
) -> None:
    # Given an admin with a personal token
    admin = await User.create(email="boss@example.com", role="admin", name="Boss")
    token, token_row = await api_token_create(system(), user=admin, name="ci")

    # When they create a tag
    response = await http.post(
        "/graphql",
        json={"query": TAG_CREATE, "variables": {"name": "audited"}},
        headers={"authorization": f"Bearer {token}", "user-agent": "audit-test/1.0"},
    )
    assert response.status_code == 200
    tag_id = response.json()["data"]["tagCreate"]["tag"]["id"]

    # Then the auditor sees who did it, from where, in which request
    _, gql = auditor
    body = await gql(AUDIT_EVENTS, filter={"action": "tag.create"})
    (edge,) = body["data"]["auditEvents"]["edges"]
    event = edge["node"]
    assert event["actorKind"] == "token"
    assert event["actorUserId"] == global_id("User", admin.id)
    assert event["actorLabel"] == "boss@example.com"
    assert event["ip"] == "127.0.0.1"
    assert event["userAgent"] == "audit-test/1.0"
    assert event["requestId"] == response.headers["x-request-id"]
    assert (event["objectType"], event["objectId"]) == ("tag", str(decode_id(tag_id, "Tag", "id")))
    assert event["changes"]["after"]["name"] == "audited"
    assert token not in str(event)
    assert token_row.token_hash not in str(event)


async def test_events_filter_and_page_over_graphql(admin: tuple[User, Gql]) -> None:
    admin_user, gql = admin
    for n in range(5):
        await gql(TAG_CREATE, name=f"tag-{n}")
    await gql(TAG_CREATE, name="tag-0")  # a duplicate: refused, no event

    first = (await gql(AUDIT_EVENTS, first=2, filter={"action": "tag."}))["data"]["auditEvents"]
    assert first["totalCount"] == 5
    assert first["pageInfo"]["hasNextPage"] is True
    assert first["pageInfo"]["hasPreviousPage"] is False
    names = [e["node"]["changes"]["after"]["name"] for e in first["edges"]]
    assert names == ["tag-4", "tag-3"]

    cursor = first["pageInfo"]["endCursor"]
    rest = (await gql(AUDIT_EVENTS, first=10, after=cursor))["data"]["auditEvents"]
    assert [e["node"]["changes"]["after"]["name"] for e in rest["edges"]] == [
        "tag-2",
        "tag-1",
        "tag-0",
    ]
    assert rest["pageInfo"]["hasNextPage"] is False
    assert rest["pageInfo"]["hasPreviousPage"] is True

    mine = {"actorUserId": global_id("User", admin_user.id), "objectType": "tag"}
    assert (await gql(AUDIT_EVENTS, filter=mine))["data"]["auditEvents"]["totalCount"] == 5
    nobody = {"actorUserId": global_id("User", admin_user.id + 1000)}
    assert (await gql(AUDIT_EVENTS, filter=nobody))["data"]["auditEvents"]["edges"] == []
    future = {"occurredAfter": (datetime.now(UTC) + timedelta(hours=1)).isoformat()}
    assert (await gql(AUDIT_EVENTS, filter=future))["data"]["auditEvents"]["totalCount"] == 0


@pytest.mark.parametrize(
    ("variables", "field"),
    [
        ({"first": 101}, "first"),
        ({"after": "garbage"}, "after"),
        ({"filter": {"actorUserId": global_id("Tag", 1)}}, "filter.actorUserId"),
        ({"filter": {"action": "tag.*"}}, "filter.action"),
    ],
)
async def test_bad_arguments_are_invalid(
    auditor: tuple[User, Gql], variables: dict[str, object], field: str
) -> None:
    _, gql = auditor
    body = await gql(AUDIT_EVENTS, **variables)
    assert body["data"] == {"auditEvents": None}
    assert body["errors"][0]["extensions"] == {"code": "INVALID", "field": field}


async def test_api_requests_filter_and_page_over_graphql(
    admin: tuple[User, Gql], auditor: tuple[User, Gql]
) -> None:
    admin_user, gql = admin
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for n, outcome in enumerate(["ok", "denied", "ok", "invalid", "error"]):
        await ApiRequest.create(
            occurred_at=start + timedelta(minutes=n),
            principal_kind="token",
            user_id=admin_user.id if n % 2 == 0 else None,
            api_token_id=9,
            request_id=f"r{n}",
            operation_name="Tags" if n < 3 else "TagCreate",
            operation_type="query" if n < 3 else "mutation",
            outcome=outcome,
            status_code=401 if outcome == "denied" else 200,
        )

    _, auditor_gql = auditor
    page = (await auditor_gql(API_REQUESTS, first=2))["data"]["apiRequests"]
    assert page["totalCount"] == 5
    assert [r["requestId"] for r in page["nodes"]] == ["r4", "r3"]
    newest = page["nodes"][0]
    assert newest["outcome"] == "ERROR"
    assert newest["apiTokenId"] == global_id("ApiToken", 9)
    assert newest["userId"] == global_id("User", admin_user.id)
    rest = await auditor_gql(API_REQUESTS, after=page["pageInfo"]["endCursor"])
    assert [r["requestId"] for r in rest["data"]["apiRequests"]["nodes"]] == ["r2", "r1", "r0"]

    async def ids(**flt: object) -> list[str]:
        body = await gql(API_REQUESTS, filter=flt)
        return [r["requestId"] for r in body["data"]["apiRequests"]["nodes"]]

    assert await ids(userId=global_id("User", admin_user.id)) == ["r4", "r2", "r0"]
    assert await ids(operationName="TagCreate") == ["r4", "r3"]
    assert await ids(outcome="DENIED") == ["r1"]
    window = {
        "occurredAfter": (start + timedelta(minutes=1)).isoformat(),
        "occurredBefore": (start + timedelta(minutes=3)).isoformat(),
    }
    assert await ids(**window) == ["r2", "r1"]


async def _scoped_caller(
    http: httpx.AsyncClient, user: User, scopes: list[str]
) -> Callable[..., Awaitable[dict[str, Any]]]:
    token, _ = await api_token_create(system(), user=user, name="scoped", scopes=scopes)

    async def gql(document: str, **variables: Any) -> dict[str, Any]:
        response = await http.post(
            "/graphql",
            json={"query": document, "variables": variables},
            headers={"authorization": f"Bearer {token}"},
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    return gql


async def test_audit_readers_see_emails_and_costs_only_where_the_field_rules_show_them(
    http: httpx.AsyncClient, admin: tuple[User, Gql], auditor: tuple[User, Gql]
) -> None:
    # Given events that hold an e-mail address (a new user, made by another admin through a
    # token, so the event's actor label is that admin's address) and a cost (a new license)
    admin_user, _ = admin
    other = await User.create(email="other.admin@example.com", role="admin")
    acting = Principal(PrincipalKind.TOKEN, user=other, origin=Origin(ip="127.0.0.1"))
    await user_create(acting, email="hidden.person@example.com", password=None)
    product = await Product.create(vendor=await Vendor.create(name="Costly"), name="Suite")
    await license_create(
        acting,
        LicenseInput(product_id=product.id, name="Priced", cost=Decimal("1234.56"), currency="EUR"),
    )
    # and a token of the first admin that may read only the audit log
    audit_only = await _scoped_caller(http, admin_user, ["audit:read"])

    # When it reads the log
    body = await audit_only(AUDIT_EVENTS)

    # Then no address and no cost is in any event, though it sees that they were there
    assert "errors" not in body, body
    events = [e["node"] for e in body["data"]["auditEvents"]["edges"]]
    assert {e["action"] for e in events} == {"user.create", "license.create"}
    text = str(events)
    assert "example.com" not in text, [s for s in text.split(",") if "example.com" in s]
    assert "1234" not in text
    created = next(e for e in events if e["action"] == "user.create")
    assert created["changes"]["after"]["email"] == "[hidden]"
    assert created["actorLabel"] == "[hidden]"
    priced = next(e for e in events if e["action"] == "license.create")
    assert priced["changes"]["after"]["cost_micros"] == "[hidden]"
    assert priced["changes"]["after"]["name"] == "Priced"  # the rest stays

    # And a caller who reads addresses and costs elsewhere (an auditor) reads them here too
    seen = str((await auditor[1](AUDIT_EVENTS))["data"]["auditEvents"])
    assert "hidden.person@example.com" in seen
    assert "1234560000" in seen
    assert "[hidden]" not in seen
