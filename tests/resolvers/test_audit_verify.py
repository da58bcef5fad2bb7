"""`audit_verify` streams the log in bounded batches (constant memory on any size), stops
at the first problem, and checks events whose changes hold values the fast encoder writes
differently from the canonical one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from bench.statements import count_statements
from licman.models import AuditEvent
from licman.resolvers.audit import audit_record
from licman.resolvers.audit_verify import audit_verify
from licman.security.principal import system
from tests.audit_guard import as_maintenance

pytestmark = pytest.mark.usefixtures("db")


@contextmanager
def reads_of_the_log() -> Iterator[list[str]]:
    """The SELECTs of audit_event sent while the block runs (read after it ends)."""
    reads: list[str] = []
    with count_statements() as statements:
        yield reads
    reads.extend(s for s in statements if s.upper().startswith("SELECT") and "audit_event" in s)


async def events(count: int) -> None:
    for n in range(count):
        await audit_record(system(), "test.event", "thing", n, after={"n": n})


def limits(statements: list[str]) -> list[int]:
    """The LIMIT of each logged statement: "... LIMIT ?: [last id, limit]"."""
    found = [re.search(r"LIMIT\s+\S+: \[\d+, (\d+)\]$", s, re.IGNORECASE) for s in statements]
    assert all(found), statements
    return [int(m.group(1)) for m in found if m]


async def test_the_log_is_read_in_batches_of_bounded_size() -> None:
    # Given 25 events
    await events(25)

    # When verify runs with batches of 10
    with reads_of_the_log() as statements:
        report = await audit_verify(batch_size=10)

    # Then it read three batches, never more than 10 rows at once, and checked all 25
    assert report.problem is None
    assert report.events_checked == 25
    assert limits(statements) == [10, 10, 10]


async def test_it_stops_reading_at_the_first_changed_event() -> None:
    await events(25)
    third = (await AuditEvent.all().order_by("id").offset(2).first()).id  # type: ignore[union-attr]
    await as_maintenance(f"UPDATE audit_event SET ip = '10.6.6.6' WHERE id = {third}")

    with reads_of_the_log() as statements:
        report = await audit_verify(batch_size=10)

    assert report.problem is not None
    assert (report.problem.event_id, report.problem.kind) == (third, "changed")
    assert report.events_checked == 3
    assert len(statements) <= 2  # the first batch, and at most the one fetched ahead


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"ratio": 1e-7, "big": 1e15, "half": 0.5, "tiny": -2.5e-5}, id="floats"),
        pytest.param({"n": 2**53 - 1, "m": -(2**53 - 1)}, id="largest-integers"),
        pytest.param({"name": 'Müller ☃ \u2028 \x1f "quoted" \\ /'}, id="text"),
        pytest.param({"b": 1, "a": {"z": [], "é": None, "A": True}}, id="nested-order"),
    ],
)
async def test_events_with_unusual_values_verify(changes: dict[str, object]) -> None:
    await audit_record(system(), "test.event", "thing", 1, extra=changes)
    await audit_record(system(), "test.event", "thing", 2)

    report = await audit_verify()

    assert report.problem is None
    assert report.events_checked == 2
