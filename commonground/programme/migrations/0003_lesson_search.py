"""The lessons library's full-text index, on PostgreSQL only: the English text vector of a lesson's
title, what happened, what was learned and what changed, exactly as `queries/lessons.py` builds it
(`SearchVector(*TEXT_VECTOR, config="english")`), so a search reads the index rather than every
lesson. SQLite has no such index: there the library searches word by word instead. Not part of the
model's state (a GIN index on an expression over several columns), hence the SQL."""

from django.db import migrations

INDEX = "programme_lesson_search_text"
CREATE = f"""
CREATE INDEX IF NOT EXISTS {INDEX} ON programme_lesson USING gin (
    to_tsvector('english'::regconfig,
        COALESCE(title, '') || ' ' || COALESCE(what_happened, '') || ' ' ||
        COALESCE(learned, '') || ' ' || COALESCE(changed, ''))
)
"""
DROP = f"DROP INDEX IF EXISTS {INDEX}"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("programme", "0002_reference_data")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
