"""People who use Licman, their teams, sessions and personal API tokens."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from licman.models.base import FoldedKeyModel, TimestampedModel

if TYPE_CHECKING:
    from licman.models.license import License, SeatAssignment


class Role(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    MEMBER = "member"
    AUDITOR = "auditor"


class User(FoldedKeyModel, TimestampedModel):
    folded_field = "email"

    id = fields.IntField(primary_key=True)
    email = fields.CharField(max_length=254)
    email_key = fields.CharField(max_length=254, unique=True)
    name = fields.CharField(max_length=200, default="")
    role = fields.CharEnumField(Role, max_length=16, default=Role.MEMBER)
    # Argon2id PHC string; null for an invited user who has not set a password yet.
    password_hash = fields.CharField(max_length=255, null=True)
    is_active = fields.BooleanField(default=True)
    last_login_at = fields.DatetimeField(null=True)
    password_changed_at = fields.DatetimeField(null=True)

    owned_licenses: fields.ReverseRelation[License]
    seats: fields.ReverseRelation[SeatAssignment]
    memberships: fields.ReverseRelation[TeamMembership]

    class Meta:
        table = "user"
        ordering = ["id"]


class Team(FoldedKeyModel, TimestampedModel):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    name_key = fields.CharField(max_length=200, unique=True)
    description = fields.TextField(default="")

    memberships: fields.ReverseRelation[TeamMembership]

    class Meta:
        table = "team"


class TeamMembership(Model):
    id = fields.IntField(primary_key=True)
    team: fields.ForeignKeyRelation[Team] = fields.ForeignKeyField(
        "licman.Team", related_name="memberships", on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "licman.User", related_name="memberships", on_delete=fields.CASCADE, db_index=True
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    team_id: int
    user_id: int

    class Meta:
        table = "team_membership"
        unique_together = (("team", "user"),)


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


class LoginFailure(Model):
    # One failed sign-in, counted per account and per client IP for throttling when no Redis
    # is configured (with Redis, the counters live there instead).

    id = fields.BigIntField(primary_key=True)
    key = fields.CharField(max_length=300, db_index=True, description="account:<e-mail> or ip:<ip>")
    failed_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "login_failure"
