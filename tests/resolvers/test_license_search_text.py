"""Search after writes: every change of a text a search reads is found at once (on PostgreSQL
through license.search_text, kept by the triggers of migration 0014; on SQLite and MariaDB by
reading the tables), and the search text never goes stale."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta

import pytest
from tortoise import connections

from bench.statements import count_statements
from licman.models import License, Product, Tag, Vendor
from licman.resolvers import license_search
from licman.resolvers.license import LicenseInput, license_update, licenses_tag, licenses_untag
from licman.resolvers.license_query import LicenseOrderField, Want, license_page
from licman.resolvers.product import ProductInput, product_update
from licman.resolvers.tag import TagInput, tag_delete, tag_update
from licman.resolvers.vendor import VendorInput, vendor_update
from licman.security.principal import Principal
from tests.resolvers.conftest import user_id

pytestmark = pytest.mark.usefixtures("db")


async def found(principal: Principal, term: str) -> set[str]:
    """The names of the licenses a search for `term` lists, checked against its totalCount."""
    page = await license_page(principal, first=100, search=term, want=Want(total_count=True))
    names = {row.values["name"] for row in page.rows}
    assert page.total_count == len(names)
    return names


async def assert_search_text_current() -> None:
    """On PostgreSQL: every license's search text is what it would be computed afresh."""
    connection = connections.get("default")
    if str(connection.capabilities.dialect) != "postgres":
        return
    stale = await connection.execute_query_dict(
        "SELECT id FROM license l WHERE search_text IS DISTINCT FROM "
        "licman_search_text(l.id, l.name, l.notes, l.external_id, l.product_id)"
    )
    assert stale == []


async def catalogue() -> tuple[Vendor, Product, License, License]:
    acme = await Vendor.create(name="Acme")
    widget = await Product.create(vendor=acme, name="Widget")
    first = await License.create(product=widget, name="First", notes="bought in spring")
    second = await License.create(product=widget, name="Second", external_id="PO-77")
    return acme, widget, first, second


async def test_a_renamed_vendor_is_found_by_its_new_name_only(admin: Principal) -> None:
    # Given
    acme, _, _, _ = await catalogue()
    assert await found(admin, "zenith") == set()

    # When
    await vendor_update(admin, acme.id, 1, VendorInput(name="Zenith Tools"))

    # Then
    assert await found(admin, "zenith") == {"First", "Second"}
    assert await found(admin, "acme") == set()
    await assert_search_text_current()


async def test_a_renamed_or_moved_product_is_found_by_its_new_names(admin: Principal) -> None:
    # Given
    _, widget, _, _ = await catalogue()
    other = await Vendor.create(name="Initech")

    # When
    await product_update(admin, widget.id, 1, ProductInput(name="Gadget Pro"))
    renamed = await found(admin, "gadget pro")
    await product_update(admin, widget.id, 2, ProductInput(vendor_id=other.id))

    # Then
    assert renamed == {"First", "Second"}
    assert await found(admin, "widget") == set()
    assert await found(admin, "initech") == {"First", "Second"}
    assert await found(admin, "acme") == set()
    await assert_search_text_current()


async def test_tags_put_on_renamed_taken_off_and_deleted(admin: Principal) -> None:
    # Given
    _, _, first, second = await catalogue()
    tag = await Tag.create(name="Quarterly")
    other = await Tag.create(name="Yearly")

    # When, then
    await licenses_tag(admin, [first.id, second.id], [tag.id, other.id])
    assert await found(admin, "quarter") == {"First", "Second"}
    await tag_update(admin, tag.id, TagInput(name="Monthly"))
    assert await found(admin, "quarter") == set()
    assert await found(admin, "monthly") == {"First", "Second"}
    await licenses_untag(admin, [second.id], [tag.id])
    assert await found(admin, "monthly") == {"First"}
    assert await found(admin, "yearly") == {"First", "Second"}
    await tag_delete(admin, other.id)
    assert await found(admin, "yearly") == set()
    await assert_search_text_current()


async def test_a_license_edit_is_found_by_its_new_texts(admin: Principal) -> None:
    # Given
    _, _, first, second = await catalogue()
    gizmo = await Product.create(vendor=await Vendor.create(name="Globex"), name="Gizmo")

    # When
    await license_update(
        admin, first.id, 1, LicenseInput(name="Renamed", notes="renewed in autumn")
    )
    await license_update(admin, second.id, 1, LicenseInput(product_id=gizmo.id))

    # Then
    assert await found(admin, "autumn") == {"Renamed"}
    assert await found(admin, "spring") == set()
    assert await found(admin, "gizmo") == {"Second"}
    assert await found(admin, "globex") == {"Second"}
    assert await found(admin, "po-77") == {"Second"}
    assert await found(admin, "widget") == {"Renamed"}
    await assert_search_text_current()


