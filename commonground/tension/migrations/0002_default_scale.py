# The default tension scale: six levels, 1 = normal … 6 = critical (the national "three tier, six
# level" matrix's names are not published, so the names are ours and editable in the admin).

from django.db import migrations

LEVELS = [
    (1, "Normal", "No more tension than usual; routine community engagement."),
    (2, "Low", "Some concern in the community; watch and reassure."),
    (3, "Moderate", "Tension is noticeable; partners coordinate a response."),
    (4, "Elevated", "Tension is affecting community life; a multi-agency response is under way."),
    (5, "High", "Serious tension with a real risk of disorder; the partnership's plans are active."),
    (6, "Critical", "Disorder is happening or imminent."),
]


def add_levels(apps, schema_editor):
    TensionLevel = apps.get_model("tension", "TensionLevel")
    for rank, name, description in LEVELS:
        TensionLevel.objects.update_or_create(rank=rank, defaults={"name": name, "description": description})


def remove_levels(apps, schema_editor):
    apps.get_model("tension", "TensionLevel").objects.filter(
        rank__in=[rank for rank, _, _ in LEVELS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("tension", "0001_initial")]

    operations = [migrations.RunPython(add_levels, remove_levels)]
