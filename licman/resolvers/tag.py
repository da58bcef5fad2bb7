"""Tags: create, update, archive, restore, delete (which takes the tag off its licenses), list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tortoise.transactions import in_transaction

from licman.models import License, Tag
from licman.models.base import fold
from licman.resolvers.audit import audit_record
from licman.resolvers.common import (
    UNSET,
    check_catalog_name,
    found,
    locked,
    now,
    require,
    snapshot,
    unique_as,
)
from licman.resolvers.validation import Checker
from licman.security.permissions import Action
from licman.security.principal import Principal


@dataclass
class TagInput:
    name: str = UNSET
    color: str | None = UNSET


def _clean(data: TagInput, creating: bool) -> dict[str, Any]:
    check = Checker()
    out: dict[str, Any] = {}
    if data.name is not UNSET or creating:
        name = None if data.name is UNSET else data.name
        out["name"] = check.text("name", name, max_length=64, required=True)
    if data.color is not UNSET:
        # An empty colour clears it, as an emptied form field would.
        color = check.color("color", data.color or None)
        out["color"] = color.lower() if color else None
    check.done()
    return out


def _duplicate(name: str) -> str:
    return f"A tag named {name!r} already exists (names are compared ignoring case)."


async def tag_get(principal: Principal, tag_id: int) -> Tag:
    require(principal, Action.CATALOG_VIEW, "see tags")
    return await found(Tag, tag_id, "tag")


async def tag_get_many(principal: Principal, tag_ids: Sequence[int]) -> dict[int, Tag]:
    """The tags among these ids (missing ids are left out), for `node` and `nodes`."""
    require(principal, Action.CATALOG_VIEW, "see tags")
    return {t.id: t for t in await Tag.filter(id__in=list(tag_ids))}


MAX_TAG_SEARCH = 100


async def tag_list(
    principal: Principal,
    *,
    include_archived: bool = False,
    search: str | None = None,
    first: int | None = None,
) -> list[Tag]:
    """Tags by name; with `search`, those whose name contains it (any case), and with
    `first`, at most that many (1 to 100): what a tag picker asks as one types."""
    require(principal, Action.CATALOG_VIEW, "see tags")
    check = Checker()
    term = check.text("search", search, max_length=64)
    if first is not None and not 1 <= first <= MAX_TAG_SEARCH:
        check.fail("first", f"first must be between 1 and {MAX_TAG_SEARCH}")
    check.done()
    query = Tag.all() if include_archived else Tag.filter(archived_at=None)
    if term:
        query = query.filter(name_key__contains=fold(term))
    query = query.order_by("name_key", "id")
    if first is not None:
        query = query.limit(first)
    return await query


async def tag_create(principal: Principal, data: TagInput) -> Tag:
    require(principal, Action.CATALOG_CHANGE, "create tags")
    check_catalog_name(principal, "tag", naming=True)
    fields = _clean(data, creating=True)
    async with in_transaction(), unique_as("name", _duplicate(fields["name"]), "name_key"):
        tag = await Tag.create(**fields)
        await audit_record(principal, "tag.create", "tag", tag.id, after=snapshot(tag))
    return tag


async def tag_update(principal: Principal, tag_id: int, data: TagInput) -> Tag:
    """Rename or recolour a tag. Tags have no version: the last change wins."""
    require(principal, Action.CATALOG_CHANGE, "change tags")
    check_catalog_name(principal, "tag", naming=data.name is not UNSET)
    fields = _clean(data, creating=False)
    async with in_transaction():
        tag = await locked(Tag, tag_id, "tag")
        before = snapshot(tag)
        if not fields:
            return tag
        for name, value in fields.items():
            setattr(tag, name, value)
        async with unique_as("name", _duplicate(tag.name), "name_key"):
            await tag.save(update_fields=list(fields))
        await audit_record(
            principal, "tag.update", "tag", tag_id, before=before, after=snapshot(tag)
        )
    return tag


async def _set_archived(principal: Principal, tag_id: int, archived: bool) -> Tag:
    require(principal, Action.CATALOG_CHANGE, "archive tags")
    async with in_transaction():
        tag = await locked(Tag, tag_id, "tag")
        if (tag.archived_at is not None) != archived:
            before = snapshot(tag)
            tag.archived_at = now() if archived else None
            await tag.save(update_fields=["archived_at"])
            action = "tag.archive" if archived else "tag.restore"
            await audit_record(principal, action, "tag", tag_id, before=before, after=snapshot(tag))
    return tag


async def tag_archive(principal: Principal, tag_id: int) -> Tag:
    return await _set_archived(principal, tag_id, True)


async def tag_restore(principal: Principal, tag_id: int) -> Tag:
    return await _set_archived(principal, tag_id, False)


async def tag_delete(principal: Principal, tag_id: int) -> int:
    """Delete a tag; the licenses that carried it lose it (the event lists them)."""
    require(principal, Action.CATALOG_DELETE, "delete tags")
    async with in_transaction():
        tag = await locked(Tag, tag_id, "tag")
        before = snapshot(tag)
        license_ids = (
            await License.filter(tags__id=tag_id).order_by("id").values_list("id", flat=True)
        )
        await tag.licenses.clear()
        await tag.delete()
        await audit_record(
            principal,
            "tag.delete",
            "tag",
            tag_id,
            before=before,
            extra={"licenses": list(license_ids)},
        )
    return tag_id
