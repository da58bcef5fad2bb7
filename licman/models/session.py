"""Signed-in browser sessions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from licman.models.user import User


class Session(Model):
    # A signed-in browser. The cookie holds a random key, and only its SHA-256 is stored.

    id = fields.IntField(primary_key=True)
    key_hash = fields.CharField(max_length=64, unique=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "licman.User", related_name="sessions", on_delete=fields.CASCADE, db_index=True
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    last_seen_at = fields.DatetimeField()
    expires_at = fields.DatetimeField(description="Absolute end, whatever the activity.")
    ip = fields.CharField(max_length=45, default="")
    user_agent = fields.CharField(max_length=512, default="")
    revoked_at = fields.DatetimeField(null=True)
    user_id: int

    class Meta:
        table = "session"
