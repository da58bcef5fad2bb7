"""Personal API tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from licman.models.user import User


class ApiToken(Model):
    # A personal API token. Only its SHA-256 is stored; the prefix helps the owner recognise it.

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "licman.User", related_name="api_tokens", on_delete=fields.CASCADE, db_index=True
    )
    name = fields.CharField(max_length=100)
    prefix = fields.CharField(max_length=24)
    token_hash = fields.CharField(max_length=64, unique=True)
    # Scopes narrow the owner's rights; an empty list means "all of the owner's rights".
    scopes = fields.JSONField[list[str]](default=list)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField(null=True)
    last_used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    user_id: int

    class Meta:
        table = "api_token"
