"""Product keys pooled per license (`license_key`), and audit-log retention: signed
checkpoints (`audit_checkpoint`) and the append-only triggers of 0003 taught one exception.

On PostgreSQL and MariaDB the triggers still refuse every UPDATE of `audit_event`, and every
DELETE of it, except a DELETE of an event that a checkpoint row covers (its
`through_event_id` is at or after the event). `licman audit purge` inserts the checkpoint,
signed with the site's key, then deletes, in one transaction; anybody else who inserts a
checkpoint to delete events leaves one that `licman audit verify` rejects (it is not signed
by the site's key). Checkpoints themselves are append-only (maintenance mode aside)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from licman.models.keys import LicenseKeyStatus
from tortoise.fields.base import OnDelete
from tortoise import fields

from licman.migration_ops import RunSQLPerDialect

REFUSAL = "audit events are append-only (see Audit retention in docs/operations.md)"
CHECKPOINT_REFUSAL = "audit checkpoints are append-only (see Audit retention in docs/operations.md)"


def _pg_function(covered_delete: bool) -> str:
    allow = (
        """
        IF TG_OP = 'DELETE' THEN
            IF EXISTS (SELECT 1 FROM audit_checkpoint WHERE through_event_id >= OLD.id) THEN
                RETURN OLD;
            END IF;
        END IF;"""
        if covered_delete
        else ""
    )
    refusal = (
        REFUSAL
        if covered_delete
        else ("audit events are append-only (see Purging audit events in docs/operations.md)")
    )
    return f"""
    CREATE OR REPLACE FUNCTION licman_audit_event_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF current_setting('licman.audit_maintenance', true) IS DISTINCT FROM 'on' THEN{allow}
            RAISE EXCEPTION '{refusal}: % refused', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END
    $$
    """


POSTGRES = [
    _pg_function(covered_delete=True),
    f"""
    CREATE OR REPLACE FUNCTION licman_audit_checkpoint_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF current_setting('licman.audit_maintenance', true) IS DISTINCT FROM 'on' THEN
            RAISE EXCEPTION '{CHECKPOINT_REFUSAL}: % refused', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION licman_audit_checkpoint_append_only()
    """,
    """
    CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION licman_audit_checkpoint_append_only()
    """,
]

POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS audit_checkpoint_no_truncate ON audit_checkpoint",
    "DROP TRIGGER IF EXISTS audit_checkpoint_append_only ON audit_checkpoint",
    "DROP FUNCTION IF EXISTS licman_audit_checkpoint_append_only()",
    _pg_function(covered_delete=False),
]


def _mysql_trigger(name: str, table: str, event: str, message: str, condition: str = "") -> str:
    return f"""
    CREATE TRIGGER {name} BEFORE {event} ON {table} FOR EACH ROW
    BEGIN
        IF COALESCE(@licman_audit_maintenance, 0) <> 1{condition} THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '{message}';
        END IF;
    END
    """


COVERED = (
    "\n           AND NOT EXISTS (SELECT 1 FROM audit_checkpoint WHERE through_event_id >= OLD.id)"
)
MYSQL = [
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
    _mysql_trigger("audit_event_no_delete", "audit_event", "DELETE", REFUSAL, COVERED),
    _mysql_trigger("audit_checkpoint_no_update", "audit_checkpoint", "UPDATE", CHECKPOINT_REFUSAL),
    _mysql_trigger("audit_checkpoint_no_delete", "audit_checkpoint", "DELETE", CHECKPOINT_REFUSAL),
]

MYSQL_BACKWARD = [
    "DROP TRIGGER IF EXISTS audit_checkpoint_no_delete",
    "DROP TRIGGER IF EXISTS audit_checkpoint_no_update",
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
    _mysql_trigger(
        "audit_event_no_delete",
        "audit_event",
        "DELETE",
        "audit events are append-only (see Purging audit events in docs/operations.md)",
    ),
]


class Migration(migrations.Migration):
    dependencies = [("licman", "0008_reminders")]

    initial = False

    operations = [
        ops.CreateModel(
            name="AuditCheckpoint",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("through_event_id", fields.BigIntField(unique=True)),
                ("through_hash", fields.CharField(max_length=64)),
                ("events_purged", fields.BigIntField(default=0)),
                (
                    "document",
                    fields.TextField(
                        description="The signed checkpoint (licman-signed-v1 JSON).", unique=False
                    ),
                ),
            ],
            options={"table": "audit_checkpoint", "app": "licman", "pk_attr": "id"},
            bases=["Model"],
        ),
        ops.CreateModel(
            name="LicenseKey",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "license",
                    fields.ForeignKeyField(
                        "licman.License",
                        source_field="license_id",
                        db_index=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "ciphertext",
                    fields.TextField(
                        description="Fernet token of the key, bound to the license.", unique=False
                    ),
                ),
                (
                    "fingerprint",
                    fields.CharField(unique=True, description="HMAC of the key.", max_length=64),
                ),
                (
                    "status",
                    fields.CharEnumField(
                        default=LicenseKeyStatus.AVAILABLE,
                        db_index=True,
                        description="AVAILABLE: available\nISSUED: issued",
                        enum_type=LicenseKeyStatus,
                        max_length=16,
                    ),
                ),
                (
                    "licensee",
                    fields.CharField(
                        default="", description="Who it was issued to.", max_length=254
                    ),
                ),
                ("issued_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                (
                    "issued_by",
                    fields.ForeignKeyField(
                        "licman.User",
                        source_field="issued_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={"table": "license_key", "app": "licman", "pk_attr": "id"},
            bases=["Model"],
        ),
        RunSQLPerDialect(
            forward={"postgres": POSTGRES, "mysql": MYSQL},
            backward={"postgres": POSTGRES_BACKWARD, "mysql": MYSQL_BACKWARD},
        ),
    ]
