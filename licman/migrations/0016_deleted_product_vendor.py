"""An index for the deleted products in a vendor's history (`Vendor.history`,
licman/resolvers/audit_history.py): the `product.delete` events whose `before` names the
vendor. Without it that branch of the history's UNION reads every `product.delete` event of
the database (through the action index) and tests each one's JSON; with it, it reads the
vendor's own. EXPLAIN (ANALYZE, BUFFERS) of a vendor's first page on PostgreSQL, 400,000
events of which 40,000 deletes of 997 vendors: the branch read 40,000 rows (8,993 heap
blocks) to keep 40, the statement 9,212 buffers; with the index 40 rows (40 heap blocks), the
statement 227 buffers. The index: 1.2 MB for those 40,000 deletes.

A partial expression index, keyed by the vendor id as the history's statement writes it
(_BEFORE_VENDOR, kept in step with it) and holding only `product.delete` events: the other
events cost no JSON work on insert. The statement writes the index's conditions as literals,
so that a generic plan of a prepared statement can use it too.

PostgreSQL and SQLite only: MariaDB has no expression index (only indexes on generated
columns, which would change the audit table's columns); there the branch still reads the
`product.delete` events through the action index. Written by hand: no model changes (a plain
index: the audit log's append-only triggers refuse UPDATE and DELETE, not CREATE INDEX)."""

from tortoise import migrations

from licman.migration_ops import RunSQLPerDialect

NAME = "audit_event_deleted_product_vendor"
# Keep in step with licman.resolvers.audit_history._BEFORE_VENDOR and _DELETED_PRODUCT.
WHERE = "\"object_type\" = 'product' AND \"action\" = 'product.delete'"
CREATE = {
    "postgres": f'CREATE INDEX IF NOT EXISTS "{NAME}" ON "audit_event" '
    "((CAST(changes AS JSONB) -> 'before' ->> 'vendor_id'), \"object_id\") "
    f"WHERE {WHERE}",
    "sqlite": f'CREATE INDEX IF NOT EXISTS "{NAME}" ON "audit_event" '
    "(CAST(json_extract(changes, '$.before.vendor_id') AS TEXT), \"object_id\") "
    f"WHERE {WHERE}",
}
DROP = {dialect: f'DROP INDEX IF EXISTS "{NAME}"' for dialect in CREATE}


class Migration(migrations.Migration):
    dependencies = [("licman", "0015_search_walk")]

    initial = False

    operations = [
        RunSQLPerDialect(
            forward={dialect: [sql] for dialect, sql in CREATE.items()},
            backward={dialect: [sql] for dialect, sql in DROP.items()},
        ),
    ]
