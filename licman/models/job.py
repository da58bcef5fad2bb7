"""Batch jobs (import, export, digests, reports, key rotation) and their progress."""

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

    class Meta:
        table = "job"
        constraints = [
            CheckConstraint(check="progress_done >= 0", name="job_progress_nonnegative"),
        ]
