"""Migrations 0006, 0014 and 0015: trigram indexes that `licenses(search: ...)` can use on
PostgreSQL and the walk's indexes (none on SQLite and MariaDB), and a search that still finds
every kind of match on every database."""

from __future__ import annotations

import pytest
from tortoise import connections
from tortoise.transactions import in_transaction

from licman.models import License, Product, Tag, Vendor
from licman.resolvers.license_query import license_page
from licman.security.principal import system
from tests.backends import TestDatabase

pytestmark = pytest.mark.usefixtures("db")

TRIGRAM_INDEXES = {
    "license_name_trgm",
    "license_notes_trgm",
    "license_external_id_trgm",
    "product_name_key_trgm",
    "vendor_name_key_trgm",
    "tag_name_key_trgm",
    "license_search_text_trgm",  # 0014: what the search reads now
}


async def test_trigram_indexes_exist_on_postgresql_only(db: TestDatabase) -> None:
    connection = connections.get("default")
    if db.backend != "postgres":
        pytest.skip("no index serves a substring LIKE on SQLite or MariaDB: none is made")
    rows = await connection.execute_query_dict(
        "SELECT indexname FROM pg_indexes WHERE indexname LIKE '%\\_trgm'"
    )
    assert {r["indexname"] for r in rows} == TRIGRAM_INDEXES


async def test_the_walk_indexes_exist_on_postgresql_only(db: TestDatabase) -> None:
    connection = connections.get("default")
    if db.backend != "postgres":
        pytest.skip("the walk's indexes (migration 0015) are PostgreSQL's only")
    rows = await connection.execute_query_dict(
        "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'license\\_search\\_walk%'"
    )
    assert {r["indexname"] for r in rows} == {"license_search_walk", "license_search_walk_long"}


async def test_the_search_expression_can_use_the_index(db: TestDatabase) -> None:
    if db.backend != "postgres":
        pytest.skip("PostgreSQL only")
    async with in_transaction() as connection:
        await connection.execute_query("SET LOCAL enable_seqscan = off")
        plan = await connection.execute_query_dict(
            "EXPLAIN SELECT id FROM license WHERE UPPER(CAST(name AS VARCHAR)) LIKE UPPER($1) "
            "ESCAPE '\\'",
            ["%adobe%"],
        )
    assert "license_name_trgm" in " ".join(r["QUERY PLAN"] for r in plan)


async def test_the_search_text_can_use_its_index(db: TestDatabase) -> None:
    if db.backend != "postgres":
        pytest.skip("PostgreSQL only")
    async with in_transaction() as connection:
        await connection.execute_query("SET LOCAL enable_seqscan = off")
        plan = await connection.execute_query_dict(
            "EXPLAIN SELECT id FROM license WHERE search_text LIKE $1 ESCAPE '\\'", ["%adobe%"]
        )
    assert "license_search_text_trgm" in " ".join(r["QUERY PLAN"] for r in plan)


async def test_search_finds_each_kind_of_match_once(db: TestDatabase) -> None:
    acme = await Vendor.create(name="Acme Widgets")
    other = await Vendor.create(name="Other")
    studio = await Product.create(vendor=other, name="Zebra Studio")
    plain = await Product.create(vendor=other, name="Plain")
    tag = await Tag.create(name="zebra-team")
    by_vendor = await License.create(product=await Product.create(vendor=acme, name="X"))
    by_product = await License.create(product=studio)
    by_name = await License.create(product=plain, name="The zebra licence")
    by_notes = await License.create(product=plain, notes="ask about ZEBRA pricing")
    by_external = await License.create(product=plain, external_id="ZEB-RA-zebra-1")
    by_tag = await License.create(product=plain)
    await by_tag.tags.add(tag)
    everything = await License.create(product=studio, name="zebra", notes="zebra")
    await everything.tags.add(tag)
    await License.create(product=plain, name="nothing to see")

    zebra = await license_page(system(), first=100, search="Zebra")
    acme_page = await license_page(system(), first=100, search="acme")

    found = sorted(row.values["id"] for row in zebra.rows)
    assert found == sorted(
        x.id for x in (by_product, by_name, by_notes, by_external, by_tag, everything)
    )
    assert [row.values["id"] for row in acme_page.rows] == [by_vendor.id]


async def test_a_vendors_deleted_products_are_found_through_their_index(db: TestDatabase) -> None:
    """Migration 0016: the history's deleted-products branch reads the vendor's own
    `product.delete` events through audit_event_deleted_product_vendor (PostgreSQL, SQLite),
    not every delete of the database; MariaDB has no expression index."""
    if db.backend == "mysql":
        pytest.skip("MariaDB has no expression index: none is made")
    from licman.resolvers.audit_history import _vendor_events

    sql, params = _vendor_events(db.backend, "5", None)
    async with in_transaction() as connection:
        if db.backend == "postgres":
            await connection.execute_query("SET LOCAL enable_seqscan = off")
            await connection.execute_query("SET LOCAL enable_bitmapscan = on")
            rows = await connection.execute_query_dict(f"EXPLAIN {sql}", params)
            plan = " ".join(r["QUERY PLAN"] for r in rows)
        else:
            rows = await connection.execute_query_dict(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(r["detail"] for r in rows)
    assert "audit_event_deleted_product_vendor" in plan, plan
