"""Files of jobs (uploads to import, skipped rows to fix, exports), kept in the database in
encrypted chunks: any worker on any machine can read them, memory stays flat, and a file
that holds license secrets (most imports do) is never plaintext at rest. Each chunk is a
Fernet token bound to its file and position (security/secrets.py)."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import timedelta
from pathlib import Path

from tortoise.transactions import in_transaction

from licman.models import Job, JobFile, JobFileChunk
from licman.resolvers.common import now, require_signed_in
from licman.resolvers.errors import invalid, not_found
from licman.security.permissions import job_visible, may_use_upload
from licman.security.principal import Principal
from licman.security.secrets import keyring

CHUNK = 256 * 1024
# Uploads and job files are deleted this long after they were made (see `files_expire`).
RETENTION = timedelta(days=7)


def _binding(file_id: int, seq: int) -> str:
    return f"job_file:{file_id}:{seq}"


async def file_store(
    principal: Principal,
    role: str,
    name: str,
    chunks: AsyncIterator[bytes],
    *,
    job_id: int | None = None,
    content_type: str = "application/octet-stream",
    max_bytes: int | None = None,
) -> JobFile:
    """Store a stream as an encrypted file; refuse it past `max_bytes` (nothing is kept)."""
    require_signed_in(principal)
    ring = keyring()
    record = await JobFile.create(
        role=role,
        name=name[:255] or "file",
        content_type=content_type[:100],
        job_id=job_id,
        created_by_id=principal.user.id if principal.user else None,
    )
    digest, size, seq, buffer = hashlib.sha256(), 0, 0, b""
    try:
        async for piece in chunks:
            size += len(piece)
            if max_bytes is not None and size > max_bytes:
                raise invalid("file", f"the file is larger than {max_bytes // (1024 * 1024)} MiB")
            digest.update(piece)
            buffer += piece
            while len(buffer) >= CHUNK:
                await _chunk(
                    ring.encrypt_blob(_binding(record.id, seq), buffer[:CHUNK]), record, seq
                )
                buffer, seq = buffer[CHUNK:], seq + 1
        if buffer or seq == 0:
            await _chunk(ring.encrypt_blob(_binding(record.id, seq), buffer), record, seq)
    except BaseException:
        await record.delete()
        raise
    record.size, record.sha256, record.complete = size, digest.hexdigest(), True
    await record.save(update_fields=["size", "sha256", "complete"])
    return record


async def _chunk(token: bytes, record: JobFile, seq: int) -> None:
    await JobFileChunk.create(file_id=record.id, seq=seq, data=token)


async def file_chunks(file_id: int, *, chunks: int | None = None) -> AsyncIterator[bytes]:
    """The plaintext, chunk by chunk (one chunk in memory at a time); only the first
    `chunks` chunks if given."""
    ring = keyring()
    seq = 0
    while chunks is None or seq < chunks:
        rows = await JobFileChunk.filter(file_id=file_id, seq__gte=seq).order_by("seq").limit(8)
        if not rows:
            return
        for row in rows:
            yield ring.decrypt_blob(_binding(file_id, row.seq), bytes(row.data))
            seq = row.seq + 1


@asynccontextmanager
async def file_on_disk(file_id: int, *, chunks: int | None = None) -> AsyncIterator[Path]:
    """The plaintext in a private temporary file (mode 0600, deleted on exit), for parsers
    that read files; a worker's own disk, never shared. `chunks`: only the file's head."""
    with tempfile.TemporaryDirectory(prefix="licman-job-") as folder:
        path = Path(folder) / "data"
        with path.open("wb") as out:
            async for piece in file_chunks(file_id, chunks=chunks):
                out.write(piece)
        yield path


@contextmanager
def new_temp_path() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="licman-out-") as folder:
        yield Path(folder) / "data"


async def path_chunks(path: Path) -> AsyncIterator[bytes]:
    with path.open("rb") as handle:
        while piece := handle.read(CHUNK):
            yield piece


async def upload_get(principal: Principal, upload_id: int) -> JobFile:
    """An upload of P's own (the system principal may use any)."""
    require_signed_in(principal)
    upload = await JobFile.get_or_none(id=upload_id, role="upload", complete=True)
    if upload is None or not may_use_upload(principal, upload.created_by_id):
        raise not_found("upload", "uploadId")
    return upload


async def job_files(job_id: int) -> list[JobFile]:
    """The finished files a job wrote (for a job its caller already may see)."""
    return await JobFile.filter(job_id=job_id, complete=True).order_by("id")


async def job_file_get(principal: Principal, file_id: int) -> JobFile:
    """A file a job wrote, for those who may see the job."""
    require_signed_in(principal)
    record = await JobFile.get_or_none(id=file_id, complete=True, job_id__isnull=False)
    if record is None:
        raise not_found("file")
    job = await Job.get_or_none(id=record.job_id)
    if job is None or not job_visible(principal, job.created_by_id, _client_of(job)):
        raise not_found("file")
    return record


async def files_expire(retention: timedelta = RETENTION) -> int:
    """Delete files older than the retention (their chunks go with them)."""
    async with in_transaction():
        old = await JobFile.filter(created_at__lt=now() - retention).values_list("id", flat=True)
        if old:
            await JobFile.filter(id__in=list(old)).delete()
    return len(old)


def _client_of(job: Job) -> str | None:
    """The OAuth client that started the job for itself (no user), if one did."""
    actor = job.actor or {}
    client = actor.get("oauth_client_id") if actor.get("kind") == "oauth_client" else None
    return str(client) if client else None
