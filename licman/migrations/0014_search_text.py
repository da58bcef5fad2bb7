"""One search text per license on PostgreSQL, with one trigram index, for `licenses(search:)`.

`license.search_text` holds every text a search looks at, as the search compares it: the
license's name, notes and external id upper-cased by PostgreSQL (`UPPER(CAST(… AS VARCHAR))`,
what `icontains` compares), then the folded name keys of its product, its vendor and its tags,
joined by U+001F. A license that matches a term always holds the term (upper-cased or folded)
in its search text, so `search_text LIKE '%TERM%' OR search_text LIKE '%term%'` finds a superset
of the matches through one GIN trigram index; the search then checks the exact conditions on
those candidates only (licman/resolvers/license_search.py), so results stay what they were.

Triggers keep it current on every write that changes one of those texts, whoever sends it
(resolvers, imports, merges, `bench/seed.py`'s COPY): a license's own name, notes, external id
or product; a tag put on or taken off (statement-level, so a bulk tagging recomputes each
license once); a tag, product or vendor renamed, and a product moved to another vendor. A
pg_dump restore creates triggers after loading the data, so the dumped texts are kept.

The column is not part of the Tortoise model (no license read carries it). SQLite and MariaDB
get nothing: no index serves a leading-wildcard LIKE there, and their search reads the tables
as before. Backfilling 1,000,000 licenses and building the index takes a few minutes.

Written by hand: no model changes, so `licman db makemigrations` has nothing to generate."""

from tortoise import migrations

from licman.migration_ops import RunSQLPerDialect

# The search text of one license, from its own columns and the catalogue's names.
TEXT_OF = """
    CREATE OR REPLACE FUNCTION licman_search_text(
        license_id INTEGER, name TEXT, notes TEXT, external_id TEXT, product_id INTEGER
    ) RETURNS TEXT LANGUAGE sql STABLE AS $$
        SELECT concat_ws(
            E'\\x1f',
            UPPER(CAST(name AS VARCHAR)),
            UPPER(CAST(notes AS VARCHAR)),
            UPPER(CAST(external_id AS VARCHAR)),
            (SELECT CAST(p.name_key AS VARCHAR) || E'\\x1f' || CAST(v.name_key AS VARCHAR)
               FROM product p JOIN vendor v ON v.id = p.vendor_id
              WHERE p.id = licman_search_text.product_id),
            (SELECT string_agg(CAST(t.name_key AS VARCHAR), E'\\x1f' ORDER BY t.id)
               FROM license_tag lt JOIN tag t ON t.id = lt.tag_id
              WHERE lt.license_id = licman_search_text.license_id)
        )
    $$
"""


def _recompute(where: str) -> str:
    """An UPDATE that recomputes the search text of the licenses `where` selects."""
    recompute = "licman_search_text(l.id, l.name, l.notes, l.external_id, l.product_id)"
    return f"UPDATE license l SET search_text = {recompute} {where}"  # noqa: S608 (fixed SQL)


def _refresh_function(name: str, where: str) -> str:
    """A trigger function recomputing the search text of the licenses `where` selects."""
    body = _recompute(where)
    return f"""
    CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        {body};
        RETURN NULL;
    END
    $$
    """


