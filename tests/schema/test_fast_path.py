"""The compiled fast path (licman/schema/fast_path.py) answers byte for byte what the normal
executor answers: every document of the corpus is sent, by the same callers, to an app with
the fast path and to one without it, and the response bodies must be identical. The corpus
covers aliases, fragments (named, inline, on the Node interface, nested), __typename,
variables, @include/@skip, permission-checked fields refused on some rows (null plus a
FORBIDDEN error at each path), errors of arguments, nulls, and documents the fast path does
not cover (which must fall back). The whole schema suite also runs with the fast path off in
CI (LICMAN_TEST_FAST_PATH=off, see tests/conftest.py and .ci/run)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from bench.statements import count_statements
from licman.app import create_app
from licman.models import Grant, License, Role, Team, TeamMembership, User, Vendor
from licman.resolvers.api_token import api_token_create
from licman.schema import fast_path
from licman.schema.ids import global_id
from licman.schema.product import Product
from licman.security.principal import system
from licman.settings import Settings
from tests.backends import TestDatabase
from tests.schema.test_license_query_count import seed_licenses

pytestmark = pytest.mark.usefixtures("db")

NODE = "id name seats seatsUsed seatsFree expiresOn status kind currency autoRenew metadata"
CORPUS: list[tuple[str, str, dict[str, Any], bool]] = [
    # (name, document, variables, whether the fast path takes it)
    (
        "list",
        "{ licenses(first: 50) { edges { node { id name seats expiresOn "
        "product { name } vendor { name } tags { name } } } } }",
        {},
        True,
    ),
    (
        "everything it covers",
        "query Q($n: Int!) { licenses(first: $n, orderBy: {field: VENDOR, direction: DESC}) { "
        "__typename totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } "
        f"edges {{ __typename cursor node {{ __typename {NODE} createdAt updatedAt archivedAt "
        "notes externalId version hasSecret billingPeriod purchasedOn startsOn cancelBy "
        "product { __typename id name notes } vendor { id name website } "
        "owner { id name } tags { id name color } } } "
        "nodes { id cost canRevealSecret } } }",
        {"n": 7},
        True,
    ),
    (
        "aliases, fragments and merging",
        "query { a: licenses(first: 3) { edges { node { ...F x: name ... on License { name "
        'vendor { n: name } } ... on Node { id } } } } b: licenses(first: 2, search: "product") '
        "{ nodes { ...F vendor { id } vendor { name } } } __typename v: version } "
        "fragment F on License { id name vendor { ...V } } fragment V on Vendor { name website }",
        {},
        True,
    ),
    (
        "include and skip",
        "query ($yes: Boolean!, $no: Boolean!) { licenses(first: 4) { "
        "totalCount @include(if: $no) pageInfo @skip(if: $no) { endCursor } "
        "nodes { id name @include(if: $yes) cost @skip(if: $yes) "
        "...Tags @include(if: $yes) ... @skip(if: $yes) { notes } } } } "
        "fragment Tags on License { tags { name } }",
        {"yes": True, "no": False},
        True,
    ),
    (
        "include and skip, the other way",
        "query ($yes: Boolean!, $no: Boolean!) { licenses(first: 4) { "
        "totalCount @include(if: $no) pageInfo @skip(if: $no) { endCursor } "
        "nodes { id name @include(if: $yes) cost @skip(if: $yes) "
        "...Tags @include(if: $yes) ... @skip(if: $yes) { notes } } } } "
        "fragment Tags on License { tags { name } }",
        {"yes": False, "no": True},
        True,
    ),
    (
        "next page",
        "query ($after: String) { licenses(first: 3, after: $after) { "
        "pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id } } }",
        {"after": None},
        True,
    ),
    (
        "backwards",
        "{ licenses(last: 2) { pageInfo { hasNextPage hasPreviousPage } nodes { id name } } }",
        {},
        True,
    ),
    (
        "filtered",
        "query ($f: LicenseFilter) { licenses(first: 10, filter: $f) { totalCount "
        "nodes { id name } } }",
        {"f": {"hasFreeSeats": True, "currency": "EUR"}},
        True,
    ),
    (
        "by id",
        "query ($id: ID!) { license(id: $id) { ...on License { id name cost tags { name } } "
        "owner { name } } }",
        {"id": "LICENSE"},
        True,
    ),
    ("unknown id", "query ($id: ID!) { license(id: $id) { id } }", {"id": "MISSING"}, True),
    (
        "nested objects, read from the row and built",
        "{ licenses(first: 5) { edges { node { product { __typename id archivedAt version } "
        "p: product { vendorId name } vendor { createdAt updatedAt notes } "
        "tags { __typename id archivedAt } } } } }",
        {},
        True,
    ),
    (
        "an id of another type",
        "query ($id: ID!) { license(id: $id) { id } }",
        {"id": "VENDOR"},
        True,
    ),
    ("a page too large", "{ licenses(first: 101) { nodes { id } } }", {}, True),
    ("a bad cursor", '{ licenses(first: 1, after: "nope") { nodes { id } } }', {}, True),
    (
        "a bad cost filter",
        "{ licenses(first: 5, filter: {costMin: -1}) { nodes { id } } }",
        {},
        True,
    ),
    ("version", "{ version __typename }", {}, True),
    (
        "two roots",
        "query ($id: ID!) { version licenses(first: 2) { nodes { id } } "
        "license(id: $id) { name } }",
        {"id": "LICENSE"},
        True,
    ),
    # Not covered: answered by the normal executor, still the same bytes.
    (
        "assignments",
        "{ licenses(first: 3) { nodes { id assignments { id assignedAt endsOn user { name } } "
        "} } }",
        {},
        True,
    ),
    ("emails", "{ licenses(first: 3) { nodes { owner { email } } } }", {}, False),
    ("viewerCan", "{ licenses(first: 3) { nodes { id viewerCan { change } } } }", {}, False),
    (
        "vendor license count",
        "{ licenses(first: 3) { nodes { vendor { licenseCount } } } }",
        {},
        False,
    ),
    ("another root", "{ licenses(first: 1) { nodes { id } } tags { name } }", {}, False),
]


Poster = Callable[[httpx.AsyncClient, str, dict[str, Any]], Awaitable[bytes]]


@pytest.fixture
def ran(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many operations the fast path answered."""
    calls: list[int] = []
    original = fast_path.run

    async def counting(executor: Any, plan: list[fast_path.Step]) -> dict[str, Any]:
        calls.append(1)
        return await original(executor, plan)

    monkeypatch.setattr(fast_path, "run", counting)
    return calls


