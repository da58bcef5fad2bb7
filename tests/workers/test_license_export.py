"""Exports in-process (the server's mode without Redis, the same task function a worker
runs), on every database: the list's filters and order, CSV, JSON and XLSX, formulas
neutralised (and read back by the import), the secret rule and its audit events, the field
rules for a member, seat holders and the renewal calendar."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from licman.models import (
    AuditEvent,
    Grant,
    Job,
    JobFile,
    JobStatus,
    License,
    LicenseStatus,
    Role,
    SeatAssignment,
    Tag,
    User,
)
from licman.resolvers.audit_verify import audit_verify
from licman.resolvers.errors import DomainError
from licman.resolvers.exports.writers import XlsxWriter
from licman.resolvers.license_export import (
    ExportOptions,
    license_export_check,
    licenses_export_start,
)
from licman.resolvers.license_query import LicenseFilter, LicenseOrderField, Want, license_page
from licman.security.principal import Principal, PrincipalKind
from licman.workers.runner import run_job
from tests.backends import TestDatabase
from tests.exports import csv_rows, file_bytes, json_rows, run_export
from tests.imports import SETTINGS, admin_principal, people, run_import
from tests.schema.test_license_query_count import count_statements


async def _imported() -> Principal:
    """The import fixture (ERP-1 Design team, ERP-2 Jira, ERP-3 with a formula name), applied."""
    admin = await admin_principal()
    await people("ana@example.com", "ben@example.com")
    job = await run_import(admin, "licenses.csv", apply=True)
    assert job.status is JobStatus.SUCCEEDED, job.error
    return admin


async def _as(email: str, role: Role = Role.MEMBER) -> Principal:
    user = await User.get_or_none(email=email) or await User.create(email=email, name=email)
    user.role = role
    await user.save()
    return Principal(PrincipalKind.SESSION, user=user)


async def test_the_export_holds_the_lists_rows_with_its_filter_search_and_order(
    db: TestDatabase,
) -> None:
    admin = await _imported()
    # More licenses than one page of the export (500), some filtered out.
    product = (await License.get(external_id="ERP-2")).product_id
    await License.bulk_create(
        [
            License(
                product_id=product,
                name=f"bulk {n:04}",
                external_id=f"BULK-{n:04}",
                status=LicenseStatus.CANCELLED if n % 3 == 0 else LicenseStatus.ACTIVE,
                expires_on=date(2027, 1, 1) + timedelta(days=n % 40),
            )
            for n in range(1, 1101)
        ]
    )
    flt = LicenseFilter(statuses=[LicenseStatus.ACTIVE])
    listed: list[str] = []
    after = None
    while True:
        page = await license_page(
            admin, first=100, after=after, flt=flt, search="bulk",
            order=LicenseOrderField.EXPIRY, descending=True, want=Want(),
        )  # fmt: skip
        listed += [row.values["external_id"] for row in page.rows]
        if not page.has_next_page:
            break
        after = page.rows[-1].cursor
    assert len(listed) == 1100 - 366

    job = await run_export(
        admin, format="csv", filter=flt, search="bulk",
        order=LicenseOrderField.EXPIRY, descending=True,
    )  # fmt: skip
    assert job.status is JobStatus.SUCCEEDED, job.error
    rows = csv_rows(await file_bytes(job))
    assert [r["externalId"] for r in rows] == listed  # the same rows, in the same order
    assert job.result["licenses"] == job.result["rows"] == len(listed)
    assert (job.progress_done, job.progress_total) == (len(listed), len(listed))
    assert "secret" not in rows[0]


async def test_csv_json_and_xlsx_with_formulas_neutralised(db: TestDatabase) -> None:
    admin = await _imported()
    by_csv = {r["externalId"]: r for r in csv_rows(await file_bytes(await run_export(admin)))}
    assert set(by_csv) == {"ERP-1", "ERP-2", "ERP-3"}
    design = by_csv["ERP-1"]
    assert (design["vendor"], design["product"], design["name"]) == (
        "Adobe", "Photoshop", "Design team",
    )  # fmt: skip
    assert (design["cost"], design["currency"], design["seats"], design["seatsUsed"]) == (
        "1200.50", "USD", "5", "2",
    )  # fmt: skip
    assert (design["expiresOn"], design["autoRenew"], design["owner"]) == (
        "2026-12-31", "yes", "ana@example.com",
    )  # fmt: skip
    assert design["seatHolders"] == "ana@example.com; ben@example.com"
    assert design["tags"] == "critical; design"
    assert json.loads(design["metadata"]) == {"cost_center": "CC-10"}
    # OWASP: what a spreadsheet would run gets a leading quote in CSV.
    assert by_csv["ERP-3"]["name"] == '\'=HYPERLINK("http://evil")'
    assert by_csv["ERP-3"]["notes"] == "'@SUM(1+1)"
    assert by_csv["ERP-2"]["notes"] == 'multi-line\nnote, with "quotes"'

    # JSON is data: values as they are, typed.
    by_json = {
        r["externalId"]: r
        for r in json_rows(await file_bytes(await run_export(admin, format="json")))
    }
    assert by_json["ERP-3"]["name"] == '=HYPERLINK("http://evil")'
    assert by_json["ERP-1"]["seats"] == 5
    assert by_json["ERP-1"]["autoRenew"] is True
    assert by_json["ERP-1"]["tags"] == ["critical", "design"]
    assert by_json["ERP-1"]["metadata"] == {"cost_center": "CC-10"}
    assert by_json["ERP-3"]["seats"] is None  # unlimited

    # XLSX: readable by openpyxl; the formula is a string cell with Excel's quote prefix.
    data = await file_bytes(await run_export(admin, format="xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = values[0]
    assert header[:4] == ["externalId", "vendor", "product", "name"]
    by_xlsx = {row[0]: dict(zip(header, row, strict=True)) for row in values[1:]}
    assert by_xlsx["ERP-3"]["name"] == '=HYPERLINK("http://evil")'
    assert by_xlsx["ERP-1"]["seats"] == 5
    assert by_xlsx["ERP-1"]["expiresOn"].date() == date(2026, 12, 31)
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
    name_cell = next(r[3] for r in sheet.iter_rows() if r[0].value == "ERP-3")
    assert (name_cell.data_type, name_cell.quotePrefix) == ("s", True)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        assert "<f>" not in book.read("xl/worksheets/sheet1.xml").decode()


async def test_an_exported_csv_imports_back_unchanged(db: TestDatabase) -> None:
    admin = await _imported()
    jira = await License.get(external_id="ERP-2")
    await jira.tags.add(await Tag.create(name="+plus"))  # the list cell starts like a formula
    data = await file_bytes(await run_export(admin))
    assert "'+plus; engineering" in csv_rows(data)[0]["tags"] + csv_rows(data)[1]["tags"]
    again = await run_import(admin, "export.csv", data=data, apply=True)
    assert again.status is JobStatus.SUCCEEDED, again.error
    assert (again.result["created"], again.result["updated"], again.result["unchanged"]) == (
        0, 0, 3,
    )  # fmt: skip
    # The neutralising quote was taken off again, not stored.
    assert (await License.get(external_id="ERP-3")).name == '=HYPERLINK("http://evil")'
    assert sorted(t.name for t in await jira.tags.all()) == ["+plus", "engineering"]
    assert not await Tag.filter(name="'+plus").exists()


async def test_secrets_only_when_every_license_may_be_revealed_and_each_is_audited(
    db: TestDatabase,
) -> None:
    admin = await _imported()
    job = await run_export(admin, include_secrets=True)
    assert job.status is JobStatus.SUCCEEDED, job.error
    rows = {r["externalId"]: r for r in csv_rows(await file_bytes(job))}
    assert (rows["ERP-1"]["secret"], rows["ERP-2"]["secret"], rows["ERP-3"]["secret"]) == (
        "PS-KEY-1", "", "PY-KEY",
    )  # fmt: skip
    reveals = await AuditEvent.filter(action="license.reveal").order_by("id")
    ids = {(await License.get(external_id=e)).id for e in ("ERP-1", "ERP-3")}
    assert {int(e.object_id) for e in reveals} == ids  # one per secret written
    assert all(e.changes["job"] == job.id and e.actor_user_id for e in reveals)
    summary = await AuditEvent.get(action="license.export")
    assert (summary.changes["secrets"], summary.changes["licenses"]) == (2, 3)
    assert "PS-KEY-1" not in json.dumps([e.changes for e in await AuditEvent.all()])
    assert (await audit_verify()).problem is None

    # Without asking: no secret column, no reveal.
    plain = await run_export(admin)
    assert "secret" not in csv_rows(await file_bytes(plain))[0]
    assert await AuditEvent.filter(action="license.reveal").count() == 2

    # A manager sees every license but reveals none by role: refused, nothing queued.
    manager = await _as("manager@example.com", Role.MANAGER)
    assert not (await license_export_check(manager)).may_include_secrets
    with pytest.raises(DomainError) as refused:
        await run_export(manager, include_secrets=True)
    assert (refused.value.code, refused.value.field) == ("FORBIDDEN", "includeSecrets")

    # Ana owns ERP-1 (owners reveal it): her own licenses may go out with their secrets...
    ana = await _as("ana@example.com")
    mine = LicenseFilter(owner_id=ana.user.id if ana.user else None)
    assert (await license_export_check(ana, mine)).may_include_secrets
    own = await run_export(ana, include_secrets=True, filter=mine)
    assert [r["secret"] for r in csv_rows(await file_bytes(own))] == ["PS-KEY-1"]
    # ...and with a reveal grant on ERP-3 too, all she sees; but once she also sees ERP-2
    # (a view grant: no reveal), not any more.
    erp3 = await License.get(external_id="ERP-3")
    await Grant.create(license_id=erp3.id, user_id=ana.user.id if ana.user else None,
                       rights=["reveal"])  # fmt: skip
    ana = await _as("ana@example.com")  # a new request: grants are read again
    check = await license_export_check(ana)
    assert (check.licenses, check.may_include_secrets) == (2, True)  # ERP-1 and ERP-3
    erp2 = await License.get(external_id="ERP-2")
    await Grant.create(license_id=erp2.id, user_id=ana.user.id if ana.user else None,
                       rights=["view"])  # fmt: skip
    ana = await _as("ana@example.com")
    check = await license_export_check(ana)
    assert (check.licenses, check.may_include_secrets) == (3, False)
    with pytest.raises(DomainError):
        await run_export(ana, include_secrets=True)


async def test_a_member_gets_the_field_rules_blank_costs_and_hidden_addresses(
    db: TestDatabase,
) -> None:
    await _imported()
    ben = await _as("ben@example.com")  # holds a seat on ERP-1 (owned by ana)
    for fmt in ("csv", "json"):
        job = await run_export(ben, format=fmt)
        data = await file_bytes(job)
        rows = csv_rows(data) if fmt == "csv" else json_rows(data)
        assert [r["externalId"] for r in rows] == ["ERP-1"]  # only what he sees
        row = rows[0]
        assert row["cost"] in ("", None)  # members read no costs
        assert row["owner"] in ("", None)  # nor other people's addresses
        assert row["ownerName"] == "ana"
        holders = row["seatHolders"]
        assert holders in ("ben@example.com", ["ben@example.com"])  # his own address only
        assert b"ana@example.com" not in data
        assert b"1200" not in data

    seats = csv_rows(await file_bytes(await run_export(ben, kind="seats")))
    assert [(s["holderName"], s["holderEmail"]) for s in seats] == [
        ("ana", ""), ("ben", "ben@example.com"),
    ]  # fmt: skip


async def test_seat_holders_per_product_and_the_renewal_calendar(db: TestDatabase) -> None:
    admin = await _imported()
    seats = csv_rows(await file_bytes(await run_export(admin, kind="seats")))
    assert [(s["product"], s["license"], s["holderEmail"]) for s in seats] == [
        ("Photoshop", "Design team", "ana@example.com"),
        ("Photoshop", "Design team", "ben@example.com"),
    ]
    # One person's seats (the Seats view of a person): only that person's rows.
    ben = await User.get(email="ben@example.com")
    his = csv_rows(
        await file_bytes(
            await run_export(admin, kind="seats", filter=LicenseFilter(assignee_id=ben.id))
        )
    )
    assert [(s["license"], s["holderEmail"]) for s in his] == [("Design team", "ben@example.com")]
    assert his[0]["endedAt"] == ""
    # His seat history (heldById): an ended seat too, with when it ended.
    seat = await SeatAssignment.get(user_id=ben.id, active_holder=ben.id)
    seat.active_holder = None
    seat.revoked_at = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    await seat.save(update_fields=["active_holder", "revoked_at"])
    held = csv_rows(
        await file_bytes(
            await run_export(admin, kind="seats", filter=LicenseFilter(held_by_id=ben.id))
        )
    )
    assert [(s["license"], s["holderEmail"], s["endedAt"][:10]) for s in held] == [
        ("Design team", "ben@example.com", "2026-03-01")
    ]
    seat.active_holder, seat.revoked_at = ben.id, None
    await seat.save(update_fields=["active_holder", "revoked_at"])
    erp1 = await License.get(external_id="ERP-1")
    erp1.cancel_by = date(2026, 11, 30)
    await erp1.save()
    jira = await License.get(external_id="ERP-2")
    jira.expires_on = date(2026, 6, 30)
    await jira.save()
    job = await run_export(admin, kind="renewals", format="json")
    events = json_rows(await file_bytes(job))
    assert [(e["date"], e["event"], e["externalId"]) for e in events] == [
        ("2026-06-30", "expires", "ERP-2"),
        ("2026-11-30", "cancel by", "ERP-1"),
        ("2026-12-31", "expires", "ERP-1"),
        ("2026-12-31", "expires", "ERP-3"),
    ]
    assert events[0]["cost"] == "1200.50"
    assert job.result["rows"] == 4
    # The list's filter applies to the calendar too.
    only = await run_export(
        admin, kind="renewals", filter=LicenseFilter(vendor_ids=[jira.product_id])
    )
    assert only.status is JobStatus.SUCCEEDED


async def test_bad_options_are_refused_naming_the_field(db: TestDatabase) -> None:
    admin = await admin_principal()
    with pytest.raises(DomainError) as bad:
        await run_export(admin, format="pdf", kind="everything")
    assert {e.field for e in bad.value.errors} == {"format", "kind"}
    with pytest.raises(DomainError) as secrets:
        await run_export(admin, kind="seats", include_secrets=True)
    assert secrets.value.field == "includeSecrets"
    with pytest.raises(DomainError) as search:
        await run_export(admin, search="x" * 201)
    assert search.value.field == "search"


async def test_an_export_costs_a_fixed_number_of_statements_per_page(db: TestDatabase) -> None:
    """No N+1: each page of 500 licenses (with tags, seats and renewal terms) costs the same
    statements whatever is on it, so 1, 2 and 3 pages grow by the same step."""
    admin = await _imported()
    product = (await License.get(external_id="ERP-2")).product_id
    counts = []
    for total in (100, 600, 1100):  # 1, 2 and 3 pages
        have = await License.all().count()
        await License.bulk_create(
            [License(product_id=product, name=f"n{n}") for n in range(have, total)]
        )
        job = await licenses_export_start(admin, ExportOptions(format="csv"))
        with count_statements() as statements:
            assert await run_job(job.id, SETTINGS) == "succeeded"
        counts.append(len(statements))
    one, two, three = counts
    assert two - one == three - two  # the same cost for every page
    # A page: the licenses (joined), tags, seats, renewal terms, and the progress (the
    # lease renewed and the counts saved) in the page's transaction.
    assert two - one == 6, counts

    with count_statements() as statements:
        check = await license_export_check(admin)
    assert (check.licenses, len(statements)) == (1100, 2)  # two counts, nothing per license


async def test_a_token_without_secrets_reveal_exports_no_secret(db: TestDatabase) -> None:
    admin = await _imported()
    assert admin.user is not None
    token = Principal(PrincipalKind.TOKEN, user=admin.user, scopes=frozenset({"licenses:read"}))
    assert not (await license_export_check(token)).may_include_secrets
    with pytest.raises(DomainError) as refused:
        await run_export(token, include_secrets=True)
    assert refused.value.scope == "secrets:reveal"
    rows = csv_rows(await file_bytes(await run_export(token)))
    assert {r["cost"] for r in rows} == {"1200.50", "99.00"}  # licenses:read shows costs


async def test_an_export_resumed_after_a_dead_worker_writes_one_file(db: TestDatabase) -> None:
    admin = await _imported()
    job = await licenses_export_start(admin, ExportOptions(format="json"))
    # A worker took it, began its file and died: the claim's lease ran out.
    await Job.filter(id=job.id).update(
        status=JobStatus.RUNNING, claim_token="dead", attempts=1,
        lease_until=datetime(2000, 1, 1, tzinfo=UTC),
    )  # fmt: skip
    await JobFile.create(job_id=job.id, role="export", name="half.json", complete=False)
    assert await run_job(job.id, SETTINGS) == "succeeded"
    assert await run_job(job.id, SETTINGS) == "skipped"  # a second delivery does nothing
    finished = await Job.get(id=job.id)
    assert (finished.status, finished.attempts) == (JobStatus.SUCCEEDED, 2)
    assert await JobFile.filter(job_id=job.id).count() == 1
    assert len(json_rows(await file_bytes(finished))) == 3


def test_xlsx_cells_hold_text_xml_cannot_without_failing(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    book = XlsxWriter(path, "Licenses")
    book.header(["name", "notes"])
    book.rows([["bell\x07", "-1+1"], ["tab\tand\nline", None]])
    book.save()
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows == [("bell\ufffd", "-1+1"), ("tab\tand\nline", None)]