POSTGRES = [
    'ALTER TABLE "license" ADD COLUMN IF NOT EXISTS "search_text" TEXT',
    TEXT_OF,
    _recompute(""),
    # A license's own texts or product changed (not on every UPDATE: a seat's seats_used
    # change never pays for it).
    """
    CREATE OR REPLACE FUNCTION licman_license_search_text() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_text := licman_search_text(
            NEW.id, NEW.name, NEW.notes, NEW.external_id, NEW.product_id);
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER license_search_text_insert BEFORE INSERT ON license
    FOR EACH ROW EXECUTE FUNCTION licman_license_search_text()
    """,
    """
    CREATE TRIGGER license_search_text_update
    BEFORE UPDATE OF name, notes, external_id, product_id ON license FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.notes IS DISTINCT FROM NEW.notes
          OR OLD.external_id IS DISTINCT FROM NEW.external_id
          OR OLD.product_id IS DISTINCT FROM NEW.product_id)
    EXECUTE FUNCTION licman_license_search_text()
    """,
    # Tags put on or taken off: once per statement, each license touched recomputed once.
    _refresh_function(
        "licman_license_tag_search_text", "WHERE l.id IN (SELECT DISTINCT license_id FROM changed)"
    ),
    """
    CREATE TRIGGER license_tag_search_text_insert AFTER INSERT ON license_tag
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION licman_license_tag_search_text()
    """,
    """
    CREATE TRIGGER license_tag_search_text_delete AFTER DELETE ON license_tag
    REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION licman_license_tag_search_text()
    """,
    # Renames in the catalogue (and a product moved to another vendor).
    _refresh_function(
        "licman_tag_search_text",
        "WHERE l.id IN (SELECT license_id FROM license_tag WHERE tag_id = NEW.id)",
    ),
    """
    CREATE TRIGGER tag_search_text AFTER UPDATE OF name_key ON tag FOR EACH ROW
    WHEN (OLD.name_key IS DISTINCT FROM NEW.name_key)
    EXECUTE FUNCTION licman_tag_search_text()
    """,
    _refresh_function("licman_product_search_text", "WHERE l.product_id = NEW.id"),
    """
    CREATE TRIGGER product_search_text AFTER UPDATE OF name_key, vendor_id ON product
    FOR EACH ROW
    WHEN (OLD.name_key IS DISTINCT FROM NEW.name_key
          OR OLD.vendor_id IS DISTINCT FROM NEW.vendor_id)
    EXECUTE FUNCTION licman_product_search_text()
    """,
    _refresh_function(
        "licman_vendor_search_text",
        "WHERE l.product_id IN (SELECT id FROM product WHERE vendor_id = NEW.id)",
    ),
    """
    CREATE TRIGGER vendor_search_text AFTER UPDATE OF name_key ON vendor FOR EACH ROW
    WHEN (OLD.name_key IS DISTINCT FROM NEW.name_key)
    EXECUTE FUNCTION licman_vendor_search_text()
    """,
    'CREATE INDEX IF NOT EXISTS "license_search_text_trgm" ON "license" '
    'USING gin ("search_text" gin_trgm_ops)',
    # A finer sample for the planner's estimate of a LIKE on it (a search's totalCount).
    'ALTER TABLE "license" ALTER COLUMN "search_text" SET STATISTICS 1000',
    'ANALYZE "license"',
]

POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS vendor_search_text ON vendor",
    "DROP TRIGGER IF EXISTS product_search_text ON product",
    "DROP TRIGGER IF EXISTS tag_search_text ON tag",
    "DROP TRIGGER IF EXISTS license_tag_search_text_delete ON license_tag",
    "DROP TRIGGER IF EXISTS license_tag_search_text_insert ON license_tag",
    "DROP TRIGGER IF EXISTS license_search_text_update ON license",
    "DROP TRIGGER IF EXISTS license_search_text_insert ON license",
    "DROP FUNCTION IF EXISTS licman_vendor_search_text()",
    "DROP FUNCTION IF EXISTS licman_product_search_text()",
    "DROP FUNCTION IF EXISTS licman_tag_search_text()",
    "DROP FUNCTION IF EXISTS licman_license_tag_search_text()",
    "DROP FUNCTION IF EXISTS licman_license_search_text()",
    "DROP FUNCTION IF EXISTS licman_search_text(INTEGER, TEXT, TEXT, TEXT, INTEGER)",
    'DROP INDEX IF EXISTS "license_search_text_trgm"',
    'ALTER TABLE "license" DROP COLUMN IF EXISTS "search_text"',
]


class Migration(migrations.Migration):
    dependencies = [("licman", "0013_audit_object_index")]

    initial = False

    operations = [
        RunSQLPerDialect(
            forward={"postgres": POSTGRES},
            backward={"postgres": POSTGRES_BACKWARD},
        ),
    ]
