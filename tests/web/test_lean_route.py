"""The lean route (licman/web/lean.py) answers exactly as the normal route: two real servers
(uvicorn, `licman serve`) on one database, one with the lean route and one without, get the
same requests from the same callers - documents the fast path covers (aliases, fragments,
variables, @include/@skip, __typename, costs refused as null plus FORBIDDEN), documents it
hands back (invalid variables, over the limits, a number literal of 5,000 digits, another
root field, a syntax error), and
requests refused before GraphQL (an unknown token, an expired session, a cookie session
without its CSRF token, a body that is not JSON, too large, compressed or of another media
type) or by the cost budget - and must answer with
the same status, headers and bytes, and leave the same API request log rows. In process,
the route is seen to be taken (and not taken with `graphql_fast_path = false`), and the
statements per request stay what the fast path costs. The server with the lean route also
answers POST /graphql on GraphQLFront (licman/web/front.py), without Starlette's middleware
stack: the pair compares that too (tests/web/test_front.py has its failures)."""

from __future__ import annotations

import asyncio
import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from starlette.responses import Response

from bench.statements import count_statements
from licman.app import create_app
from licman.models import ApiRequest, License, Role, User
from licman.resolvers.api_token import api_token_create
from licman.schema.ids import global_id
from licman.schema.root import build_schema
from licman.security.passwords import hash_password
from licman.security.principal import system
from licman.settings import Settings
from licman.web import lean
from tests.backends import TestDatabase
from tests.live import LICMAN, cli_env, free_port, stop_process
from tests.schema.test_fast_path import _world

pytestmark = pytest.mark.usefixtures("db")
PASSWORD = "lean-route-password-1"
BUDGET = 2000  # cost units a minute, and the most one request may cost
EXPENSIVE = "{ a: licenses(first: 100) { nodes { id tags { name } } } }"  # costs 1,202

DOCUMENTS: list[tuple[str, str, dict[str, Any]]] = [
    (
        "list",
        "{ licenses(first: 50) { edges { node { id name seats expiresOn "
        "product { name } vendor { name } tags { name } } } } }",
        {},
    ),
    (
        "aliases, fragments and typename",
        "query Named { a: licenses(first: 3) { __typename edges { node { ...F x: name "
        "... on License { vendor { n: name } } ... on Node { id } } } } v: version __typename } "
        "fragment F on License { id name vendor { name website } }",
        {},
    ),
    (
        "variables, include and skip",
        "query ($n: Int!, $yes: Boolean!, $no: Boolean!) { licenses(first: $n) { "
        "totalCount @include(if: $no) pageInfo @skip(if: $no) { endCursor hasNextPage } "
        "nodes { id name @include(if: $yes) cost @skip(if: $yes) ... @skip(if: $no) { "
        "tags { name } } } } }",
        {"n": 5, "yes": True, "no": False},
    ),
    ("costs", "{ licenses(first: 12) { edges { node { name cost vendor { name } } } } }", {}),
    (
        "by id",
        "query ($id: ID!) { license(id: $id) { id name cost canRevealSecret tags { name } "
        "owner { name } } }",
        {"id": "LICENSE"},
    ),
    ("unknown id", "query ($id: ID!) { license(id: $id) { id } }", {"id": "MISSING"}),
    ("a bad cursor", '{ licenses(first: 1, after: "nope") { nodes { id } } }', {}),
    ("version", "{ version }", {}),
    ("version, aliased, and typename", "query V { v: version __typename version }", {}),
    ("version, skipped", "query ($no: Boolean!) { version @skip(if: $no) }", {"no": True}),
    ("invalid variables", "query ($n: Int!) { licenses(first: $n) { nodes { id } } }", {"n": "x"}),
    ("missing variable", "query ($n: Int!) { licenses(first: $n) { nodes { id } } }", {}),
    ("over the alias limit", "{ " + " ".join(f"v{i}: version" for i in range(20)) + " }", {}),
    ("too deep", "{ licenses(first: 1) { nodes { " + "vendor { " * 12 + "}" * 13 + " } }", {}),
    ("unknown field", "{ licenses(first: 1) { nodes { nope } } }", {}),
    ("syntax error", "{ licenses(first: 1) { nodes { id }", {}),
    ("another root", "{ tags { name } version }", {}),
    ("two operations", "query A { version } query B { version }", {}),
    ("a mutation", "mutation { tagCreate(input: {name: 1}) { tag { id } } }", {}),
    ("a huge page size", "{ licenses(first: " + "9" * 5000 + ") { totalCount } }", {}),
]


