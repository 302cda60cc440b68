"""Seeds the languages and the audit checklist (`directory/reference.py`).

The audit checklist is this product's own starting list, written for the partnership and editable
by it: it is not a published national standard. Items are retired (`active` false), never deleted
once used.
"""

from django.db import migrations

from commonground.directory import reference


def load(apps, schema_editor):
    reference.seed(apps.get_model("directory", "Language"), apps.get_model("directory", "AuditChecklistItem"))


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    # Going back leaves the rows: unapplying 0001 drops their tables, and loading again skips what is
    # there.
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
