"""What the GraphQL endpoint refuses before running anything (too deep, too many aliases, too
many tokens, batches), what its errors give away (no suggestions, no internals), and who may
introspect the schema in production. The app runs in-process; only two tests touch the
database. Fragment bombs, cost, reveals and the budget: test_cost.py and
test_limits_live.py."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio

from licman.app import create_app
from licman.models import License, Product, Role, User, Vendor
from licman.resolvers import user as user_ops
from licman.resolvers.api_token import api_token_create
from licman.security.principal import system
from licman.settings import Settings
from tests.backends import TestDatabase

Post = Callable[..., Awaitable[httpx.Response]]

INTROSPECT = "{ __schema { types { name } } }"
# The deepest path the schema has: License -> Vendor -> Product (it has no cycles).
DEEPEST_REAL = "{ licenses(first: 1) { edges { node { vendor { products { name } } } } } }"


def nested(depth: int) -> str:
    """A document whose leaf is `depth` fields down, as the depth limit counts."""
    document = "leaf"
    for _ in range(depth):
        document = f"f {{ {document} }}"
    return f"{{ {document} }}"


def aliases(count: int) -> str:
    return "{ " + " ".join(f"a{i}: version" for i in range(count)) + " }"


def messages(body: dict[str, Any]) -> list[str]:
    return [e["message"] for e in body.get("errors", [])]


async def token_of(role: Role) -> str:
    user = await User.create(email=f"{role.value}@example.com", name=role.value.title(), role=role)
    token, _ = await api_token_create(system(), user=user, name="explorer")
    return token


def client_for(settings: Settings) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=create_app(settings))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


@pytest_asyncio.fixture(loop_scope="session")
async def post(tmp_path: Path) -> AsyncIterator[Post]:
    """POST a document to an app with the default (development) settings."""
    async with client_for(Settings(home=tmp_path)) as client:

        async def send(document: str, **kwargs: Any) -> httpx.Response:
            return await client.post("/graphql", json={"query": document}, **kwargs)

        yield send


async def refused(post: Post, document: str) -> dict[str, Any]:
    body: dict[str, Any] = (await post(document)).json()
    assert body.get("data") is None, body
    return body


# --- depth ----------------------------------------------------------------------------------


async def test_the_deepest_real_query_runs(post: Post, db: TestDatabase) -> None:
    vendor = await Vendor.create(name="Adobe")
    await License.create(product=await Product.create(vendor=vendor, name="Photoshop"))
    token = await token_of(Role.ADMIN)

    body = (await post(DEEPEST_REAL, headers={"authorization": f"Bearer {token}"})).json()

    assert body == {
        "data": {
            "licenses": {"edges": [{"node": {"vendor": {"products": [{"name": "Photoshop"}]}}}]}
        }
    }


@pytest.mark.parametrize("depth", [9, 10])
async def test_depth_up_to_the_limit_is_not_refused_for_depth(post: Post, depth: int) -> None:
    # The schema has no path this deep, so the document fails validation for its made-up
    # fields; what matters is that the depth limit does not object.
    body = (await post(nested(depth))).json()

    assert messages(body) == ["Cannot query field 'f' on type 'Query'."]


@pytest.mark.parametrize("depth", [11, 50])
async def test_a_document_deeper_than_the_limit_is_refused(post: Post, depth: int) -> None:
    body = await refused(post, nested(depth))

    assert messages(body) == [f"Query depth {depth} is over the limit of 10."]
    assert body["errors"][0]["extensions"] == {
        "code": "QUERY_TOO_COMPLEX",
        "limit": "depth",
        "value": depth,
        "max": 10,
    }


# --- aliases and tokens ---------------------------------------------------------------------


async def test_fifteen_aliases_are_allowed(post: Post) -> None:
    body = (await post(aliases(15))).json()

    assert body == {"data": {f"a{i}": "0.1.0" for i in range(15)}}


async def test_sixteen_aliases_are_refused(post: Post) -> None:
    body = await refused(post, aliases(16))

    assert messages(body) == ["Query has 16 aliases, over the limit of 15."]
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"


async def test_five_thousand_aliases_are_refused_before_parsing_ends(post: Post) -> None:
    # 5,000 aliases are some 15,000 tokens: the token limit stops the parser first.
    body = await refused(post, aliases(5000))

    assert len(messages(body)) == 1
    assert "more than 2000 tokens" in messages(body)[0]


async def test_five_thousand_aliases_name_the_alias_limit_when_tokens_allow(tmp_path: Path) -> None:
    async with client_for(Settings(home=tmp_path, graphql_max_tokens=100_000)) as client:
        body = (await client.post("/graphql", json={"query": aliases(5000)})).json()

    assert messages(body) == ["Query has 5,000 aliases, over the limit of 15."]


async def test_a_document_over_the_token_limit_is_refused(post: Post) -> None:
    document = "{ " + " ".join(["version"] * 2001) + " }"

    body = await refused(post, document)

    assert len(messages(body)) == 1
    assert "more than 2000 tokens" in messages(body)[0]


async def test_each_app_keeps_its_own_limits(post: Post, tmp_path: Path) -> None:
    # Given a second app in the same process with a generous alias limit
    create_app(Settings(home=tmp_path / "other", graphql_max_aliases=1000))

    # When the first app (limit 15) gets 16 aliases
    body = (await post(aliases(16))).json()

    # Then it still refuses them
    assert messages(body) == ["Query has 16 aliases, over the limit of 15."]


# --- request shape and error text -----------------------------------------------------------


async def test_a_batched_request_is_refused(post: Post) -> None:
    async with client_for(Settings()) as client:
        response = await client.post(
            "/graphql", json=[{"query": "{ version }"}, {"query": "{ version }"}]
        )

    assert 400 <= response.status_code < 500
    assert "0.1.0" not in response.text


async def test_an_unknown_field_gets_no_suggestion(post: Post) -> None:
    body = (await post("{ licenes { totalCount } }")).json()

    assert messages(body) == ["Cannot query field 'licenes' on type 'Query'."]
    assert "Did you mean" not in str(body)


@pytest.mark.parametrize(
    "document",
    [
        "{ licenses(frist: 1) { totalCount } }",
        "query($f: LicenseFiltr) { licenses(filter: $f) { totalCount } }",
        "{ licenses(orderBy: {field: EXPIRE}) { totalCount } }",
    ],
    ids=["argument", "type", "enum-value"],
)
async def test_no_suggestion_for_other_unknown_names_in_production(
    tmp_path: Path, document: str
) -> None:
    async with client_for(Settings(home=tmp_path, environment="production")) as client:
        body = (await client.post("/graphql", json={"query": document})).json()

    assert body["data"] is None
    assert "Did you mean" not in str(body)


FILTERED = "query($f: LicenseFilter) { licenses(filter: $f) { totalCount } }"
ORDERED = "query($o: LicenseOrder) { licenses(orderBy: $o) { totalCount } }"


@pytest.mark.parametrize("environment", ["development", "production"])
@pytest.mark.parametrize(
    ("document", "variables"),
    [
        # graphql-core puts these suggestions in the middle: "... unknown field 'costMn'.
        # Did you mean 'costMin'? Found: ..."
        ('{ licenses(filter: {costMn: "1"}) { totalCount } }', None),
        (FILTERED, {"f": {"costMn": "1"}}),
        (FILTERED, {"f": {"statuses": ["ACTIV"]}}),
        (ORDERED, {"o": {"field": "EXPIRE"}}),
    ],
    ids=["literal-field", "variable-field", "variable-enum-in-list", "variable-enum"],
)
async def test_no_suggestion_anywhere_in_a_message(
    tmp_path: Path, environment: str, document: str, variables: dict[str, Any] | None
) -> None:
    async with client_for(Settings(home=tmp_path, environment=environment)) as client:
        response = await client.post("/graphql", json={"query": document, "variables": variables})
    body = response.json()

    assert body.get("data") is None, body
    assert body["errors"], body
    text = str(body)
    assert "Did you mean" not in text
    for hint in ("'costMin'", "'ACTIVE'", "'EXPIRY'"):
        assert hint not in text
    # what was wrong is still named
    assert any(name in text for name in ("costMn", "ACTIV", "EXPIRE")), text


async def test_an_unexpected_error_is_masked_with_the_request_id(
    post: Post, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # Given a resolver that fails in a way nobody planned for
    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret-detail")

    monkeypatch.setattr(user_ops, "viewer", broken)

    # When
    response = await post("{ me { email } version }")

    # Then the client gets the request id to quote and nothing of the cause; the log has it
    request_id = response.headers["x-request-id"]
    body = response.json()
    assert response.status_code == 200
    assert body["data"] == {"me": None, "version": "0.1.0"}
    assert messages(body) == [f"Internal error (request id {request_id})"]
    assert body["errors"][0]["extensions"] == {"code": "INTERNAL", "requestId": request_id}
    assert body["errors"][0]["path"] == ["me"]
    assert "secret-detail" not in response.text
    assert "RuntimeError" not in response.text
    assert "secret-detail" in caplog.text
    assert request_id in caplog.text


# --- introspection --------------------------------------------------------------------------


async def test_anyone_may_introspect_in_development(post: Post) -> None:
    body = (await post(INTROSPECT)).json()

    names = {t["name"] for t in body["data"]["__schema"]["types"]}
    assert {"License", "Query", "Mutation"} <= names


async def test_in_production_only_signed_in_users_may_introspect(
    tmp_path: Path, db: TestDatabase
) -> None:
    # Given a production server and a member's API token
    signed_in = {"authorization": f"Bearer {await token_of(Role.MEMBER)}"}

    async with client_for(Settings(home=tmp_path, environment="production")) as client:

        async def send(document: str, **headers: str) -> dict[str, Any]:
            response = await client.post("/graphql", json={"query": document}, headers=headers)
            assert response.status_code == 200, response.text
            body: dict[str, Any] = response.json()
            return body

        # When and then: anonymous callers are refused, the signed-in user is answered,
        # and neither answer leaks into the other through the validation cache
        anonymous = await send(INTROSPECT)
        assert anonymous["data"] is None
        assert "introspection has been disabled" in messages(anonymous)[0]
        user_view = await send(INTROSPECT, **signed_in)
        assert "errors" not in user_view
        assert "License" in {t["name"] for t in user_view["data"]["__schema"]["types"]}
        assert (await send(INTROSPECT))["data"] is None
        type_probe = await send('{ __type(name: "License") { fields { name } } }')
        assert type_probe["data"] is None
        # Ordinary queries and __typename stay open
        assert (await send("{ version __typename }"))["data"] == {
            "version": "0.1.0",
            "__typename": "Query",
        }
