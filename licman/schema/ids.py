"""Global ids ("License:42", base64-encoded as Relay expects) in and out of the schema."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

import strawberry
from strawberry.relay import GlobalID
from strawberry.relay.types import GlobalIDValueError
from tortoise.models import Model

from licman.resolvers.errors import invalid

M = TypeVar("M", bound=Model)
T = TypeVar("T")


def global_id(type_name: str, pk: int) -> strawberry.ID:
    return strawberry.ID(str(GlobalID(type_name, str(pk))))


def decode_id(value: strawberry.ID | str, type_name: str, field: str) -> int:
    """The database id inside a global id of the expected type, or an INVALID error."""
    try:
        gid = GlobalID.from_id(value)
        if gid.type_name != type_name:
            raise GlobalIDValueError
        return int(gid.node_id)
    except (GlobalIDValueError, ValueError, TypeError):
        raise invalid(field, f"{field} must be the id of a {type_name}") from None


def decode_ids(values: list[strawberry.ID], type_name: str, field: str) -> list[int]:
    return [decode_id(v, type_name, field) for v in values]


async def nodes_by_id(
    model: type[M], node_ids: Iterable[str], convert: Callable[[M], T]
) -> list[T | None]:
    """`relay.Node.resolve_nodes` for catalogue types every signed-in user may see: one
    query for all ids, answers in the order asked, None for ids that do not exist."""
    wanted = [int(i) for i in node_ids]
    found = {row.pk: row for row in await model.filter(id__in=wanted)}
    return [convert(found[i]) if i in found else None for i in wanted]
