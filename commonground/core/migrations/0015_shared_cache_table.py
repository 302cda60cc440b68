"""The database cache's table (commonground/core/shared_cache.py). Django creates it only with
`manage.py createcachetable`, which `migrate` does not run; creating it here means every migrated
database has it, on SQLite and PostgreSQL alike. Created only if missing, so a table made earlier
by createcachetable is kept."""

from django.db import migrations

from commonground.core import shared_cache

TABLE = "commonground_cache"


def create_cache_table(apps, schema_editor):
    shared_cache.create_table(schema_editor.connection.alias, TABLE)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0014_audit_actions_redaction"),
    ]

    operations = [
        migrations.RunPython(create_cache_table, drop_cache_table, elidable=False),
    ]
