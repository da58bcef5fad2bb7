"""Hostile review, concurrency: a tag or product deleted by another transaction while a
mutation that uses it is under way. The deletion commits after the mutation checked that the
row exists and before its own write: the mutation must answer NOT_FOUND naming the field (as
if the deletion had come first) and change nothing, not an INTERNAL error from the database's
foreign key. Deterministic: the deleting transaction holds its lock until the mutation waits
on it. PostgreSQL and MariaDB only (SQLite runs one write transaction at a time)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from tortoise import connections
from tortoise.models import Model
from tortoise.transactions import in_transaction

from licman.models import AuditEvent, License, Product, Role, Tag, User, Vendor
from licman.schema.ids import global_id
from tests.backends import TestDatabase
from tests.schema.conftest import Gql, _caller

Caller = tuple[User, Gql]

TAG = """
mutation Tag($input: LicensesTagInput!) {
  licensesTag(input: $input) { licenses { id } errors { field code message } }
}
"""
CREATE = """
mutation Create($input: LicenseCreateInput!) {
  licenseCreate(input: $input) { license { id } errors { field code message } }
}
"""

LOCK_WAITS = {
    "postgres": "SELECT count(*) AS n FROM pg_stat_activity "
    "WHERE datname = current_database() AND wait_event_type = 'Lock'",
    # MariaDB's INNODB_TRX did not always list the waiting transaction (seen in CI): a write
    # of this database's still running after 100 ms is the mutation, held by the lock.
    "mysql": "SELECT count(*) AS n FROM information_schema.PROCESSLIST "
    "WHERE DB = DATABASE() AND COMMAND = 'Query' AND TIME_MS > 100 "
    "AND (INFO LIKE 'INSERT%' OR INFO LIKE 'UPDATE%' OR INFO LIKE 'DELETE%')",
}


@pytest.fixture(autouse=True)
def _servers_only(db: TestDatabase) -> None:
    if db.backend == "sqlite":
        pytest.skip("SQLite runs one write transaction at a time: nothing to race")


async def _waiting_on_a_lock(backend: str, mutation: asyncio.Task[Any]) -> None:
    """Until a statement of this database waits on a row lock (the mutation, on the row the
    other transaction deleted)."""
    conn = connections.get("default")
    for _ in range(2000):
        assert not mutation.done(), mutation.result()
        rows = await conn.execute_query_dict(LOCK_WAITS[backend])
        if int(rows[0]["n"]) > 0:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the mutation never waited for the deleting transaction")


async def _deleted_meanwhile(
    backend: str, row: Model, call: Any, *args: Any, **kwargs: Any
) -> dict[str, Any]:
    """Delete `row` in a transaction that stays open until `call(*args, **kwargs)` waits on
    it, then commit; the call's answer."""
    deleted, release = asyncio.Event(), asyncio.Event()

    async def delete_and_hold() -> None:
        async with in_transaction():
            await type(row).filter(id=row.pk).delete()
            deleted.set()
            await release.wait()

    deleter = asyncio.create_task(delete_and_hold())
    await deleted.wait()
    mutation = asyncio.create_task(call(*args, **kwargs))  # its own connection
    try:
        await _waiting_on_a_lock(backend, mutation)
    finally:
        release.set()
        await deleter
    body: dict[str, Any] = await mutation
    return body


async def test_bulk_tagging_with_a_tag_deleted_meanwhile_is_not_found(
    db: TestDatabase, http: httpx.AsyncClient
) -> None:
    # Given a license and a tag
    _, gql = await _caller(http, Role.ADMIN, "tagger-r@example.com")
    product = await Product.create(vendor=await Vendor.create(name="Race"), name="Race Pro")
    license_ = await License.create(product=product, name="Racing")
    tag = await Tag.create(name="doomed")
    events = await AuditEvent.all().count()

    # When the tag is deleted while licensesTag adds it
    body = await _deleted_meanwhile(
        db.backend,
        tag,
        gql,
        TAG,
        input={
            "licenseIds": [global_id("License", license_.id)],
            "tagIds": [global_id("Tag", tag.id)],
        },
    )

    # Then the tag is not found (field tagIds), and nothing changed
    assert "errors" not in body, body
    (error,) = body["data"]["licensesTag"]["errors"]
    assert (error["field"], error["code"]) == ("tagIds", "NOT_FOUND"), body
    assert await AuditEvent.all().count() == events
    assert await License.get(id=license_.id).values_list("version", flat=True) == 1


async def test_a_license_created_on_a_product_deleted_meanwhile_is_not_found(
    db: TestDatabase, http: httpx.AsyncClient
) -> None:
    # Given a product with no licenses
    _, gql = await _caller(http, Role.ADMIN, "creator-r@example.com")
    product = await Product.create(vendor=await Vendor.create(name="Race"), name="Gone Pro")
    events = await AuditEvent.all().count()

    # When the product is deleted while licenseCreate adds a license to it
    body = await _deleted_meanwhile(
        db.backend,
        product,
        gql,
        CREATE,
        input={"productId": global_id("Product", product.id), "name": "Orphan"},
    )

    # Then the product is not found (field productId), and nothing was created
    assert "errors" not in body, body
    (error,) = body["data"]["licenseCreate"]["errors"]
    assert (error["field"], error["code"]) == ("productId", "NOT_FOUND"), body
    assert not await License.exists(name="Orphan")
    assert await AuditEvent.all().count() == events


async def test_a_license_created_with_a_tag_deleted_meanwhile_is_not_found(
    db: TestDatabase, http: httpx.AsyncClient
) -> None:
    _, gql = await _caller(http, Role.ADMIN, "creator-t@example.com")
    product = await Product.create(vendor=await Vendor.create(name="Race"), name="Race Pro")
    tag = await Tag.create(name="doomed")

    body = await _deleted_meanwhile(
        db.backend,
        tag,
        gql,
        CREATE,
        input={
            "productId": global_id("Product", product.id),
            "name": "Tagged",
            "tagIds": [global_id("Tag", tag.id)],
        },
    )

    assert "errors" not in body, body
    (error,) = body["data"]["licenseCreate"]["errors"]
    assert (error["field"], error["code"]) == ("tagIds", "NOT_FOUND"), body
    assert not await License.exists(name="Tagged")
