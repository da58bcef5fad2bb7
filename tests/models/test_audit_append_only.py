"""On PostgreSQL and MariaDB the database itself refuses to change or remove audit events:
through the ORM, in raw SQL, or (PostgreSQL) by TRUNCATE. Only an operator's session in the
log's maintenance mode may, as docs/operations.md describes for purging."""

from __future__ import annotations

import pytest
from tortoise import connections
from tortoise.exceptions import BaseORMException

from licman.models import AuditEvent
from licman.resolvers.audit import audit_record
from licman.resolvers.audit_verify import audit_verify
from licman.security.principal import system
from tests.audit_guard import as_maintenance
from tests.backends import TestDatabase


@pytest.fixture(autouse=True)
def _servers_only(db: TestDatabase) -> None:
    if db.backend == "sqlite":
        pytest.skip("SQLite has no guard: whoever can write the file can change anything")


async def three_events() -> list[AuditEvent]:
    for n in range(3):
        await audit_record(system(), "test.event", "thing", n, after={"n": n})
    return await AuditEvent.all().order_by("id")


async def unchanged(events: list[AuditEvent]) -> bool:
    now = await AuditEvent.all().order_by("id")
    report = await audit_verify()
    return [(e.id, e.hash) for e in now] == [(e.id, e.hash) for e in events] and (
        report.problem is None
    )


async def test_the_orm_cannot_update_an_event() -> None:
    events = await three_events()

    with pytest.raises(BaseORMException, match="append-only"):
        await AuditEvent.filter(id=events[1].id).update(action="test.forged")

    assert await unchanged(events)


async def test_the_orm_cannot_delete_an_event() -> None:
    events = await three_events()

    with pytest.raises(BaseORMException, match="append-only"):
        await AuditEvent.filter(id=events[0].id).delete()
    with pytest.raises(BaseORMException, match="append-only"):
        await events[2].delete()

    assert await unchanged(events)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_event SET actor_label = 'someone else'",
        "DELETE FROM audit_event",
    ],
)
async def test_raw_sql_cannot_change_or_remove_events(statement: str) -> None:
    events = await three_events()

    with pytest.raises(BaseORMException, match="append-only"):
        await connections.get("default").execute_script(statement)

    assert await unchanged(events)


async def test_postgresql_refuses_truncate(db: TestDatabase) -> None:
    if db.backend != "postgres":
        pytest.skip("MariaDB's TRUNCATE fires no triggers: it needs the DROP privilege instead")
    events = await three_events()

    with pytest.raises(BaseORMException, match="append-only"):
        await connections.get("default").execute_script("TRUNCATE audit_event")

    assert await unchanged(events)


async def test_appending_still_works_and_maintenance_mode_may_purge() -> None:
    # Given a guarded log that the application keeps appending to
    events = await three_events()
    await audit_record(system(), "test.event", "thing", 3)
    assert await AuditEvent.all().count() == 4

    # When an operator purges the oldest event in maintenance mode
    await as_maintenance(f"DELETE FROM audit_event WHERE id = {events[0].id}")

    # Then it is gone, and verify names the gap (until signed checkpoints exist)
    assert await AuditEvent.all().count() == 3
    report = await audit_verify()
    assert report.problem is not None
    assert (report.problem.event_id, report.problem.kind) == (events[1].id, "removed")
