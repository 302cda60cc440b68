"""Database triggers that make the audit trail append-only for every user of the database.

An UPDATE of an audit event always fails; a DELETE fails unless the retention sweep has opened
the gate in its own transaction. Installed by migration 0002; tests that must flush the database
remove them for the flush and put them back. In the product they are lifted once only, inside
migration 0013's transaction, to withhold secrets already stored (audit_redaction_sweep.py)."""

from django.core.exceptions import ImproperlyConfigured

TABLE = "core_auditevent"
HEAD = "core_auditchainhead"
GATE_OPEN = f"EXISTS (SELECT 1 FROM {HEAD} WHERE id = 1 AND retention_delete_open)"  # noqa: S608 (fixed names)

SQLITE_INSTALL = [
    f"""CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON {TABLE}
        WHEN NOT {GATE_OPEN}
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_event_no_update",
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
]

POSTGRES_INSTALL = [
    f"""CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
        BEGIN
            IF TG_OP = 'DELETE' AND {GATE_OPEN} THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION 'audit events are append-only';
        END;
        $$ LANGUAGE plpgsql""",
    f"DROP TRIGGER IF EXISTS audit_event_append_only ON {TABLE}",
    f"""CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()""",
]
POSTGRES_REMOVE = [
    f"DROP TRIGGER IF EXISTS audit_event_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS audit_event_append_only()",
]


def _statements(vendor: str, install: bool) -> list[str]:
    if vendor == "sqlite":
        return SQLITE_INSTALL if install else SQLITE_REMOVE
    if vendor == "postgresql":
        return POSTGRES_INSTALL if install else POSTGRES_REMOVE
    raise ImproperlyConfigured(f"Common Ground supports SQLite and PostgreSQL, not {vendor}.")


def install(connection) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, True):
            cursor.execute(statement)


def remove(connection) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, False):
            cursor.execute(statement)
