"""An applied import sends a fixed number of SQL statements per batch, however many rows the
batch holds (no statement per row: lookups with one IN query, inserts in bulk, the audit
events in one bulk insert), on every database."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bench.import_csv import write_csv
from licman.models import AuditEvent, JobStatus, License
from licman.resolvers import license_import_run
from licman.resolvers.audit_verify import audit_verify
from licman.security.principal import Principal
from tests.backends import TestDatabase
from tests.imports import admin_principal, run_import

# Statements one more batch costs, both passes together: the check pass (the catalog is known
# by then; matches; grants; problems and progress) and the write pass (matches and lock; ids;
# licenses, tags, terms; the audit events, the chain head; progress).
# 16 on every database (COPY on PostgreSQL counts as one statement per table, like an
# executemany elsewhere).
PER_BATCH = 16


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().lstrip()
        if message.split(" ", 1)[0].upper() in {"SELECT", "INSERT", "UPDATE", "DELETE", "COPY"}:
            self.statements.append(message)


@contextmanager
def count_statements() -> Iterator[list[str]]:
    logger = logging.getLogger("tortoise.db_client")
    handler, level = _Counter(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield handler.statements
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def _file(tmp_path: Path, rows: int, prefix: str) -> bytes:
    """`rows` new licenses (their own external ids and secrets) of the same 8 vendors,
    40 products and 10 tags."""
    text = write_csv(tmp_path / "bench.csv", rows).read_text(encoding="utf-8")
    return text.replace("BENCH-", f"{prefix}-").replace("KEY-", f"{prefix}KEY-").encode()


async def _applied(principal: Principal, tmp_path: Path, rows: int, batch: int, prefix: str) -> int:
    """Statements of an applied import of `rows` new licenses in batches of `batch`."""
    data = _file(tmp_path, rows, prefix)
    with pytest.MonkeyPatch.context() as patch, count_statements() as statements:
        patch.setattr(license_import_run, "BATCH", batch)
        job = await run_import(principal, "bench.csv", apply=True, data=data)
    assert job.status is JobStatus.SUCCEEDED, job.error
    assert job.result["created"] == rows
    return len(statements)


async def test_statements_per_batch_do_not_grow_with_its_rows(
    db: TestDatabase, tmp_path: Path
) -> None:
    admin = await admin_principal()
    # The first import creates the vendors, products and tags (a statement each, once).
    await _applied(admin, tmp_path, 40, 40, "WARM")
    # One batch of 10 rows, one batch of 40 rows: the same statements.
    one_small = await _applied(admin, tmp_path, 10, 10, "A")
    one_large = await _applied(admin, tmp_path, 40, 40, "B")
    assert one_small == one_large
    # Two batches of 20: what one more batch costs, per pass (check, then write).
    two = await _applied(admin, tmp_path, 40, 20, "C")
    per_batch = two - one_large
    assert per_batch == PER_BATCH, db.backend
    assert await License.all().count() == 130
    # ...and every license has its event, on one intact chain.
    assert await AuditEvent.filter(action="license.create").count() == 130
    report = await audit_verify()
    assert report.problem is None
