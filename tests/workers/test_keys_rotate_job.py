"""Key rotation as a job, in-process (the task function a worker runs), on every database:
it rotates, and a run that dies between batches (as a worker killed with SIGKILL would,
leaving the job running under a lease) is resumed by the next run after its checkpoint:
every secret re-encrypted exactly once, one key added, one audit event."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from licman.models import AuditEvent, Job, JobStatus, License
from licman.resolvers import keys_job
from licman.resolvers.common import now
from licman.resolvers.keys_job import keys_rotate_start
from licman.resolvers.license import LicenseInput, license_create
from licman.resolvers.product import ProductInput, product_create
from licman.resolvers.vendor import VendorInput, vendor_create
from licman.security import secrets as ring_module
from licman.security.principal import Principal, PrincipalKind, system
from licman.security.secrets import KeyRing, activate, keyring
from licman.workers.runner import run_job
from tests.backends import TestDatabase
from tests.imports import SETTINGS

SECRETS = 30
BATCH = 4


class Killed(BaseException):
    """Not an Exception: like SIGKILL, the runner gets no chance to mark the job failed."""


@pytest_asyncio.fixture(loop_scope="session")
async def ring_file(db: TestDatabase, tmp_path: Path) -> AsyncIterator[KeyRing]:
    before = ring_module._active
    ring = KeyRing.generate(tmp_path / "secrets" / "keyring.json")
    ring.save()
    activate(ring)
    try:
        yield ring
    finally:
        activate(before)


async def with_secrets(count: int) -> dict[int, str]:
    actor = system("tests")
    vendor = await vendor_create(actor, VendorInput(name="Vendor"))
    product = await product_create(actor, ProductInput(vendor_id=vendor.id, name="P"))
    made = {}
    for n in range(count):
        data = LicenseInput(product_id=product.id, name=f"L{n}", secret=f"secret-{n}")
        made[(await license_create(actor, data)).id] = f"secret-{n}"
    return made


async def stored() -> dict[int, str]:
    rows = await License.filter(secret_ciphertext__not_isnull=True).values_list(
        "id", "secret_ciphertext"
    )
    return dict(rows)


async def test_a_rotation_job_puts_every_secret_under_a_new_key(
    ring_file: KeyRing,
) -> None:
    made = await with_secrets(SECRETS)
    job = await keys_rotate_start(system(), batch_size=BATCH)
    assert await run_job(job.id, SETTINGS) == "succeeded"
    done = await Job.get(id=job.id)
    assert done.result["reencrypted"] == SECRETS
    assert (done.result["keys"], done.result["keyAdded"], done.result["complete"]) == (
        2,
        True,
        True,
    )
    ring = KeyRing.from_file(ring_file.path)  # type: ignore[arg-type]
    assert len(ring.keys) == 2
    assert not ring.rotating
    for license_id, token in (await stored()).items():
        assert ring.under_newest_key(license_id, token)
        assert ring.decrypt(license_id, token) == made[license_id]
    event = await AuditEvent.get(action="keys.rotate")
    assert event.changes["reencrypted"] == SECRETS


async def test_a_run_killed_between_batches_is_resumed_without_double_work(
    ring_file: KeyRing, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = await with_secrets(SECRETS)
    job = await keys_rotate_start(system(), batch_size=BATCH)
    real = keys_job._reencrypt
    seen: list[list[int]] = []

    def dies_on_third_batch(ring: KeyRing, rows: list[tuple[int, str]]) -> Any:
        seen.append([license_id for license_id, _ in rows])
        if len(seen) == 3:
            raise Killed
        return real(ring, rows)

    monkeypatch.setattr(keys_job, "_reencrypt", dies_on_third_batch)
    with pytest.raises(Killed):
        await run_job(job.id, SETTINGS)
    halfway = await Job.get(id=job.id)
    assert halfway.status is JobStatus.RUNNING
    assert halfway.checkpoint["reencrypted"] == 2 * BATCH
    assert halfway.checkpoint["last_id"] == seen[1][-1]
    ring = keyring()
    under_new = [lid for lid, tok in (await stored()).items() if ring.is_current(tok)]
    assert sorted(under_new) == sorted(seen[0] + seen[1])

    # Another worker: only once the dead one's lease ran out.
    assert await run_job(job.id, SETTINGS) == "skipped"
    await Job.filter(id=job.id).update(lease_until=now() - timedelta(seconds=1))
    seen.clear()
    monkeypatch.setattr(keys_job, "_reencrypt", real)
    calls: list[list[int]] = []

    def records(ring: KeyRing, rows: list[tuple[int, str]]) -> Any:
        calls.append([license_id for license_id, _ in rows])
        return real(ring, rows)

    monkeypatch.setattr(keys_job, "_reencrypt", records)
    assert await run_job(job.id, SETTINGS) == "succeeded"
    done = await Job.get(id=job.id)
    assert done.attempts == 2
    # It went on after the checkpoint: the batches done before were not read again in the
    # first round (the second round only checks, and finds nothing to do).
    assert min(calls[0]) > halfway.checkpoint["last_id"]
    assert done.result["reencrypted"] == SECRETS
    assert done.result["keys"] == 2
    assert done.result["keyAdded"] is True
    ring = KeyRing.from_file(ring_file.path)  # type: ignore[arg-type]
    assert len(ring.keys) == 2
    assert not ring.rotating
    for license_id, token in (await stored()).items():
        assert ring.under_newest_key(license_id, token)
        assert ring.decrypt(license_id, token) == made[license_id]
    assert await AuditEvent.filter(action="keys.rotate").count() == 1


async def test_only_the_command_line_may_rotate(ring_file: KeyRing) -> None:
    from licman.resolvers.errors import DomainError

    someone = Principal(PrincipalKind.SESSION)
    with pytest.raises(DomainError):
        await keys_rotate_start(someone)
    assert not await Job.exists()
