"""Audit events become append-only on PostgreSQL and MariaDB: a trigger refuses every
UPDATE and DELETE of `audit_event` (and TRUNCATE, on PostgreSQL), whoever sends it, unless
the session says it is doing maintenance. Licman itself never does; an operator who must
purge follows docs/operations.md ("Purging audit events"). SQLite keeps no such guard: the
database file is the boundary there.

Written by hand: no model changes, so `licman db makemigrations` has nothing to generate."""

from tortoise import migrations

from licman.migration_ops import RunSQLPerDialect

REFUSAL = "audit events are append-only (see Purging audit events in docs/operations.md)"

POSTGRES = [
    f"""
    CREATE OR REPLACE FUNCTION licman_audit_event_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF current_setting('licman.audit_maintenance', true) IS DISTINCT FROM 'on' THEN
            RAISE EXCEPTION '{REFUSAL}: % refused', TG_OP
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
    CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION licman_audit_event_append_only()
    """,
    """
    CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION licman_audit_event_append_only()
    """,
]

POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_event",
    "DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event",
    "DROP FUNCTION IF EXISTS licman_audit_event_append_only()",
]


def _mysql_trigger(name: str, event: str) -> str:
    return f"""
    CREATE TRIGGER {name} BEFORE {event} ON audit_event FOR EACH ROW
    BEGIN
        IF COALESCE(@licman_audit_maintenance, 0) <> 1 THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '{REFUSAL}';
        END IF;
    END
    """


MYSQL = [
    _mysql_trigger("audit_event_no_update", "UPDATE"),
    _mysql_trigger("audit_event_no_delete", "DELETE"),
]

MYSQL_BACKWARD = [
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
    "DROP TRIGGER IF EXISTS audit_event_no_update",
]


class Migration(migrations.Migration):
    dependencies = [("licman", "0002_grant")]

    initial = False

    operations = [
        RunSQLPerDialect(
            forward={"postgres": POSTGRES, "mysql": MYSQL},
            backward={"postgres": POSTGRES_BACKWARD, "mysql": MYSQL_BACKWARD},
        ),
    ]
