"""Hostile review of the fast paths beside the permission engine (licman/web/front.py,
licman/web/lean.py, licman/schema/fast_path.py): every kind of caller sends the same bodies,
in different orders, to an app with the front, the lean route, prepared bodies and the
compiled plans on, and to one with the fast path off; the answers must be the same (status
and JSON, the request id aside). A body first prepared for one caller must never change what
another gets (introspection in production, limits, the budget, permission-checked fields)."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from licman.app import create_app
from licman.models import (
    ApiToken,
    AuditEvent,
    Grant,
    License,
    Role,
    Team,
    TeamMembership,
    User,
    Vendor,
)
from licman.resolvers.api_token import api_token_create
from licman.schema.ids import global_id
from licman.security import sessions
from licman.security.principal import Origin, system
from licman.security.secrets import keyring
from licman.settings import Settings
from licman.web.csrf import CSRF_HEADER, csrf_token_for
from tests.backends import TestDatabase
from tests.schema.test_license_query_count import seed_licenses

pytestmark = pytest.mark.usefixtures("db")

DOCUMENTS: list[tuple[str, dict[str, Any]]] = [
    ("{ version }", {}),
    ("{ version __typename }", {}),
    ("{ a: version b: version }", {}),
    ("{ version @skip(if: true) __typename }", {}),
    ("{ licenses(first: 5) { nodes { id name cost canRevealSecret } } }", {}),
    ("{ licenses(first: 5) { nodes { id notes metadata externalId hasSecret } } }", {}),
    ("{ licenses(first: 5) { nodes { id owner { name role isActive } } } }", {}),
    ("{ licenses(first: 5) { nodes { id owner { email } } } }", {}),
    ("{ licenses(first: 5) { nodes { id secret } } }", {}),
    ("{ licenses(first: 5) { nodes { id renewals { cost } } } }", {}),
    ("{ licenses(first: 5) { nodes { assignments { user { name email } } } } }", {}),
    ("{ licenses(first: 5) { totalCount nodes { costConverted { amount } } } }", {}),
    (
        "query Q($c: Boolean!) { licenses(first: 5) { nodes { id ... @include(if: $c) "
        "{ cost } ...F } } } fragment F on License { c2: cost canRevealSecret }",
        {"c": True},
    ),
    (
        "query Q($c: Boolean!) { licenses(first: 5) { nodes { id cost @skip(if: $c) } } }",
        {"c": False},
    ),
    ("{ __schema { queryType { name } } }", {}),
    ('{ licenses(first: 1) { nodes { id } } __type(name: "License") { name } }', {}),
    ("{ licenses(first: 1) { __typename nodes { __typename id } } }", {}),
    ('{ license(id: "LICENSE") { id name cost notes } }', {}),
    ("{ users(first: 5) { nodes { id email } } }", {}),
    ('{ licenses(first: 5, search: "Product") { totalCount nodes { id } } }', {}),
]

SCRUB = re.compile(r"[0-9a-f]{32}")


async def _world() -> dict[str, dict[str, str]]:
    await seed_licenses(12)
    users = {}
    for role in (Role.ADMIN, Role.MANAGER, Role.MEMBER, Role.AUDITOR):
        users[role.value] = await User.create(
            email=f"{role.value}@example.com", role=role, name=f"<b>{role.value}</b>"
        )
    member = users["member"]
    team = await Team.create(name="Buyers")
    await TeamMembership.create(team=team, user=member)
    vendor = await Vendor.get(name="Vendor 0")
    await Grant.create(vendor=vendor, team=team, rights=["change"])
    for license_ in await License.filter(product__vendor_id__not=vendor.id).limit(2):
        await Grant.create(license=license_, user=member, rights=["view"])
    await License.filter(id__in=[x.id for x in await License.all().limit(3)]).update(
        owner_id=member.id
    )
    callers: dict[str, dict[str, str]] = {"anonymous": {}}
    for name, user in users.items():
        token, _ = await api_token_create(system(), user=user, name="t")
        callers[name] = {"authorization": f"Bearer {token}"}
    token, _ = await api_token_create(
        system(), user=users["admin"], name="scoped", scopes=["account"]
    )
    callers["admin scoped to account"] = {"authorization": f"Bearer {token}"}
    token, row = await api_token_create(system(), user=users["manager"], name="revoked")
    await ApiToken.filter(id=row.id).update(revoked_at=sessions.now())
    callers["revoked token"] = {"authorization": f"Bearer {token}"}
    gone = await User.create(email="gone@example.com", role=Role.ADMIN, name="Gone")
    token, _ = await api_token_create(system(), user=gone, name="gone")
    await User.filter(id=gone.id).update(is_active=False)
    callers["deactivated admin"] = {"authorization": f"Bearer {token}"}
    key, _ = await sessions.open_session(member, Origin(), Settings())
    callers["member session"] = {
        "cookie": f"{sessions.COOKIE_NAME}={key}",
        CSRF_HEADER: csrf_token_for(key),
        "origin": "http://testserver",
    }
    callers["member session, no csrf"] = {"cookie": f"{sessions.COOKIE_NAME}={key}"}
    expired, row = await sessions.open_session(users["admin"], Origin(), Settings())
    await row.__class__.filter(id=row.id).update(expires_at=sessions.now() - timedelta(seconds=1))
    callers["expired admin session"] = {
        "cookie": f"{sessions.COOKIE_NAME}={expired}",
        CSRF_HEADER: csrf_token_for(expired),
        "origin": "http://testserver",
    }
    return callers


def _comparable(response: httpx.Response) -> tuple[int, Any]:
    """Status and JSON, the request id aside; errors in path order (concurrent resolvers,
    such as License.secret's, finish in any order on either executor)."""
    try:
        answer = json.loads(SCRUB.sub("ID", response.text))
    except ValueError:
        return response.status_code, response.text
    if isinstance(answer, dict) and isinstance(answer.get("errors"), list):
        answer["errors"].sort(key=lambda e: json.dumps(e.get("path"), sort_keys=True))
    return response.status_code, answer


async def _post(app: Any, headers: dict[str, str], document: str, variables: Any) -> Any:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        body: dict[str, Any] = {"query": document}
        if variables:
            body["variables"] = variables
        response = await client.post("/graphql", json=body, headers=headers)
        return _comparable(response)


@pytest.mark.parametrize("environment", ["development", "production"])
async def test_every_caller_gets_the_same_answer_with_the_fast_paths_on_and_off(
    db: TestDatabase, tmp_path: Path, environment: str
) -> None:
    callers = await _world()
    first = await License.all().order_by("id").first()
    assert first is not None
    lid = global_id("License", first.id)
    options: dict[str, Any] = {"environment": environment, "public_url": "http://testserver"}
    on = create_app(Settings(home=tmp_path / "on", graphql_fast_path=True, **options))
    off = create_app(Settings(home=tmp_path / "off", graphql_fast_path=False, **options))
    differences = []
    orders = [list(callers), list(reversed(callers))]
    for document, variables in DOCUMENTS:
        document = document.replace("LICENSE", lid)
        for order in orders:
            for name in order:
                want = await _post(off, callers[name], document, variables)
                got = await _post(on, callers[name], document, variables)
                if got != want:
                    differences.append((name, document, got, want))
    assert not differences, "\n\n".join(map(str, differences[:5]))


@pytest.mark.parametrize("fast_path", [False, True])
async def test_a_request_reveals_each_secret_once_whatever_else_fails(
    db: TestDatabase, tmp_path: Path, fast_path: bool
) -> None:
    """The lean route ran the whole document (reveals included: each an audit event) and,
    when another field failed unexpectedly, handed the request to the normal route, which
    ran it again: one request, every secret revealed and audited twice."""
    await seed_licenses(2)
    admin = await User.create(email="admin@example.com", role=Role.ADMIN, name="Ada")
    token, _ = await api_token_create(system(), user=admin, name="t")
    good, bad = await License.all().order_by("id")
    await License.filter(id=good.id).update(secret_ciphertext=keyring().encrypt(good.id, "s"))
    # A token bound to another license: decrypting it raises SecretError (masked).
    await License.filter(id=bad.id).update(secret_ciphertext=keyring().encrypt(good.id, "x"))
    app = create_app(Settings(home=tmp_path, graphql_fast_path=fast_path))
    headers = {"authorization": f"Bearer {token}"}
    status, answer = await _post(app, headers, "{ licenses(first: 2) { nodes { secret } } }", {})
    assert status == 200
    assert sorted(str(n["secret"]) for n in answer["data"]["licenses"]["nodes"]) == ["None", "s"]
    assert [e["extensions"]["code"] for e in answer["errors"]] == ["INTERNAL"]
    reveals = await AuditEvent.filter(action="license.reveal").count()
    assert reveals == 1


async def test_concurrent_callers_each_get_their_own_answer(
    db: TestDatabase, tmp_path: Path
) -> None:
    """Many requests at once, of the same bodies, from callers who may see different
    licenses and costs: the shared caches (prepared bodies, plans, statements, the token
    cache) and the per-request state (plan_rows, the budget's spend) never mix them."""
    callers = await _world()
    names = ["admin", "member", "auditor", "anonymous", "member session", "revoked token"]
    documents = [d for d, v in DOCUMENTS[4:8] if not v]
    off = create_app(Settings(home=tmp_path / "off", graphql_fast_path=False))
    on = create_app(Settings(home=tmp_path / "on", graphql_fast_path=True))
    want = {(n, d): await _post(off, callers[n], d, {}) for n in names for d in documents}
    jobs = [(n, d) for _ in range(4) for n in names for d in documents]
    got = await asyncio.gather(*(_post(on, callers[n], d, {}) for n, d in jobs))
    wrong = [(job, answer) for job, answer in zip(jobs, got, strict=True) if answer != want[job]]
    assert not wrong, wrong[:2]


async def test_a_body_prepared_for_one_caller_is_charged_to_each_caller_s_own_budget(
    db: TestDatabase, tmp_path: Path
) -> None:
    """A body the lean route prepared for an admin (its limits, validation and cost kept)
    is charged again, in full, to the budget of each caller who sends it: the member's own
    budget runs out at the same request as with the fast path off."""
    callers = await _world()
    expensive = "{ a: licenses(first: 100) { nodes { id tags { name } } } }"  # costs 1,202
    statuses: dict[bool, list[int]] = {}
    for on in (True, False):
        app = create_app(
            Settings(
                home=tmp_path / str(on),
                graphql_fast_path=on,
                graphql_cost_budget=2500,
                graphql_max_cost=2500,
            )
        )
        await _post(app, callers["admin"], expensive, {})
        await _post(app, callers["admin"], expensive, {})
        statuses[on] = [(await _post(app, callers["member"], expensive, {}))[0] for _ in range(3)]
    assert statuses[True] == statuses[False] == [200, 200, 429]
