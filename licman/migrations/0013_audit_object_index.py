"""An index for one object's history (`License.history`, `Vendor.history`): the audit events
of one object, newest first, read by (object_type, object_id) and ordered by id. Without it
every history reads the whole audit log.

Written by hand, the same statement on each database (a plain index: the audit log's
append-only triggers refuse UPDATE and DELETE, not CREATE INDEX)."""

from tortoise import migrations

from licman.migration_ops import RunSQLPerDialect

NAME = "audit_event_object_history"
CREATE = {
    "sqlite": f'CREATE INDEX IF NOT EXISTS "{NAME}" ON "audit_event" ("object_type", "object_id", "id")',
    "postgres": f'CREATE INDEX IF NOT EXISTS "{NAME}" ON "audit_event" ("object_type", "object_id", "id")',
    "mysql": f"CREATE INDEX `{NAME}` ON `audit_event` (`object_type`, `object_id`, `id`)",
}
DROP = {
    "sqlite": f'DROP INDEX IF EXISTS "{NAME}"',
    "postgres": f'DROP INDEX IF EXISTS "{NAME}"',
    "mysql": f"DROP INDEX `{NAME}` ON `audit_event`",
}


class Migration(migrations.Migration):
    dependencies = [("licman", "0009_keys")]

    initial = False

    operations = [
        RunSQLPerDialect(
            forward={dialect: [sql] for dialect, sql in CREATE.items()},
            backward={dialect: [sql] for dialect, sql in DROP.items()},
        ),
    ]
