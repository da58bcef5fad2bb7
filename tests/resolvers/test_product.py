"""Products through the domain operations: per-vendor names, moving between vendors, archiving."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

import pytest

from licman.models import License, Product, Vendor
from licman.resolvers.errors import DomainError, ErrorCode
from licman.resolvers.product import (
    ProductInput,
    product_archive,
    product_create,
    product_delete,
    product_get,
    product_list,
    product_restore,
    product_update,
)
from licman.resolvers.vendor import VendorInput, vendor_archive, vendor_create
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
    """What a change could leave behind: products and audit events."""
    return await Product.all().count(), await event_count()


async def test_manager_creates_a_product_under_a_vendor(manager: Principal) -> None:
    # Given
    adobe = await Vendor.create(name="Adobe")

    # When
    product = await product_create(
        manager, ProductInput(vendor_id=adobe.id, name=" Photoshop ", notes="Design team")
    )

    # Then
    assert (product.vendor_id, product.name, product.notes, product.version) == (
        adobe.id,
        "Photoshop",
        "Design team",
        1,
    )
    assert product.created_by_id == user_id(manager)  # type: ignore[attr-defined]
    assert [p.name for p in await product_list(manager, vendor_id=adobe.id)] == ["Photoshop"]
    event = await one_new_event(0)
    assert (event.action, event.object_type, event.object_id) == (
        "product.create",
        "product",
        str(product.id),
    )
    assert event.changes["after"]["vendor_id"] == adobe.id
    assert event.changes["after"]["name"] == "Photoshop"
    assert "before" not in event.changes


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (ProductInput(name="Photoshop"), "vendorId"),
        (ProductInput(name=""), "name"),
        (ProductInput(name="   "), "name"),
        (ProductInput(name="p" * 201), "name"),
        (ProductInput(name="Photoshop", notes="n" * 10_001), "notes"),
    ],
    ids=["no-vendor", "empty-name", "blank-name", "long-name", "long-notes"],
)
async def test_invalid_input_names_the_field_and_creates_nothing(
    manager: Principal, data: ProductInput, field: str
) -> None:
    # Given
    adobe = await Vendor.create(name="Adobe")
    if field != "vendorId":
        data = replace(data, vendor_id=adobe.id)
    before = await rows()

    # When
    with pytest.raises(DomainError) as refused:
        await product_create(manager, data)

    # Then
    assert [(e.code, e.field) for e in refused.value.errors] == [(ErrorCode.INVALID, field)]
    assert await rows() == before


async def test_an_unknown_vendor_is_not_found_on_the_vendor_field(manager: Principal) -> None:
    # Given
    before = await rows()

    # When
    with pytest.raises(DomainError) as refused:
        await product_create(manager, ProductInput(vendor_id=424_242, name="Photoshop"))

    # Then
    assert (refused.value.code, refused.value.field) == (ErrorCode.NOT_FOUND, "vendorId")
    assert await rows() == before


async def test_every_refusal_is_reported_at_once(manager: Principal) -> None:
    with pytest.raises(DomainError) as refused:
        await product_create(manager, ProductInput(vendor_id=424_242, name=""))
    assert {(e.code, e.field) for e in refused.value.errors} == {
        (ErrorCode.INVALID, "name"),
        (ErrorCode.NOT_FOUND, "vendorId"),
    }


async def test_an_archived_vendor_takes_no_new_products(manager: Principal) -> None:
    # Given
    borland = await vendor_create(manager, VendorInput(name="Borland"))
    await vendor_archive(manager, borland.id)
    before = await rows()

    # When
    with pytest.raises(DomainError) as refused:
        await product_create(manager, ProductInput(vendor_id=borland.id, name="Delphi"))

    # Then
    assert (refused.value.code, refused.value.field) == (ErrorCode.INVALID, "vendorId")
    assert "archived" in refused.value.message
    assert await rows() == before


async def test_names_are_unique_per_vendor_ignoring_case(manager: Principal) -> None:
    # Given
    adobe = await Vendor.create(name="Adobe")
    corel = await Vendor.create(name="Corel")
    await product_create(manager, ProductInput(vendor_id=adobe.id, name="Suite"))

    # When another vendor has a product of the same name, that is fine
    await product_create(manager, ProductInput(vendor_id=corel.id, name="Suite"))
    before = await rows()

    # But the same vendor may not have it twice, whatever the letters' case
    with pytest.raises(DomainError) as refused:
        await product_create(manager, ProductInput(vendor_id=adobe.id, name="SUITE"))

    # Then
    assert (refused.value.code, refused.value.field) == (ErrorCode.DUPLICATE, "name")
    assert await rows() == before


async def test_update_changes_the_product_and_records_before_and_after(
    manager: Principal, admin: Principal
) -> None:
    # Given
    adobe = await Vendor.create(name="Adobe")
    product = await product_create(manager, ProductInput(vendor_id=adobe.id, name="Acrobat"))
    events = await event_count()

    # When
    updated = await product_update(
        admin, product.id, 1, ProductInput(name="Acrobat Pro", notes="PDF")
    )

    # Then
    assert (updated.name, updated.notes, updated.version) == ("Acrobat Pro", "PDF", 2)
    assert updated.updated_by_id == user_id(admin)  # type: ignore[attr-defined]
    assert (await product_get(manager, product.id)).name == "Acrobat Pro"
    event = await one_new_event(events)
    assert event.action == "product.update"
    before, after = event.changes["before"], event.changes["after"]
    assert (before["name"], after["name"]) == ("Acrobat", "Acrobat Pro")
    assert (before["notes"], after["notes"]) == ("", "PDF")
    assert (before["version"], after["version"]) == (1, 2)


async def test_a_product_moves_to_another_vendor(manager: Principal) -> None:
    # Given
    macromedia = await Vendor.create(name="Macromedia")
    adobe = await Vendor.create(name="Adobe")
    flash = await product_create(manager, ProductInput(vendor_id=macromedia.id, name="Flash"))
    events = await event_count()

    # When
    moved = await product_update(manager, flash.id, 1, ProductInput(vendor_id=adobe.id))

    # Then
    assert (moved.vendor_id, moved.name, moved.version) == (adobe.id, "Flash", 2)
    assert [p.name for p in await product_list(manager, vendor_id=adobe.id)] == ["Flash"]
    assert await product_list(manager, vendor_id=macromedia.id) == []
    event = await one_new_event(events)
    assert (event.changes["before"]["vendor_id"], event.changes["after"]["vendor_id"]) == (
        macromedia.id,
        adobe.id,
    )


async def test_moving_onto_a_clashing_name_is_a_duplicate(manager: Principal) -> None:
    # Given both vendors have a "Flash"
    macromedia = await Vendor.create(name="Macromedia")
    adobe = await Vendor.create(name="Adobe")
    theirs = await product_create(manager, ProductInput(vendor_id=macromedia.id, name="Flash"))
    await product_create(manager, ProductInput(vendor_id=adobe.id, name="FLASH"))
    before = await rows()

    # When
    with pytest.raises(DomainError) as refused:
        await product_update(manager, theirs.id, 1, ProductInput(vendor_id=adobe.id))

    # Then
    assert (refused.value.code, refused.value.field) == (ErrorCode.DUPLICATE, "name")
    current = await product_get(manager, theirs.id)
    assert (current.vendor_id, current.version) == (macromedia.id, 1)
    assert await rows() == before


@pytest.mark.parametrize(("target", "code"), [("archived", "INVALID"), ("missing", "NOT_FOUND")])
async def test_moving_to_an_archived_or_missing_vendor_is_refused(
    manager: Principal, target: str, code: str
) -> None:
    # Given
    macromedia = await Vendor.create(name="Macromedia")
    gone = await vendor_create(manager, VendorInput(name="Gone"))
    await vendor_archive(manager, gone.id)
    product = await product_create(manager, ProductInput(vendor_id=macromedia.id, name="Flash"))
    before = await rows()

    # When
    vendor_id = gone.id if target == "archived" else 424_242
    with pytest.raises(DomainError) as refused:
        await product_update(manager, product.id, 1, ProductInput(vendor_id=vendor_id))

    # Then
    assert (refused.value.code, refused.value.field) == (ErrorCode(code), "vendorId")
    assert (await product_get(manager, product.id)).vendor_id == macromedia.id
    assert await rows() == before


async def test_a_product_of_an_archived_vendor_can_still_be_renamed(manager: Principal) -> None:
    # Given
    borland = await vendor_create(manager, VendorInput(name="Borland"))
    delphi = await product_create(manager, ProductInput(vendor_id=borland.id, name="delphi"))
    await vendor_archive(manager, borland.id)

    # When the form sends the unchanged vendor along with the new name
    renamed = await product_update(
        manager, delphi.id, 1, ProductInput(vendor_id=borland.id, name="Delphi")
    )

    # Then
    assert renamed.name == "Delphi"


async def test_update_with_a_stale_version_is_a_conflict_and_changes_nothing(
    manager: Principal,
) -> None:
    # Given someone else already saved version 2
    adobe = await Vendor.create(name="Adobe")
    product = await product_create(manager, ProductInput(vendor_id=adobe.id, name="Lightroom"))
    await product_update(manager, product.id, 1, ProductInput(notes="Photo team"))
    before = await rows()

    # When a second editor saves what they loaded at version 1
    with pytest.raises(DomainError) as refused:
        await product_update(manager, product.id, 1, ProductInput(name="Lightroom Classic"))

    # Then
    assert (refused.value.code, refused.value.field) == (ErrorCode.CONFLICT, "version")
    current = await product_get(manager, product.id)
    assert (current.name, current.notes, current.version) == ("Lightroom", "Photo team", 2)
    assert await rows() == before


async def test_an_empty_update_records_nothing_but_still_spots_a_stale_version(
    manager: Principal,
) -> None:
    # Given
    adobe = await Vendor.create(name="Adobe")
    product = await product_create(manager, ProductInput(vendor_id=adobe.id, name="Lightroom"))
    before = await rows()

    # When nothing is sent, nothing changes and no event is written
    unchanged = await product_update(manager, product.id, 1, ProductInput())
    assert (unchanged.version, await rows()) == (1, before)

    # And a stale caller is still told so
    with pytest.raises(DomainError) as refused:
        await product_update(manager, product.id, 7, ProductInput())
    assert refused.value.code == ErrorCode.CONFLICT


async def test_invalid_update_names_the_field_and_changes_nothing(manager: Principal) -> None:
    # Given
    adobe = await Vendor.create(name="Adobe")
    product = await product_create(manager, ProductInput(vendor_id=adobe.id, name="Premiere"))
    before = await rows()

    # When
    with pytest.raises(DomainError) as refused:
        await product_update(manager, product.id, 1, ProductInput(name=" "))

    # Then
    assert (refused.value.code, refused.value.field) == (ErrorCode.INVALID, "name")
    current = await product_get(manager, product.id)
    assert (current.name, current.version) == ("Premiere", 1)
    assert await rows() == before


async def test_list_is_ordered_by_vendor_then_product_ignoring_case(manager: Principal) -> None:
    # Given products created in no particular order
    zoho = await Vendor.create(name="Zoho")
    adobe = await Vendor.create(name="adobe")
    microsoft = await Vendor.create(name="Microsoft")
    for vendor, name in [
        (zoho, "Books"),
        (microsoft, "word"),
        (adobe, "Photoshop"),
        (microsoft, "Excel"),
        (adobe, "acrobat"),
    ]:
        await product_create(manager, ProductInput(vendor_id=vendor.id, name=name))

    # When
    listed = await product_list(manager)

    # Then
    assert [p.name for p in listed] == ["acrobat", "Photoshop", "Excel", "word", "Books"]


async def test_archived_products_and_those_of_archived_vendors_are_hidden_by_default(
    manager: Principal,
) -> None:
    # Given
    adobe = await vendor_create(manager, VendorInput(name="Adobe"))
    borland = await vendor_create(manager, VendorInput(name="Borland"))
    await product_create(manager, ProductInput(vendor_id=adobe.id, name="Photoshop"))
    flash = await product_create(manager, ProductInput(vendor_id=adobe.id, name="Flash"))
    await product_create(manager, ProductInput(vendor_id=borland.id, name="Delphi"))
    await product_archive(manager, flash.id)
    await vendor_archive(manager, borland.id)

    # Then
    assert [p.name for p in await product_list(manager)] == ["Photoshop"]
    assert [p.name for p in await product_list(manager, include_archived=True)] == [
        "Flash",
        "Photoshop",
        "Delphi",
    ]
    assert [
        p.name for p in await product_list(manager, vendor_id=adobe.id, include_archived=True)
    ] == ["Flash", "Photoshop"]


async def test_archive_and_restore_record_before_and_after(manager: Principal) -> None:
    # Given
    adobe = await Vendor.create(name="Adobe")
    product = await product_create(manager, ProductInput(vendor_id=adobe.id, name="Flash"))
    events = await event_count()

    # When archived
    archived = await product_archive(manager, product.id)

    # Then
    assert archived.archived_at is not None
    assert archived.version == 2
    assert await product_list(manager) == []
    event = await one_new_event(events)
    assert event.action == "product.archive"
    assert event.changes["before"]["archived_at"] is None
    assert event.changes["after"]["archived_at"] is not None

    # When archived again, nothing more happens
    await product_archive(manager, product.id)
    assert await event_count() == events + 1

    # When restored
    restored = await product_restore(manager, product.id)

    # Then
    assert (restored.archived_at, restored.version) == (None, 3)
    assert [p.name for p in await product_list(manager)] == ["Flash"]
    event = await one_new_event(events + 1)
    assert event.action == "product.restore"
    assert event.changes["before"]["archived_at"] is not None
    assert event.changes["after"]["archived_at"] is None


async def test_archiving_bumps_the_version_so_an_older_edit_conflicts(
    manager: Principal,
) -> None:
    # Given an editor loaded version 1, then someone archived the product
    adobe = await Vendor.create(name="Adobe")
    product = await product_create(manager, ProductInput(vendor_id=adobe.id, name="Flash"))
    await product_archive(manager, product.id)

    # When the editor saves
    with pytest.raises(DomainError) as refused:
        await product_update(manager, product.id, 1, ProductInput(name="Flash Player"))

    # Then
    assert refused.value.code == ErrorCode.CONFLICT


async def test_deleting_an_unused_product_removes_it(admin: Principal) -> None:
    # Given
    adobe = await Vendor.create(name="Adobe")
    product = await product_create(admin, ProductInput(vendor_id=adobe.id, name="Flash"))
    events = await event_count()

    # When
    assert await product_delete(admin, product.id) == product.id

    # Then
    assert await Product.all().count() == 0
    assert await Vendor.all().count() == 1
    event = await one_new_event(events)
    assert (event.action, event.object_id) == ("product.delete", str(product.id))
    assert event.changes["before"]["name"] == "Flash"
    with pytest.raises(DomainError) as gone:
        await product_get(admin, product.id)
    assert gone.value.code == ErrorCode.NOT_FOUND


async def test_deleting_a_product_with_licenses_is_refused(manager: Principal) -> None:
    # Given
    adobe = await Vendor.create(name="Adobe")
    product = await product_create(manager, ProductInput(vendor_id=adobe.id, name="Photoshop"))
    await License.create(product=product, name="Design seat")
    await License.create(product=product, name="Old seat", archived_at=adobe.created_at)
    before = await rows()

    # When
    with pytest.raises(DomainError) as refused:
        await product_delete(manager, product.id)

    # Then
    assert refused.value.code == ErrorCode.IN_USE
    assert refused.value.message == (
        "Product Photoshop still has 2 licenses (archived ones count); archive it or move "
        "them to another product first."
    )
    assert refused.value.field == "id"
    assert await rows() == before
    assert await License.all().count() == 2


async def test_readers_may_look_but_not_change(manager: Principal, reader: Principal) -> None:
    # Given
    adobe = await Vendor.create(name="Adobe")
    product = await product_create(manager, ProductInput(vendor_id=adobe.id, name="Photoshop"))
    before = await rows()

    # Then a member or an auditor sees the product
    assert [p.name for p in await product_list(reader)] == ["Photoshop"]
    assert (await product_get(reader, product.id)).name == "Photoshop"

    # But every change is forbidden, and nothing changes
    attempts: list[Callable[[], Awaitable[object]]] = [
        lambda: product_create(reader, ProductInput(vendor_id=adobe.id, name="Illustrator")),
        lambda: product_update(reader, product.id, 1, ProductInput(name="PS")),
        lambda: product_archive(reader, product.id),
        lambda: product_restore(reader, product.id),
        lambda: product_delete(reader, product.id),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError) as refused:
            await attempt()
        assert refused.value.code == ErrorCode.FORBIDDEN
    assert await rows() == before


async def test_a_stranger_must_sign_in(manager: Principal) -> None:
    # Given
    adobe = await Vendor.create(name="Adobe")
    product = await product_create(manager, ProductInput(vendor_id=adobe.id, name="Photoshop"))

    # Then
    attempts: list[Callable[[], Awaitable[object]]] = [
        lambda: product_list(anonymous()),
        lambda: product_get(anonymous(), product.id),
        lambda: product_create(anonymous(), ProductInput(vendor_id=adobe.id, name="Bridge")),
        lambda: product_delete(anonymous(), product.id),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError) as refused:
            await attempt()
        assert refused.value.code == ErrorCode.UNAUTHENTICATED
    assert await Product.all().count() == 1


async def test_every_change_extends_one_unbroken_audit_chain(manager: Principal) -> None:
    # When a product goes through its whole life
    adobe = await Vendor.create(name="Adobe")
    macromedia = await Vendor.create(name="Macromedia")
    product = await product_create(manager, ProductInput(vendor_id=macromedia.id, name="Flash"))
    await product_update(manager, product.id, 1, ProductInput(vendor_id=adobe.id))
    await product_archive(manager, product.id)
    await product_restore(manager, product.id)
    await product_delete(manager, product.id)

    # Then there is one event per change, in order, each linked to the one before
    assert [e.action for e in await audit_events()] == [
        "product.create",
        "product.update",
        "product.archive",
        "product.restore",
        "product.delete",
    ]
    await assert_chain_intact()
