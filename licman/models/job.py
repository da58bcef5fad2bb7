"""Batch jobs (import, export, digests, reports, key rotation): their progress, the outbox
that hands them to the queue, the errors they found by row, and the files they read or wrote."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from licman.models.user import User


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class Job(Model):
    id = fields.IntField(primary_key=True)
    kind = fields.CharField(max_length=64, description="Task name, e.g. licenses_import.")
    status = fields.CharEnumField(JobStatus, max_length=16, default=JobStatus.QUEUED)
    progress_done = fields.IntField(default=0)
    progress_total = fields.IntField(null=True)
    params = fields.JSONField[dict[str, Any]](default=dict)
    result = fields.JSONField[dict[str, Any]](default=dict)
    error = fields.TextField(default="")
    task_id = fields.CharField(max_length=64, null=True, description="Celery task id.")
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "licman.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    started_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)
    # Who started it, re-checked when it runs: principal kind, token id and scopes, origin.
    actor = fields.JSONField[dict[str, Any]](default=dict)
    # The run that may write: set when a worker claims the job, checked by every batch, so a
    # worker that lost its claim (its lease ran out and another took over) commits nothing.
    claim_token = fields.CharField(max_length=36, null=True)
    lease_until = fields.DatetimeField(null=True, db_index=True)
    attempts = fields.IntField(default=0, description="How many times a worker claimed it.")
    # Where a restarted run resumes; written in the same transaction as each batch.
    checkpoint = fields.JSONField[dict[str, Any]](default=dict)

    created_by_id: int | None

    class Meta:
        table = "job"
        constraints = [
            CheckConstraint(check="progress_done >= 0", name="job_progress_nonnegative"),
        ]


class JobOutbox(Model):
    # "Publish job N to the queue", written in the transaction that creates (or revives) the
    # job: a job started while Redis is down is kept here until a relay publishes it.
    id = fields.BigIntField(primary_key=True)
    job: fields.ForeignKeyRelation[Job] = fields.ForeignKeyField(
        "licman.Job", related_name=False, on_delete=fields.CASCADE, db_index=True
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    sent_at = fields.DatetimeField(null=True, db_index=True)
    attempts = fields.IntField(default=0)
    last_error = fields.CharField(max_length=500, default="")

    job_id: int

    class Meta:
        table = "job_outbox"


class JobRowError(Model):
    # One problem a job found in its input: which row and column, in plain words. Never the
    # value of a secret column.
    id = fields.BigIntField(primary_key=True)
    job: fields.ForeignKeyRelation[Job] = fields.ForeignKeyField(
        "licman.Job", related_name=False, on_delete=fields.CASCADE, db_index=True
    )
    row = fields.IntField(description="Row number as a spreadsheet shows it (header = 1).")
    column = fields.CharField(max_length=200, default="")
    code = fields.CharField(max_length=32)
    message = fields.CharField(max_length=1000)

    job_id: int

    class Meta:
        table = "job_row_error"


class JobFile(Model):
    # A file a job reads (an upload) or writes (skipped rows, exports), stored encrypted in
    # chunks so that any worker on any machine can read it, with memory flat.
    id = fields.IntField(primary_key=True)
    job: fields.ForeignKeyNullableRelation[Job] = fields.ForeignKeyField(
        "licman.Job", related_name=False, null=True, on_delete=fields.CASCADE, db_index=True
    )
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "licman.User", related_name=False, null=True, on_delete=fields.CASCADE, db_index=True
    )
    role = fields.CharField(max_length=32, description="upload, skipped_rows, export ...")
    name = fields.CharField(max_length=255)
    content_type = fields.CharField(max_length=100, default="application/octet-stream")
    size = fields.BigIntField(default=0)
    sha256 = fields.CharField(max_length=64, default="")
    complete = fields.BooleanField(default=False, description="All chunks written.")
    created_at = fields.DatetimeField(auto_now_add=True)

    job_id: int | None
    created_by_id: int | None

    class Meta:
        table = "job_file"


class JobFileChunk(Model):
    id = fields.BigIntField(primary_key=True)
    file: fields.ForeignKeyRelation[JobFile] = fields.ForeignKeyField(
        "licman.JobFile", related_name=False, on_delete=fields.CASCADE
    )
    seq = fields.IntField()
    data = fields.BinaryField(description="Fernet token of the chunk, bound to file and seq.")

    file_id: int

    class Meta:
        table = "job_file_chunk"
        unique_together = (("file", "seq"),)
