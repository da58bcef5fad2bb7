"""No mutation widens anyone's rights, except by sharing what its caller holds.

Every kind of caller (see escalation_world.py) runs every mutation of the schema, with inputs
aimed at widening rights (make myself owner, move a license under a vendor where I hold more,
put myself in a team, grant myself everything, mint a broader token...). After each one the
engine is asked what every user holds on every license and vendor, and globally:

- the caller holds nothing it did not hold before (on a license the mutation created: nothing
  beyond what it holds on any new license of that vendor);
- anyone else holds nothing new, except after the mutations in SHARING, whose purpose is to
  give, and then only rights the caller itself held on that object before.

The mutations are read from the schema, so a new one fails `test_every_mutation_is_classified`
until it is given inputs here. Each successful run is checked and rolled back, so all start
from the same world; the refused ones are kept and checked together once per caller (a
refusal must change nothing, so they too must have given nobody anything).
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
import pytest_asyncio
from graphql import GraphQLInputObjectType, GraphQLNonNull
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from licman.models import Grant
from licman.schema.ids import global_id
from licman.schema.root import build_schema
from tests.schema.escalation_world import (
    CALLERS,
    WATCHED_ONLY,
    Snapshot,
    World,
    build_world,
    snapshot,
    vendors_of,
)

Key = tuple[str, int]
ALL_RIGHTS = ["VIEW", "CHANGE", "ASSIGN", "REVEAL", "DELETE"]
ALL_SCOPES = ["licenses:read", "licenses:write", "secrets:reveal", "audit:read", "admin", "account"]


# Inputs per mutation and variant. "Type:key" strings become global ids from the world:
# "User:me" is the caller, "Team:mine" the caller's own team (or `vault` for callers without).
MUTATIONS: dict[str, dict[str, dict[str, Any]]] = {
    "licenseCreate": {
        "owned by me": {"productId": "Product:P1", "ownerId": "User:me", "secret": "mine"},
        "owned by someone": {"productId": "Product:P2", "ownerId": "User:bystander"},
        "unowned": {"productId": "Product:P1"},
    },
    "licenseUpdate": {
        "make me owner of LA": {"id": "License:LA", "version": 1, "ownerId": "User:me"},
        "make me owner of LC": {"id": "License:LC", "version": 1, "ownerId": "User:me"},
        "give LB away": {"id": "License:LB", "version": 1, "ownerId": "User:bystander"},
        "clear LA's owner": {"id": "License:LA", "version": 1, "ownerId": None},
        "move LA to V2": {"id": "License:LA", "version": 1, "productId": "Product:P2"},
        "move LC to V1": {"id": "License:LC", "version": 1, "productId": "Product:P1"},
        "notes of LA": {"id": "License:LA", "version": 1, "notes": "x"},
    },
    "licenseArchive": {"LA": {"id": "License:LA"}},
    "licenseRestore": {"LA": {"id": "License:LA"}},
    "licenseDelete": {"LA": {"id": "License:LA"}},
    "licenseAssign": {
        "me on LA": {"licenseId": "License:LA", "userId": "User:me"},
        "me on LC": {"licenseId": "License:LC", "userId": "User:me"},
        "bystander on LA": {"licenseId": "License:LA", "userId": "User:bystander"},
    },
    "licenseUnassign": {"seat on LA": {"licenseId": "License:LA", "userId": "User:seat"}},
    "licenseRevoke": {"LA": {"id": "License:LA", "reason": "escalation test"}},
    "licenseRenew": {
        "LA": {"id": "License:LA", "version": 1, "startsOn": "2030-01-01", "endsOn": "2031-01-01"}
    },
    "licensesTag": {"LA, LC": {"licenseIds": ["License:LA", "License:LC"], "tagIds": ["Tag:T2"]}},
    "licensesUntag": {"LA": {"licenseIds": ["License:LA"], "tagIds": ["Tag:T1"]}},
    "vendorCreate": {"new": {"name": "New vendor"}},
    "vendorUpdate": {"V1": {"id": "Vendor:V1", "version": 1, "notes": "x"}},
    "vendorArchive": {"V1": {"id": "Vendor:V1"}},
    "vendorRestore": {"V1": {"id": "Vendor:V1"}},
    "vendorDelete": {"V3": {"id": "Vendor:V3"}},
    "productCreate": {"in V1": {"vendorId": "Vendor:V1", "name": "New product"}},
    "productUpdate": {
        "move P1 (LA, LB) to V2": {"id": "Product:P1", "version": 1, "vendorId": "Vendor:V2"},
        "move P2 (LC) to V1": {"id": "Product:P2", "version": 1, "vendorId": "Vendor:V1"},
        "rename P1S": {"id": "Product:P1S", "version": 1, "name": "x"},
    },
    "productArchive": {"P1": {"id": "Product:P1"}},
    "productRestore": {"P1": {"id": "Product:P1"}},
    "productDelete": {"P1S": {"id": "Product:P1S"}},
    "tagCreate": {"new": {"name": "New tag"}},
    "tagUpdate": {"T1": {"id": "Tag:T1", "name": "x"}},
    "tagArchive": {"T1": {"id": "Tag:T1"}},
    "tagRestore": {"T1": {"id": "Tag:T1"}},
    "tagDelete": {"T1": {"id": "Tag:T1"}},
    "userCreate": {"an admin": {"email": "new@example.com", "role": "ADMIN"}},
    "userUpdate": {
        "make me admin": {"id": "User:me", "role": "ADMIN"},
        "make bystander admin": {"id": "User:bystander", "role": "ADMIN"},
    },
    "userDeactivate": {"bystander": {"id": "User:bystander"}},
    "userReactivate": {"former": {"id": "User:former"}},
    "passwordChange": {"mine": {"oldPassword": "x" * 12, "newPassword": "y" * 16}},
    "sessionRevoke": {"bystander's": {"id": "Session:session"}},
    "apiTokenCreate": {
        "as broad as mine": {"name": "mine", "scopes": []},
        "every scope": {"name": "wide", "scopes": ALL_SCOPES},
    },
    "apiTokenRevoke": {"bystander's": {"id": "ApiToken:bystander_token"}},
    "teamCreate": {"new": {"name": "New team"}},
    "teamUpdate": {"vault": {"id": "Team:vault", "name": "x"}},
    "teamDelete": {"vault": {"id": "Team:vault"}},
    "teamMemberAdd": {"me to vault": {"teamId": "Team:vault", "userId": "User:me"}},
    "teamMemberRemove": {"bystander": {"teamId": "Team:vault", "userId": "User:bystander"}},
    "grantCreate": {
        "me all on LA": {"licenseId": "License:LA", "userId": "User:me", "rights": ALL_RIGHTS},
        "me all on V1": {"vendorId": "Vendor:V1", "userId": "User:me", "rights": ALL_RIGHTS},
        "team all on LA": {"licenseId": "License:LA", "teamId": "Team:mine", "rights": ALL_RIGHTS},
        "bystander reveal on LA": {
            "licenseId": "License:LA", "userId": "User:bystander", "rights": ["REVEAL"]
        },
        "bystander view on LB": {
            "licenseId": "License:LB", "userId": "User:bystander", "rights": ["VIEW"]
        },
    },
    "grantRevoke": {"vault's": {"id": "Grant:vault_grant"}},
    "oauthClientCreate": {
        "an admin service": {"name": "svc", "grantTypes": ["CLIENT_CREDENTIALS"],
                             "scopes": ALL_SCOPES, "serviceRole": "ADMIN"},
    },
    "oauthClientUpdate": {
        "every scope": {"id": "OAuthClient:helpdesk", "scopes": ALL_SCOPES},
        "act as admin": {"id": "OAuthClient:helpdesk", "grantTypes": ["CLIENT_CREDENTIALS"],
                         "serviceRole": "ADMIN"},
    },
    "oauthClientDisable": {"helpdesk": {"id": "OAuthClient:helpdesk"}},
    "oauthClientEnable": {"helpdesk": {"id": "OAuthClient:helpdesk"}},
    "oauthClientSecretRotate": {"helpdesk": {"id": "OAuthClient:helpdesk"}},
    "oauthClientDelete": {"helpdesk": {"id": "OAuthClient:helpdesk"}},
    "authorizedAppRevoke": {"bystander's": {"id": "OAuthClient:helpdesk"}},
    # One's own reminder choices and calendar feed (a read-only credential for what the
    # caller may already see); the last two take no input.
    "reminderSettingsUpdate": {"lead days": {"leadDays": [1]}, "opt out": {"enabled": False}},
    "calendarFeedCreate": {"mine": {}},
    "calendarFeedRevoke": {"mine": {}},
    # Starting an import gives nothing by itself (its rows are decided one by one when the job
    # runs: tests/workers/test_license_import.py); here, on an upload that is not the caller's.
    "licensesImport": {
        "someone's upload": {"uploadId": global_id("ImportUpload", 10**6), "format": "CSV",
                             "apply": True},
    },
    # A report job reads the log (auditors and admins); keys and license files hand out what
    # the license sells, to a licensee outside Licman: none gives anyone rights in Licman.
    "auditReport": {"everything": {"format": "CSV"}},
    "licenseKeysGenerate": {"LA": {"licenseId": "License:LA", "count": 2},
                            "LC": {"licenseId": "License:LC", "count": 2}},
    "licenseKeyIssue": {"LA": {"licenseId": "License:LA", "licensee": "me"}},
    "licenseFileIssue": {"LA": {"licenseId": "License:LA", "licensee": "me", "seats": 1}},
}  # fmt: skip
# Mutations that cannot be sent as JSON, and where they are tested instead.
NOT_RUN: dict[str, str] = {
    "importUpload": "a multipart file upload; it keeps an encrypted file for its caller and "
    "gives no rights (tests/web/test_import_http.py)",
    "licenseExport": "takes arguments like the `licenses` list, not an input object; it only "
    "queues a job that reads licenses and writes a file for its caller, and gives no rights "
    "(tests/workers/test_license_export.py, tests/web/test_export_http.py)",
}
REFERENCE = re.compile(
    r"^(License|Vendor|Product|Tag|Team|Grant|Session|ApiToken|OAuthClient|User):(\w+)$"
)


def resolve(value: Any, world: World, caller: str) -> Any:
    """The inputs with "Type:key" references replaced by the world's global ids."""
    if isinstance(value, dict):
        return {k: resolve(v, world, caller) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, world, caller) for v in value]
    found = REFERENCE.match(value) if isinstance(value, str) else None
    if found is None:
        return value
    type_name, key = found.groups()
    if type_name == "User":
        return world.uid(caller if key == "me" else key)
    if key == "mine":
        return global_id("Team", world.teams.get(caller, world.ids["vault"]))
    return world.gid(type_name, key)


