"""Tags over GraphQL: the type, `tags`, and the tag mutations."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Annotated, Any

import strawberry
from strawberry import relay

from licman import models
from licman.resolvers import tag as ops
from licman.resolvers.common import snapshot
from licman.schema.context import Info
from licman.schema.errors import UserError
from licman.schema.ids import decode_id, nodes_by_id, read_back
from licman.schema.mutation import attempt, given


@strawberry.type(description="A label for grouping and finding licenses.")
class Tag(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Unique regardless of case.")
    color: str | None = strawberry.field(description="#rrggbb, for display.")
    archived_at: datetime | None

    @strawberry.field(description="How many licenses you may see carry this tag.")
    async def license_count(self, info: Info) -> int:
        return await info.context.loaders.license_count_by_tag.load(self.id)

    @classmethod
    def from_values(cls, v: dict[str, Any]) -> Tag:
        return cls(id=v["id"], name=v["name"], color=v["color"], archived_at=v["archived_at"])

    @classmethod
    def from_model(cls, tag: models.Tag) -> Tag:
        return cls.from_values(snapshot(tag))

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Tag | None]:
        return await nodes_by_id(info, node_ids, ops.tag_get_many, cls.from_model)


@strawberry.input(description="A new tag.")
class TagCreateInput:
    name: str
    color: str | None = None


@strawberry.input(description="Changes to a tag; fields left out stay as they are.")
class TagUpdateInput:
    id: strawberry.ID
    name: str | None = strawberry.UNSET
    color: str | None = strawberry.UNSET


@strawberry.input
class TagIdInput:
    id: strawberry.ID


@strawberry.type
class TagPayload:
    tag: Tag | None
    errors: list[UserError]


@strawberry.type
class TagDeletePayload:
    deleted_id: strawberry.ID | None
    errors: list[UserError]


def _tag_id(value: strawberry.ID) -> int:
    return decode_id(value, "Tag", "id")


async def _payload(info: Info, result: tuple[models.Tag | None, list[UserError]]) -> TagPayload:
    tag, errors = result
    found = await read_back(info, tag, ops.tag_get_many, Tag.from_model)
    return TagPayload(tag=found, errors=errors)


@strawberry.type
class TagQuery:
    @strawberry.field(
        description="Tags by name: every one, or with `search` those whose name contains "
        "it. Archived ones only if asked for."
    )
    async def tags(
        self,
        info: Info,
        include_archived: bool = False,
        search: Annotated[
            str | None,
            strawberry.argument(
                description="Case-insensitive text in the name (up to 64 characters): what "
                "a tag picker sends as one types."
            ),
        ] = None,
        first: Annotated[
            int | None,
            strawberry.argument(description="At most this many tags (1 to 100); all if null."),
        ] = None,
    ) -> list[Tag]:
        rows = await ops.tag_list(
            info.context.principal,
            include_archived=include_archived,
            search=search,
            first=first,
        )
        return [Tag.from_model(t) for t in rows]


@strawberry.type
class TagMutation:
    @strawberry.mutation(description="Add a tag. Needs admin or manager.")
    async def tag_create(self, info: Info, input: TagCreateInput) -> TagPayload:
        data = ops.TagInput(name=input.name, color=input.color)
        return await _payload(
            info, await attempt(lambda: ops.tag_create(info.context.principal, data))
        )

    @strawberry.mutation(description="Rename or recolour a tag.")
    async def tag_update(self, info: Info, input: TagUpdateInput) -> TagPayload:
        async def run() -> models.Tag:
            data = ops.TagInput(name=given(input.name), color=given(input.color))
            return await ops.tag_update(info.context.principal, _tag_id(input.id), data)

        return await _payload(info, await attempt(run))

    @strawberry.mutation(description="Hide a tag from pickers; licenses keep it.")
    async def tag_archive(self, info: Info, input: TagIdInput) -> TagPayload:
        return await _payload(
            info, await attempt(lambda: ops.tag_archive(info.context.principal, _tag_id(input.id)))
        )

    @strawberry.mutation(description="Bring an archived tag back.")
    async def tag_restore(self, info: Info, input: TagIdInput) -> TagPayload:
        return await _payload(
            info, await attempt(lambda: ops.tag_restore(info.context.principal, _tag_id(input.id)))
        )

    @strawberry.mutation(description="Delete a tag; it is removed from every license.")
    async def tag_delete(self, info: Info, input: TagIdInput) -> TagDeletePayload:
        deleted, errors = await attempt(
            lambda: ops.tag_delete(info.context.principal, _tag_id(input.id))
        )
        return TagDeletePayload(deleted_id=input.id if deleted else None, errors=errors)
