"""Tags: labels put on licenses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields

from licman.models.base import FoldedKeyModel

if TYPE_CHECKING:
    from licman.models.license import License


class Tag(FoldedKeyModel):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=64)
    name_key = fields.CharField(max_length=64, unique=True)
    color = fields.CharField(max_length=7, null=True, description="#rrggbb")
    archived_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    licenses: fields.ManyToManyRelation[License]

    class Meta:
        table = "tag"
