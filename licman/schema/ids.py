"""Global ids ("License:42", base64-encoded as Relay expects) in and out of the schema."""

from __future__ import annotations

import strawberry
from strawberry.relay import GlobalID
from strawberry.relay.types import GlobalIDValueError

from licman.resolvers.errors import invalid


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
