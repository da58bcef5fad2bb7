"""One migration set applies to an empty SQLite, PostgreSQL and MariaDB database, and the
migrated schema matches the models (nothing pending, every model column present)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tortoise import Tortoise, connections
from tortoise.migrations.autodetector import MigrationAutodetector

import licman.migrations
from licman.db import APPS_CONFIG, migration_status

pytestmark = pytest.mark.usefixtures("db")

MIGRATION_FILES = sorted(p.stem for p in Path(licman.migrations.__file__).parent.glob("[0-9]*.py"))


async def test_every_migration_is_applied_and_none_pending() -> None:
    applied, pending = await migration_status()
    assert pending == []
    assert applied == MIGRATION_FILES
    assert MIGRATION_FILES  # there is at least the initial migration


async def test_models_have_no_changes_missing_from_the_migrations() -> None:
    detector = MigrationAutodetector(Tortoise.apps, APPS_CONFIG)
    writers = await detector.changes()
    assert [w.name for w in writers] == [], "run `licman db makemigrations` and commit the file"


async def test_every_model_column_exists_in_the_migrated_tables() -> None:
    connection = connections.get("default")
    models = Tortoise.apps.get_models_iterable()
    checked = 0
    for model in models:
        meta = model._meta
        columns = [meta.fields_db_projection[name] for name in meta.db_fields]
        quote = "`" if connection.capabilities.dialect == "mysql" else '"'
        column_list = ", ".join(f"{quote}{c}{quote}" for c in columns)
        # Fails with "no such column" if the migrated table lacks any column the model uses.
        await connection.execute_query(
            f"SELECT {column_list} FROM {quote}{meta.db_table}{quote} WHERE 1 = 0"
        )
        checked += 1
    assert checked >= 15
