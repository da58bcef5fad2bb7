"""Importing licenses in-process (the server's mode without Redis, the same task function a
worker runs), on every database: CSV, JSON, the Snipe-IT preset with its quirks, dry runs,
idempotence, all or nothing, skipped rows, formulas, secrets, the audit trail, permissions."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from licman.models import (
    AuditEvent,
    Job,
    JobFile,
    JobStatus,
    License,
    Product,
    RenewalTerm,
    Role,
    SeatAssignment,
    Tag,
    User,
    Vendor,
)
from licman.resolvers.audit_verify import audit_verify
from licman.resolvers.job_file import file_chunks
from licman.resolvers.vendor import VendorInput, vendor_create
from licman.security.principal import Principal, PrincipalKind
from licman.security.secrets import keyring
from tests.backends import TestDatabase
from tests.imports import FIXTURES, admin_principal, people, problems, run_import


async def _licenses() -> dict[str, License]:
    return {lic.external_id or lic.name: lic for lic in await License.all()}


async def _holders(license_: License) -> set[str]:
    rows = await SeatAssignment.filter(license_id=license_.id, active_holder__isnull=False)
    return {(await User.get(id=r.user_id)).email for r in rows}


async def test_csv_dry_run_changes_nothing_then_apply_then_again_changes_nothing(
    db: TestDatabase,
) -> None:
    admin = await admin_principal()
    await people("ana@example.com", "ben@example.com")

    dry = await run_import(admin, "licenses.csv")
    assert dry.status is JobStatus.SUCCEEDED
    assert (dry.result["created"], dry.result["errors"], dry.result["dryRun"]) == (3, 0, True)
    assert await License.all().count() == 0
    assert await Vendor.all().count() == 0

    applied = await run_import(admin, "licenses.csv", apply=True)
    assert applied.status is JobStatus.SUCCEEDED, applied.error
    assert applied.result["created"] == 3
    found = await _licenses()
    design = found["ERP-1"]
    assert (design.name, design.seats, design.seats_used) == ("Design team", 5, 2)
    assert (design.cost_micros, design.currency) == (1_200_500_000, "USD")
    assert design.expires_on == date(2026, 12, 31)
    assert design.auto_renew is True
    assert design.metadata == {"cost_center": "CC-10"}
    assert await _holders(design) == {"ana@example.com", "ben@example.com"}
    assert design.owner_id == (await User.get(email="ana@example.com")).id
    tags = {t.name for t in await design.tags.all()}
    assert tags == {"design", "critical"}
    assert keyring().decrypt(design.id, design.secret_ciphertext or "") == "PS-KEY-1"
    jira = found["ERP-2"]
    # "$1,200.50 " in a quoted cell: the sign gives the currency.
    assert (jira.cost_micros, jira.currency, jira.expires_on) == (
        1_200_500_000,
        "USD",
        date(2026, 12, 31),
    )
    assert jira.notes == 'multi-line\nnote, with "quotes"'
    # The initial renewal term is recorded as licenseCreate records it.
    assert await RenewalTerm.filter(license_id=design.id).count() == 0  # no starts_on

    again = await run_import(admin, "licenses.csv", apply=True)
    assert (again.result["created"], again.result["updated"], again.result["unchanged"]) == (
        0,
        0,
        3,
    )
    assert await License.all().count() == 3
    assert await SeatAssignment.all().count() == 2


async def test_formulas_are_stored_as_text_never_evaluated(db: TestDatabase) -> None:
    admin = await admin_principal()
    await people("ana@example.com", "ben@example.com")
    await run_import(admin, "licenses.csv", apply=True)
    pycharm = (await _licenses())["ERP-3"]
    assert pycharm.name == '=HYPERLINK("http://evil")'
    assert pycharm.notes == "@SUM(1+1)"
    assert pycharm.seats is None  # "unlimited"
    assert (pycharm.cost_micros, pycharm.currency) == (99_000_000, "EUR")
    assert pycharm.expires_on == date(2026, 12, 31)  # "31 Dec 2026"


async def test_bad_rows_all_or_nothing_then_skipped_with_a_file_to_fix(db: TestDatabase) -> None:
    admin = await admin_principal()

    refused = await run_import(admin, "bad_rows.csv", apply=True, default_currency="USD")
    assert refused.status is JobStatus.FAILED
    assert "4 row(s) have problems, so nothing was imported" in refused.error
    assert await License.all().count() == 0
    found = await problems(refused)
    assert (2, "seats", "Seats: -3 is negative; use 0 or more") in found
    assert (
        3,
        "expiresOn",
        "Expires on: '2026-13-45' is not a date; write it like 2025-12-31, 12/31/25 or 31 Dec 2025",
    ) in found
    assert (
        3,
        "autoRenew",
        "Auto-renew: 'maybe' is not yes or no (try yes/no, true/false, 1/0)",
    ) in found
    assert (3, "owner", "no active Licman user has the e-mail 'nobody@example.com'") in found
    assert any(r == 4 and c == "cost" and "spreadsheet formula" in m for r, c, m in found)
    assert (
        4,
        "expiresOn",
        "Expires on: 'Jan 2026' is not a date; write it like 2025-12-31, 12/31/25 or 31 Dec 2025",
    ) in found
    assert (5, "vendor", "Vendor: empty; a new license needs a vendor and a product") in found
    # The secret of row 2 is never repeated in a problem or the job.
    assert "S3CRET" not in json.dumps(found) + refused.error + json.dumps(refused.result)

    skipped = await run_import(
        admin, "bad_rows.csv", apply=True, skip_bad_rows=True, default_currency="USD"
    )
    assert skipped.status is JobStatus.SUCCEEDED
    assert (skipped.result["created"], skipped.result["skipped"]) == (1, 4)
    assert [lic.external_id for lic in await License.all()] == ["B-5"]
    fix = await JobFile.get(job_id=skipped.id, role="rows_to_fix")
    text = b"".join([piece async for piece in file_chunks(fix.id)]).decode()
    lines = text.splitlines()
    assert lines[0].endswith(",Problems")
    assert [line.split(",")[0] for line in lines[1:]] == ["B-1", "B-2", "B-3", "B-4"]
    # A formula-like cell goes back with the OWASP quote, so a spreadsheet shows it as text.
    assert "'=1+1" in text


async def test_json(db: TestDatabase) -> None:
    admin = await admin_principal()
    await people("ana@example.com")
    job = await run_import(admin, "licenses.json", apply=True)
    assert job.status is JobStatus.SUCCEEDED, job.error
    found = await _licenses()
    vs = found["J-1"]
    assert (vs.cost_micros, vs.currency, vs.seats, vs.seats_used) == (2_999_990_000, "USD", 3, 1)
    assert vs.metadata == {"cost_center": "CC-1", "po_number": "PO-7"}
    terms = (
        await RenewalTerm.filter(license_id=vs.id)
        .order_by("starts_on")
        .values_list("starts_on", "cost_micros", "note")
    )
    assert terms == [(date(2024, 1, 1), 2_799_000_000, "first year")]
    figma = found["J-2"]
    assert (figma.status, figma.billing_period, figma.seats) == ("trial", "monthly", None)
    assert figma.notes == "Zoë's trial – ünïcödé"  # noqa: RUF001 - the file has an en dash
    again = await run_import(admin, "licenses.json", apply=True)
    assert again.result["unchanged"] == 2


async def test_snipeit_import_format_with_every_quirk(db: TestDatabase) -> None:
    admin = await admin_principal()
    await people("ana@example.com", "ben@example.com", "chloe@example.com")

    job = await run_import(
        admin, "snipeit_licenses.csv", apply=True, skip_bad_rows=True, default_currency="USD"
    )
    assert job.status is JobStatus.SUCCEEDED, job.error
    assert job.result["format"] == "snipeit"
    assert job.result["matchBy"] == "natural"
    photoshop = await License.get(name="Photoshop CC")
    # Two rows, one license: each row's person got a seat (BOM and CRLF read as nothing).
    assert await _holders(photoshop) == {"ana@example.com", "ben@example.com"}
    assert (await Product.get(id=photoshop.product_id)).name == "Photoshop CC"
    assert photoshop.kind == "serial_key"
    assert keyring().decrypt(photoshop.id, photoshop.secret_ciphertext or "") == "PS-111-222"
    assert (photoshop.cost_micros, photoshop.currency) == (1_200_500_000, "USD")
    assert photoshop.purchased_on == date(2024, 1, 15)  # 1/15/24
    assert photoshop.expires_on == date(2025, 1, 15)
    assert photoshop.metadata == {
        "purchase_order": "PO-1",
        "order_number": "ORD-1",
        "licensed_to_name": "Jürgen Müller",
        "licensed_to_email": "jurgen@example.com",
        "maintained": True,
        "reassignable": True,
        "company": "Acme GmbH",
        "supplier": "CDW",
    }
    assert photoshop.notes == 'Bought with "Design\nBundle", renewed yearly'
    assert {t.name for t in await photoshop.tags.all()} == {"Design"}
    # A person known only by a username that is an e-mail; booleans spelled no / 0.
    office = await License.get(name="Office 365")
    assert await _holders(office) == {"chloe@example.com"}
    assert office.metadata["maintained"] is False
    assert office.metadata["reassignable"] is False
    assert (office.cost_micros, office.purchased_on) == (99_990_000, date(2024, 2, 1))
    # The vendor named only as the supplier; "3 Mar 2023"; N / f.
    winrar = await License.get(name="WinRAR")
    assert (await Vendor.get(id=(await Product.get(id=winrar.product_id)).vendor_id)).name == (
        "RARLAB Reseller"
    )
    assert winrar.purchased_on == date(2023, 3, 3)
    # What it cannot map is reported by row and column.
    assert await problems(job) == [
        (
            6,
            "purchase date",
            "Purchased on: '13/45/24' is not a date; write it like "
            "2025-12-31, 12/31/25 or 31 Dec 2025",
        ),
        (
            6,
            "purchase cost",
            "Cost: '12 bananas' is not an amount of money, such as 1200.50 or $1,200.50",
        ),
        (6, "maintained", "maintained: 'maybe' is not yes or no (try yes/no, true/false, 1/0)"),
        (6, "Email", "no active Licman user has the e-mail 'dan@example.com'"),
    ]
    again = await run_import(
        admin, "snipeit_licenses.csv", apply=True, skip_bad_rows=True, default_currency="USD"
    )
    assert (again.result["created"], again.result["updated"]) == (0, 0)
    assert await License.all().count() == 3
    assert await SeatAssignment.all().count() == 3


async def test_snipeit_export_matches_on_its_id(db: TestDatabase) -> None:
    admin = await admin_principal()
    job = await run_import(admin, "snipeit_export.csv", apply=True, default_currency="EUR")
    assert job.status is JobStatus.SUCCEEDED, job.error
    assert job.result["matchBy"] == "external_id"
    sublime = await License.get(external_id="snipeit-17")
    assert sublime.name == "Sublime Text"
    assert sublime.seats == 5
    assert sublime.metadata["purchase_order"] == "PO-17"  # an untranslated label
    assert sublime.metadata["licensed_to_email"] == "licensing@example.com"
    assert sublime.metadata["maintained"] is True
    assert {t.name for t in await Tag.all()} == {"Editors", "Analytics"}
    changed = (FIXTURES / "snipeit_export.csv").read_bytes().replace(b",5,Admin", b",7,Admin")
    job = await run_import(
        admin, "snipeit_export.csv", apply=True, data=changed, default_currency="EUR"
    )
    assert (job.result["updated"], job.result["unchanged"]) == (1, 1)
    assert (await License.get(external_id="snipeit-17")).seats == 7


async def test_audit_events_per_row_and_a_summary_keep_the_chain_intact(db: TestDatabase) -> None:
    admin = await admin_principal()
    await people("ana@example.com", "ben@example.com")
    job = await run_import(admin, "licenses.csv", apply=True)
    created = await AuditEvent.filter(action="license.create").order_by("id")
    assert len(created) == 3
    assert all(e.changes["import_job"] == job.id for e in created)
    assert created[0].changes["after"]["secret_ciphertext"] == "[redacted]"
    assert "PS-KEY-1" not in json.dumps([e.changes for e in await AuditEvent.all()])
    summary = await AuditEvent.get(action="license.import")
    assert (summary.object_id, summary.changes["created"]) == (str(job.id), 3)
    assert await AuditEvent.filter(action="vendor.create").count() == 3
    report = await audit_verify()
    assert report.problem is None
    assert report.events_checked == await AuditEvent.all().count()


async def test_non_admins_import_only_what_they_may(db: TestDatabase) -> None:
    admin = await admin_principal()
    await people("ana@example.com", "ben@example.com")
    await run_import(admin, "licenses.json", apply=True)  # J-1 (Microsoft), J-2 (Figma)
    member = Principal(PrincipalKind.SESSION, user=await User.create(email="m@example.com"))
    rows = b"externalId,vendor,product,notes\nJ-1,,,changed by a member\nN-1,Adobe,Acrobat,new\n"

    job = await run_import(member, "member.csv", apply=True, skip_bad_rows=True, data=rows)
    assert await problems(job) == [
        (2, "", "this row matches a license you may not change"),
        (3, "", "this row matches no license, and you may not create licenses"),
        (3, "vendor", "no vendor is named 'Adobe', and you may not add vendors"),
    ]
    assert (await License.get(external_id="J-1")).notes == ""

    manager_user = await User.create(email="boss@example.com", role=Role.MANAGER)
    manager = Principal(PrincipalKind.SESSION, user=manager_user)
    await vendor_create(admin, VendorInput(name="Adobe"))
    job = await run_import(manager, "manager.csv", apply=True, data=rows)
    assert job.status is JobStatus.SUCCEEDED, job.error
    assert (job.result["created"], job.result["updated"]) == (1, 1)
    assert (await License.get(external_id="J-1")).notes == "changed by a member"


async def test_a_user_deactivated_before_the_job_runs_runs_nothing(db: TestDatabase) -> None:
    from licman.resolvers.license_import import ImportOptions, licenses_import_start
    from licman.workers.runner import run_job
    from tests.imports import SETTINGS, upload

    admin = await admin_principal()
    preview = await upload(admin, "licenses.json")
    job = await licenses_import_start(
        admin,
        ImportOptions(
            upload_id=preview.upload.id, format="json", mapping=preview.mapping, apply=True
        ),
    )
    assert admin.user is not None
    await User.filter(id=admin.user.id).update(is_active=False)
    assert await run_job(job.id, SETTINGS) == "failed"
    finished = await Job.get(id=job.id)
    assert "deactivated" in finished.error
    assert await License.all().count() == 0
    # Running it again (a second delivery of the same message) does nothing more.
    assert await run_job(job.id, SETTINGS) == "skipped"


async def test_cost_with_a_comma_decimal_and_day_first_dates(db: TestDatabase) -> None:
    admin = await admin_principal()
    data = "externalId;vendor;product;cost;expiresOn\nE-1;SAP;Concur;1.200,50 €;03/04/2026\n"
    job = await run_import(admin, "eu.csv", apply=True, data=data.encode(), day_first=True)
    assert job.status is JobStatus.SUCCEEDED, job.error
    concur = await License.get(external_id="E-1")
    assert (concur.cost_micros, concur.currency) == (1_200_500_000, "EUR")
    assert concur.expires_on == date(2026, 4, 3)
    assert Decimal(concur.cost_micros) / 1_000_000 == Decimal("1200.5")


async def test_giving_an_owner_by_import_is_a_grant_checked_as_by_hand(db: TestDatabase) -> None:
    admin = await admin_principal()
    await people("ana@example.com")
    await run_import(admin, "licenses.json", apply=True)  # J-1, J-2 without owners
    boss = await User.create(email="boss@example.com", role=Role.MANAGER)
    manager = Principal(PrincipalKind.SESSION, user=boss)
    rows = b"externalId,owner\nJ-2,boss@example.com\n"

    job = await run_import(manager, "owner.csv", apply=True, skip_bad_rows=True, data=rows)
    [(row, column, message)] = await problems(job)
    assert (row, column) == (2, "owner")
    assert "giving it an owner needs all of these rights on it yourself" in message
    assert (await License.get(external_id="J-2")).owner_id is None

    job = await run_import(admin, "owner.csv", apply=True, data=rows)
    assert job.result["updated"] == 1
    assert (await License.get(external_id="J-2")).owner_id == boss.id


async def test_an_update_may_add_a_tag_that_does_not_exist_yet(db: TestDatabase) -> None:
    admin = await admin_principal()
    await people("ana@example.com", "ben@example.com")
    await run_import(admin, "licenses.csv", apply=True)
    job = await run_import(
        admin, "tags.csv", data=b"externalId,tags\nERP-2,brand new\n", apply=True
    )
    assert job.status is JobStatus.SUCCEEDED, job.error
    assert job.result["updated"] == 1
    jira = (await _licenses())["ERP-2"]
    assert sorted(t.name for t in await jira.tags.all()) == ["brand new", "engineering"]
    created = await AuditEvent.filter(action="tag.create").count()
    assert created == await Tag.all().count()  # each tag created was audited, this one too
