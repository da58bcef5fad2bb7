"""Teams and who belongs to them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from licman.models.base import FoldedKeyModel, TimestampedModel

if TYPE_CHECKING:
    from licman.models.user import User


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