# Mutations that exist to give someone rights. After them others may hold more than before,
# but only what the caller itself held on that object before: "sharing within your rights".
SHARING: dict[str, str] = {
    "grantCreate": "its purpose: admins grant anything, owners what they hold on the license",
    "teamMemberAdd": "a new member gets what the team's grants give (admins only)",
    "userUpdate": "a new role gives its rights (admins only)",
    "userReactivate": "the user's live credentials work again (admins only)",
    # For someone else only: a seat the caller gives itself must add nothing (see also
    # test_a_seat_taken_with_assign_gives_its_holder_view_only).
    "licenseAssign": "a seat lets its holder see the license",
    "licenseCreate": "the owner given to a new license may view, reveal and share it",
    "licenseUpdate": "a new owner; or the license moves under another vendor's grants",
    "productUpdate": "the product's licenses move under another vendor's grants",
}


def test_every_mutation_is_classified() -> None:
    schema = build_schema()._schema
    assert schema.mutation_type is not None
    names = set(schema.mutation_type.fields)
    unclassified = sorted(names - set(MUTATIONS) - set(NOT_RUN))
    assert not unclassified, f"give these mutations inputs in MUTATIONS: {unclassified}"
    assert not set(MUTATIONS) - names, "MUTATIONS lists mutations the schema no longer has"
    assert set(SHARING) <= names


