"""A license's status follows its dates: past its expiry an active or trial license is
EXPIRED in every read, in the status filters and on the dashboard, which all agree."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest

from licman.models import License, LicenseStatus, Product, User, Vendor
from licman.schema.ids import global_id
from tests.schema.conftest import Gql

pytestmark = pytest.mark.usefixtures("db")

Caller = tuple[User, Gql]

LICENSE = "query One($id: ID!) { license(id: $id) { name status expiresOn } }"
LIST = """
query List($filter: LicenseFilter) {
  licenses(first: 100, filter: $filter) { totalCount nodes { name status } }
}
"""
DASHBOARD = "{ dashboard { countsByStatus { status count } expired } }"
RENEW = """
mutation Renew($input: LicenseRenewInput!) {
  licenseRenew(input: $input) { license { status expiresOn } errors { field code } }
}
"""
UPDATE = """
mutation Update($input: LicenseUpdateInput!) {
  licenseUpdate(input: $input) { license { status } errors { field code } }
}
"""

TODAY = date.today()
# name: (stored status, expiry in days from today or None, status read today)
CASES: dict[str, tuple[LicenseStatus, int | None, str]] = {
    "two years past": (LicenseStatus.ACTIVE, -730, "EXPIRED"),
    "yesterday": (LicenseStatus.ACTIVE, -1, "EXPIRED"),
    "today": (LicenseStatus.ACTIVE, 0, "ACTIVE"),  # the expiry day itself still counts
    "next year": (LicenseStatus.ACTIVE, 365, "ACTIVE"),
    "perpetual": (LicenseStatus.ACTIVE, None, "ACTIVE"),
    "trial over": (LicenseStatus.TRIAL, -3, "EXPIRED"),
    "trial running": (LicenseStatus.TRIAL, 10, "TRIAL"),
    "cancelled past": (LicenseStatus.CANCELLED, -30, "CANCELLED"),
    "revoked past": (LicenseStatus.REVOKED, -30, "REVOKED"),
    "suspended past": (LicenseStatus.SUSPENDED, -30, "SUSPENDED"),
    "marked expired early": (LicenseStatus.EXPIRED, 30, "EXPIRED"),
}


async def licenses_of_every_kind() -> dict[str, License]:
    vendor = await Vendor.create(name="Adobe")
    product = await Product.create(vendor=vendor, name="Photoshop")
    made = {}
    for name, (status, days, _) in CASES.items():
        expires = None if days is None else TODAY + timedelta(days=days)
        made[name] = await License.create(
            product=product, name=name, status=status, expires_on=expires
        )
    return made


def ok(body: dict[str, Any]) -> dict[str, Any]:
    assert "errors" not in body, body["errors"]
    data: dict[str, Any] = body["data"]
    return data


async def test_a_license_two_years_past_expiry_reads_as_expired(admin: Caller) -> None:
    # Given
    _, gql = admin
    made = await licenses_of_every_kind()

    # When
    one = ok(await gql(LICENSE, id=global_id("License", made["two years past"].id)))

    # Then
    assert one["license"]["status"] == "EXPIRED"


async def test_every_read_shows_the_status_of_today(admin: Caller) -> None:
    _, gql = admin
    made = await licenses_of_every_kind()

    listed = ok(await gql(LIST))["licenses"]["nodes"]
    single = {
        name: ok(await gql(LICENSE, id=global_id("License", lic.id)))["license"]["status"]
        for name, lic in made.items()
    }

    expected = {name: case[2] for name, case in CASES.items()}
    assert {n["name"]: n["status"] for n in listed} == expected
    assert single == expected


async def test_filters_and_dashboard_agree_with_what_is_read(admin: Caller) -> None:
    # Given
    _, gql = admin
    await licenses_of_every_kind()
    read = Counter(case[2] for case in CASES.values())

    # When
    by_filter = {
        status.name: ok(await gql(LIST, filter={"statuses": [status.name]}))["licenses"]
        for status in LicenseStatus
    }
    expired = ok(await gql(LIST, filter={"expired": True}))["licenses"]
    not_expired = ok(await gql(LIST, filter={"expired": False}))["licenses"]
    dashboard = ok(await gql(DASHBOARD))["dashboard"]

    # Then each status filter lists exactly the licenses that read with that status
    for status, page in by_filter.items():
        assert {n["status"] for n in page["nodes"]} <= {status}
        assert page["totalCount"] == read.get(status, 0), status
    # ... "expired" means the same as the status EXPIRED
    assert expired["totalCount"] == read["EXPIRED"] == 4
    assert {n["status"] for n in expired["nodes"]} == {"EXPIRED"}
    assert not_expired["totalCount"] == len(CASES) - read["EXPIRED"]
    assert "EXPIRED" not in {n["status"] for n in not_expired["nodes"]}
    # ... and the dashboard shows one expired count, the same everywhere
    counts = {c["status"]: c["count"] for c in dashboard["countsByStatus"]}
    assert counts == dict(read)
    assert dashboard["expired"] == counts["EXPIRED"] == 4


async def test_renewing_an_expired_license_makes_it_active_again(admin: Caller) -> None:
    _, gql = admin
    made = await licenses_of_every_kind()
    lapsed = made["two years past"]

    body = ok(
        await gql(
            RENEW,
            input={
                "id": global_id("License", lapsed.id),
                "version": lapsed.version,
                "startsOn": TODAY.isoformat(),
                "endsOn": (TODAY + timedelta(days=365)).isoformat(),
            },
        )
    )

    assert body["licenseRenew"]["errors"] == []
    assert body["licenseRenew"]["license"]["status"] == "ACTIVE"


async def test_a_mutation_payload_shows_the_status_of_today(admin: Caller) -> None:
    _, gql = admin
    made = await licenses_of_every_kind()
    lapsed = made["yesterday"]

    body = ok(
        await gql(
            UPDATE,
            input={"id": global_id("License", lapsed.id), "version": 1, "notes": "still here"},
        )
    )

    assert body["licenseUpdate"] == {"license": {"status": "EXPIRED"}, "errors": []}
    assert (await License.get(id=lapsed.id)).status == LicenseStatus.ACTIVE  # as it was chosen
