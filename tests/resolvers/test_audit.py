"""The audit chain: `audit_verify` names the first event that was changed, removed or
inserted behind the application's back, on every database."""

from __future__ import annotations

import pytest

from licman.models import AuditEvent
from licman.resolvers.audit import audit_record, event_hash
from licman.resolvers.audit_verify import audit_verify
from licman.security.principal import Principal
from tests.audit_guard import as_maintenance

pytestmark = pytest.mark.usefixtures("db")


async def five_events(admin: Principal) -> list[AuditEvent]:
    for n in range(5):
        await audit_record(admin, "test.event", "thing", n, after={"n": n, "secret": "x"})
    return await AuditEvent.all().order_by("id")


async def sql(statement: str) -> None:
    """Tamper with the log, past its append-only guard (as only an operator could)."""
    await as_maintenance(statement)


async def test_an_untouched_chain_verifies(admin: Principal) -> None:
    await five_events(admin)
    report = await audit_verify(batch_size=2)  # batches smaller than the log
    assert report.events_checked == 5
    assert report.problem is None


async def test_secrets_in_snapshots_are_redacted(admin: Principal) -> None:
    events = await five_events(admin)
    assert events[0].changes["after"] == {"n": 0, "secret": "[redacted]"}


async def test_an_edited_row_is_named(admin: Principal) -> None:
    events = await five_events(admin)
    await sql(f"UPDATE audit_event SET action = 'test.forged' WHERE id = {events[2].id}")
    report = await audit_verify()
    assert report.problem is not None
    assert (report.problem.event_id, report.problem.kind) == (events[2].id, "changed")


async def test_a_removed_row_is_named_by_the_event_after_it(admin: Principal) -> None:
    events = await five_events(admin)
    await sql(f"DELETE FROM audit_event WHERE id = {events[2].id}")
    report = await audit_verify()
    assert report.problem is not None
    assert (report.problem.event_id, report.problem.kind) == (events[3].id, "removed")


async def test_removing_the_newest_event_is_noticed(admin: Principal) -> None:
    events = await five_events(admin)
    await sql(f"DELETE FROM audit_event WHERE id = {events[-1].id}")
    report = await audit_verify()
    assert report.problem is not None
    assert (report.problem.event_id, report.problem.kind) == (None, "removed")


async def test_an_inserted_row_with_a_valid_hash_is_named(admin: Principal) -> None:
    events = await five_events(admin)
    # A forger copies event 2, links it to event 2 and gives it a correct hash of its own,
    # then slips it in between events 2 and 3 (its id sorts between them).
    forged = AuditEvent(
        **{f: getattr(events[2], f) for f in AuditEvent._meta.db_fields if f not in {"id", "hash"}}
    )
    forged.action = "test.forged"
    forged.prev_hash = events[2].hash
    forged.hash = event_hash(forged)
    await sql(f"UPDATE audit_event SET id = id + 100 WHERE id > {events[2].id}")
    await forged.save()
    await sql(f"UPDATE audit_event SET id = {events[2].id + 1} WHERE id = {forged.id}")
    forged.id = events[2].id + 1
    report = await audit_verify()
    assert report.problem is not None
    assert (report.problem.event_id, report.problem.kind) == (forged.id, "inserted")