async def _world() -> dict[str, str]:
    """Licenses, an admin, and a member who may see the costs of some licenses only."""
    await seed_licenses(12)
    admin = await User.create(email="admin@example.com", role=Role.ADMIN, name="Ada")
    member = await User.create(email="member@example.com", role=Role.MEMBER, name="Max")
    team = await Team.create(name="Buyers")
    await TeamMembership.create(team=team, user=member)
    vendor = await Vendor.get(name="Vendor 0")
    await Grant.create(vendor=vendor, team=team, rights=["change"])  # costs of Vendor 0
    for license_ in await License.filter(product__vendor_id__not=vendor.id).limit(2):
        await Grant.create(license=license_, user=member, rights=["view"])  # no cost
    tokens = {}
    for user in (admin, member):
        tokens[user.role], _ = await api_token_create(system(), user=user, name="tests")
    return tokens


def _variables(variables: dict[str, Any], ids: dict[str, str]) -> dict[str, Any]:
    return {k: ids.get(v, v) if isinstance(v, str) else v for k, v in variables.items()}


async def test_the_fast_path_answers_byte_for_byte_as_the_executor(
    db: TestDatabase, tmp_path: Any, ran: list[int]
) -> None:
    tokens = await _world()
    first = await License.all().order_by("id").first()
    vendor = await Vendor.all().order_by("id").first()
    assert first is not None
    assert vendor is not None
    ids = {
        "LICENSE": global_id("License", first.id),
        "MISSING": global_id("License", 999_999),
        "VENDOR": global_id("Vendor", vendor.id),
    }
    apps = {
        on: create_app(
            Settings(home=tmp_path / str(on), graphql_fast_path=on, graphql_lean_route=False)
        )
        for on in (True, False)
    }
    differences = []
    for name, document, variables, covered in CORPUS:
        for role, token in tokens.items():
            bodies = {}
            for on, app in apps.items():
                before = len(ran)
                async with httpx.AsyncClient(
                    transport=httpx.ASGITransport(app=app), base_url="http://testserver"
                ) as client:
                    response = await client.post(
                        "/graphql",
                        json={"query": document, "variables": _variables(variables, ids)},
                        headers={"authorization": f"Bearer {token}"},
                    )
                bodies[on] = (response.status_code, response.content)
                if on:
                    assert (len(ran) > before) == covered, f"{name}: fast path taken?"
            if bodies[True] != bodies[False]:
                differences.append(
                    f"{name} ({role}):\n  on:  {bodies[True]!r}\n  off: {bodies[False]!r}"
                )
    assert differences == [], "\n".join(differences)


