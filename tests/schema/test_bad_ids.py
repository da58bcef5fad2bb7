"""A value that is no global id (not base64, or base64 of garbage) in any ID argument or ID
input field answers INVALID naming that argument or field: never an internal error, a
coercion error without a code, another code, or a silent "no filter". The schema is walked,
so a new field with an ID is covered the day it is added."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from graphql import (
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLInputField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    get_named_type,
)

from licman.models import User
from licman.schema.root import build_schema
from tests.schema.conftest import Gql

pytestmark = pytest.mark.usefixtures("db")

BAD_IDS = {
    "not-base64": "!!!",
    "empty": "",
    "no-type": base64.b64encode(b"not-an-id").decode(),
    "binary": base64.b64encode(b"\xff\xfe:1").decode(),
    "no-number": base64.b64encode(b"License:").decode(),
    "letters": base64.b64encode(b"License:abc").decode(),
}
SCHEMA = build_schema()._schema
FILLERS: dict[str, Any] = {
    "String": "x",
    "Int": 1,
    "Boolean": False,
    "Decimal": "1",
    "Date": "2026-01-01",
    "DateTime": "2026-01-01T00:00:00Z",
    "JSON": {},
}


# The type of the object an ID names, by the field's name or, for `id`, the mutation's prefix.
ID_TYPES = {"license": "License", "user": "User", "team": "Team", "tag": "Tag",
            "product": "Product", "vendor": "Vendor", "owner": "User", "upload": "ImportUpload",
            "grant": "Grant", "session": "Session", "apiToken": "ApiToken",
            "oauthClient": "OAuthClient", "authorizedApp": "OAuthClient", "job": "Job"}  # fmt: skip


def _well_formed(field_name: str, id_name: str) -> str:
    """A well-formed global id of the right type for another ID of the input (so that only
    the bad one can be refused); its row need not exist."""
    key = field_name if id_name == "id" else id_name.removesuffix("Ids").removesuffix("Id")
    type_name = next((t for prefix, t in ID_TYPES.items() if key.startswith(prefix)), None)
    assert type_name is not None, (field_name, id_name)
    return base64.b64encode(f"{type_name}:999999".encode()).decode()


def _is_id(type_: GraphQLInputType) -> bool:
    named = get_named_type(type_)
    return isinstance(named, GraphQLScalarType) and named.name == "ID"


def _value(type_: GraphQLInputType, bad: str | None, owner: str, name: str) -> Any:
    """A value of the type: `bad` (or, without it, a well-formed id) where an ID goes,
    something plausible elsewhere."""
    inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    if isinstance(inner, GraphQLList):
        return [_value(inner.of_type, bad, owner, name)]
    if _is_id(inner):
        return bad if bad is not None else _well_formed(owner, name)
    if isinstance(inner, GraphQLEnumType):
        return next(iter(inner.values))
    if isinstance(inner, GraphQLInputObjectType):
        return {
            field_name: _value(field.type, None, owner, field_name)
            for field_name, field in inner.fields.items()
            if isinstance(field.type, GraphQLNonNull)
        }
    assert isinstance(inner, GraphQLScalarType)
    return FILLERS[inner.name]


def _id_paths(name: str, type_: GraphQLInputType) -> list[list[str]]:
    """Paths from an argument to each ID in it (one level of input objects, as the schema has)."""
    inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    if _is_id(inner):
        return [[name]]
    named = get_named_type(inner)
    if isinstance(named, GraphQLInputObjectType):
        return [[name, f] for f, field in named.fields.items() if _is_id(field.type)]
    return []


def _cases(root: GraphQLObjectType) -> list[tuple[str, list[str]]]:
    return [
        (field_name, path)
        for field_name, field in root.fields.items()
        for arg_name, arg in field.args.items()
        for path in _id_paths(arg_name, arg.type)
    ]


def _variables(
    field_name: str, args: dict[str, GraphQLArgument], path: list[str], bad: str
) -> dict[str, Any]:
    """Required arguments filled in, and the one ID under test set to the bad value."""
    values: dict[str, Any] = {}
    for name, arg in args.items():
        if path == [name]:
            continue
        if isinstance(arg.type, GraphQLNonNull) or name == path[0]:
            values[name] = _value(arg.type, None, field_name, name)
    if len(path) == 1:
        values[path[0]] = _value(args[path[0]].type, bad, field_name, path[0])
    else:
        named = get_named_type(args[path[0]].type)
        assert isinstance(named, GraphQLInputObjectType)
        field: GraphQLInputField = named.fields[path[1]]
        values[path[0]] = {**values[path[0]], path[1]: _value(field.type, bad, field_name, "")}
    return values


def _document(kind: str, field_name: str, args: dict[str, GraphQLArgument]) -> str:
    declared = ", ".join(f"${n}: {a.type}" for n, a in args.items())
    passed = ", ".join(f"{n}: ${n}" for n in args)
    root = SCHEMA.mutation_type if kind == "mutation" else SCHEMA.query_type
    assert root is not None
    returned = get_named_type(root.fields[field_name].type)
    selection = (
        "errors { field code message }"
        if isinstance(returned, GraphQLObjectType) and "errors" in returned.fields
        else "__typename"
    )
    return f"{kind} Probe({declared}) {{ {field_name}({passed}) {{ {selection} }} }}"


def _field_label(path: list[str]) -> str:
    return path[-1] if len(path) == 1 or path[0] == "input" else ".".join(path)


def _errors(body: dict[str, Any], field_name: str) -> list[dict[str, Any]]:
    """Every error of the answer, at the top (code and field from its extensions) or in the
    mutation's payload, as {code, field, message}."""
    found = [
        {**error.get("extensions", {}), "message": error["message"]}
        for error in body.get("errors") or []
    ]
    payload = (body.get("data") or {}).get(field_name)
    if isinstance(payload, dict):
        found.extend(payload.get("errors") or [])
    return found


