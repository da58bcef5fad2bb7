"""Signed audit reports in-process (the task function a worker runs), on every database:
who may make one, what it holds (filtered, secrets redacted, formulas neutralised), and
that any change to the file is found by `check_report`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import timedelta

import pytest

from licman.models import AuditEvent, Job, JobFile, JobStatus, Role, User
from licman.resolvers.audit import audit_record
from licman.resolvers.audit_report import ReportOptions, audit_report_start, check_report
from licman.resolvers.common import now
from licman.resolvers.errors import DomainError, ErrorCode
from licman.resolvers.job_file import file_chunks
from licman.security import signing
from licman.security.principal import Principal, PrincipalKind, system
from licman.security.signing import BadSignature, SigningKey
from licman.workers.runner import run_job
from tests.backends import TestDatabase
from tests.imports import SETTINGS


@pytest.fixture(autouse=True)
def site_key() -> Iterator[SigningKey]:
    before, key = signing._active, SigningKey.generate()
    signing.activate(key)
    yield key
    signing.activate(before)


async def person(role: Role) -> Principal:
    user = await User.create(email=f"{role.value}@example.com", name=role.value, role=role)
    return Principal(PrincipalKind.SESSION, user=user)


async def some_events() -> None:
    for n in range(3):
        await audit_record(system(), "license.update", "license", n, after={"n": n})
    await audit_record(
        system(),
        "license.update",
        "license",
        "=HYPERLINK(1)",
        before={"secret_ciphertext": "gAAAA-the-ciphertext", "name": "a"},
        after={"secret_ciphertext": "gAAAA-another", "name": "b"},
    )
    await audit_record(system(), "user.create", "user", 9, after={"email": "x@example.com"})


async def report_bytes(job: Job) -> bytes:
    record = await JobFile.get(job_id=job.id, role="audit_report")
    return b"".join([piece async for piece in file_chunks(record.id)])


async def run_report(principal: Principal, **options: object) -> Job:
    job = await audit_report_start(principal, ReportOptions(**options))  # type: ignore[arg-type]
    await run_job(job.id, SETTINGS)
    return await Job.get(id=job.id)


async def test_an_auditor_gets_a_signed_csv_of_the_filtered_events(
    db: TestDatabase, site_key: SigningKey
) -> None:
    auditor = await person(Role.AUDITOR)
    await some_events()
    job = await run_report(auditor, format="csv", action="license.")
    assert job.status is JobStatus.SUCCEEDED, job.error
    assert job.result["events"] == 4
    data = await report_bytes(job)
    checked = check_report(data, site_key.public)
    assert checked.signed["events"] == 4
    assert checked.signed["filter"]["action"] == "license."
    assert checked.signed["generated_by"] == "auditor@example.com"
    rows = list(csv.DictReader(io.StringIO(checked.content, newline="")))
    assert [r["action"] for r in rows] == ["license.update"] * 4
    # A spreadsheet would run it: neutralised. Secrets never appear, only that they changed.
    assert rows[3]["object_id"] == "'=HYPERLINK(1)"
    assert "gAAAA" not in data.decode()
    changes = json.loads(rows[3]["changes"])
    assert changes["before"]["secret_ciphertext"] == "[redacted]"
    assert changes["secrets_changed"] == ["secret_ciphertext"]
    # The hashes are in the report: it can be checked against the chain.
    first = await AuditEvent.filter(action="license.update").order_by("id").first()
    assert first is not None
    assert rows[0]["hash"] == first.hash
    # Making the report is itself audited (and not in the report).
    made = await AuditEvent.get(action="audit.report")
    assert made.actor_user_id == auditor.user.id if auditor.user else False
    assert made.changes["events"] == 4


async def test_a_json_report_of_a_time_range(db: TestDatabase, site_key: SigningKey) -> None:
    admin = await person(Role.ADMIN)
    await some_events()
    start = now()
    await audit_record(system(), "tag.create", "tag", 1, after={"name": "later"})
    job = await run_report(
        admin, format="json", occurred_after=start, occurred_before=now() + timedelta(seconds=5)
    )
    assert job.status is JobStatus.SUCCEEDED, job.error
    checked = check_report(await report_bytes(job), site_key.public)
    events = json.loads(checked.content)
    assert [e["action"] for e in events] == ["tag.create"]
    assert events[0]["changes"] == {"after": {"name": "later"}}


async def test_any_change_to_the_report_is_found(db: TestDatabase, site_key: SigningKey) -> None:
    auditor = await person(Role.AUDITOR)
    await some_events()
    job = await run_report(auditor, format="csv")
    data = await report_bytes(job)
    document = json.loads(data)

    altered = dict(document, content=document["content"].replace("license.update", "license.view"))
    with pytest.raises(BadSignature, match="content was altered"):
        check_report(json.dumps(altered).encode(), site_key.public)
    fewer = dict(document, signed=dict(document["signed"], events=1))
    with pytest.raises(BadSignature, match="signature does not match"):
        check_report(json.dumps(fewer).encode(), site_key.public)
    with pytest.raises(BadSignature, match="signed by key"):
        check_report(data, SigningKey.generate().public)
    with pytest.raises(BadSignature, match="not JSON"):
        check_report(data[:-20], site_key.public)
    # Re-signed by someone else and claiming this key id: still refused.
    forged = SigningKey.generate().sign(document["signed"], content=document["content"])
    forged["key_id"] = site_key.key_id
    with pytest.raises(BadSignature, match="signature does not match"):
        check_report(json.dumps(forged).encode(), site_key.public)


async def test_only_auditors_and_admins_may_make_reports(db: TestDatabase) -> None:
    for role in (Role.MEMBER, Role.MANAGER):
        with pytest.raises(DomainError) as refused:
            await audit_report_start(await person(role), ReportOptions())
        assert refused.value.code is ErrorCode.FORBIDDEN
    token = await person(Role.AUDITOR)
    scoped = Principal(PrincipalKind.TOKEN, user=token.user, scopes=frozenset({"account"}))
    with pytest.raises(DomainError, match="audit:read"):
        await audit_report_start(scoped, ReportOptions())
    assert not await Job.exists()


async def test_bad_options_are_refused_by_field(db: TestDatabase) -> None:
    admin = await person(Role.ADMIN)
    with pytest.raises(DomainError) as refused:
        await audit_report_start(
            admin,
            ReportOptions(
                format="xml",
                action="Not An Action",
                occurred_after=now(),
                occurred_before=now() - timedelta(days=1),
            ),
        )
    fields = {e.field for e in refused.value.errors}
    assert fields == {"format", "filter.action", "filter.occurredBefore"}


async def test_a_user_who_lost_the_right_before_the_job_ran_gets_nothing(
    db: TestDatabase,
) -> None:
    auditor = await person(Role.AUDITOR)
    await some_events()
    job = await audit_report_start(auditor, ReportOptions())
    assert auditor.user is not None
    await User.filter(id=auditor.user.id).update(role=Role.MEMBER)
    await run_job(job.id, SETTINGS)
    done = await Job.get(id=job.id)
    assert done.status is JobStatus.FAILED
    assert "may no longer read the audit log" in done.error
    assert not await JobFile.filter(job_id=job.id).exists()


class Killed(BaseException):
    """Not an Exception: like SIGKILL, the runner gets no chance to mark the job failed."""


async def test_a_report_killed_after_storing_its_file_is_redone_once(
    db: TestDatabase, site_key: SigningKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    from licman.resolvers import audit_report as module

    auditor = await person(Role.AUDITOR)
    await some_events()
    job = await audit_report_start(auditor, ReportOptions())
    real = module.audit_record_many

    async def dies(*args: object, **kwargs: object) -> int:
        raise Killed

    monkeypatch.setattr(module, "audit_record_many", dies)
    with pytest.raises(Killed):
        await run_job(job.id, SETTINGS)
    assert await JobFile.filter(job_id=job.id).count() == 1  # stored, the job not finished
    await audit_record(system(), "later.event", "thing", 1)  # not in the report: after it began
    monkeypatch.setattr(module, "audit_record_many", real)
    await Job.filter(id=job.id).update(lease_until=now() - timedelta(seconds=1))
    assert await run_job(job.id, SETTINGS) == "succeeded"
    done = await Job.get(id=job.id)
    assert (done.attempts, done.result["events"]) == (2, 5)
    assert await JobFile.filter(job_id=job.id).count() == 1
    assert await AuditEvent.filter(action="audit.report").count() == 1
    assert "later.event" not in check_report(await report_bytes(done), site_key.public).content
