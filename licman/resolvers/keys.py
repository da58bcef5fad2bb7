"""The secret key ring: rotate to a new key, re-encrypt every secret under the newest key,
and report where things stand. Run from the command line (the system principal) only.

`licman keys rotate` runs the rotation as a resumable job (licman/resolvers/keys_job.py,
which uses `_scan` and the rules here); `keys_rotate` below is the same rotation in one call,
without a job (kept for programs and tests that rotate in-process)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from tortoise.transactions import in_transaction

from licman.models import License
from licman.resolvers.audit import audit_record
from licman.resolvers.errors import forbidden, invalid
from licman.security.keyring_setup import prepare_keyring
from licman.security.principal import Principal, PrincipalKind
from licman.security.secrets import (
    KeyRing,
    KeyRingError,
    SecretError,
    activate,
    load_keyring,
    ring_lock,
    ring_path,
)
from licman.settings import Settings

# A rotation re-scans until a round finds nothing left to re-encrypt: the second round
# catches secrets a running server wrote under the old key while the first was under way.
MAX_ROUNDS = 4
ENV_RING_ROTATE = (
    "the key ring comes from LICMAN_SECRET_KEYS, which this command cannot change: put a new "
    "key first in LICMAN_SECRET_KEYS (keep the old ones after it), restart every Licman "
    "process, then run `licman keys reencrypt`"
)


@dataclass(frozen=True, slots=True)
class RotationProgress:
    """After each batch: which round, how many secrets it has checked of how many."""

    round: int
    checked: int
    total: int
    reencrypted: int


Progress = Callable[[RotationProgress], object]


@dataclass
class RotationReport:
    keys: int  # in the ring afterwards
    key_added: bool  # False when finishing an interrupted rotation, or re-encrypting only
    reencrypted: int  # secrets this run moved to the newest key
    current: int  # secrets under the newest key at the end
    older: int  # secrets still under an older key at the end (written during the run)
    failed: list[int]  # license ids whose secret does not decrypt with the ring
    seconds: float

    @property
    def complete(self) -> bool:
        return not self.failed and not self.older


@dataclass
class KeyStatus:
    source: str  # the ring file, or LICMAN_SECRET_KEYS
    keys: int
    rotating: bool
    current: int
    older: int
    failed: list[int]

    @property
    def up_to_date(self) -> bool:
        return not self.rotating and not self.older and not self.failed


@dataclass
class _Round:
    checked: int = 0
    current: int = 0
    older: int = 0
    reencrypted: int = 0
    raced: int = 0  # changed by someone else between our read and our write
    failed: list[int] = field(default_factory=list)


def _require_system(principal: Principal) -> None:
    if principal.kind is not PrincipalKind.SYSTEM:
        raise forbidden("manage the secret key ring")


def _check_batch_size(batch_size: int) -> None:
    if batch_size < 1:
        raise invalid("batchSize", "batch size must be at least 1")


async def _scan(
    ring: KeyRing, batch_size: int, *, write: bool, round_: int, progress: Progress | None
) -> _Round:
    """One pass over every stored secret in id order, a batch at a time. With `write`, each
    batch's secrets that are under an older key are re-encrypted in one transaction."""
    result = _Round()
    stored = License.filter(secret_ciphertext__not_isnull=True)
    total = await stored.count()
    last_id = 0
    while True:
        rows: list[tuple[int, str]] = await (
            stored.filter(id__gt=last_id)
            .order_by("id")
            .limit(batch_size)
            .values_list("id", "secret_ciphertext")
        )
        if not rows:
            return result
        last_id = rows[-1][0]
        updates: list[tuple[int, str, str]] = []
        for license_id, token in rows:
            try:
                if ring.under_newest_key(license_id, token):
                    result.current += 1
                    continue
            except SecretError:
                result.failed.append(license_id)
                continue
            if write:
                updates.append((license_id, token, ring.reencrypt(license_id, token)))
            else:
                result.older += 1
        if updates:
            async with in_transaction():
                for license_id, old, new in updates:
                    # Only if unchanged since we read it: a secret set meanwhile must win.
                    changed = await License.filter(id=license_id, secret_ciphertext=old).update(
                        secret_ciphertext=new
                    )
                    if changed:
                        result.reencrypted += 1
                    else:
                        result.raced += 1
        result.checked += len(rows)
        if progress is not None:
            progress(RotationProgress(round_, result.checked, total, result.reencrypted))


