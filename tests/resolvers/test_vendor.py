"""Vendors through the domain operations, as a manager, a reader and a stranger see them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from licman.models import License, Product, Vendor
from licman.resolvers.errors import DomainError, ErrorCode
from licman.resolvers.vendor import (
    VendorInput,
    vendor_archive,
    vendor_create,
    vendor_delete,
    vendor_get,
    vendor_list,
    vendor_restore,
    vendor_update,
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


async def rows() -> tuple[int, int, int]:
    """What a change could leave behind: vendors, products, audit events."""
    return await Vendor.all().count(), await Product.all().count(), await event_count()


async def test_manager_creates_a_vendor(manager: Principal) -> None:
    # When
    vendor = await vendor_create(
        manager,
        VendorInput(name="  JetBrains ", website="https://www.jetbrains.com", notes="IDEs"),
    )

    # Then the name is trimmed, the vendor is listed, and one event records who created what
    assert (vendor.name, vendor.website, vendor.notes, vendor.version) == (
        "JetBrains",
        "https://www.jetbrains.com",
        "IDEs",
        1,
    )
    assert [v.name for v in await vendor_list(manager)] == ["JetBrains"]
    event = await one_new_event(0)
    assert (event.action, event.object_type, event.object_id) == (
        "vendor.create",
        "vendor",
        str(vendor.id),
    )
    assert event.actor_user_id == user_id(manager)
    assert "before" not in event.changes
    assert event.changes["after"]["name"] == "JetBrains"
    assert event.changes["after"]["website"] == "https://www.jetbrains.com"


async def test_update_changes_the_vendor_and_records_before_and_after(
    manager: Principal, admin: Principal
) -> None:
    # Given
    vendor = await vendor_create(manager, VendorInput(name="Jetbrains"))
    events = await event_count()

    # When an admin corrects the name and adds a website
    updated = await vendor_update(
        admin, vendor.id, 1, VendorInput(name="JetBrains", website="https://jetbrains.com")
    )

    # Then
    assert (updated.name, updated.website, updated.version) == (
        "JetBrains",
        "https://jetbrains.com",
        2,
    )
    assert updated.updated_by_id == user_id(admin)  # type: ignore[attr-defined]
    assert (await vendor_get(manager, vendor.id)).name == "JetBrains"
    event = await one_new_event(events)
    assert event.action == "vendor.update"
    assert (event.changes["before"]["name"], event.changes["after"]["name"]) == (
        "Jetbrains",
        "JetBrains",
    )
    assert (event.changes["before"]["version"], event.changes["after"]["version"]) == (1, 2)


async def test_renaming_only_the_case_is_not_a_duplicate(manager: Principal) -> None:
    # Given
    vendor = await vendor_create(manager, VendorInput(name="adobe"))

    # When
    updated = await vendor_update(manager, vendor.id, 1, VendorInput(name="Adobe"))

    # Then
    assert updated.name == "Adobe"


async def test_update_with_a_stale_version_is_a_conflict_and_changes_nothing(
    manager: Principal,
) -> None:
    # Given someone else already saved version 2
    vendor = await vendor_create(manager, VendorInput(name="Atlassian"))
    await vendor_update(manager, vendor.id, 1, VendorInput(notes="Jira, Confluence"))
    before = await rows()

    # When a second editor saves what they loaded at version 1
    with pytest.raises(DomainError) as refused:
        await vendor_update(manager, vendor.id, 1, VendorInput(name="Atlassian Corp"))

    # Then
    assert (refused.value.code, refused.value.field) == (ErrorCode.CONFLICT, "version")
    current = await vendor_get(manager, vendor.id)
    assert (current.name, current.notes, current.version) == ("Atlassian", "Jira, Confluence", 2)
    assert await rows() == before


async def test_update_of_a_missing_vendor_is_not_found(manager: Principal) -> None:
    with pytest.raises(DomainError) as refused:
        await vendor_update(manager, 999_999, 1, VendorInput(name="Ghost"))
    assert (refused.value.code, refused.value.field) == (ErrorCode.NOT_FOUND, "id")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (VendorInput(name=""), "name"),
        (VendorInput(name="   "), "name"),
        (VendorInput(name="x" * 201), "name"),
        (VendorInput(name="Acme", website="ftp://acme.example"), "website"),
        (VendorInput(name="Acme", website="acme dot com"), "website"),
        (VendorInput(name="Acme", website="https://" + "a" * 2050), "website"),
        (VendorInput(name="Acme", notes="n" * 10_001), "notes"),
    ],
    ids=[
        "empty-name",
        "blank-name",
        "long-name",
        "ftp-url",
        "not-a-url",
        "long-url",
        "long-notes",
    ],
)
async def test_invalid_input_names_the_field_and_creates_nothing(
    manager: Principal, data: VendorInput, field: str
) -> None:
    # Given
    before = await rows()

    # When
    with pytest.raises(DomainError) as refused:
        await vendor_create(manager, data)

    # Then
    assert [(e.code, e.field) for e in refused.value.errors] == [(ErrorCode.INVALID, field)]
    assert await rows() == before


async def test_every_invalid_field_is_reported_at_once(manager: Principal) -> None:
    with pytest.raises(DomainError) as refused:
        await vendor_create(manager, VendorInput(name="", website="nope"))
    assert {e.field for e in refused.value.errors} == {"name", "website"}


async def test_invalid_update_names_the_field_and_changes_nothing(manager: Principal) -> None:
    # Given
    vendor = await vendor_create(manager, VendorInput(name="Acme", website="https://acme.test"))
    before = await rows()

    # When
    with pytest.raises(DomainError) as refused:
        await vendor_update(manager, vendor.id, 1, VendorInput(website="javascript:alert(1)"))

    # Then
    assert (refused.value.code, refused.value.field) == (ErrorCode.INVALID, "website")
    current = await vendor_get(manager, vendor.id)
    assert (current.website, current.version) == ("https://acme.test", 1)
    assert await rows() == before


async def test_a_name_differing_only_in_case_is_a_duplicate(manager: Principal) -> None:
    # Given
    await vendor_create(manager, VendorInput(name="Adobe"))
    other = await vendor_create(manager, VendorInput(name="Corel"))
    before = await rows()

    # When creating, or renaming another vendor, to the same name in other letters
    with pytest.raises(DomainError) as created:
        await vendor_create(manager, VendorInput(name="ADOBE"))
    with pytest.raises(DomainError) as renamed:
        await vendor_update(manager, other.id, 1, VendorInput(name=" adobe "))

    # Then
    for refused in (created, renamed):
        assert (refused.value.code, refused.value.field) == (ErrorCode.DUPLICATE, "name")
    assert (await vendor_get(manager, other.id)).name == "Corel"
    assert await rows() == before


async def test_archive_hides_the_vendor_and_restore_brings_it_back(manager: Principal) -> None:
    # Given
    vendor = await vendor_create(manager, VendorInput(name="Borland"))
    await vendor_create(manager, VendorInput(name="Microsoft"))
    events = await event_count()

    # When archived
    archived = await vendor_archive(manager, vendor.id)

    # Then it is gone from the everyday list but still there when asked for
    assert archived.archived_at is not None
    assert archived.version == 2
    assert [v.name for v in await vendor_list(manager)] == ["Microsoft"]
    assert [v.name for v in await vendor_list(manager, include_archived=True)] == [
        "Borland",
        "Microsoft",
    ]
    assert (await one_new_event(events)).action == "vendor.archive"

    # When archived again, nothing more happens
    await vendor_archive(manager, vendor.id)
    assert await event_count() == events + 1

    # When restored
    restored = await vendor_restore(manager, vendor.id)

    # Then
    assert restored.archived_at is None
    assert [v.name for v in await vendor_list(manager)] == ["Borland", "Microsoft"]
    assert (await one_new_event(events + 1)).action == "vendor.restore"


async def test_deleting_an_unused_vendor_removes_it_and_its_products(manager: Principal) -> None:
    # Given
    vendor = await vendor_create(manager, VendorInput(name="Netscape"))
    await Product.create(vendor=vendor, name="Navigator")
    events = await event_count()

    # When
    deleted = await vendor_delete(manager, vendor.id)

    # Then
    assert deleted == vendor.id
    assert await Vendor.filter(id=vendor.id).exists() is False
    assert await Product.all().count() == 0
    event = await one_new_event(events)
    assert (event.action, event.object_id) == ("vendor.delete", str(vendor.id))
    assert event.changes["before"]["name"] == "Netscape"
    assert "after" not in event.changes
    with pytest.raises(DomainError) as gone:
        await vendor_get(manager, vendor.id)
    assert gone.value.code == ErrorCode.NOT_FOUND


async def test_deleting_a_vendor_with_licenses_is_refused_and_deletes_nothing(
    admin: Principal,
) -> None:
    # Given a vendor whose product has a license
    vendor = await vendor_create(admin, VendorInput(name="Oracle"))
    product = await Product.create(vendor=vendor, name="Database")
    await Product.create(vendor=vendor, name="Unused")
    await License.create(product=product, name="Prod cluster")
    before = await rows()

    # When
    with pytest.raises(DomainError) as refused:
        await vendor_delete(admin, vendor.id)

    # Then
    assert refused.value.code == ErrorCode.IN_USE
    assert refused.value.message == (
        "Vendor Oracle still has 2 products and 1 license (archived ones count); archive it "
        "or move the licenses to another vendor's product first."
    )
    assert refused.value.field == "id"
    assert await rows() == before
    assert await License.all().count() == 1


async def test_readers_may_look_but_not_change(manager: Principal, reader: Principal) -> None:
    # Given
    vendor = await vendor_create(manager, VendorInput(name="Slack"))
    before = await rows()

    # Then a member or an auditor sees the vendor
    assert [v.name for v in await vendor_list(reader)] == ["Slack"]
    assert (await vendor_get(reader, vendor.id)).name == "Slack"

    # But every change is forbidden, and nothing changes
    attempts: list[Callable[[], Awaitable[object]]] = [
        lambda: vendor_create(reader, VendorInput(name="Zoom")),
        lambda: vendor_update(reader, vendor.id, 1, VendorInput(name="Slack!")),
        lambda: vendor_archive(reader, vendor.id),
        lambda: vendor_restore(reader, vendor.id),
        lambda: vendor_delete(reader, vendor.id),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError) as refused:
            await attempt()
        assert refused.value.code == ErrorCode.FORBIDDEN
    assert await rows() == before


async def test_a_stranger_must_sign_in(manager: Principal) -> None:
    # Given
    vendor = await vendor_create(manager, VendorInput(name="Slack"))

    # Then
    attempts: list[Callable[[], Awaitable[object]]] = [
        lambda: vendor_list(anonymous()),
        lambda: vendor_get(anonymous(), vendor.id),
        lambda: vendor_create(anonymous(), VendorInput(name="Zoom")),
        lambda: vendor_delete(anonymous(), vendor.id),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError) as refused:
            await attempt()
        assert refused.value.code == ErrorCode.UNAUTHENTICATED
    assert await Vendor.all().count() == 1


async def test_every_change_extends_one_unbroken_audit_chain(manager: Principal) -> None:
    # When a vendor goes through its whole life
    vendor = await vendor_create(manager, VendorInput(name="Sun"))
    await vendor_update(manager, vendor.id, 1, VendorInput(website="https://sun.com"))
    await vendor_archive(manager, vendor.id)
    await vendor_restore(manager, vendor.id)
    await vendor_delete(manager, vendor.id)

    # Then there is one event per change, in order, each linked to the one before
    actions = [e.action for e in await audit_events()]
    assert actions == [
        "vendor.create",
        "vendor.update",
        "vendor.archive",
        "vendor.restore",
        "vendor.delete",
    ]
    await assert_chain_intact()