QUERY_CASES = _cases(SCHEMA.query_type)
assert SCHEMA.mutation_type is not None
MUTATION_CASES = _cases(SCHEMA.mutation_type)


def test_the_walk_finds_the_id_arguments() -> None:
    queries = {(f, ".".join(p)) for f, p in QUERY_CASES}
    mutations = {(f, ".".join(p)) for f, p in MUTATION_CASES}

    assert {("node", "id"), ("nodes", "ids"), ("license", "id")} <= queries
    assert ("licenses", "filter.vendorIds") in queries
    assert ("licenseAssign", "input.userId") in mutations
    assert len(queries) >= 15
    assert len(mutations) >= 40


async def _check(gql: Gql, kind: str, field_name: str, path: list[str]) -> list[str]:
    root = SCHEMA.mutation_type if kind == "mutation" else SCHEMA.query_type
    assert root is not None
    args = root.fields[field_name].args
    document = _document(kind, field_name, args)
    label = _field_label(path)
    problems = []
    for case, bad in BAD_IDS.items():
        body = await gql(document, **_variables(field_name, args, path, bad))
        errors = _errors(body, field_name)
        where = f"{field_name}({'.'.join(path)}={case})"
        if not errors:
            problems.append(f"{where}: no error at all: {body}")
        elif [(e.get("code"), e.get("field")) for e in errors] != [("INVALID", label)]:
            problems.append(f"{where}: {errors}")
        elif label not in errors[0]["message"]:
            problems.append(f"{where}: the message does not name {label}: {errors}")
    return problems


async def test_every_query_argument_refuses_a_bad_id_as_invalid(admin: tuple[User, Gql]) -> None:
    _, gql = admin
    problems = [p for f, path in QUERY_CASES for p in await _check(gql, "query", f, path)]

    assert not problems, "\n".join(problems)


async def test_every_mutation_input_refuses_a_bad_id_as_invalid(admin: tuple[User, Gql]) -> None:
    _, gql = admin
    problems = [p for f, path in MUTATION_CASES for p in await _check(gql, "mutation", f, path)]

    assert not problems, "\n".join(problems)
