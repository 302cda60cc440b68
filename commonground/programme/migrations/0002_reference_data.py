"""Loads the framework (version 1) and the seed courses from the app's own reference folder."""

import json
from pathlib import Path

from django.db import migrations

from commonground.programme import framework

REFERENCE = Path(__file__).resolve().parent.parent / "reference"


def _read(name):
    return json.loads((REFERENCE / name).read_text(encoding="utf-8"))


def load(apps, schema_editor):
    FrameworkVersion = apps.get_model("programme", "FrameworkVersion")
    Dimension = apps.get_model("programme", "Dimension")
    LevelDescriptor = apps.get_model("programme", "LevelDescriptor")
    Course = apps.get_model("programme", "Course")

    for course in _read("courses.json")["courses"]:
        Course.objects.get_or_create(key=course["key"], defaults=course)

    data = _read("ni35_framework.json")
    if FrameworkVersion.objects.filter(key=data["key"], number=data["number"]).exists():
        return
    problems = framework.validate(data)
    if problems:
        raise ValueError("The framework reference data is not sound: " + " ".join(problems))
    source = data["source"]
    version = FrameworkVersion.objects.create(
        key=data["key"],
        number=data["number"],
        title=data["title"],
        description=data["description"],
        source=f"{source['title']}. {source['publisher']}. {source['licence']} {source['rewording']}",
        is_current=True,
    )
    for position, item in enumerate(data["dimensions"], start=1):
        dimension = Dimension.objects.create(
            framework=version,
            key=item["key"],
            position=position,
            title=item["title"],
            source_title=item["source_title"],
        )
        LevelDescriptor.objects.bulk_create(
            LevelDescriptor(
                dimension=dimension, level=d["level"], text=d["text"], source_text=d["source_text"]
            )
            for d in item["descriptors"]
        )


class Migration(migrations.Migration):
    dependencies = [("programme", "0001_initial")]

    # Going back leaves the rows: unapplying 0001 drops their tables, and loading again skips what is
    # there (deleting through historical models trips over their related models' state).
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
