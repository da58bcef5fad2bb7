"""Two narrow indexes on PostgreSQL for a common search term's walk along the expiry order
(licman/resolvers/license_search.py, WalkQ).

A term on many licenses is found by walking the live licenses in (expires_on, id) order and
testing each one's search text (migration 0014) until a page is full. Through the expiry index
that reads each tested row from the license table (748 MB on 1,000,000 licenses); through
`license_search_walk`, which holds the search text beside the key, it is an index-only scan
(89 MB). A B-tree entry is at most 2,704 bytes, and notes may hold 10,000 characters: the
index holds the licenses whose search text is at most WALK_TEXT_BYTES long, and
`license_search_walk_long` (the others, normally none) lets the walk find those in the same
order. The walk reads both and merges them (one statement).

Index-only scans skip the table only for pages the visibility map marks all-visible:
autovacuum keeps it current; after a bulk load run `VACUUM (ANALYZE) license`.

SQLite and MariaDB get nothing: their search reads the tables as before. Building both on
1,000,000 licenses took 7 s (docs/operations.md). Written by hand: no model changes."""

from tortoise import migrations

from licman.migration_ops import RunSQLPerDialect

# Keep in step with licman.resolvers.license_search.WALK_TEXT_BYTES.
WALK_TEXT_BYTES = 2000

POSTGRES = [
    'CREATE INDEX IF NOT EXISTS "license_search_walk" ON "license" ("expires_on", "id") '
    'INCLUDE ("search_text") WHERE "archived_at" IS NULL '
    f'AND octet_length("search_text") <= {WALK_TEXT_BYTES}',
    'CREATE INDEX IF NOT EXISTS "license_search_walk_long" ON "license" ("expires_on", "id") '
    f'WHERE "archived_at" IS NULL AND octet_length("search_text") > {WALK_TEXT_BYTES}',
]

POSTGRES_BACKWARD = [
    'DROP INDEX IF EXISTS "license_search_walk_long"',
    'DROP INDEX IF EXISTS "license_search_walk"',
]


class Migration(migrations.Migration):
    dependencies = [("licman", "0014_search_text")]

    initial = False

    operations = [
        RunSQLPerDialect(
            forward={"postgres": POSTGRES},
            backward={"postgres": POSTGRES_BACKWARD},
        ),
    ]
