"""`node(id)` and `nodes(ids)`: any object by its global id. Each type answers through its own
`resolve_nodes`, which asks the type's domain resolver with the caller (see ids.nodes_by_id)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import strawberry
from strawberry import relay
from strawberry.relay.types import GlobalIDValueError

from licman.resolvers.errors import invalid
from licman.schema.context import Info
from licman.schema.cost import LIST_SIZE
from licman.schema.ids import pk_of

# The query cost model counts a list without a page size as LIST_SIZE rows (and its reveals
# that many times): more ids would cost more than the limits count.
MAX_NODES = LIST_SIZE


def _parsed(value: str, field: str) -> relay.GlobalID:
    """A global id, or INVALID naming the argument: not base64, or not "<Type>:<id>" inside.
    (Typed as plain ID in the schema: Strawberry's GlobalID scalar would answer a bad value
    with a coercion error that has no code and names no argument.)"""
    try:
        return relay.GlobalID.from_id(value)
    except (GlobalIDValueError, ValueError, TypeError):
        raise invalid(field, f"{field} must be the global id of an object") from None


async def _resolve(info: Info, values: Sequence[str], field: str) -> list[relay.Node | None]:
    """The objects in the order asked: one `resolve_nodes` call per type; an id of a type
    that is not a node type is null, like an id that does not exist. A value that is no
    global id, or a number that can name no row (`License:abc`, `License:-1`, past
    2^31 - 1), is INVALID, naming the field."""
    ids = [_parsed(value, field) for value in values]
    by_type: dict[type[relay.Node], list[int]] = {}
    where: list[tuple[type[relay.Node], int] | None] = []
    for gid in ids:
        try:
            node_type = gid.resolve_type(info)
        except GlobalIDValueError:
            where.append(None)
            continue
        pk_of(gid.node_id, gid.type_name, field)  # INVALID, naming the field
        wanted = by_type.setdefault(node_type, [])
        where.append((node_type, len(wanted)))
        wanted.append(len(where) - 1)
    found: dict[type[relay.Node], list[relay.Node | None]] = {}
    for node_type, positions in by_type.items():
        node_ids = [ids[i].node_id for i in positions]
        found[node_type] = list(
            await node_type.resolve_nodes(info=info, node_ids=node_ids, required=False)  # type: ignore[misc]
        )
    return [None if spot is None else found[spot[0]][spot[1]] for spot in where]


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Any object by its global id, or null if you may not see it.")
    async def node(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The ID of the object.")],
    ) -> relay.Node | None:
        return (await _resolve(info, [id], "id"))[0]

    @strawberry.field(
        description=f"Objects by their global ids, in the order asked (at most {MAX_NODES}); "
        "null for each one you may not see."
    )
    async def nodes(
        self,
        info: Info,
        ids: Annotated[
            list[strawberry.ID], strawberry.argument(description="The IDs of the objects.")
        ],
    ) -> list[relay.Node | None]:
        if len(ids) > MAX_NODES:
            raise invalid("ids", f"give at most {MAX_NODES} ids")
        return await _resolve(info, ids, "ids")
