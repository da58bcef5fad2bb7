"""Hostile review of imports: a license an import creates with seat holders, tags and renewal
terms is audited with them, as a license it updates is (seats_added, tags_added,
terms_added): the audit log must say who got a seat, and the license's History names them."""

from __future__ import annotations

import json

from licman.models import AuditEvent, JobStatus, License, Tag
from licman.resolvers.audit_history import people_named
from licman.resolvers.audit_query import Row
from tests.backends import TestDatabase
from tests.imports import admin_principal, people, problems, run_import, upload

ROWS = [
    {
        "externalId": "AUD-1",
        "vendor": "Adobe",
        "product": "Photoshop",
        "name": "Audited",
        "seats": 3,
        "cost": "10.00",
        "currency": "EUR",
        "seatHolders": ["ana@example.com", "bo@example.com"],
        "tags": ["design"],
        "renewals": [
            {"startsOn": "2025-01-01", "endsOn": "2025-12-31", "cost": "9.00", "currency": "EUR"}
        ],
    }
]


async def test_a_created_license_is_audited_with_its_seat_holders_tags_and_terms(
    db: TestDatabase,
) -> None:
    # Given two people, and a file that creates a license with seats for both
    admin = await admin_principal()
    ana, bo = await people("ana@example.com", "bo@example.com")

    # When it is imported
    job = await run_import(admin, "new.json", apply=True, data=json.dumps(ROWS).encode())
    assert job.status is JobStatus.SUCCEEDED, job.error

    # Then its license.create event says who got a seat, which tags and how many terms
    license_ = await License.get(external_id="AUD-1")
    assert license_.seats_used == 2
    event = await AuditEvent.get(action="license.create", object_id=str(license_.id))
    assert sorted(event.changes["seats_added"]) == sorted([ana.id, bo.id]), event.changes
    assert event.changes["tags_added"] == [(await Tag.get(name="design")).id]
    assert event.changes["terms_added"] == 1
    # ...and the history's people name the seat holders
    values = {"actor_user_id": event.actor_user_id, "changes": event.changes}
    assert {ana.id, bo.id} <= set(people_named([Row(values, "")]))


async def test_a_json_file_nested_too_deeply_is_a_problem_of_the_file_not_an_error(
    db: TestDatabase,
) -> None:
    # Given a JSON list whose one item nests objects 5,000 deep (valid JSON, 30 KB)
    admin = await admin_principal()
    deep = b"[" + b'{"a":' * 5000 + b"1" + b"}" * 5000 + b"]"

    # When it is uploaded
    preview = await upload(admin, "deep.json", deep, "json")

    # Then the preview says what is wrong with the file (no RecursionError), nothing stored
    assert preview.problem is not None
    assert "nested too deeply" in preview.problem, preview.problem
    assert "item 1" in preview.problem, preview.problem
    assert await License.all().count() == 0
    # ...nor when the item is a list of lists
    preview = await upload(admin, "deep.json", b"[" + b"[" * 5000 + b"]" * 5000 + b"]", "json")
    assert preview.problem is not None
    assert "nested too deeply" in preview.problem, preview.problem


async def test_seats_with_thousands_of_digits_is_a_problem_naming_the_field(
    db: TestDatabase,
) -> None:
    # Given a CSV row whose seats cell holds 5,000 digits
    admin = await admin_principal()
    data = f"name,vendor,product,seats\nn,V,P,{'9' * 5000}\n".encode()

    # When it is imported
    job = await run_import(admin, "big.csv", apply=True, data=data, match_by="natural")

    # Then the row's problem names the field and says what is wrong, and nothing is imported
    assert job.status is JobStatus.FAILED
    [(row, column, message)] = await problems(job)
    assert (row, column) == (2, "seats")
    assert message.startswith("Seats: "), message
    assert "too large" in message, message
    assert await License.all().count() == 0


async def test_text_no_database_stores_is_a_problem_naming_the_column(db: TestDatabase) -> None:
    # Given a CSV row with a NUL character in its name, and a JSON item with NUL in its
    # notes and in a custom field's name (PostgreSQL stored none of them: the job failed
    # with an internal error while writing)
    admin = await admin_principal()
    csv_data = b"name,vendor,product\nab\x00c,V,P\n"
    json_data = b'[{"name": "n", "vendor": "V", "product": "P", "notes": "a\\u0000b",'
    json_data += b' "metadata": {"k\\u0000": 1}}]'

    # When they are imported
    by_csv = await run_import(admin, "nul.csv", apply=True, data=csv_data, match_by="natural")
    by_json = await run_import(admin, "nul.json", apply=True, data=json_data, match_by="natural")

    # Then each is refused row by row, naming the column and the character, nothing written
    assert by_csv.status is JobStatus.FAILED
    assert "Internal error" not in by_csv.error, by_csv.error
    [(row, column, message)] = await problems(by_csv)
    assert (row, column) == (2, "name")
    assert message == "Name: must not contain the NUL character (U+0000)"
    assert by_json.status is JobStatus.FAILED
    assert "Internal error" not in by_json.error, by_json.error
    found = sorted((c, m) for _, c, m in await problems(by_json))
    assert found == [
        ("metadata", "Custom fields (JSON): must not contain the NUL character (U+0000)"),
        ("notes", "Notes: must not contain the NUL character (U+0000)"),
    ], found
    assert await License.all().count() == 0
