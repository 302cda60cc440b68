# Makes the audit trail append-only in the database itself (see commonground/core/append_only.py):
# an UPDATE of an audit event always fails, a DELETE fails outside the retention sweep.

from django.db import migrations

from commonground.core import append_only


def install(apps, schema_editor):
    append_only.install(schema_editor.connection)
    # The chain's head exists from the start, so the first writers only ever lock it.
    apps.get_model("core", "AuditChainHead").objects.using(schema_editor.connection.alias).get_or_create(pk=1)


def remove(apps, schema_editor):
    append_only.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