def _document(name: str) -> str:
    schema = build_schema()._schema
    assert schema.mutation_type is not None
    if "input" not in schema.mutation_type.fields[name].args:
        return f"mutation {{ {name} {{ errors {{ field code message }} }} }}"
    argument = schema.mutation_type.fields[name].args["input"].type
    assert isinstance(argument, GraphQLNonNull)
    assert isinstance(argument.of_type, GraphQLInputObjectType)
    return (
        f"mutation($input: {argument.of_type.name}!) "
        f"{{ {name}(input: $input) {{ errors {{ field code message }} }} }}"
    )


class _Undo(Exception):
    """Raised to roll back one run."""


@pytest_asyncio.fixture(loop_scope="session")
async def world(http: httpx.AsyncClient) -> World:
    return await build_world()


async def _run(http: httpx.AsyncClient, token: str, name: str, variables: dict[str, Any]) -> bool:
    response = await http.post(
        "/graphql",
        json={"query": _document(name), "variables": {"input": variables} if variables else {}},
        headers={"authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, (name, body["errors"])  # typed payload errors only
    return body["data"][name]["errors"] == []


CALLER_GROUPS = {
    # Small groups, so that xdist spreads the cases over its workers: the callers that most
    # mutations let through cost a snapshot per success (the roles group, all seven in one
    # case, sent 3.5 times the statements of a group of five grant holders and was the
    # suite's longest test).
    "admin and auditor": ["admin", "auditor"],
    "managers": ["manager", "manager_granted"],
    "members by role": ["nobody", "owner", "seat"],
    **{
        f"{on} grants via {via}": [c for c in CALLERS if f"_{on}_" in c and c.endswith(via)]
        for on in ("license", "vendor")
        for via in ("user", "team")
    },
    "admin tokens": [c for c in CALLERS if c.startswith("admin_") and c.endswith("_token")],
    "other tokens": ["manager_write_token", "owner_scoped", "change_account_token"],
}


def test_the_groups_cover_every_caller() -> None:
    grouped = [c for group in CALLER_GROUPS.values() for c in group]
    assert sorted(grouped) == sorted(CALLERS)


def _problems(
    caller: int,
    mutation: str,
    before: Snapshot,
    after: Snapshot,
    new: dict[Key, int | None],
    names: dict[int, str],
) -> list[str]:
    """Who gained what on which object (compared with a new license of its vendor when the
    mutation created it), beyond what is allowed."""
    found = []
    sharing = mutation in SHARING
    for user_id, rights in after.rights.items():
        for key, actions in rights.items():
            if key in new:
                held_before = before.baselines[user_id][new[key]]
                callers_before = before.baselines[caller][new[key]]
            else:
                held_before = before.rights[user_id].get(key, frozenset())
                callers_before = before.rights[caller].get(key, frozenset())
            gained = actions - held_before
            if user_id != caller and sharing:
                gained -= callers_before
            if gained:
                found.append(f"{names[user_id]} gained {sorted(map(str, gained))} on {key}")
    return found


async def _check(
    me: int, mutation: str, before: Snapshot, everyone: list[int], names: dict[int, str]
) -> list[str]:
    after = await snapshot(everyone, set())
    keys = {key for rights in after.rights.values() for key in rights}
    new = await vendors_of(keys - set(before.rights[me]))
    return _problems(me, mutation, before, after, new, names)


@pytest.mark.parametrize("group", list(CALLER_GROUPS))
async def test_no_mutation_widens_rights(http: httpx.AsyncClient, world: World, group: str) -> None:
    names = {world.users[name].id: name for name in (*CALLERS, *WATCHED_ONLY)}
    everyone = list(names)
    vendors = {world.ids[v] for v in ("V1", "V2", "V3")} | {None}
    before = await snapshot(everyone, vendors)
    problems: list[str] = []
    ran = succeeded = 0
    for caller in CALLER_GROUPS[group]:
        me = world.users[caller].id
        try:
            async with in_transaction():
                for mutation, variants in MUTATIONS.items():
                    for label, inputs in variants.items():
                        variables = resolve(inputs, world, caller)
                        try:
                            async with in_transaction():
                                ok = await _run(http, world.tokens[caller], mutation, variables)
                                ran, succeeded = ran + 1, succeeded + ok
                                if ok:  # checked, then rolled back
                                    for problem in await _check(
                                        me, mutation, before, everyone, names
                                    ):
                                        problems.append(f"{caller} {mutation} ({label}): {problem}")
                                    raise _Undo
                        except _Undo:
                            pass
                # The refused ones were kept: together they must have given nobody anything.
                for problem in await _check(me, "(refused)", before, everyone, names):
                    problems.append(f"{caller}, after its refused mutations: {problem}")
                raise _Undo
        except _Undo:
            pass
    assert ran == len(CALLER_GROUPS[group]) * sum(len(v) for v in MUTATIONS.values())
    assert succeeded > 0  # the world lets some mutations through
    assert not problems, "\n".join(problems)


SEAT_HOLDER_KEEPS = frozenset({"license.view"})  # docs/permissions.md, "Seat holders"
ASSIGN_HOLDERS = [c for c in CALLERS if c.startswith("assign_")]
GRANT_REVOKE = """
mutation($input: GrantRevokeInput!) { grantRevoke(input: $input) { errors { code } } }
"""


def on_license(actions: frozenset[Any]) -> set[str]:
    """The license actions among a caller's (the snapshot adds its role's global ones)."""
    return {str(a) for a in actions if str(a).startswith(("license.", "grant."))}


def test_every_assign_holder_is_a_caller() -> None:
    assert sorted(ASSIGN_HOLDERS) == [
        "assign_license_team", "assign_license_user", "assign_vendor_team", "assign_vendor_user",
    ]  # fmt: skip


@pytest.mark.parametrize("caller", ASSIGN_HOLDERS)
async def test_a_seat_taken_with_assign_gives_its_holder_view_only(
    http: httpx.AsyncClient, world: World, caller: str
) -> None:
    # Given a member whose only right on LA is ASSIGN (on LA or its vendor, directly or
    # through a team): it sees LA and may assign its seats, nothing more
    me = world.users[caller].id
    la = ("license", world.ids["LA"])
    held = (await snapshot([me], set())).rights[me][la]
    assert on_license(held) == {"license.view", "license.assign"}

    # When it assigns a seat to itself
    seated = await _run(
        http, world.tokens[caller], "licenseAssign",
        resolve({"licenseId": "License:LA", "userId": "User:me"}, world, caller),
    )  # fmt: skip

    # Then it holds exactly what it held (the seat's view it had already)
    assert seated
    assert (await snapshot([me], set())).rights[me][la] == held

    # And when an admin revokes the grant that let it, the seat leaves it the view of LA
    # and nothing else: no assigning, no cost, no secret, no change (as the docs say)
    grant = await Grant.get(
        Q(user_id=me) | Q(team__memberships__user_id=me),
        Q(license_id=world.ids["LA"]) | Q(vendor_id=world.ids["V1"]),
    )
    response = await http.post(
        "/graphql",
        json={"query": GRANT_REVOKE, "variables": {"input": {"id": global_id("Grant", grant.id)}}},
        headers={"authorization": f"Bearer {world.tokens['admin']}"},
    )
    assert response.json()["data"]["grantRevoke"]["errors"] == []
    left = (await snapshot([me], set())).rights[me][la]
    assert on_license(left) == SEAT_HOLDER_KEEPS
    assert left - held == set()
