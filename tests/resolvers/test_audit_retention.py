"""Audit retention on every database: a purge leaves a signed checkpoint and `audit verify`
still passes from it; tampering after a purge (an event, the checkpoint, a forged
checkpoint) is still found; the append-only triggers (PostgreSQL, MariaDB) still refuse the
application's UPDATE and DELETE of events no checkpoint covers; API requests expire too."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from tortoise.exceptions import BaseORMException

from licman.models import ApiRequest, AuditCheckpoint, AuditEvent
from licman.resolvers.audit import audit_record
from licman.resolvers.audit_retention import audit_purge
from licman.resolvers.audit_verify import audit_verify
from licman.resolvers.common import now
from licman.resolvers.errors import DomainError
from licman.security import signing
from licman.security.principal import Principal, PrincipalKind, system
from licman.security.signing import SigningKey, canonical
from tests.audit_guard import as_maintenance
from tests.backends import TestDatabase


@pytest.fixture(autouse=True)
def site_key() -> Iterator[SigningKey]:
    before, key = signing._active, SigningKey.generate()
    signing.activate(key)
    yield key
    signing.activate(before)


async def events(count: int, label: str) -> None:
    for n in range(count):
        await audit_record(system(), f"test.{label}", "thing", n, after={"n": n})


async def old_and_new() -> tuple[int, int]:
    """Five events, a cutoff, three more; returns (last old id, first new id)."""
    await events(5, "old")
    old = await AuditEvent.all().order_by("-id").first()
    assert old is not None
    await events(3, "new")
    new = await AuditEvent.filter(id__gt=old.id).order_by("id").first()
    assert new is not None
    return old.id, new.id


async def purge_old(old_id: int) -> int:
    old = await AuditEvent.get(id=old_id)
    cutoff = old.occurred_at + timedelta(microseconds=1)
    report = await audit_purge(system(), events_before=cutoff)
    assert report.through_event_id == old_id
    return report.events_purged


async def test_a_purge_keeps_the_chain_verifiable_from_its_signed_checkpoint(
    db: TestDatabase, site_key: SigningKey
) -> None:
    old_id, _new_id = await old_and_new()
    assert await purge_old(old_id) == 5
    assert not await AuditEvent.filter(id__lte=old_id).exists()
    remaining = await AuditEvent.all().order_by("id").values_list("action", flat=True)
    assert remaining == ["test.new"] * 3 + ["audit.purge"]
    checkpoint = await AuditCheckpoint.get()
    assert (checkpoint.through_event_id, checkpoint.events_purged) == (old_id, 5)

    report = await audit_verify(public_key=site_key.public)
    assert report.problem is None, report.problem
    assert report.events_checked == 4
    assert report.checkpoint is not None
    assert report.checkpoint.through_event_id == old_id

    # Without the site's public key the checkpoint cannot be trusted.
    unchecked = await audit_verify()
    assert unchecked.problem is not None
    assert unchecked.problem.kind == "checkpoint"
    other = await audit_verify(public_key=SigningKey.generate().public)
    assert other.problem is not None
    assert "not signed by this site's key" in other.problem.detail

    # A second purge of everything: the head is the purge event, still verifiable.
    await events(2, "later")
    newest = await AuditEvent.all().order_by("-id").first()
    assert newest is not None
    again = await audit_purge(system(), events_before=now() + timedelta(seconds=1))
    assert again.through_event_id == newest.id
    assert (await audit_verify(public_key=site_key.public)).problem is None
    assert await AuditCheckpoint.all().count() == 2


async def test_tampering_after_a_purge_is_still_found(
    db: TestDatabase, site_key: SigningKey
) -> None:
    old_id, new_id = await old_and_new()
    await purge_old(old_id)

    # An event after the checkpoint changed.
    await as_maintenance(f"UPDATE audit_event SET object_id = 'x' WHERE id = {new_id + 1}")
    changed = await audit_verify(public_key=site_key.public)
    assert changed.problem is not None
    assert (changed.problem.event_id, changed.problem.kind) == (new_id + 1, "changed")


async def test_removing_the_first_event_after_the_checkpoint_is_found(
    db: TestDatabase, site_key: SigningKey
) -> None:
    old_id, new_id = await old_and_new()
    await purge_old(old_id)
    await as_maintenance(f"DELETE FROM audit_event WHERE id = {new_id}")
    removed = await audit_verify(public_key=site_key.public)
    assert removed.problem is not None
    assert (removed.problem.event_id, removed.problem.kind) == (new_id + 1, "removed")


async def test_a_changed_or_forged_checkpoint_is_found(
    db: TestDatabase, site_key: SigningKey
) -> None:
    old_id, new_id = await old_and_new()
    await purge_old(old_id)
    # The row moved past more events than were signed.
    await as_maintenance(
        f"UPDATE audit_checkpoint SET through_event_id = {new_id} WHERE through_event_id = {old_id}"
    )
    moved = await audit_verify(public_key=site_key.public)
    assert moved.problem is not None
    assert moved.problem.kind == "checkpoint"
    assert "differs from what was signed" in moved.problem.detail
    await as_maintenance(
        f"UPDATE audit_checkpoint SET through_event_id = {old_id} WHERE through_event_id = {new_id}"
    )
    assert (await audit_verify(public_key=site_key.public)).problem is None

    # Someone with SQL access but not the site's key: a checkpoint signed by another key
    # lets the triggers delete events, and verify rejects it.
    stranger = SigningKey.generate()
    event = await AuditEvent.get(id=new_id)
    forged = stranger.sign(
        {"kind": "audit_checkpoint", "through_event_id": new_id, "through_hash": event.hash}
    )
    await AuditCheckpoint.create(
        through_event_id=new_id, through_hash=event.hash, document=canonical(forged).decode()
    )
    await AuditEvent.filter(id=new_id).delete()
    report = await audit_verify(public_key=site_key.public)
    assert report.problem is not None
    assert report.problem.kind == "checkpoint"
    assert "not signed by this site's key" in report.problem.detail


async def test_a_purge_refuses_a_log_that_fails_verification(
    db: TestDatabase, site_key: SigningKey
) -> None:
    old_id, _ = await old_and_new()
    await as_maintenance(f"UPDATE audit_event SET object_id = 'x' WHERE id = {old_id - 1}")
    with pytest.raises(DomainError, match="fails verification"):
        await purge_old(old_id)
    assert await AuditEvent.all().count() == 8
    assert not await AuditCheckpoint.exists()


async def test_only_the_command_line_may_purge(db: TestDatabase) -> None:
    await events(2, "old")
    someone = Principal(PrincipalKind.SESSION)
    with pytest.raises(DomainError):
        await audit_purge(someone, events_before=now())
    assert await AuditEvent.all().count() == 2


async def test_the_triggers_still_refuse_what_no_checkpoint_covers(
    db: TestDatabase, site_key: SigningKey
) -> None:
    if db.backend == "sqlite":
        pytest.skip("SQLite has no append-only triggers: the database file is the boundary")
    old_id, new_id = await old_and_new()
    await purge_old(old_id)
    with pytest.raises(BaseORMException, match="append-only"):
        await AuditEvent.filter(id=new_id).delete()
    with pytest.raises(BaseORMException, match="append-only"):
        await AuditEvent.filter(id=new_id).update(object_id="x")
    with pytest.raises(BaseORMException, match="append-only"):
        await AuditCheckpoint.all().delete()
    with pytest.raises(BaseORMException, match="append-only"):
        await AuditCheckpoint.all().update(events_purged=0)
    assert await AuditEvent.filter(id=new_id).exists()
    assert (await audit_verify(public_key=site_key.public)).problem is None


async def test_old_api_requests_are_purged(db: TestDatabase) -> None:
    moment = now()
    for days in (40, 31, 1):
        await ApiRequest.create(
            occurred_at=moment - timedelta(days=days), principal_kind="session", outcome="ok"
        )
    report = await audit_purge(
        system(), events_before=None, api_requests_before=moment - timedelta(days=30)
    )
    assert report.api_requests_purged == 2
    assert await ApiRequest.all().count() == 1


async def test_scheduled_retention_follows_the_settings(
    db: TestDatabase, site_key: SigningKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    from licman.settings import Settings
    from licman.workers import retention

    await events(4, "old")
    await ApiRequest.create(
        occurred_at=now() - timedelta(days=10), principal_kind="session", outcome="ok"
    )
    assert await retention.retention_once(Settings()) is None  # nothing configured
    # Two days from now, everything so far is older than a day.
    later = now() + timedelta(days=2)
    monkeypatch.setattr(retention, "now", lambda: later)
    only_api = await retention.retention_once(Settings(api_request_retention_days=5))
    assert only_api is not None
    assert (only_api.events_purged, only_api.api_requests_purged) == (0, 1)
    both = await retention.retention_once(Settings(audit_retention_days=1))
    assert both is not None
    assert both.events_purged == 4
    assert (await audit_verify(public_key=site_key.public)).problem is None