async def test_many_matches_walk_and_few_are_read_by_key_with_the_same_answers(
    admin: Principal, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given five licenses matching "widget" (one also "spring"), and one "MÜLLER"
    _, widget, _, _ = await catalogue()
    for n in range(3):
        await License.create(product=widget, name=f"Extra {n}")
    expected = {"First", "Second", "Extra 0", "Extra 1", "Extra 2"}
    muller = await Vendor.create(name="Müller Software")
    await License.create(product=await Product.create(vendor=muller, name="Übersetzer"), name="Ü")

    # When the limit makes "widget" a common term (PostgreSQL walks), then a rare one (its
    # candidates through the index)
    monkeypatch.setattr(license_search, "RARE_SEARCH", 0)
    walked = await found(admin, "widget")
    walked_beyond_ascii = await found(admin, "MÜLLER")  # checked by the exact conditions too
    monkeypatch.setattr(license_search, "RARE_SEARCH", 10**9)
    by_key = await found(admin, "widget")
    by_key_beyond_ascii = await found(admin, "MÜLLER")

    # Then
    assert walked == by_key == expected
    assert walked_beyond_ascii == by_key_beyond_ascii == {"Ü"}
    assert await found(admin, "SPRING") == {"First"}


async def pages(
    principal: Principal, term: str, order: LicenseOrderField, descending: bool, backwards: bool
) -> list[list[str]]:
    """Every page of two of a search, following the cursors (forwards, or from the end)."""
    seen: list[list[str]] = []
    cursor: str | None = None
    while True:
        if backwards:
            page = await license_page(
                principal, last=2, before=cursor, search=term, order=order, descending=descending
            )
        else:
            page = await license_page(
                principal, first=2, after=cursor, search=term, order=order, descending=descending
            )
        seen.append([row.values["name"] for row in page.rows])
        more = page.has_previous_page if backwards else page.has_next_page
        if not more:
            return seen
        cursor = page.rows[0].cursor if backwards else page.rows[-1].cursor


@pytest.mark.parametrize("order", [LicenseOrderField.EXPIRY, LicenseOrderField.COST])
async def test_the_index_path_pages_in_the_same_order_as_the_walk(
    admin: Principal, member: Principal, order: LicenseOrderField, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given seven licenses matching "widget", expiring on three days or never, with costs in
    # two currencies or none, a member owning four of them, and one archived
    _, widget, first, second = await catalogue()
    day = date(2030, 1, 1)
    await License.filter(id=first.id).update(expires_on=day, cost_micros=5, currency="USD")
    await License.filter(id=second.id).update(owner_id=user_id(member))
    for n, (days, cost) in enumerate([(0, 5), (3, None), (None, 7), (3, 2), (None, None)]):
        await License.create(
            product=widget,
            name=f"Extra {n}",
            expires_on=None if days is None else day + timedelta(days=days),
            cost_micros=cost,
            currency=None if cost is None else ("EUR" if n % 2 else "USD"),
            owner_id=user_id(member) if n % 2 else None,
        )
    await License.create(product=widget, name="Gone", archived_at=datetime.now(UTC))

    for principal in (admin, member):
        for descending in (False, True):
            for backwards in (False, True):
                # When the walk reads them, then the index
                monkeypatch.setattr(license_search, "RARE_SEARCH", 0)
                walked = await pages(principal, "widget", order, descending, backwards)
                monkeypatch.setattr(license_search, "RARE_SEARCH", 10**9)
                by_index = await pages(principal, "widget", order, descending, backwards)

                # Then the same pages, in the same order
                assert by_index == walked
                names = [name for page in walked for name in page]
                assert "Gone" not in names
                assert len(names) == (7 if principal is admin else 3)


async def test_a_long_search_text_is_walked_in_its_place(
    admin: Principal, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given licenses matching "widget" expiring on different days, one of them with notes of
    # 10,000 characters that hardly compress (past what a B-tree entry holds: on PostgreSQL
    # migration 0015's walk index leaves it to its second index), and one archived
    _, widget, first, second = await catalogue()
    day = date(2030, 1, 1)
    await License.filter(id=first.id).update(expires_on=day)
    await License.filter(id=second.id).update(expires_on=day + timedelta(days=2))
    noise = os.urandom(4_990).hex()
    await License.create(
        product=widget, name="Long", notes=f"{noise} widget", expires_on=day + timedelta(days=1)
    )
    await License.create(product=widget, name="Never")
    await License.create(product=widget, name="Gone", archived_at=datetime.now(UTC))

    for descending in (False, True):
        for backwards in (False, True):
            # When the walk reads them, then the index
            monkeypatch.setattr(license_search, "RARE_SEARCH", 0)
            walked = await pages(admin, "widget", LicenseOrderField.EXPIRY, descending, backwards)
            monkeypatch.setattr(license_search, "RARE_SEARCH", 10**9)
            by_index = await pages(admin, "widget", LicenseOrderField.EXPIRY, descending, backwards)

            # Then the long one in its place, the same either way
            assert by_index == walked
            in_pages = walked[::-1] if backwards else walked  # from the end: last page first
            names = [name for page in in_pages for name in page]
            in_order = ["First", "Long", "Second", "Never"]
            assert names == (in_order[::-1] if descending else in_order)
    monkeypatch.setattr(license_search, "RARE_SEARCH", 0)
    assert await found(admin, "WIDGET") == {"First", "Long", "Second", "Never"}


async def test_a_terms_plan_is_asked_once_then_kept_for_a_while(
    admin: Principal, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given
    await catalogue()
    now = [0.0]
    monkeypatch.setattr(license_search, "PLANS", license_search.plan_cache(lambda: now[0]))
    postgres = str(connections.get("default").capabilities.dialect) == "postgres"

    async def statements(term: str) -> list[str]:
        with count_statements() as sent:
            await license_page(admin, first=10, search=term)
        return sent

    # When, then: on PostgreSQL, one EXPLAIN picks the path, then the page; later pages and
    # requests within PLAN_SECONDS reuse its answer (elsewhere, no EXPLAIN at all)
    first = await statements("widget")
    assert len(first) == (2 if postgres else 1), "\n".join(first)
    assert first[0].startswith("EXPLAIN") == postgres
    now[0] = license_search.PLAN_SECONDS - 1
    assert len(await statements("widget")) == 1
    assert len(await statements("spring")) == (2 if postgres else 1)  # another term: asked
    assert len(await statements("xy")) == 1  # too short for the index: never asked
    now[0] = license_search.PLAN_SECONDS + 1
    assert len(await statements("widget")) == (2 if postgres else 1)  # stale: asked again