@pytest.mark.parametrize(("selection", "built"), [
    ("product { id name } vendor { name website } tags { id name color }", False),
    ("product { name vendorId } vendor { name } tags { name }", True),
])  # fmt: skip
async def test_nested_objects_are_read_from_the_row(
    tmp_path: Any, ran: list[int], monkeypatch: pytest.MonkeyPatch, selection: str, built: bool
) -> None:
    """The plan answers product, vendor and tags from the row's values (fast_path.Nested)
    when every field selected is one their from_values copies as it is; otherwise (vendorId
    is a global id made from the row) it builds the object. The bytes are checked above."""
    tokens = await _world()
    made: list[str] = []
    original = Product.from_values.__func__  # type: ignore[attr-defined]

    def counting(cls: Any, v: dict[str, Any], prefix: str = "") -> Any:
        made.append(prefix)
        return original(cls, v, prefix)

    monkeypatch.setattr(Product, "from_values", classmethod(counting))
    app = create_app(Settings(home=tmp_path, graphql_fast_path=True))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        response = await client.post(
            "/graphql",
            json={"query": f"{{ licenses(first: 3) {{ nodes {{ id {selection} }} }} }}"},
            headers={"authorization": f"Bearer {tokens[Role.ADMIN]}"},
        )
    data = response.json()
    assert "errors" not in data, data
    assert all(node["product"] is not None for node in data["data"]["licenses"]["nodes"])
    assert ran == [1]
    assert bool(made) == built


async def test_a_refused_cost_is_null_with_an_error_at_its_path(
    db: TestDatabase, tmp_path: Any, ran: list[int]
) -> None:
    tokens = await _world()
    app = create_app(Settings(home=tmp_path, graphql_fast_path=True, graphql_lean_route=False))
    document = "{ licenses(first: 12) { edges { node { name cost vendor { name } } } } }"
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        response = await client.post(
            "/graphql",
            json={"query": document},
            headers={"authorization": f"Bearer {tokens[Role.MEMBER]}"},
        )
    body = response.json()

    assert ran == [1]
    edges = body["data"]["licenses"]["edges"]
    refused = [i for i, e in enumerate(edges) if e["node"]["vendor"]["name"] != "Vendor 0"]
    assert refused  # the member sees licenses of other vendors, without their costs
    assert all(edges[i]["node"]["cost"] is None for i in refused)
    assert [e["path"] for e in body["errors"]] == [
        ["licenses", "edges", i, "node", "cost"] for i in refused
    ]
    assert {e["extensions"]["code"] for e in body["errors"]} == {"FORBIDDEN"}
    assert body["errors"][0]["locations"] == [{"line": 1, "column": 45}]


@pytest.mark.parametrize(("document", "statements"), [
    # the page and its tags (the token is cached since the warm-up)
    ("{ licenses(first: 50) { nodes { id name vendor { name } tags { name } } } }", 2),
    # and totalCount
    ("{ licenses(first: 50) { totalCount nodes { id name } } }", 2),
    ("{ licenses(first: 50) { totalCount nodes { id tags { name } } } }", 3),
    ("query ($id: ID!) { license(id: $id) { id name tags { name } } }", 2),
    ("{ version }", 0),
])  # fmt: skip
async def test_statements_per_request_on_the_fast_path(
    db: TestDatabase, tmp_path: Any, ran: list[int], document: str, statements: int
) -> None:
    tokens = await _world()
    first = await License.all().order_by("id").first()
    assert first is not None
    app = create_app(Settings(home=tmp_path, graphql_fast_path=True, graphql_lean_route=False))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:

        async def post() -> dict[str, Any]:
            response = await client.post(
                "/graphql",
                json={"query": document, "variables": {"id": global_id("License", first.id)}},
                headers={"authorization": f"Bearer {tokens[Role.ADMIN]}"},
            )
            answer: dict[str, Any] = response.json()
            return answer

        await post()  # warm-up: the token is looked up (and cached), its last use written
        with count_statements() as sent:
            body = await post()

    assert "errors" not in body
    assert len(ran) == 2
    assert len(sent) == statements, "\n".join(sent)


class _Sentinels(dict[str, Any]):
    """Row values where every key holds an object of its own, made when first read."""

    def __missing__(self, key: str) -> object:
        self[key] = value = object()
        return value


@pytest.mark.parametrize("attr", ["product", "vendor", "tags"])
def test_each_nested_field_is_copied_from_the_row_by_its_maker(attr: str) -> None:
    """fast_path.Nested lists the fields a maker copies from the row as they are (the plan
    then reads them itself): each must be exactly the row's value, as the maker in
    ROW_FIELDS builds the object, so a change to from_values cannot go unnoticed."""
    from licman.resolvers.license_query import LicenseRow
    from licman.schema.license import ROW_FIELDS

    nested = fast_path.NESTED[("License", attr)]
    values = _Sentinels()
    row = LicenseRow(values, tags=[_Sentinels()])
    made = ROW_FIELDS[attr](values, row)
    objects, rows = (made, row.tags) if nested.many is not None else ([made], [values])
    for built, source in zip(objects, rows, strict=True):
        for name in nested.fields:
            assert getattr(built, name) is source[nested.prefix + name], name
