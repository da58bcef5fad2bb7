"""Trigram indexes for `licenses(search: ...)` on PostgreSQL: substring matches (LIKE '%term%')
on the license's name, notes and external id and on the folded names of products, vendors and
tags can use a GIN index instead of reading every row. The expressions are the ones the
search sends (`UPPER(CAST(col AS VARCHAR))` for the case-insensitive columns, the folded
`name_key` as it is), or PostgreSQL would not use them. pg_trgm is a trusted extension
(PostgreSQL 13+): the database's owner may create it.

SQLite and MariaDB get nothing: no index serves a leading-wildcard LIKE there (MariaDB's
FULLTEXT matches words, not substrings), so their search reads the visible licenses; see
docs/performance.md for the figures.

Written by hand: no model changes, so `licman db makemigrations` has nothing to generate."""

from tortoise import migrations

from licman.migration_ops import RunSQLPerDialect

INDEXES = [
    ("license_name_trgm", "license", 'UPPER(CAST("name" AS VARCHAR))'),
    ("license_notes_trgm", "license", 'UPPER(CAST("notes" AS VARCHAR))'),
    ("license_external_id_trgm", "license", 'UPPER(CAST("external_id" AS VARCHAR))'),
    ("product_name_key_trgm", "product", 'CAST("name_key" AS VARCHAR)'),
    ("vendor_name_key_trgm", "vendor", 'CAST("name_key" AS VARCHAR)'),
    ("tag_name_key_trgm", "tag", 'CAST("name_key" AS VARCHAR)'),
]

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    *(
        f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin (({expression}) gin_trgm_ops)'
        for name, table, expression in INDEXES
    ),
]

POSTGRES_BACKWARD = [f'DROP INDEX IF EXISTS "{name}"' for name, _, _ in INDEXES]


class Migration(migrations.Migration):
    dependencies = [("licman", "0005_oauth")]

    initial = False

    operations = [
        RunSQLPerDialect(
            forward={"postgres": POSTGRES},
            backward={"postgres": POSTGRES_BACKWARD},
        ),
    ]
