"""Job kind `keys_rotate`: add a key to the secret key ring and re-encrypt every secret under
it, resumably (licman/resolvers/keys_job.py does the work)."""

from __future__ import annotations

from typing import Any

from licman.resolvers.job_run import JobRun
from licman.resolvers.keys_job import KIND, keys_rotate_run
from licman.workers.registry import job_kind


@job_kind(KIND, "Rotate the secret key ring: a new key, every secret re-encrypted under it.")
async def keys_rotate(run: JobRun) -> dict[str, Any]:
    return await keys_rotate_run(run)
