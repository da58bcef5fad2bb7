"""People who use Licman and their failed sign-ins (teams, sessions and API tokens have
their own modules)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from licman.models.base import FoldedKeyModel, TimestampedModel

if TYPE_CHECKING:
    from licman.models.api_token import ApiToken
    from licman.models.license import License, SeatAssignment
    from licman.models.session import Session
    from licman.models.team import TeamMembership


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
    sessions: fields.ReverseRelation[Session]
    api_tokens: fields.ReverseRelation[ApiToken]

    class Meta:
        table = "user"
        ordering = ["id"]


class LoginFailure(Model):
    # One failed sign-in, counted per account and per client IP for throttling when no Redis
    # is configured (with Redis, the counters live there instead).

    id = fields.BigIntField(primary_key=True)
    key = fields.CharField(max_length=300, db_index=True, description="account:<e-mail> or ip:<ip>")
    failed_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "login_failure"
