"""Bulk tagging by filter ("select all N matching"): every license the list shows for the
filter and search, capped, checked license by license, all or nothing, audited."""

from __future__ import annotations

from typing import Any

import pytest
from tortoise import connections

from bench.statements import count_statements
from licman.models import AuditEvent, Grant, License, Product, Tag, User, Vendor
from licman.resolvers import license as license_ops
from licman.resolvers.license_search import indexable
from licman.schema.ids import global_id
from tests.schema.conftest import Gql

pytestmark = pytest.mark.usefixtures("db")

Caller = tuple[User, Gql]

TAG = """
mutation Tag($input: LicensesTagInput!) {
  licensesTag(input: $input) {
    licenses { id }
    errors { field code message }
  }
}
"""
# The token (cached: 0), the caller's grants with its teams inside (1), the matching ids,
# the visible ones, locking them, the changeable ones (4), the tags, the pairs there and the
# insert (3), the audit event (the chain head, created with this first event, and the row: 5),
# the payload's rows (1): the same for 3 and for 40 licenses.
STATEMENTS = 14
UNTAG = TAG.replace("licensesTag", "licensesUntag").replace("mutation Tag", "mutation Untag")


async def world(owner: User | None = None) -> tuple[dict[str, int], str]:
    """Three Adobe licenses (one archived), two JetBrains ones; and a tag."""
    adobe = await Vendor.create(name="Adobe")
    jetbrains = await Vendor.create(name="JetBrains")
    ps = await Product.create(vendor=adobe, name="Photoshop")
    idea = await Product.create(vendor=jetbrains, name="IDEA")
    ids = {}
    for name, product, archived in [
        ("PS 1", ps, False),
        ("PS 2", ps, False),
        ("PS old", ps, True),
        ("IDEA 1", idea, False),
        ("IDEA 2", idea, False),
    ]:
        license_ = await License.create(
            product=product,
            name=name,
            owner=owner,
            archived_at=adobe.created_at if archived else None,
        )
        ids[name] = license_.id
    tag = await Tag.create(name="Design", color="#db2777")
    return ids, global_id("Tag", tag.id)


async def tagged() -> set[str]:
    return set(await License.filter(tags__name="Design").values_list("name", flat=True))


async def state() -> tuple[int, set[str]]:
    return await AuditEvent.all().count(), await tagged()


async def test_every_matching_license_is_tagged_and_the_event_says_how(admin: Caller) -> None:
    # Given
    ids, tag = await world()
    adobe = await Vendor.get(name="Adobe")
    events = await AuditEvent.all().count()

    # When: all that match the list's filter (live Adobe licenses) and a search
    matching = {"filter": {"vendorIds": [global_id("Vendor", adobe.id)]}, "search": "PS"}
    body = await admin[1](TAG, input={"tagIds": [tag], "matching": matching})

    # Then the archived one is not in the list, so it is not tagged
    assert "errors" not in body, body["errors"]
    payload = body["data"]["licensesTag"]
    assert payload["errors"] == []
    expected = [global_id("License", ids[n]) for n in ("PS 1", "PS 2")]
    assert [row["id"] for row in payload["licenses"]] == expected
    assert await tagged() == {"PS 1", "PS 2"}
    event = (await AuditEvent.all().order_by("id"))[events:]
    assert [e.action for e in event] == ["license.tag"]
    assert event[0].changes["license_ids"] == [ids["PS 1"], ids["PS 2"]]
    assert event[0].changes["matching"] == {
        "filter": {"vendor_ids": [str(adobe.id)], "archived": False},
        "search": "PS",
    }

    # And untagging by the same filter takes it off again
    body = await admin[1](UNTAG, input={"tagIds": [tag], "matching": matching})
    assert body["data"]["licensesUntag"]["errors"] == []
    assert await tagged() == set()


async def test_more_matches_than_the_cap_are_refused_and_nothing_changes(
    admin: Caller, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a cap of 3 and four live licenses
    _, tag = await world()
    monkeypatch.setattr(license_ops, "MAX_MATCHING", 3)
    before = await state()

    # When
    body = await admin[1](TAG, input={"tagIds": [tag], "matching": {}})

    # Then
    assert body["data"]["licensesTag"]["errors"] == [
        {
            "field": "matching",
            "code": "INVALID",
            "message": "more than 3 licenses match: narrow the filter, or change them in parts",
        }
    ]
    assert await state() == before


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"licenseIds": ["TGljZW5zZToxMjM0NQ=="], "matching": {}}, "licenseIds"),  # both
        ({}, "licenseIds"),  # neither
        ({"matching": {"search": "no such license"}}, "matching"),  # no match
        ({"matching": {"filter": {"vendorIds": ["bad"]}}}, "filter.vendorIds"),
        ({"matching": {"search": "x" * 201}}, "search"),
    ],
)
async def test_a_bad_request_names_the_field_and_changes_nothing(
    admin: Caller, given: dict[str, Any], field: str
) -> None:
    _, tag = await world()
    before = await state()
    body = await admin[1](TAG, input={"tagIds": [tag], **given})
    assert "errors" not in body, body["errors"]
    errors = body["data"]["licensesTag"]["errors"]
    assert [e["field"] for e in errors] == [field]
    assert await state() == before


async def test_one_license_the_caller_may_not_change_refuses_them_all(member: Caller) -> None:
    # Given a member who owns (so sees, but may not change) every license
    _, tag = await world(owner=member[0])
    before = await state()

    # When
    body = await member[1](TAG, input={"tagIds": [tag], "matching": {"search": "IDEA"}})

    # Then nothing is tagged
    errors = body["data"]["licensesTag"]["errors"]
    assert [e["code"] for e in errors] == ["FORBIDDEN"]
    assert await state() == before


@pytest.mark.parametrize("count", [3, 40])
async def test_tagging_by_filter_costs_a_fixed_number_of_statements(
    admin: Caller, member: Caller, count: int
) -> None:
    # Given `count` licenses the member may change through a grant on their vendor
    adobe = await Vendor.create(name="Adobe")
    product = await Product.create(vendor=adobe, name="Photoshop")
    for n in range(count):
        await License.create(product=product, name=f"L{n}")
    await Grant.create(user=member[0], vendor=adobe, rights=["view", "change"])
    tag = global_id("Tag", (await Tag.create(name="Design")).id)
    given = {"tagIds": [tag], "matching": {"search": "L"}}
    await member[1](TAG, input={**given, "matching": {"search": "none"}})  # warm-up

    # When
    with count_statements() as statements:
        body = await member[1](TAG, input=given)

    # Then every license is tagged, in the same number of statements whatever their number
    assert body["data"]["licensesTag"]["errors"] == []
    assert len(await tagged()) == count
    # PostgreSQL first probes how rare a search is (search_matches: the trigram index), for
    # a term long enough for trigrams; "L" is not
    postgres = connections.get("default").capabilities.dialect == "postgres"
    probe = postgres and indexable(given["matching"]["search"])
    assert len(statements) == STATEMENTS + probe, "\n".join(statements)
