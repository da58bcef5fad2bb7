"""Key rotation as a resumable job (kind `keys_rotate`): `licman keys rotate` starts it and
a worker (or the command itself, without Redis) runs it.

1. Under the ring's lock, add a key and save the ring marked `rotating` (unless a rotation
   is already pending), before any secret is touched; the checkpoint records it, so a
   resumed run never adds a second key.
2. Re-encrypt the secrets under an older key in id order, a batch per transaction; each
   batch's transaction also saves the checkpoint (the last license id done and the counts),
   under the job's fence. A worker killed mid-batch loses that batch only (rolled back); the
   next worker resumes after the checkpoint: nothing is re-encrypted twice, nothing missed.
3. Scan again until a round changes nothing (secrets a server wrote under the old key
   meanwhile), at most MAX_ROUNDS; count what is left, record `keys.rotate` in the audit
   log, and clear `rotating` when every secret is under the newest key.
"""

from __future__ import annotations

from typing import Any

from licman.models import Job, License
from licman.resolvers.audit import PendingEvent, audit_record_many
from licman.resolvers.errors import invalid
from licman.resolvers.job import job_start
from licman.resolvers.job_run import JobRefused, JobRun
from licman.resolvers.keys import ENV_RING_ROTATE, MAX_ROUNDS, _require_system, _scan
from licman.security.principal import Principal
from licman.security.secrets import (
    KeyRing,
    KeyRingError,
    SecretError,
    activate,
    keyring,
    ring_lock_at,
)

KIND = "keys_rotate"


async def keys_rotate_start(principal: Principal, *, batch_size: int = 500) -> Job:
    """Queue a rotation (the system principal only: the command line)."""
    _require_system(principal)
    if batch_size < 1:
        raise invalid("batchSize", "batch size must be at least 1")
    return await job_start(principal, KIND, {"batch_size": batch_size})


def _reencrypt(ring: KeyRing, rows: list[tuple[int, str]]) -> list[tuple[int, str, str]]:
    updates = []
    for license_id, token in rows:
        try:
            if ring.under_newest_key(license_id, token):
                continue
        except SecretError:
            continue  # counted by the final scan
        updates.append((license_id, token, ring.reencrypt(license_id, token)))
    return updates


async def keys_rotate_run(run: JobRun) -> dict[str, Any]:
    _require_system(run.principal)
    batch_size = int(run.job.params.get("batch_size", 500))
    ring = keyring()
    if ring.path is None:
        raise JobRefused(ENV_RING_ROTATE)
    try:
        with ring_lock_at(ring.path):
            return await _rotate(run, ring.path, batch_size)
    except KeyRingError as exc:
        raise JobRefused(str(exc)) from None


async def _rotate(run: JobRun, path: Any, batch_size: int) -> dict[str, Any]:
    ring = KeyRing.from_file(path)  # as saved now, under the lock
    cp: dict[str, Any] = dict(run.job.checkpoint)
    if "key_added" not in cp:
        key_added = not ring.rotating
        if key_added:
            ring = ring.with_new_key()
            ring.save()  # durable before any secret is written under the new key
        cp = {"key_added": key_added, "round": 1, "last_id": 0, "checked": 0,
              "reencrypted": 0, "round_changes": 0}  # fmt: skip
        async with run.batch() as conn:
            await run.save(conn, checkpoint=cp, done=0)
    activate(ring)
    if cp.get("result"):  # recorded before a crash: only the ring's flag was left to clear
        return _finish(ring, cp["result"])
    stored = License.filter(secret_ciphertext__not_isnull=True)
    total = await stored.count()
    while True:
        rows: list[tuple[int, str]] = await (
            stored.filter(id__gt=cp["last_id"])
            .order_by("id")
            .limit(batch_size)
            .values_list("id", "secret_ciphertext")
        )
        if not rows:
            if not cp["round_changes"] or cp["round"] >= MAX_ROUNDS:
                break
            cp.update(round=cp["round"] + 1, last_id=0, checked=0, round_changes=0)
            async with run.batch() as conn:
                await run.save(conn, checkpoint=cp, done=0)
            continue
        updates = _reencrypt(ring, rows)
        async with run.batch() as conn:  # the secrets and the checkpoint commit together
            for license_id, old, new in updates:
                # Only if unchanged since we read it: a secret set meanwhile must win.
                changed = await (
                    License.filter(id=license_id, secret_ciphertext=old)
                    .using_db(conn)
                    .update(secret_ciphertext=new)
                )
                cp["reencrypted"] += changed
                cp["round_changes"] += 1
            cp["last_id"] = rows[-1][0]
            cp["checked"] += len(rows)
            await run.save(conn, checkpoint=cp, done=cp["checked"], total=total)
    final = await _scan(ring, batch_size, write=False, round_=cp["round"] + 1, progress=None)
    complete = not final.failed and not final.older
    result = {
        "keys": len(ring.keys),
        "keyAdded": cp["key_added"],
        "reencrypted": cp["reencrypted"],
        "current": final.current,
        "older": final.older,
        "failed": len(final.failed),
        "failedLicenseIds": sorted(final.failed)[:100],
        "complete": complete,
    }
    async with run.batch() as conn:
        extra = {
            "keys": result["keys"],
            "key_added": result["keyAdded"],
            "reencrypted": result["reencrypted"],
            "current": final.current,
            "older": final.older,
            "failed": len(final.failed),
            "failed_license_ids": result["failedLicenseIds"],
            "complete": complete,
            "job_id": run.job.id,
        }
        await audit_record_many(
            run.principal, [PendingEvent("keys.rotate", "keyring", None, extra=extra)], conn
        )
        cp["result"] = result
        await run.save(conn, result=result, checkpoint=cp, done=total, total=total)
    return _finish(ring, result)


def _finish(ring: KeyRing, result: dict[str, Any]) -> dict[str, Any]:
    if result["complete"] and ring.rotating:  # else a re-run finishes this rotation
        ring.rotating = False
        ring.save()
    return result
