"""The world of the escalation test: every kind of caller (roles, each grant right on a license
and on a vendor through a user and through a team, owner, seat holder, scoped tokens), and
what each of them holds, computed with the permission engine.

Vendors V1 (licenses LA and LB, spare product P1S), V2 (license LC; team `vault` holds
REVEAL and DELETE on it) and V3 (empty). LA is owned by `owner`, has a seat held by `seat`
and every license-level grant; LB is owned by `owner_scoped`. `bystander` is in `vault` and
is nobody's caller: only watched. `former` is a deactivated user.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.expressions import Q

from licman.models import (
    ApiToken,
    Grant,
    GrantRight,
    License,
    OAuthClient,
    OAuthToken,
    Product,
    Role,
    SeatAssignment,
    Session,
    Tag,
    Team,
    TeamMembership,
    User,
    Vendor,
)
from licman.resolvers.api_token import api_token_create
from licman.resolvers.statements import StatementCache, compile_values, dialect
from licman.schema.ids import global_id
from licman.security.permissions import (
    Action,
    grants_of,
    license_rights,
    license_scope_keyed,
    may,
)
from licman.security.principal import Principal, PrincipalKind, system
from licman.security.secrets import keyring

Rights = dict[tuple[str, int], frozenset[Action]]  # ("license"|"vendor"|"global", id)


@dataclass(frozen=True)
class CallerSpec:
    role: Role = Role.MEMBER
    scopes: tuple[str, ...] = ()
    grant: tuple[str, GrantRight, str] | None = None  # (license|vendor, right, user|team)


CALLERS: dict[str, CallerSpec] = {
    "admin": CallerSpec(Role.ADMIN),
    "manager": CallerSpec(Role.MANAGER),
    "auditor": CallerSpec(Role.AUDITOR),
    "nobody": CallerSpec(),
    "owner": CallerSpec(),
    "seat": CallerSpec(),
    **{
        f"{right.value}_{on}_{via}": CallerSpec(grant=(on, right, via))
        for on in ("license", "vendor")
        for right in GrantRight
        for via in ("user", "team")
    },
    # A manager who also holds REVEAL on every license of V2.
    "manager_granted": CallerSpec(Role.MANAGER, grant=("vendor2", GrantRight.REVEAL, "user")),
    "admin_read_token": CallerSpec(Role.ADMIN, ("licenses:read",)),
    "admin_account_token": CallerSpec(Role.ADMIN, ("account",)),
    "manager_write_token": CallerSpec(Role.MANAGER, ("licenses:write",)),
    "owner_scoped": CallerSpec(scopes=("licenses:read", "licenses:write")),
    "change_account_token": CallerSpec(
        scopes=("account",), grant=("license", GrantRight.CHANGE, "user")
    ),
}
WATCHED_ONLY = ("bystander",)


@dataclass
class World:
    users: dict[str, User]
    tokens: dict[str, str]  # caller -> bearer token
    ids: dict[str, int]  # LA, LB, LC, V1..V3, P1, P1S, P2, P3, T1, T2, vault, ...
    teams: dict[str, int] = field(default_factory=dict)  # caller -> their own team

    def gid(self, type_name: str, key: str) -> str:
        return global_id(type_name, self.ids[key])

    def uid(self, name: str) -> str:
        return global_id("User", self.users[name].id)


async def _secret(row: License, value: str) -> None:
    row.secret_ciphertext = keyring().encrypt(row.id, value)
    row.secret_fingerprint = keyring().fingerprint(value)
    await row.save(update_fields=["secret_ciphertext", "secret_fingerprint"])


async def build_world() -> World:
    v1, v2, v3 = [await Vendor.create(name=f"V{i}") for i in (1, 2, 3)]
    p1 = await Product.create(vendor=v1, name="P1")
    p1s = await Product.create(vendor=v1, name="P1 spare")
    p2 = await Product.create(vendor=v2, name="P2")
    p3 = await Product.create(vendor=v3, name="P3")
    t1, t2 = await Tag.create(name="T1"), await Tag.create(name="T2")
    users = {
        name: await User.create(email=f"{name}@example.com", role=spec.role)
        for name, spec in CALLERS.items()
    }
    users["bystander"] = await User.create(email="bystander@example.com")
    users["former"] = await User.create(email="former@example.com", is_active=False)
    la = await License.create(
        product=p1, name="LA", owner=users["owner"], seats=5, seats_used=1,
        cost_micros=100_000_000, currency="EUR", external_id="EXT-A",
    )  # fmt: skip
    lb = await License.create(product=p1, name="LB", owner=users["owner_scoped"])
    lc = await License.create(product=p2, name="LC", cost_micros=5_000_000, currency="EUR")
    for row, secret in ((la, "SECRET-A"), (lb, "SECRET-B"), (lc, "SECRET-C")):
        await _secret(row, secret)
    await la.tags.add(t1)
    seat = users["seat"]
    await SeatAssignment.create(license=la, user=seat, active_holder=seat.id)
    vault = await Team.create(name="vault")
    await TeamMembership.create(team=vault, user=users["bystander"])
    vault_grant = await Grant.create(vendor=v2, team=vault, rights=["reveal", "delete"])
    teams: dict[str, int] = {}
    objects = {"license": {"license": la}, "vendor": {"vendor": v1}, "vendor2": {"vendor": v2}}
    for name, spec in CALLERS.items():
        if spec.grant is None:
            continue
        on, right, via = spec.grant
        grantee: dict[str, Any] = {"user": users[name]}
        if via == "team":
            team = await Team.create(name=f"team of {name}")
            await TeamMembership.create(team=team, user=users[name])
            grantee, teams[name] = {"team": team}, team.id
        await Grant.create(**objects[on], **grantee, rights=[right.value])
    tokens: dict[str, str] = {}
    for name, spec in CALLERS.items():
        token, row = await api_token_create(system(), user=users[name], name="escalation")
        if spec.scopes:
            row.scopes = list(spec.scopes)
            await row.save(update_fields=["scopes"])
        tokens[name] = token
    await api_token_create(system(), user=users["bystander"], name="bystander")
    started = datetime.now(UTC)
    session = await Session.create(
        key_hash="0" * 64, user=users["bystander"], last_seen_at=started,
        expires_at=started + timedelta(hours=8),
    )  # fmt: skip
    bystander_token = await ApiToken.get(user=users["bystander"])
    # An OAuth2 client with read access, and a live token it holds for the bystander.
    helpdesk = await OAuthClient.create(
        client_id="lcm_oci_helpdesk", name="Helpdesk", client_secret_hash="0" * 64,
        redirect_uris=["https://helpdesk.example/cb"], grant_types=["authorization_code"],
        scopes=["licenses:read"],
    )  # fmt: skip
    await OAuthToken.create(
        client=helpdesk, user=users["bystander"], access_token_hash="1" * 64,
        scope="licenses:read", family="f", expires_at=started + timedelta(hours=1),
    )  # fmt: skip
    ids = {
        "LA": la.id, "LB": lb.id, "LC": lc.id, "V1": v1.id, "V2": v2.id, "V3": v3.id,
        "P1": p1.id, "P1S": p1s.id, "P2": p2.id, "P3": p3.id, "T1": t1.id, "T2": t2.id,
        "vault": vault.id, "vault_grant": vault_grant.id, "session": session.id,
        "bystander_token": bystander_token.id, "helpdesk": helpdesk.id,
    }  # fmt: skip
    return World(users, tokens, ids, teams)


# --- what everyone holds ------------------------------------------------------------------


async def _credentials(user_ids: list[int]) -> dict[int, list[Principal]]:
    """One principal per live credential of each active user: a new token is a new way to act."""
    users = {u.id: u for u in await User.filter(id__in=user_ids, is_active=True)}
    found: dict[int, list[Principal]] = {pk: [] for pk in user_ids}
    for token in await ApiToken.filter(user_id__in=list(users), revoked_at=None):
        scopes = frozenset(token.scopes) or None
        found[token.user_id].append(
            Principal(PrincipalKind.TOKEN, user=users[token.user_id], scopes=scopes)
        )
    for user_id in set(
        await Session.filter(user_id__in=list(users), revoked_at=None).values_list(
            "user_id", flat=True
        )
    ):
        found[user_id].append(Principal(PrincipalKind.SESSION, user=users[user_id]))
    return found


async def _actions(principal: Principal, **on: int | None) -> set[Action]:
    return {action for action in Action if await may(principal, action, **on)}


async def _on_license(principal: Principal, **ids: int | None) -> set[Action]:
    return await _actions(principal, **ids) | await license_rights(principal, **ids)


# The SQL of each license scope, built once per key (it depends on nothing else: see
# license_scope_keyed), as the engine's own hot reads are (licman/resolvers/statements.py):
# building a member's scope, subqueries and all, cost more CPU than running it.
_SCOPES = StatementCache()


async def _visible(scope: Q, key: tuple[Any, ...]) -> set[int]:
    """The ids of the licenses in the scope (`License.filter(scope)`)."""
    cache_key = (dialect(), key)
    statement = _SCOPES.get(cache_key)
    if statement is None:
        statement = compile_values(License.filter(scope).values("id"))
        assert statement is not None
        _SCOPES.put(cache_key, statement)
    return {row["id"] for row in await statement.fetch()}


@dataclass
class Snapshot:
    rights: dict[int, Rights]  # user id -> what they hold
    # user id -> vendor id (None: a new vendor) -> what they would hold on a new license of it
    baselines: dict[int, dict[int | None, frozenset[Action]]]


async def snapshot(user_ids: list[int], new_license_vendors: set[int | None]) -> Snapshot:
    """For every license and vendor, and globally, the actions the engine allows each user
    through any of their credentials (`may`, plus seats through `license_scope`, plus
    managing grants as owner); and what they would hold on a new license of the vendors."""
    licenses = await License.all().values("id", "owner_id", "product__vendor_id")
    vendors = await Vendor.all().values_list("id", flat=True)
    credentials = await _credentials(user_ids)
    # Statements shared, not skipped: a user's credentials share its grants (grants_of reads
    # nothing but the user's id), and principals whose license scopes have the same key have
    # the same SQL (license_scope_keyed's contract), so each distinct scope is read once.
    visible_by_key: dict[tuple[Any, ...], set[int]] = {}
    out = Snapshot({}, {})
    for user_id in user_ids:
        held: dict[tuple[str, int], set[Action]] = {}
        bases: dict[int | None, set[Action]] = {v: set() for v in new_license_vendors}
        shared_grants = None
        for principal in credentials[user_id]:
            if shared_grants is None:
                shared_grants = await grants_of(principal)
            else:
                principal.cache["grants"] = shared_grants
            scope, key = await license_scope_keyed(principal)
            if key not in visible_by_key:
                visible_by_key[key] = await _visible(scope, key)
            visible = visible_by_key[key]
            for row in licenses:
                actions = await _on_license(
                    principal,
                    license_id=row["id"],
                    vendor_id=row["product__vendor_id"],
                    owner_id=row["owner_id"],
                )
                if row["id"] in visible:
                    actions.add(Action.LICENSE_VIEW)
                held.setdefault(("license", row["id"]), set()).update(actions)
            for vendor_id in vendors:
                held.setdefault(("vendor", vendor_id), set()).update(
                    await _actions(principal, vendor_id=vendor_id)
                )
            held.setdefault(("global", 0), set()).update(await _actions(principal))
            for vendor in new_license_vendors:
                bases[vendor] |= await _on_license(
                    principal, license_id=None, vendor_id=vendor, owner_id=None
                )
        out.rights[user_id] = {key: frozenset(value) for key, value in held.items()}
        out.baselines[user_id] = {key: frozenset(value) for key, value in bases.items()}
    return out


async def vendors_of(keys: set[tuple[str, int]]) -> dict[tuple[str, int], int | None]:
    """The vendor of each license among the keys (what a new one is compared with); None for
    vendors (a new vendor is compared with no grants at all)."""
    ids = [pk for kind, pk in keys if kind == "license"]
    rows = await License.filter(id__in=ids).values("id", "product__vendor_id")
    by_id = {row["id"]: row["product__vendor_id"] for row in rows}
    return {(kind, pk): by_id.get(pk) if kind == "license" else None for kind, pk in keys}
