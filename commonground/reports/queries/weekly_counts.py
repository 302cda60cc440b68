"""Aggregate weekly counts of hate incidents per area, read by tension monitoring."""

from datetime import date, datetime, time

from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.utils import timezone

from commonground.reports.models import Report, ReportKind


def hate_incident_weekly_counts(
    *, since: date, until: date, borough_ids=(), ward_ids=()
) -> dict[tuple[int, date], int]:
    """Hate incidents reported to the line, counted per area and week (keyed by the week's Monday),
    for the boroughs in `borough_ids` and the wards in `ward_ids`, received in [since, until).

    Aggregate counts only, no report and no personal data: tension monitoring reads them to set a
    week against its baseline. Counted by when the report was received (the indexed date), since
    many reports give no date for the incident itself."""
    start = timezone.make_aware(datetime.combine(since, time.min))
    end = timezone.make_aware(datetime.combine(until, time.min))
    in_period = Report.objects.filter(
        kind=ReportKind.HATE_INCIDENT, submitted_at__gte=start, submitted_at__lt=end
    ).annotate(week=TruncWeek("submitted_at"))
    counts: dict[tuple[int, date], int] = {}
    for field, area_ids in (("borough_id", borough_ids), ("ward_id", ward_ids)):
        if not area_ids:
            continue
        rows = (
            in_period.filter(**{f"{field}__in": list(area_ids)})
            .values(field, "week")
            .annotate(count=Count("pk"))
            .values_list(field, "week", "count")
        )
        for area_id, week, count in rows:
            key = (area_id, week.date() if isinstance(week, datetime) else week)
            counts[key] = counts.get(key, 0) + count
    return counts
