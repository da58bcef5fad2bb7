"""The database itself refuses bad rows, on every backend: constraints, not application checks."""

from __future__ import annotations

from datetime import date

import pytest
from tortoise import connections
from tortoise.exceptions import IntegrityError, OperationalError
from tortoise.transactions import in_transaction

from licman.models import License, Product, SeatAssignment, Tag, User, Vendor
from tests.backends import TestDatabase

pytestmark = pytest.mark.usefixtures("db")

# MariaDB reports a failed CHECK as error 4025, which Tortoise raises as OperationalError.
CHECK_FAILED = (IntegrityError, OperationalError)


async def make_license(**fields: object) -> License:
    vendor = await Vendor.create(name="JetBrains")
    product = await Product.create(vendor=vendor, name="IntelliJ IDEA")
    return await License.create(product=product, **fields)


async def test_vendor_name_is_unique_regardless_of_case() -> None:
    await Vendor.create(name="Adobe")
    with pytest.raises(IntegrityError):
        await Vendor.create(name="ADOBE")
    assert await Vendor.all().count() == 1


async def test_vendor_key_is_enforced_by_the_database_not_the_model(db: TestDatabase) -> None:
    await Vendor.create(name="Adobe")
    # Bypass the model entirely: the unique index on name_key is what refuses the row.
    with pytest.raises(IntegrityError):
        await connections.get("default").execute_query(
            "INSERT INTO vendor (name, name_key, notes, version, created_at, updated_at) "
            "VALUES ('aDoBe', 'adobe', '', 1, '2026-01-01', '2026-01-01')"
        )


async def test_user_email_is_unique_regardless_of_case() -> None:
    await User.create(email="Ann@Example.com")
    with pytest.raises(IntegrityError):
        await User.create(email="ann@example.COM")


async def test_product_name_unique_per_vendor_but_free_across_vendors() -> None:
    adobe = await Vendor.create(name="Adobe")
    corel = await Vendor.create(name="Corel")
    await Product.create(vendor=adobe, name="Suite")
    await Product.create(vendor=corel, name="Suite")
    with pytest.raises(IntegrityError):
        await Product.create(vendor=adobe, name="SUITE")


async def test_negative_seats_are_refused() -> None:
    with pytest.raises(CHECK_FAILED):
        await make_license(seats=-1)
    assert await License.all().count() == 0


async def test_negative_seats_refused_on_update_through_raw_sql() -> None:
    license_ = await make_license(seats=5)
    with pytest.raises(CHECK_FAILED):
        await connections.get("default").execute_query(
            f"UPDATE license SET seats = -3 WHERE id = {license_.id}"
        )
    await license_.refresh_from_db()
    assert license_.seats == 5


async def test_zero_and_unlimited_seats_are_allowed() -> None:
    await make_license(seats=0, external_id="a")
    product = await Product.first()
    assert product is not None
    await License.create(product=product, seats=None, external_id="b")
    assert await License.all().count() == 2


async def test_second_license_with_same_external_id_is_refused() -> None:
    first = await make_license(external_id="sap-4711")
    with pytest.raises(IntegrityError):
        await License.create(product_id=first.product_id, external_id="sap-4711")
    # Licenses without an external id never clash with each other.
    await License.create(product_id=first.product_id)
    await License.create(product_id=first.product_id)
    assert await License.all().count() == 3


async def test_start_after_expiry_is_refused() -> None:
    with pytest.raises(CHECK_FAILED):
        await make_license(starts_on=date(2027, 1, 2), expires_on=date(2027, 1, 1))


async def test_negative_cost_is_refused() -> None:
    with pytest.raises(CHECK_FAILED):
        await make_license(cost_micros=-10_000_000, currency="EUR")


async def test_a_user_holds_at_most_one_active_seat_of_a_license() -> None:
    license_ = await make_license(seats=10)
    ann = await User.create(email="ann@example.com")
    first = await SeatAssignment.create(license=license_, user=ann, active_holder=ann.id)
    with pytest.raises(IntegrityError):
        await SeatAssignment.create(license=license_, user=ann, active_holder=ann.id)
    # Once revoked, the seat no longer counts and the user may be assigned again.
    first.active_holder = None
    await first.save(update_fields=["active_holder"])
    await SeatAssignment.create(license=license_, user=ann, active_holder=ann.id)
    assert await SeatAssignment.filter(license=license_).count() == 2


async def test_vendor_with_products_cannot_be_deleted() -> None:
    vendor = await Vendor.create(name="Oracle")
    await Product.create(vendor=vendor, name="Java SE")
    with pytest.raises(IntegrityError):
        async with in_transaction():
            await vendor.delete()
    assert await Vendor.exists(id=vendor.id)


async def test_tag_names_are_unique_regardless_of_case() -> None:
    await Tag.create(name="design")
    with pytest.raises(IntegrityError):
        await Tag.create(name="Design")


async def test_seats_used_can_never_exceed_seats() -> None:
    license_ = await make_license(seats=1)
    await License.filter(id=license_.id).update(seats_used=1)
    with pytest.raises(CHECK_FAILED):
        await License.filter(id=license_.id).update(seats_used=2)
    await license_.refresh_from_db()
    assert license_.seats_used == 1
