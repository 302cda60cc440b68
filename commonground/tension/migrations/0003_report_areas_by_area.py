# Counting an area's reports by week reads the report–area links from the area's side; Django's own
# index on that table leads with the report. This one leads with the area and covers the report id,
# so the count is an index-only scan.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("tension", "0002_default_scale")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX tension_report_areas_by_area ON tension_tensionreport_areas (area_id, tensionreport_id)",
            "DROP INDEX tension_report_areas_by_area",
        )
    ]