async def _reencrypt_all(
    principal: Principal,
    ring: KeyRing,
    action: str,
    *,
    key_added: bool,
    batch_size: int,
    progress: Progress | None,
    started: float,
) -> RotationReport:
    """Re-encrypt until a round finds nothing to do, then record one audit event."""
    reencrypted = 0
    final: _Round | None = None
    for round_ in range(1, MAX_ROUNDS + 1):
        result = await _scan(ring, batch_size, write=True, round_=round_, progress=progress)
        reencrypted += result.reencrypted
        if not result.reencrypted and not result.raced:
            final = result
            break
    if final is None:  # still busy after MAX_ROUNDS: count what is left
        final = await _scan(ring, batch_size, write=False, round_=MAX_ROUNDS + 1, progress=None)
    report = RotationReport(
        keys=len(ring.keys),
        key_added=key_added,
        reencrypted=reencrypted,
        current=final.current,
        older=final.older,
        failed=sorted(final.failed),
        seconds=round(time.monotonic() - started, 3),
    )
    async with in_transaction():
        await audit_record(
            principal,
            action,
            "keyring",
            None,
            extra={
                "keys": report.keys,
                "key_added": report.key_added,
                "reencrypted": report.reencrypted,
                "current": report.current,
                "older": report.older,
                "failed": len(report.failed),
                "failed_license_ids": report.failed[:100],
                "complete": report.complete,
            },
        )
    return report


def _file_ring(settings: Settings) -> KeyRing:
    """The ring as saved now (read under the lock: another process may have changed it)."""
    ring = load_keyring(settings)
    if ring is None:  # prepare_keyring created it; only a concurrent delete gets here
        raise KeyRingError("the secret key ring disappeared while starting; try again")
    return ring


async def keys_rotate(
    principal: Principal,
    settings: Settings,
    *,
    batch_size: int = 500,
    progress: Progress | None = None,
) -> RotationReport:
    """Add a new key and re-encrypt every secret under it. The ring is saved with the new key
    (marked `rotating`) before any secret is touched, so an interruption at any point leaves
    every secret readable; running it again finishes the same rotation without a second key."""
    _require_system(principal)
    _check_batch_size(batch_size)
    if settings.secret_keys:
        raise KeyRingError(ENV_RING_ROTATE)
    started = time.monotonic()
    await prepare_keyring(settings)  # refuses a lost or wrong ring; creates a first one
    with ring_lock(settings):
        ring = _file_ring(settings)
        key_added = not ring.rotating
        if key_added:
            ring = ring.with_new_key()
            ring.save()
            activate(ring)
        report = await _reencrypt_all(
            principal,
            ring,
            "keys.rotate",
            key_added=key_added,
            batch_size=batch_size,
            progress=progress,
            started=started,
        )
        if report.complete:  # otherwise a re-run must finish this rotation, not start one
            ring.rotating = False
            ring.save()
    return report


async def keys_reencrypt(
    principal: Principal,
    settings: Settings,
    *,
    batch_size: int = 500,
    progress: Progress | None = None,
) -> RotationReport:
    """Re-encrypt every secret under the ring's newest key, adding no key: after a new key
    was put first in LICMAN_SECRET_KEYS (and every process restarted), or to finish an
    interrupted rotation of the ring file."""
    _require_system(principal)
    _check_batch_size(batch_size)
    started = time.monotonic()
    ring = await prepare_keyring(settings)
    if ring.path is None:
        return await _reencrypt_all(
            principal,
            ring,
            "keys.reencrypt",
            key_added=False,
            batch_size=batch_size,
            progress=progress,
            started=started,
        )
    with ring_lock(settings):
        ring = _file_ring(settings)
        report = await _reencrypt_all(
            principal,
            ring,
            "keys.reencrypt",
            key_added=False,
            batch_size=batch_size,
            progress=progress,
            started=started,
        )
        if report.complete and ring.rotating:
            ring.rotating = False
            ring.save()
    return report


async def keys_status(
    principal: Principal, settings: Settings, *, batch_size: int = 500
) -> KeyStatus:
    """How many keys, whether a rotation is pending, and where the stored secrets stand."""
    _require_system(principal)
    _check_batch_size(batch_size)
    ring = load_keyring(settings)  # as configured: status neither creates nor refuses a ring
    if ring is None:
        stored = await License.filter(secret_ciphertext__not_isnull=True).count()
        what = (
            f"{stored} license secret(s) are encrypted with it: restore it from backup"
            if stored
            else "`licman init` or the first start of the server creates it"
        )
        raise KeyRingError(
            f"there is no secret key ring ({ring_path(settings)} or LICMAN_SECRET_KEYS); {what}"
        )
    result = await _scan(ring, batch_size, write=False, round_=1, progress=None)
    return KeyStatus(
        source=ring.source,
        keys=len(ring.keys),
        rotating=ring.rotating,
        current=result.current,
        older=result.older,
        failed=sorted(result.failed),
    )
