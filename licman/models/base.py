"""Shared pieces of the models: timestamps, case-insensitive keys, optimistic locking."""

from __future__ import annotations

from collections.abc import Iterable

from tortoise import fields
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model


def fold(value: str) -> str:
    """The case-insensitive key of a name or e-mail: what the unique constraints compare."""
    return value.strip().casefold()


class TimestampedModel(Model):
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        abstract = True


class FoldedKeyModel(Model):
    """A model with a unique, case-folded copy of one text field in `<field>_key`.

    Uniqueness is enforced by the database on the `_key` column, so "Adobe" and "ADOBE" clash
    on SQLite, PostgreSQL and MariaDB alike, whatever their collations.
    """

    folded_field: str = "name"

    class Meta:
        abstract = True

    async def save(
        self,
        using_db: BaseDBAsyncClient | None = None,
        update_fields: Iterable[str] | None = None,
        force_create: bool = False,
        force_update: bool = False,
    ) -> None:
        key_field = f"{self.folded_field}_key"
        setattr(self, key_field, fold(getattr(self, self.folded_field)))
        if update_fields is not None:
            update_fields = {*update_fields, key_field}
        await super().save(using_db, update_fields, force_create, force_update)
