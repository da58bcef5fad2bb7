"""Products: what a vendor sells."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint

from licman.models.base import FoldedKeyModel, TimestampedModel
from licman.models.vendor import Vendor

if TYPE_CHECKING:
    from licman.models.license import License
    from licman.models.user import User


class Product(FoldedKeyModel, TimestampedModel):
    id = fields.IntField(primary_key=True)
    vendor: fields.ForeignKeyRelation[Vendor] = fields.ForeignKeyField(
        "licman.Vendor", related_name="products", on_delete=fields.RESTRICT
    )
    name = fields.CharField(max_length=200)
    name_key = fields.CharField(max_length=200)
    notes = fields.TextField(default="")
    archived_at = fields.DatetimeField(null=True)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "licman.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    updated_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "licman.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    version = fields.IntField(default=1)

    licenses: fields.ReverseRelation[License]
    vendor_id: int

    class Meta:
        table = "product"
        unique_together = (("vendor", "name_key"),)
        constraints = [CheckConstraint(check="version >= 1", name="product_version_positive")]