def _serve(home: Path, url: str, name: str, **env: str) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    with (home / f"{name}.log").open("w") as log:
        process = subprocess.Popen(
            [*LICMAN, "serve", "--port", str(port)],
            env=cli_env(home, url, **env),
            cwd=home,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    try:
        while time.monotonic() < deadline:
            assert process.poll() is None, (home / f"{name}.log").read_text()
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    return process, base
            except httpx.TransportError:
                time.sleep(0.1)
        raise AssertionError(f"{name} did not start")
    except BaseException:
        stop_process(process)  # a server slow to start would otherwise outlive its test
        raise


@pytest.fixture
def servers(db: TestDatabase, tmp_path: Path) -> Iterator[dict[bool, str]]:
    """The lean route on (True) and off (False), one database, one home (one key ring)."""
    common = {
        "LICMAN_GRAPHQL_COST_BUDGET": str(BUDGET),
        "LICMAN_GRAPHQL_MAX_COST": str(BUDGET),
        "LICMAN_LOG_LEVEL": "warning",
    }
    # One at a time, each stopped whatever happens next: a server left running (the first,
    # when the second did not start) would stay on this worker's database to the end.
    started: dict[bool, tuple[subprocess.Popen[str], str]] = {}
    try:
        for on in (True, False):
            started[on] = _serve(
                tmp_path, db.url, f"lean-{on}", **common, LICMAN_GRAPHQL_LEAN_ROUTE=str(on)
            )
        yield {on: base for on, (_, base) in started.items()}
    finally:
        for process, _ in started.values():
            stop_process(process)


_WAIT = re.compile(rb"(Try again in |\"retryAfter\":)[0-9]+")


def _comparable(response: httpx.Response) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, headers and body, but for what differs between any two requests: the date,
    the request id, and the seconds to wait for a budget (the servers are asked in turn)."""
    headers = [
        (k, "N" if k == "retry-after" else v)
        for k, v in response.headers.multi_items()
        if k not in ("date", "x-request-id")
    ]
    assert response.headers["x-request-id"]
    return response.status_code, headers, _WAIT.sub(rb"\1N", response.content)


def _session(base: str, email: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=20)
    response = client.post("/auth/login", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return client


async def test_the_lean_route_answers_and_logs_as_the_normal_route(
    db: TestDatabase, servers: dict[bool, str]
) -> None:
    tokens = await _world()
    admin = await User.get(email="admin@example.com")
    admin.password_hash = await hash_password(PASSWORD)
    await admin.save()
    first = await License.all().order_by("id").first()
    assert first is not None
    ids = {"LICENSE": global_id("License", first.id), "MISSING": global_id("License", 999_999)}
    differences: list[str] = []
    answers: dict[bool, list[tuple[str, int]]] = {True: [], False: []}

    def compare(name: str, send: Any) -> None:
        got = {on: _comparable(send(on, base)) for on, base in servers.items()}
        for on in servers:
            answers[on].append((name, got[on][0]))
        if got[True] != got[False]:
            differences.append(f"{name}:\n  lean:   {got[True]!r}\n  normal: {got[False]!r}")

    def agent(on: bool, name: str) -> dict[str, str]:
        return {"user-agent": f"lean-test/{on}/{name}"[:100]}

    for name, document, variables in DOCUMENTS:
        body = {"query": document, "variables": {k: ids.get(v, v) for k, v in variables.items()}}
        for role, token in tokens.items():

            def post(
                on: bool, base: str, body: Any = body, token: str = token, name: str = name
            ) -> Any:
                headers = {"authorization": f"Bearer {token}", **agent(on, name)}
                return httpx.post(f"{base}/graphql", json=body, headers=headers, timeout=20)

            compare(f"{name} ({role})", post)
        compare(
            f"{name} (anonymous)",
            lambda on, base, body=body, name=name: httpx.post(
                f"{base}/graphql", json=body, headers=agent(on, name), timeout=20
            ),
        )
    list_body = {"query": DOCUMENTS[0][1]}
    compare(
        "unknown token",
        lambda on, base: httpx.post(
            f"{base}/graphql",
            json=list_body,
            headers={"authorization": "Bearer lm_nope", **agent(on, "unknown token")},
        ),
    )
    compare(
        "expired session",
        lambda on, base: httpx.post(
            f"{base}/graphql",
            json=list_body,
            headers={"x-csrf-token": "x", **agent(on, "expired session")},
            cookies={"licman_session": "A" * 43, "licman_csrf": "x"},
        ),
    )
    compare(
        "not JSON",
        lambda on, base: httpx.post(
            f"{base}/graphql",
            content=b"{nope",
            headers={"content-type": "application/json", **agent(on, "not JSON")},
        ),
    )
    # Refused by the view before GraphQL, on the front (licman/web/front.py) or the stack.
    for name, content, headers in (
        ("too large", b'{"query": "{ version }"}' + b" " * 300_000, {}),
        ("compressed", b'{"query": "{ version }"}', {"content-encoding": "gzip"}),
        ("text/plain", b'{"query": "{ version }"}', {"content-type": "text/plain"}),
        (
            "charset",
            b'{"query": "{ version }"}',
            {"content-type": "application/json; charset=utf-8"},
        ),
        ("a query string", b'{"query": "{ version }"}', {"x-path": "/graphql?x=1"}),
    ):
        compare(
            name,
            lambda on, base, name=name, content=content, headers=headers: httpx.post(
                base + headers.get("x-path", "/graphql"),
                content=content,
                headers={
                    "content-type": "application/json",
                    **{k: v for k, v in headers.items() if k != "x-path"},
                    **agent(on, name),
                },
            ),
        )
    compare(
        "graphql-response+json",
        lambda on, base: httpx.post(
            f"{base}/graphql",
            json={"query": "{ version "},
            headers={"accept": "application/graphql-response+json", **agent(on, "media")},
        ),
    )
    sessions = {on: _session(base, admin.email) for on, base in servers.items()}
    try:
        compare(
            "session",
            lambda on, base: sessions[on].post(
                "/graphql",
                json=list_body,
                headers={"x-csrf-token": sessions[on].cookies["licman_csrf"], **agent(on, "s")},
            ),
        )
        compare(
            "session without its CSRF token",
            lambda on, base: sessions[on].post(
                "/graphql", json=list_body, headers=agent(on, "csrf")
            ),
        )
    finally:
        for client in sessions.values():
            client.close()
    # The budget: a caller of its own spends 1,202 of 2,000 a minute on each server, then
    # is refused (429, Retry-After).
    spender = await User.create(email="spender@example.com", role=Role.MEMBER)
    spender_token, _ = await api_token_create(system(), user=spender, name="tests")
    expensive = {"query": EXPENSIVE}
    for attempt in ("budget spent", "budget exhausted"):
        compare(
            attempt,
            lambda on, base, attempt=attempt: httpx.post(
                f"{base}/graphql",
                json=expensive,
                headers={"authorization": f"Bearer {spender_token}", **agent(on, attempt)},
            ),
        )
    assert differences == [], "\n".join(differences)
    assert ("budget exhausted", 429) in answers[True]
    assert ("session without its CSRF token", 403) in answers[True]

    # The same API request log rows, once each server has written its batch (every second).
    fields = ("principal_kind", "user_id", "api_token_id", "oauth_client_id", "ip",
              "operation_name", "operation_type", "outcome", "status_code")  # fmt: skip
    rows: dict[bool, list[tuple[Any, ...]]] = {}
    deadline = time.monotonic() + 20
    for on in servers:
        while True:
            found = (
                await ApiRequest.filter(user_agent__startswith=f"lean-test/{on}/")
                .order_by("id")
                .values("user_agent", *fields)
            )
            if len(found) >= len(answers[on]) or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.2)
        rows[on] = sorted(
            (r["user_agent"].split("/", 2)[2], *(r[f] for f in fields)) for r in found
        )
    assert len(rows[True]) == len(answers[True])
    assert rows[True] == rows[False]


# --- in process: the route taken, or not -------------------------------------------------


@pytest.fixture
def taken(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """For each request that reached the lean route: whether it answered."""
    calls: list[bool] = []
    original = lean._respond

    async def counting(*args: Any) -> Response | None:
        try:
            answer = await original(*args)
        except Exception:  # handed back as well (a syntax error, bad JSON)
            calls.append(False)
            raise
        calls.append(answer is not None)
        return answer

    monkeypatch.setattr(lean, "_respond", counting)
    return calls


@pytest_asyncio.fixture(loop_scope="session")
async def tokens(db: TestDatabase) -> dict[Role, str]:
    return await _world()


async def _post(app: Any, token: str, document: str, variables: dict[str, Any]) -> httpx.Response:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        return await client.post(
            "/graphql",
            json={"query": document, "variables": variables},
            headers={"authorization": f"Bearer {token}"},
        )


@pytest.mark.parametrize(("name", "lean_answers"), [
    ("list", True), ("costs", True), ("version", True), ("aliases, fragments and typename", True),
    ("version, aliased, and typename", True), ("version, skipped", True),
    ("a bad cursor", True),  # the executor words the error: still the lean route's answer
    ("invalid variables", False), ("over the alias limit", False), ("another root", False),
    ("syntax error", False), ("two operations", False), ("a mutation", False),
    ("a huge page size", False),
])  # fmt: skip
async def test_which_requests_the_lean_route_answers(
    tmp_path: Path, tokens: dict[Role, str], taken: list[bool], name: str, lean_answers: bool
) -> None:
    document, variables = next((d, v) for n, d, v in DOCUMENTS if n == name)
    app = create_app(Settings(home=tmp_path, graphql_fast_path=True))
    await _post(app, tokens[Role.MEMBER], document, variables)
    assert taken == [lean_answers]


TWO_PAGES = (
    "query Two($n: Int!) { a: licenses(first: $n) { nodes { id tags { name } } } "
    "b: licenses(first: $n) { nodes { id } } }"
)


async def test_a_prepared_document_is_measured_for_each_requests_variables(
    tmp_path: Path, tokens: dict[Role, str], taken: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document with variables is parsed and validated once (PreparedBodies' documents),
    but its cost is measured for each request's variables: a page size that takes the same
    text over the limit is refused, as the normal route refuses it; the variables are
    checked each time too."""
    prepared: list[str] = []
    original = lean._prepare_document

    def counting(view: Any, query: str, name: str | None) -> Any:
        prepared.append(query)
        return original(view, query, name)

    monkeypatch.setattr(lean, "_prepare_document", counting)
    app = create_app(Settings(home=tmp_path, graphql_fast_path=True, graphql_max_cost=1000))
    token = tokens[Role.ADMIN]
    small = await _post(app, token, TWO_PAGES, {"n": 5})
    assert "errors" not in small.json()
    again = await _post(app, token, TWO_PAGES, {"n": 6})
    assert len(again.json()["data"]["b"]["nodes"]) == min(6, await License.all().count())
    large = await _post(app, token, TWO_PAGES, {"n": 100})
    wrong = await _post(app, token, TWO_PAGES, {"n": "x"})
    assert taken == [True, True, False, False]
    assert prepared == [TWO_PAGES]  # parsed and validated once
    off = create_app(Settings(home=tmp_path, graphql_fast_path=False, graphql_max_cost=1000))
    assert large.content == (await _post(off, token, TWO_PAGES, {"n": 100})).content
    assert large.json()["errors"], large.text
    assert wrong.content == (await _post(off, token, TWO_PAGES, {"n": "x"})).content


@pytest.mark.parametrize("settings", [
    {"graphql_fast_path": False}, {"graphql_lean_route": False},
])  # fmt: skip
async def test_the_switches_turn_the_lean_route_off(
    tmp_path: Path, tokens: dict[Role, str], taken: list[bool], settings: dict[str, bool]
) -> None:
    options: dict[str, Any] = {"home": tmp_path, "graphql_fast_path": True, **settings}
    app = create_app(Settings(**options))
    response = await _post(app, tokens[Role.ADMIN], "{ version }", {})
    assert response.status_code == 200
    assert taken == []


@pytest.mark.parametrize(("document", "statements"), [
    ("{ licenses(first: 50) { nodes { id name vendor { name } tags { name } } } }", 2),
    ("{ licenses(first: 50) { totalCount nodes { id tags { name } } } }", 3),
    ("query ($id: ID!) { license(id: $id) { id name tags { name } } }", 2),
    ("{ version }", 0),
])  # fmt: skip
async def test_statements_per_request_on_the_lean_route(
    tmp_path: Path, tokens: dict[Role, str], taken: list[bool], document: str, statements: int
) -> None:
    first = await License.all().order_by("id").first()
    assert first is not None
    app = create_app(Settings(home=tmp_path, graphql_fast_path=True))
    variables = {"id": global_id("License", first.id)} if "$id" in document else {}
    await _post(app, tokens[Role.ADMIN], document, variables)  # the token looked up, cached
    with count_statements() as sent:
        response = await _post(app, tokens[Role.ADMIN], document, variables)
    assert "errors" not in response.json()
    assert taken == [True, True]
    assert len(sent) == statements, "\n".join(sent)


def test_the_lean_route_does_the_work_of_every_extension_there_is() -> None:
    """lean.py does by hand what these extensions do; one added, or one that resolves
    fields, must be done there too (or the route handed back) before this passes again."""
    schema = build_schema()
    extensions = schema.get_extensions()
    assert [type(e).__name__ for e in extensions] == [
        "RequestLimits", "ParserCache", "IntrospectionGate", "StorableText",
        "MaskUnexpectedErrors", "ApiLogExtension",
    ]  # fmt: skip
    assert not [e for e in extensions if e._implements_resolve()]
    assert not schema.directives
