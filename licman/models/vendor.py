"""Vendors (the products they sell have their own module)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint

from licman.models.base import FoldedKeyModel, TimestampedModel

if TYPE_CHECKING:
    from licman.models.product import Product
    from licman.models.user import User


class Vendor(FoldedKeyModel, TimestampedModel):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    name_key = fields.CharField(max_length=200, unique=True)
    website = fields.CharField(max_length=2048, null=True)
    notes = fields.TextField(default="")
    archived_at = fields.DatetimeField(null=True)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "licman.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    updated_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "licman.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    version = fields.IntField(default=1)

    products: fields.ReverseRelation[Product]

    class Meta:
        table = "vendor"
        constraints = [CheckConstraint(check="version >= 1", name="vendor_version_positive")]
