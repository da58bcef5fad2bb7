"""The permission matrix: every kind of caller against every way of reaching a license, its
secret, its cost and its owner's e-mail, and against the mutations. One table of expected
outcomes; the test asks the real API and compares.

World: two vendors; L1 (vendor V1, owned by `owner`, one seat held by `seat`, secret S1),
L2 (vendor V2, no owner, secret S2) and L3 (vendor V2, the same secret as L1, so both show
up in `duplicates`). Grants: `viewer` may view L2; `revealer` may reveal on every license
of V1; team T (with `teamed` in it) may change L2; `someone` (no caller) may view L1.
`nobody` is a member with nothing. Tokens: `read_only_token` (an admin's, licenses:read),
`account_token` (an admin's, account only), `write_token` (a manager's, licenses:write only).

OAuth2 rows: an access token with one scope, got through the real endpoints, either by the
code flow for `admin` or by client credentials for a client whose service role is admin. The
role allows everything, so the scope alone decides; both grants must agree. A token without
licenses:read is refused (FORBIDDEN, naming the scope) rather than shown an empty list; so
are `account_token` and `write_token`.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import pytest_asyncio

from licman.models import (
    Grant,
    License,
    Product,
    Role,
    SeatAssignment,
    Tag,
    Team,
    TeamMembership,
    User,
    Vendor,
)
from licman.resolvers.api_token import api_token_create
from licman.schema.ids import global_id
from licman.security.principal import system
from licman.security.secrets import keyring
from licman.settings import Settings
from tests.oauth_helpers import basic, register, sign_in, tokens_for

pytestmark = pytest.mark.usefixtures("db")

S1, S2 = "S1-serial-0001", "S2-serial-0002"
HIDDEN, DENIED = "hidden", "denied"  # not visible at all / visible but FORBIDDEN

# caller: (L1, L2, L3) visible; secret of L1 via every path; cost of L1; e-mail of L1's owner;
# licenseUpdate on L2; licenseCreate; the audit log; the user list.
ALL = {"L1", "L2", "L3"}
# A token without licenses:read: every license path is FORBIDDEN, naming that scope.
NOT_READ = dict(
    see=DENIED,
    secret=DENIED,
    cost=DENIED,
    email=DENIED,
    update=DENIED,
    create=DENIED,
    audit=DENIED,
    users=DENIED,
)
MATRIX: dict[str, dict[str, Any]] = {
    "admin":     dict(see={"L1", "L2", "L3"}, secret=S1, cost="100.00", email="ok", update="ok", create="ok", audit="ok", users="ok"),
    "manager":   dict(see={"L1", "L2", "L3"}, secret=DENIED, cost="100.00", email="ok", update="ok", create="ok", audit=DENIED, users="ok"),
    "auditor":   dict(see={"L1", "L2", "L3"}, secret=DENIED, cost="100.00", email="ok", update=DENIED, create=DENIED, audit="ok", users="ok"),
    "owner":     dict(see={"L1"}, secret=S1, cost=DENIED, email="ok", update=HIDDEN, create=DENIED, audit=DENIED, users=DENIED),
    "seat":      dict(see={"L1"}, secret=DENIED, cost=DENIED, email=DENIED, update=HIDDEN, create=DENIED, audit=DENIED, users=DENIED),
    "viewer":    dict(see={"L2"}, secret=HIDDEN, cost=HIDDEN, email=HIDDEN, update=DENIED, create=DENIED, audit=DENIED, users=DENIED),
    "revealer":  dict(see={"L1"}, secret=S1, cost=DENIED, email=DENIED, update=HIDDEN, create=DENIED, audit=DENIED, users=DENIED),
    "teamed":    dict(see={"L2"}, secret=HIDDEN, cost=HIDDEN, email=HIDDEN, update="ok", create=DENIED, audit=DENIED, users=DENIED),
    "nobody":    dict(see=set(), secret=HIDDEN, cost=HIDDEN, email=HIDDEN, update=HIDDEN, create=DENIED, audit=DENIED, users=DENIED),
    "read_only_token": dict(see={"L1", "L2", "L3"}, secret=DENIED, cost="100.00", email="ok", update=DENIED, create=DENIED, audit=DENIED, users="ok"),
    "account_token": NOT_READ,
    "write_token": NOT_READ | dict(create="ok"),
    "anonymous": dict(see=None, secret=None, cost=None, email=None, update=None, create=None, audit=None, users=None),
}  # fmt: skip
# OAuth2 access tokens of one scope each (see the module docstring).
OAUTH_SCOPES: dict[str, dict[str, Any]] = {
    "licenses:read":  dict(see=ALL, secret=DENIED, cost="100.00", email="ok", update=DENIED, create=DENIED, audit=DENIED, users="ok"),
    "licenses:write": NOT_READ | dict(create="ok"),
    "secrets:reveal": NOT_READ,
    "audit:read":     NOT_READ | dict(audit="ok"),
    "admin":          NOT_READ | dict(users="ok"),
    "account":        NOT_READ,
}  # fmt: skip
for _scope, _row in OAUTH_SCOPES.items():
    MATRIX[f"oauth_code {_scope}"] = MATRIX[f"oauth_client {_scope}"] = _row

# What `node(id)` and `nodes(ids)` answer, per caller: L1, vendor V1, product P1, a tag,
# another user (`someone`), the caller's own user, team T, and the grant on L1.
CATALOG = {"V1", "P1", "Tag"}
PEOPLE = {"User", "Self", "Team"}
NODES: dict[str, set[str]] = {
    "admin": {"L1", *CATALOG, *PEOPLE, "Grant"},
    "manager": {"L1", *CATALOG, *PEOPLE},
    "auditor": {"L1", *CATALOG, *PEOPLE},
    "owner": {"L1", *CATALOG, "Self", "Grant"},  # owners manage the grants on their licenses
    "seat": {"L1", *CATALOG, "Self"},
    "viewer": {*CATALOG, "Self"},
    "revealer": {"L1", *CATALOG, "Self"},
    "teamed": {*CATALOG, "Self"},
    "nobody": {*CATALOG, "Self"},
    "read_only_token": {"L1", *CATALOG, *PEOPLE},
    "account_token": {"Self"},
    "write_token": {"Self"},
    "anonymous": set(),
}
NODE = """query($id: ID!) { node(id: $id) { id
  ... on License { name }
  ... on Vendor { name website notes products { name } }
  ... on Product { name notes }
  ... on Tag { name }
  ... on User { name }
  ... on Team { name }
  ... on Grant { rights } } }"""
NODES_QUERY = NODE.replace(
    "query($id: ID!) { node(id: $id)", "query($ids: [ID!]!) { nodes(ids: $ids)"
)

SECRET_PATHS = {
    "field": "query($id: ID!) { license(id: $id) { secret } }",
    "alias": "query($id: ID!) { a: license(id: $id) { s: secret } }",
    "fragment": "query($id: ID!) { license(id: $id) { ...F } } fragment F on License { secret }",
    "inline fragment": "query($id: ID!) { license(id: $id) { ... on License { secret } } }",
    "node": "query($id: ID!) { node(id: $id) { ... on License { secret } } }",
    "connection": "{ licenses(first: 10) { edges { node { id secret } } } }",
    "nodes": "{ licenses(first: 10) { nodes { id secret } } }",
    "duplicates": "{ duplicates { licenses { id secret } } }",
}


@dataclass
class World:
    ids: dict[str, str]  # L1/L2/L3 -> global id
    tokens: dict[str, str]
    nodes: dict[str, str] = field(default_factory=dict)  # NODES' keys -> global id
    users: dict[str, str] = field(default_factory=dict)  # caller -> their user's global id


async def _token(user: User, scopes: list[str] | None = None) -> str:
    token, row = await api_token_create(system(), user=user, name="matrix")
    if scopes:
        row.scopes = scopes
        await row.save(update_fields=["scopes"])
    return token


@pytest_asyncio.fixture(loop_scope="session")
async def world(http: httpx.AsyncClient) -> World:
    ring = keyring()
    v1, v2 = await Vendor.create(name="Vendor One"), await Vendor.create(name="Vendor Two")
    p1, p2 = await Product.create(vendor=v1, name="P1"), await Product.create(vendor=v2, name="P2")
    users = {
        name: await User.create(email=f"{name}@example.com", role=role)
        for name, role in [
            ("admin", Role.ADMIN), ("manager", Role.MANAGER), ("auditor", Role.AUDITOR),
            ("owner", Role.MEMBER), ("seat", Role.MEMBER), ("viewer", Role.MEMBER),
            ("revealer", Role.MEMBER), ("teamed", Role.MEMBER), ("nobody", Role.MEMBER),
            ("someone", Role.MEMBER), ("account_token", Role.ADMIN), ("write_token", Role.MANAGER),
        ]
    }  # fmt: skip
    licenses = {
        "L1": await License.create(product=p1, name="L1", owner=users["owner"], seats=5,
                                   seats_used=1, cost_micros=100_000_000, currency="EUR"),
        "L2": await License.create(product=p2, name="L2", cost_micros=200_000_000, currency="EUR"),
        "L3": await License.create(product=p2, name="L3"),
    }  # fmt: skip
    for name, secret in (("L1", S1), ("L2", S2), ("L3", S1)):
        row = licenses[name]
        row.secret_ciphertext = ring.encrypt(row.id, secret)
        row.secret_fingerprint = ring.fingerprint(secret)
        await row.save(update_fields=["secret_ciphertext", "secret_fingerprint"])
    seat_user = users["seat"]
    await SeatAssignment.create(license=licenses["L1"], user=seat_user, active_holder=seat_user.id)
    team = await Team.create(name="T")
    await TeamMembership.create(team=team, user=users["teamed"])
    await Grant.create(license=licenses["L2"], user=users["viewer"], rights=["view"])
    await Grant.create(vendor=v1, user=users["revealer"], rights=["reveal"])
    await Grant.create(license=licenses["L2"], team=team, rights=["change"])
    on_l1 = await Grant.create(license=licenses["L1"], user=users["someone"], rights=["view"])
    tag = await Tag.create(name="finance")
    await licenses["L1"].tags.add(tag)
    scopes = {"account_token": ["account"], "write_token": ["licenses:write"]}
    tokens = {name: await _token(user, scopes.get(name)) for name, user in users.items()}
    tokens["read_only_token"] = await _token(users["admin"], ["licenses:read"])
    nodes = {
        "L1": global_id("License", licenses["L1"].id),
        "V1": global_id("Vendor", v1.id),
        "P1": global_id("Product", p1.id),
        "Tag": global_id("Tag", tag.id),
        "User": global_id("User", users["someone"].id),
        "Team": global_id("Team", team.id),
        "Grant": global_id("Grant", on_l1.id),
    }
    own = {name: global_id("User", user.id) for name, user in users.items()}
    own["read_only_token"] = own["admin"]
    return World({k: global_id("License", v.id) for k, v in licenses.items()}, tokens, nodes, own)


async def oauth_token(http: httpx.AsyncClient, settings: Settings, caller: str) -> str:
    """A token for one OAuth2 row, through the real endpoints."""
    grant, scope = caller.split(" ")
    if grant == "oauth_code":
        await sign_in(http, await User.get(email="admin@example.com"), settings)
        body = await tokens_for(http, await register(scopes=(scope,)), scope=scope)
        http.cookies.clear()  # the matrix asks with the token alone
        return str(body["access_token"])
    client = await register(
        grants=("client_credentials",), scopes=(scope,), service_role=Role.ADMIN
    )
    response = await http.post(
        "/oauth/token", data={"grant_type": "client_credentials"}, auth=basic(client)
    )
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


async def ask(http: httpx.AsyncClient, token: str | None, query: str, **variables: Any) -> Any:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    response = await http.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    assert response.status_code == 200, response.text
    return response.json()


def codes(body: dict[str, Any]) -> set[str]:
    return {e.get("extensions", {}).get("code", "?") for e in body.get("errors", [])}


def outcome(body: dict[str, Any], value: Any) -> Any:
    """A value, DENIED (FORBIDDEN error) or HIDDEN (no such object for this caller)."""
    if "FORBIDDEN" in codes(body):
        return DENIED
    return HIDDEN if value is None else value


@pytest.mark.parametrize("caller", list(MATRIX))
async def test_permission_matrix(
    http: httpx.AsyncClient, world: World, caller: str, app_settings: Settings
) -> None:
    expected = MATRIX[caller]
    token = world.tokens.get(caller)
    if caller.startswith("oauth_"):
        token = await oauth_token(http, app_settings, caller)
    names = {v: k for k, v in world.ids.items()}

    listing = await ask(http, token, "{ licenses(first: 10) { edges { node { id } } } }")
    if expected["see"] is None:  # anonymous: nothing at all, ever
        assert codes(listing) == {"UNAUTHENTICATED"}
        for query in SECRET_PATHS.values():
            body = await ask(http, None, query, id=world.ids["L1"])
            assert S1 not in str(body)
        return
    if expected["see"] == DENIED:  # a token without licenses:read is told so
        assert codes(listing) == {"FORBIDDEN"}
        assert {e["extensions"].get("scope") for e in listing["errors"]} == {"licenses:read"}
    else:
        seen = {names[e["node"]["id"]] for e in listing["data"]["licenses"]["edges"]}
        assert seen == expected["see"], "licenses list"
    see = expected["see"] if isinstance(expected["see"], set) else set()

    for name, gid in world.ids.items():
        by_id = await ask(http, token, "query($id: ID!) { license(id: $id) { id } }", id=gid)
        by_node = await ask(http, token, "query($id: ID!) { node(id: $id) { id } }", id=gid)
        visible = name in see
        assert (by_id["data"]["license"] is not None) == visible, f"license(id) {name}"
        assert (by_node["data"]["node"] is not None) == visible, f"node(id) {name}"

    for path, query in SECRET_PATHS.items():
        body = await ask(http, token, query, id=world.ids["L1"])
        text = str(body.get("data"))
        if path == "duplicates":
            # An unbounded list of unbounded lists: the secret there could be 10 x 10 reveals,
            # over the per-request cap (graphql_max_reveals), so it is refused for everyone
            # before anything runs.
            assert codes(body) == {"QUERY_TOO_COMPLEX"}, body
            assert S1 not in str(body)
            continue
        if expected["secret"] == S1:
            assert S1 in text, f"secret via {path}"
        else:
            assert S1 not in text, f"secret leaked via {path}"
            assert S2 not in text or caller == "admin", f"secret leaked via {path}"
        if path == "field":
            value = (body["data"]["license"] or {}).get("secret")
            assert outcome(body, value) == expected["secret"], "secret field"

    cost = await ask(
        http, token, "query($id: ID!) { license(id: $id) { cost } }", id=world.ids["L1"]
    )
    assert outcome(cost, (cost["data"]["license"] or {}).get("cost")) == expected["cost"]

    email = await ask(
        http, token, "query($id: ID!) { license(id: $id) { owner { email } } }", id=world.ids["L1"]
    )
    owner = (email["data"]["license"] or {}).get("owner")
    got = outcome(email, owner and owner["email"])
    assert (got if got in (HIDDEN, DENIED) else "ok") == expected["email"], "owner e-mail"

    update = await ask(
        http, token,
        "mutation($id: ID!) { licenseUpdate(input: {id: $id, version: 1, notes: \"x\"}) "
        "{ license { id } errors { code } } }",
        id=world.ids["L2"],
    )  # fmt: skip
    errors = {e["code"] for e in update["data"]["licenseUpdate"]["errors"]}
    got = "ok" if not errors else DENIED if "FORBIDDEN" in errors else HIDDEN
    assert got == expected["update"], f"licenseUpdate: {errors}"
    assert errors <= {"FORBIDDEN", "NOT_FOUND"}

    product = global_id("Product", (await Product.get(name="P1")).id)
    create = await ask(
        http, token,
        "mutation($p: ID!) { licenseCreate(input: {productId: $p}) { license { id } errors { code } } }",
        p=product,
    )  # fmt: skip
    errors = {e["code"] for e in create["data"]["licenseCreate"]["errors"]}
    assert ("ok" if not errors else DENIED) == expected["create"], f"licenseCreate: {errors}"

    audit = await ask(http, token, "{ auditEvents(first: 1) { totalCount } }")
    assert ("ok" if "errors" not in audit else DENIED) == expected["audit"], "auditEvents"
    assert codes(audit) <= {"FORBIDDEN"}
    users = await ask(http, token, "{ users { id } }")
    assert ("ok" if "errors" not in users else DENIED) == expected["users"], "users"
    assert codes(users) <= {"FORBIDDEN"}


async def test_a_revoked_grant_takes_the_license_out_of_every_path(
    http: httpx.AsyncClient, world: World
) -> None:
    token = world.tokens["viewer"]
    await Grant.filter(rights=["view"]).delete()
    listing = await ask(http, token, "{ licenses(first: 10) { edges { node { id } } } }")
    assert listing["data"]["licenses"]["edges"] == []
    node = await ask(http, token, "query($id: ID!) { node(id: $id) { id } }", id=world.ids["L2"])
    assert node["data"]["node"] is None


async def test_a_grant_on_a_deleted_license_reveals_nothing_else(
    http: httpx.AsyncClient, world: World
) -> None:
    # An impossible grant (its license is gone) must not widen what the member sees.
    ghost = await License.create(product=await Product.get(name="P2"), name="ghost")
    nobody = await User.get(email="nobody@example.com")
    await Grant.create(license=ghost, user=nobody, rights=["view", "change", "reveal"])
    await ghost.delete()
    listing = await ask(
        http, world.tokens["nobody"], "{ licenses(first: 10) { edges { node { id } } } }"
    )
    assert listing["data"]["licenses"]["edges"] == []


@pytest.mark.parametrize("caller", list(NODES))
async def test_node_and_nodes_answer_only_what_the_caller_may_see(
    http: httpx.AsyncClient, world: World, caller: str
) -> None:
    token = world.tokens.get(caller)
    ids = {**world.nodes, "Self": world.users.get(caller, world.nodes["User"])}
    seen = set()
    for name, gid in ids.items():
        body = await ask(http, token, NODE, id=gid)
        assert "errors" not in body, body
        if body["data"]["node"] is not None:
            assert body["data"]["node"]["id"] == gid
            seen.add(name)
    assert seen == NODES[caller], "node(id)"

    body = await ask(http, token, NODES_QUERY, ids=list(ids.values()))
    assert "errors" not in body, body
    answered = dict(zip(ids, body["data"]["nodes"], strict=True))
    assert {name for name, node in answered.items() if node is not None} == NODES[caller]
    for name, node in answered.items():
        assert node is None or node["id"] == ids[name], "nodes(ids) keeps the order asked"
    if "V1" not in NODES[caller]:
        assert "Vendor One" not in str(body)
        assert "P1" not in str(body)


async def test_a_token_that_may_write_but_not_read_gets_no_catalogue_data_back(
    http: httpx.AsyncClient, world: World
) -> None:
    # It may change vendors, but reading them needs licenses:read: the payload is null.
    vendor = await Vendor.get(name="Vendor One")
    body = await ask(
        http,
        world.tokens["write_token"],
        'mutation($id: ID!) { vendorUpdate(input: {id: $id, version: 1, notes: "n"}) '
        "{ vendor { name website notes products { name } } errors { code } } }",
        id=global_id("Vendor", vendor.id),
    )
    assert body["data"]["vendorUpdate"] == {"vendor": None, "errors": []}
    assert (await Vendor.get(id=vendor.id)).notes == "n"
    # Naming one is refused whatever the name: a DUPLICATE would confirm a hidden tag
    # (docs/permissions.md, "Catalogue names"; test_hidden_fields.py).
    created = await ask(
        http, world.tokens["write_token"],
        "mutation { tagCreate(input: {name: \"new\"}) { tag { name } errors { field code } } }",
    )  # fmt: skip
    assert created["data"]["tagCreate"] == {
        "tag": None, "errors": [{"field": "name", "code": "FORBIDDEN"}]
    }  # fmt: skip
    manager = await ask(
        http, world.tokens["manager"],
        "mutation { tagCreate(input: {name: \"newer\"}) { tag { name } errors { code } } }",
    )  # fmt: skip
    assert manager["data"]["tagCreate"] == {"tag": {"name": "newer"}, "errors": []}


# Filters, orderings and search, per caller: which licenses costMin 150 and costMax 150 find
# (a hidden cost is no cost), which a search for "L2" finds, and whether the catalogue lists
# (vendors, products of V1, tags, archived ones too) and the user lists (users, teams) answer.
FILTERS: dict[str, tuple[set[str] | str, set[str] | str, set[str] | str, str, str]] = {
    "admin": ({"L2"}, {"L1"}, {"L2"}, "ok", "ok"),
    "manager": ({"L2"}, {"L1"}, {"L2"}, "ok", "ok"),
    "auditor": ({"L2"}, {"L1"}, {"L2"}, "ok", "ok"),
    "owner": (set(), set(), set(), "ok", DENIED),
    "seat": (set(), set(), set(), "ok", DENIED),
    "viewer": (set(), set(), {"L2"}, "ok", DENIED),
    "revealer": (set(), set(), set(), "ok", DENIED),
    "teamed": ({"L2"}, set(), {"L2"}, "ok", DENIED),  # CHANGE on L2: may read its cost
    "nobody": (set(), set(), set(), "ok", DENIED),
    "read_only_token": ({"L2"}, {"L1"}, {"L2"}, "ok", "ok"),
    # Without licenses:read, the list is FORBIDDEN, filtered or not.
    "account_token": (DENIED, DENIED, DENIED, DENIED, DENIED),
    "write_token": (DENIED, DENIED, DENIED, DENIED, DENIED),
}
COST_MICROS = {"L1": 100_000_000, "L2": 200_000_000, "L3": None}
EVERY_COST = {"admin", "manager", "auditor", "read_only_token"}  # the role's license.view_cost
FILTERED = """query($filter: LicenseFilter, $search: String, $order: LicenseOrder) {
  licenses(first: 10, filter: $filter, search: $search, orderBy: $order) {
    edges { cursor node { id } } } }"""
CATALOGUE = """query($v1: ID!) { vendors(includeArchived: true) { name }
  products(vendorId: $v1, includeArchived: true) { name } tags(includeArchived: true) { name } }"""
PEOPLE_LISTS = "{ users(includeInactive: false) { name } teams { name } }"


def _cursor_key(cursor: str) -> Any:
    return json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))[1]


@pytest.mark.parametrize("caller", [*FILTERS, "anonymous"])
async def test_filters_orderings_and_search_reveal_no_hidden_field(
    http: httpx.AsyncClient, world: World, caller: str
) -> None:
    token = world.tokens.get(caller)
    names = {v: k for k, v in world.ids.items()}

    async def found(**variables: Any) -> Any:
        body = await ask(http, token, FILTERED, **variables)
        if body.get("data") is None or body["data"]["licenses"] is None:
            return codes(body)
        return [(names[e["node"]["id"]], e["cursor"]) for e in body["data"]["licenses"]["edges"]]

    listed = await found()
    if caller == "anonymous":
        assert listed == {"UNAUTHENTICATED"}
        assert codes(await ask(http, None, CATALOGUE, v1=world.nodes["V1"])) == {"UNAUTHENTICATED"}
        assert codes(await ask(http, None, PEOPLE_LISTS)) == {"UNAUTHENTICATED"}
        return
    cost_min, cost_max, search, catalogue, people = FILTERS[caller]
    if cost_min == DENIED:
        assert listed == {"FORBIDDEN"}
        for variables in ({"filter": {"costMin": "150"}}, {"search": "L2"},
                          {"order": {"field": "COST", "direction": "ASC"}}):  # fmt: skip
            assert await found(**variables) == {"FORBIDDEN"}, variables
    else:
        assert {n for n, _ in await found(filter={"costMin": "150"})} == cost_min, "costMin"
        assert {n for n, _ in await found(filter={"costMax": "150"})} == cost_max, "costMax"
        assert {n for n, _ in await found(search="L2")} == search, "search"
        # Ordered by cost, each cursor carries the cost only where the caller may read it.
        every = set(COST_MICROS) if caller in EVERY_COST else set()
        readable = {"L2"} if caller == "teamed" else every
        for direction in ("ASC", "DESC"):
            ordered = await found(order={"field": "COST", "direction": direction})
            assert {n for n, _ in ordered} == {n for n, _ in listed}
            for name, cursor in ordered:
                expected = COST_MICROS[name] if name in readable else None
                assert _cursor_key(cursor) == expected, (direction, name)

    lists = await ask(http, token, CATALOGUE, v1=world.nodes["V1"])
    assert ("ok" if "errors" not in lists else DENIED) == catalogue, lists.get("errors")
    assert codes(lists) <= {"FORBIDDEN"}
    if catalogue == "ok":
        assert lists["data"]["products"] == [{"name": "P1"}]
    users = await ask(http, token, PEOPLE_LISTS)
    assert ("ok" if "errors" not in users else DENIED) == people, users.get("errors")
    assert codes(users) <= {"FORBIDDEN"}


VIEWER_CAN = """query($id: ID!) { license(id: $id) { vendor { viewerCan { change delete
  manageGrants } } viewerCan { change assign reveal delete viewCost manageGrants } } }"""
PROBES = {
    # Each probe is refused with FORBIDDEN, or fails later for another reason, or succeeds
    # without changing anything (a stale version, a user that does not exist).
    "change": "mutation($id: ID!) { licenseUpdate(input: {id: $id, version: 999}) "
    "{ errors { code } } }",
    # User:999999, a user that does not exist (User:0 is refused before any permission check)
    "assign": 'mutation($id: ID!) { licenseAssign(input: {licenseId: $id, userId: "VXNlcjo5OTk5OTk="}) '
    "{ errors { code } } }",
    "reveal": "query($id: ID!) { license(id: $id) { secret } }",
    "viewCost": "query($id: ID!) { license(id: $id) { cost } }",
    "manageGrants": "query($id: ID!) { grants(licenseId: $id) { id } }",
}


def _refused(body: dict[str, Any]) -> bool:
    payload = next(iter(body["data"].values())) if body.get("data") else None
    errors = payload.get("errors", []) if isinstance(payload, dict) else []
    payload_codes = {e["code"] for e in errors}
    return "FORBIDDEN" in codes(body) | payload_codes


@pytest.mark.parametrize("caller", [c for c in MATRIX if c != "anonymous"])
async def test_viewer_can_tells_what_the_api_then_allows(
    http: httpx.AsyncClient, world: World, caller: str, app_settings: Settings
) -> None:
    # Given a caller and each license they see
    if caller.startswith("oauth_"):
        token = await oauth_token(http, app_settings, caller)
    else:
        token = world.tokens[caller]
    admin_like = caller in {"admin", "manager"}
    if MATRIX[caller]["see"] == DENIED:
        # A token that may not read licenses asks in vain: no license, no answer about it.
        body = await ask(http, token, VIEWER_CAN, id=world.ids["L1"])
        assert body["data"]["license"] is None
        assert codes(body) == {"FORBIDDEN"}
        return
    if caller.startswith("oauth_"):
        admin_like = False  # OAuth rows narrow an admin (or an admin service role) to one scope
    for name in sorted(MATRIX[caller]["see"]):
        gid = world.ids[name]
        # When they ask what they may do with it
        body = await ask(http, token, VIEWER_CAN, id=gid)
        assert "errors" not in body, body
        can = body["data"]["license"]["viewerCan"]
        # Then every answer matches what the API does when they try
        for ability, probe in PROBES.items():
            refused = _refused(await ask(http, token, probe, id=gid))
            assert can[ability] is not refused, f"{caller} {name} {ability}"
        assert can["delete"] is (caller == "admin"), f"{caller} {name} delete"
        vendor = body["data"]["license"]["vendor"]["viewerCan"]
        assert vendor == {"change": admin_like, "delete": admin_like,
                          "manageGrants": caller == "admin"}  # fmt: skip
