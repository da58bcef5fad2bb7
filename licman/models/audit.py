"""The audit log (hash-chained, append-only) and the API request log."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model


class AuditEvent(Model):
    # One change or secret reveal, chained to the previous event by hash.

    # Actor ids are plain values, not foreign keys, so that removing a user never rewrites
    # history (and never breaks the hash chain).

    id = fields.BigIntField(primary_key=True)
    occurred_at = fields.DatetimeField(db_index=True)
    actor_kind = fields.CharField(max_length=16, description="user, token, oauth, system")
    actor_user_id = fields.IntField(null=True, db_index=True)
    actor_label = fields.CharField(max_length=254, default="")
    api_token_id = fields.IntField(null=True)
    oauth_client_id = fields.CharField(max_length=64, null=True)
    ip = fields.CharField(max_length=45, default="")
    user_agent = fields.CharField(max_length=512, default="")
    request_id = fields.CharField(max_length=64, default="")
    action = fields.CharField(max_length=64, db_index=True, description="e.g. license.reveal")
    object_type = fields.CharField(max_length=32, default="")
    object_id = fields.CharField(max_length=64, default="")
    changes = fields.JSONField[dict[str, Any]](default=dict, description="before/after, redacted")
    prev_hash = fields.CharField(max_length=64)
    hash = fields.CharField(max_length=64, unique=True)

    class Meta:
        table = "audit_event"
        ordering = ["id"]


class AuditChainHead(Model):
    # The single row (id 1) holding the newest event's hash. Appending an event locks and
    # updates it, so concurrent writers extend the chain one after another, never forking it.

    id = fields.IntField(primary_key=True)
    last_event_id = fields.BigIntField(default=0)
    last_hash = fields.CharField(max_length=64)

    class Meta:
        table = "audit_chain_head"


class ApiRequest(Model):
    # One GraphQL operation: who, from where, what, how long, and how it ended.

    id = fields.BigIntField(primary_key=True)
    occurred_at = fields.DatetimeField(db_index=True)
    principal_kind = fields.CharField(max_length=16)
    user_id = fields.IntField(null=True, db_index=True)
    api_token_id = fields.IntField(null=True)
    oauth_client_id = fields.CharField(max_length=64, null=True)
    ip = fields.CharField(max_length=45, default="")
    user_agent = fields.CharField(max_length=512, default="")
    request_id = fields.CharField(max_length=64, default="")
    operation_name = fields.CharField(max_length=200, default="")
    operation_type = fields.CharField(max_length=16, default="")
    duration_ms = fields.IntField(default=0)
    outcome = fields.CharField(max_length=16, description="ok, error, denied, invalid")
    status_code = fields.SmallIntField(default=200)

    class Meta:
        table = "api_request"
