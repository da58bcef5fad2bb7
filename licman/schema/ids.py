"""Global ids ("License:42", base64-encoded as Relay expects) in and out of the schema."""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import TYPE_CHECKING, TypeVar

import strawberry
from strawberry.relay import GlobalID
from strawberry.relay.types import GlobalIDValueError

from licman.resolvers.errors import DomainError, invalid
from licman.security.principal import Principal

if TYPE_CHECKING:
    from tortoise.models import Model  # for the type only: schema/ never queries models

    from licman.schema.context import Info

M = TypeVar("M")
T = TypeVar("T")


@functools.lru_cache(maxsize=16384)  # a page names the same vendors and products again
def global_id(type_name: str, pk: int) -> strawberry.ID:
    return strawberry.ID(str(GlobalID(type_name, str(pk))))


# Every model with a global id has a 32-bit integer primary key (tests/schema/test_ids.py
# checks it), so a larger number, zero or a sign can name no row: the databases would
# refuse it with an error of their own instead of finding nothing.
MAX_PK = 2**31 - 1
_PK = re.compile(r"[1-9][0-9]{0,9}")


def pk_of(node_id: str, type_name: str, field: str) -> int:
    """The primary key in a global id's node id, or INVALID naming the field."""
    if _PK.fullmatch(node_id) and int(node_id) <= MAX_PK:
        return int(node_id)
    raise invalid(field, f"{field} must be the id of a {type_name}")


def decode_id(value: strawberry.ID | str, type_name: str, field: str) -> int:
    """The database id inside a global id of the expected type, or an INVALID error."""
    try:
        gid = GlobalID.from_id(value)
    except (GlobalIDValueError, ValueError, TypeError):
        gid = None
    if gid is None or gid.type_name != type_name:
        raise invalid(field, f"{field} must be the id of a {type_name}")
    return pk_of(gid.node_id, type_name, field)


def decode_ids(values: list[strawberry.ID], type_name: str, field: str) -> list[int]:
    return [decode_id(v, type_name, field) for v in values]


async def nodes_by_id(
    info: Info,
    node_ids: Iterable[str],
    fetch: Callable[[Principal, list[int]], Awaitable[Mapping[int, M]]],
    convert: Callable[[M], T],
) -> list[T | None]:
    """`relay.Node.resolve_nodes`, one way for every type: the type's domain resolver gets the
    caller and the ids, and answers those the caller may see. Ids it leaves out, or a caller it
    refuses altogether, give null, as for an id that does not exist."""
    wanted = [int(i) if i.isdigit() else None for i in node_ids]
    try:
        found = await fetch(info.context.principal, [i for i in wanted if i is not None])
    except DomainError:
        found = {}
    return [convert(found[i]) if i is not None and i in found else None for i in wanted]


async def read_back(
    info: Info,
    obj: Model | None,
    fetch: Callable[[Principal, list[int]], Awaitable[Mapping[int, M]]],
    convert: Callable[[M], T],
) -> T | None:
    """A mutation's result as the caller may read it, through the same resolver as `node`:
    null for a caller allowed to write but not to read (a token without a read scope)."""
    if obj is None:
        return None
    return (await nodes_by_id(info, [str(obj.pk)], fetch, convert))[0]
