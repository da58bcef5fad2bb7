"""Per-object grants: rights on one license, or on every license of a vendor, given to a
user or to a team."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from licman.models.license import License
from licman.models.team import Team
from licman.models.user import User
from licman.models.vendor import Vendor


class GrantRight(StrEnum):
    VIEW = "view"
    CHANGE = "change"
    ASSIGN = "assign"
    REVEAL = "reveal"
    DELETE = "delete"


class Grant(Model):
    id = fields.IntField(primary_key=True)
    license: fields.ForeignKeyNullableRelation[License] = fields.ForeignKeyField(
        "licman.License", related_name=False, null=True, on_delete=fields.CASCADE, db_index=True
    )
    vendor: fields.ForeignKeyNullableRelation[Vendor] = fields.ForeignKeyField(
        "licman.Vendor", related_name=False, null=True, on_delete=fields.CASCADE, db_index=True
    )
    user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "licman.User", related_name=False, null=True, on_delete=fields.CASCADE, db_index=True
    )
    team: fields.ForeignKeyNullableRelation[Team] = fields.ForeignKeyField(
        "licman.Team", related_name=False, null=True, on_delete=fields.CASCADE, db_index=True
    )
    # Every right implies view.
    rights = fields.JSONField[list[str]](default=list)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "licman.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    license_id: int | None
    vendor_id: int | None
    user_id: int | None
    team_id: int | None

    class Meta:
        table = "access_grant"
        constraints = [
            CheckConstraint(
                check="(license_id IS NULL) <> (vendor_id IS NULL)", name="grant_one_object"
            ),
            CheckConstraint(
                check="(user_id IS NULL) <> (team_id IS NULL)", name="grant_one_grantee"
            ),
        ]
