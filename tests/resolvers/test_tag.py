"""Tags through the domain operations: unique names, colours, and deleting a tag in use."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from licman.models import License, Product, Tag, Vendor
from licman.resolvers.errors import DomainError, ErrorCode
from licman.resolvers.tag import (
    TagInput,
    tag_archive,
    tag_create,
    tag_delete,
    tag_get,
    tag_list,
    tag_restore,
    tag_update,
)
from licman.security.principal import Principal, anonymous
from tests.resolvers.conftest import (
    assert_chain_intact,
    audit_events,
    event_count,
    one_new_event,
    user_id,
)

pytestmark = pytest.mark.usefixtures("db")


async def rows() -> tuple[int, int]:
    """What a change could leave behind: tags and audit events."""
    return await Tag.all().count(), await event_count()


async def licensed(*names: str) -> list[License]:
    vendor = await Vendor.create(name="Adobe")
    product = await Product.create(vendor=vendor, name="Creative Cloud")
    return [await License.create(product=product, name=name) for name in names]


async def test_manager_creates_a_tag(manager: Principal) -> None:
    # When
    tag = await tag_create(manager, TagInput(name=" Finance ", color="#1A2B3C"))

    # Then the name is trimmed and the colour kept in one spelling
    assert (tag.name, tag.color, tag.archived_at) == ("Finance", "#1a2b3c", None)
    assert [t.name for t in await tag_list(manager)] == ["Finance"]
    event = await one_new_event(0)
    assert (event.action, event.object_type, event.object_id) == ("tag.create", "tag", str(tag.id))
    assert event.actor_user_id == user_id(manager)
    assert (event.changes["after"]["name"], event.changes["after"]["color"]) == (
        "Finance",
        "#1a2b3c",
    )
    assert "before" not in event.changes


async def test_a_tag_needs_no_colour(manager: Principal) -> None:
    tag = await tag_create(manager, TagInput(name="Legacy"))
    assert tag.color is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (TagInput(name=""), "name"),
        (TagInput(name="   "), "name"),
        (TagInput(name="t" * 65), "name"),
        (TagInput(name="Finance", color="red"), "color"),
        (TagInput(name="Finance", color="#12345"), "color"),
        (TagInput(name="Finance", color="#12345g"), "color"),
        (TagInput(name="Finance", color="1a2b3c4"), "color"),
    ],
    ids=["empty-name", "blank-name", "long-name", "word", "short-hex", "not-hex", "no-hash"],
)
async def test_invalid_input_names_the_field_and_creates_nothing(
    manager: Principal, data: TagInput, field: str
) -> None:
    # Given
    before = await rows()

    # When
    with pytest.raises(DomainError) as refused:
        await tag_create(manager, data)

    # Then
    assert [(e.code, e.field) for e in refused.value.errors] == [(ErrorCode.INVALID, field)]
    assert await rows() == before


async def test_a_name_of_64_characters_is_fine(manager: Principal) -> None:
    tag = await tag_create(manager, TagInput(name="t" * 64))
    assert len(tag.name) == 64


async def test_a_name_differing_only_in_case_is_a_duplicate(manager: Principal) -> None:
    # Given
    await tag_create(manager, TagInput(name="Finance"))
    other = await tag_create(manager, TagInput(name="Legal"))
    before = await rows()

    # When creating, or renaming another tag, to the same name in other letters
    with pytest.raises(DomainError) as created:
        await tag_create(manager, TagInput(name="FINANCE"))
    with pytest.raises(DomainError) as renamed:
        await tag_update(manager, other.id, TagInput(name="finance"))

    # Then
    for refused in (created, renamed):
        assert (refused.value.code, refused.value.field) == (ErrorCode.DUPLICATE, "name")
    assert (await tag_get(manager, other.id)).name == "Legal"
    assert await rows() == before


async def test_update_renames_and_recolours_and_records_before_and_after(
    manager: Principal,
) -> None:
    # Given
    tag = await tag_create(manager, TagInput(name="finance", color="#000000"))
    events = await event_count()

    # When
    updated = await tag_update(manager, tag.id, TagInput(name="Finance", color="#ff8800"))

    # Then
    assert (updated.name, updated.color) == ("Finance", "#ff8800")
    assert (await tag_get(manager, tag.id)).name == "Finance"
    event = await one_new_event(events)
    assert event.action == "tag.update"
    before, after = event.changes["before"], event.changes["after"]
    assert (before["name"], after["name"]) == ("finance", "Finance")
    assert (before["color"], after["color"]) == ("#000000", "#ff8800")


@pytest.mark.parametrize("cleared", [None, ""], ids=["null", "empty"])
async def test_update_can_clear_the_colour(manager: Principal, cleared: str | None) -> None:
    # Given
    tag = await tag_create(manager, TagInput(name="Finance", color="#ff8800"))

    # When
    updated = await tag_update(manager, tag.id, TagInput(color=cleared))

    # Then the name is kept and the colour gone
    assert (updated.name, updated.color) == ("Finance", None)
    assert (await tag_get(manager, tag.id)).color is None


async def test_invalid_update_names_the_field_and_changes_nothing(manager: Principal) -> None:
    # Given
    tag = await tag_create(manager, TagInput(name="Finance", color="#ff8800"))
    before = await rows()

    # When
    with pytest.raises(DomainError) as refused:
        await tag_update(manager, tag.id, TagInput(name="", color="orange"))

    # Then both mistakes are reported and nothing changes
    assert {(e.code, e.field) for e in refused.value.errors} == {
        (ErrorCode.INVALID, "name"),
        (ErrorCode.INVALID, "color"),
    }
    current = await tag_get(manager, tag.id)
    assert (current.name, current.color) == ("Finance", "#ff8800")
    assert await rows() == before


async def test_update_of_a_missing_tag_is_not_found(manager: Principal) -> None:
    with pytest.raises(DomainError) as refused:
        await tag_update(manager, 999_999, TagInput(name="Ghost"))
    assert (refused.value.code, refused.value.field) == (ErrorCode.NOT_FOUND, "id")


async def test_list_is_ordered_by_name_ignoring_case(manager: Principal) -> None:
    for name in ["legal", "Finance", "devops", "Compliance"]:
        await tag_create(manager, TagInput(name=name))
    assert [t.name for t in await tag_list(manager)] == ["Compliance", "devops", "Finance", "legal"]


async def test_archive_hides_the_tag_and_restore_brings_it_back(manager: Principal) -> None:
    # Given
    tag = await tag_create(manager, TagInput(name="Legacy"))
    await tag_create(manager, TagInput(name="Finance"))
    events = await event_count()

    # When archived
    archived = await tag_archive(manager, tag.id)

    # Then it is gone from the everyday list but still there when asked for
    assert archived.archived_at is not None
    assert [t.name for t in await tag_list(manager)] == ["Finance"]
    assert [t.name for t in await tag_list(manager, include_archived=True)] == [
        "Finance",
        "Legacy",
    ]
    event = await one_new_event(events)
    assert event.action == "tag.archive"
    assert event.changes["before"]["archived_at"] is None
    assert event.changes["after"]["archived_at"] is not None

    # When archived again, nothing more happens
    await tag_archive(manager, tag.id)
    assert await event_count() == events + 1

    # When restored
    restored = await tag_restore(manager, tag.id)

    # Then
    assert restored.archived_at is None
    assert [t.name for t in await tag_list(manager)] == ["Finance", "Legacy"]
    event = await one_new_event(events + 1)
    assert event.action == "tag.restore"
    assert event.changes["after"]["archived_at"] is None


async def test_deleting_a_tag_takes_it_off_its_licenses(admin: Principal) -> None:
    # Given two licenses tagged "Legacy", one also tagged "Finance"
    legacy = await tag_create(admin, TagInput(name="Legacy"))
    finance = await tag_create(admin, TagInput(name="Finance"))
    first, second, untagged = await licensed("Design", "Video", "Photo")
    await first.tags.add(legacy, finance)
    await second.tags.add(legacy)
    events = await event_count()

    # When
    assert await tag_delete(admin, legacy.id) == legacy.id

    # Then the licenses stay, without the tag; the event lists which ones lost it
    assert [t.name for t in await tag_list(admin, include_archived=True)] == ["Finance"]
    assert await License.all().count() == 3
    assert [t.name for t in await first.tags.all()] == ["Finance"]
    assert await second.tags.all() == []
    assert await untagged.tags.all() == []
    event = await one_new_event(events)
    assert (event.action, event.object_id) == ("tag.delete", str(legacy.id))
    assert event.changes["before"]["name"] == "Legacy"
    assert event.changes["licenses"] == [first.id, second.id]


async def test_deleting_an_unused_tag(manager: Principal) -> None:
    # Given
    tag = await tag_create(manager, TagInput(name="Unused"))
    events = await event_count()

    # When
    await tag_delete(manager, tag.id)

    # Then
    with pytest.raises(DomainError) as gone:
        await tag_get(manager, tag.id)
    assert gone.value.code == ErrorCode.NOT_FOUND
    event = await one_new_event(events)
    assert (event.action, event.changes["licenses"]) == ("tag.delete", [])


async def test_readers_may_look_but_not_change(manager: Principal, reader: Principal) -> None:
    # Given
    tag = await tag_create(manager, TagInput(name="Finance"))
    before = await rows()

    # Then a member or an auditor sees the tag
    assert [t.name for t in await tag_list(reader)] == ["Finance"]
    assert (await tag_get(reader, tag.id)).name == "Finance"

    # But every change is forbidden, and nothing changes
    attempts: list[Callable[[], Awaitable[object]]] = [
        lambda: tag_create(reader, TagInput(name="Legal")),
        lambda: tag_update(reader, tag.id, TagInput(name="Money")),
        lambda: tag_archive(reader, tag.id),
        lambda: tag_restore(reader, tag.id),
        lambda: tag_delete(reader, tag.id),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError) as refused:
            await attempt()
        assert refused.value.code == ErrorCode.FORBIDDEN
    assert (await tag_get(manager, tag.id)).name == "Finance"
    assert await rows() == before


async def test_a_stranger_must_sign_in(manager: Principal) -> None:
    # Given
    tag = await tag_create(manager, TagInput(name="Finance"))

    # Then
    attempts: list[Callable[[], Awaitable[object]]] = [
        lambda: tag_list(anonymous()),
        lambda: tag_get(anonymous(), tag.id),
        lambda: tag_create(anonymous(), TagInput(name="Legal")),
        lambda: tag_delete(anonymous(), tag.id),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError) as refused:
            await attempt()
        assert refused.value.code == ErrorCode.UNAUTHENTICATED
    assert await Tag.all().count() == 1


async def test_every_change_extends_one_unbroken_audit_chain(manager: Principal) -> None:
    # When a tag goes through its whole life
    tag = await tag_create(manager, TagInput(name="Legacy"))
    await tag_update(manager, tag.id, TagInput(color="#abcdef"))
    await tag_archive(manager, tag.id)
    await tag_restore(manager, tag.id)
    await tag_delete(manager, tag.id)

    # Then there is one event per change, in order, each linked to the one before
    assert [e.action for e in await audit_events()] == [
        "tag.create",
        "tag.update",
        "tag.archive",
        "tag.restore",
        "tag.delete",
    ]
    await assert_chain_intact()
