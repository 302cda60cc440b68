"""The figures of one quarter, counted from the data (`quarter_figures`), and the staff aggregates
partner systems read through the API. `releases.freeze` turns the counts into an edition's content.

What is counted, and when:
- a hate incident is a report of that kind, counted in the quarter it was received (`submitted_at`);
  one incident can carry several strands, so the strand columns count strand records;
- a tension report is counted in the quarter it was received, once in each borough it names (a
  ward counts for its borough; a report about the whole combined authority counts once, on its own
  row);
- a Prevent referral is counted in the quarter it was received, by type of concern and by where it
  stands now.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Case, Count, F, IntegerField, Min, Q, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

from commonground.core.models import Agency, Area, AreaLevel
from commonground.insights.quarters import Quarter
from commonground.insights.releases import QuarterFigures
from commonground.reports.models import HostilityStrand, Report, ReportKind
from commonground.safeguarding.models import Referral
from commonground.tension.models import TensionReport

# --- Counting ------------------------------------------------------------------------------------


def earliest_data_on() -> date | None:
    """The day the first report, referral or tension report was received."""
    firsts = [
        Report.objects.aggregate(first=Min("submitted_at"))["first"],
        Referral.objects.aggregate(first=Min("received_at"))["first"],
        TensionReport.objects.aggregate(first=Min("submitted_at"))["first"],
    ]
    known = [timezone.localtime(moment).date() for moment in firsts if moment is not None]
    return min(known) if known else None


def _hate_incidents(quarter: Quarter):
    start, end = quarter.bounds()
    return Report.objects.filter(kind=ReportKind.HATE_INCIDENT, submitted_at__gte=start, submitted_at__lt=end)


def _tension_reports(quarter: Quarter):
    start, end = quarter.bounds()
    return TensionReport.objects.filter(submitted_at__gte=start, submitted_at__lt=end)


def _referrals(quarter: Quarter):
    start, end = quarter.bounds()
    return Referral.objects.filter(received_at__gte=start, received_at__lt=end)


def quarter_figures(quarter: Quarter) -> QuarterFigures:
    """Every count an edition needs, in a fixed number of queries."""
    figures = QuarterFigures(
        quarter=quarter,
        boroughs=list(Area.objects.boroughs().order_by("name")),
        strands=list(HostilityStrand.objects.order_by("order", "label")),
    )
    incidents = _hate_incidents(quarter)
    for row in incidents.values("borough_id", "strands__code").annotate(n=Count("id")).order_by():
        figures.incidents_by_borough_and_strand[(row["borough_id"], row["strands__code"])] = row["n"]
    for row in incidents.values("borough_id").annotate(n=Count("id")).order_by():
        figures.incidents_by_borough[row["borough_id"]] = row["n"]
    month = TruncMonth("submitted_at", tzinfo=timezone.get_current_timezone())
    for row in incidents.annotate(month=month).values("month").annotate(n=Count("id")).order_by():
        figures.incidents_by_month[timezone.localtime(row["month"]).date().replace(day=1)] = row["n"]

    borough_of_area = Case(
        When(areas__level=AreaLevel.BOROUGH, then=F("areas__id")),
        When(areas__level=AreaLevel.WARD, then=F("areas__parent_id")),
        default=None,
        output_field=IntegerField(),
    )
    tension = _tension_reports(quarter)
    for row in (
        tension.annotate(borough=borough_of_area)
        .values("borough", "category")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    ):
        key = (row["borough"], row["category"])
        figures.tension_by_borough_and_category[key] = (
            figures.tension_by_borough_and_category.get(key, 0) + row["n"]
        )
    figures.tension_total = tension.count()

    referrals = _referrals(quarter)
    for row in referrals.values("concern_type").annotate(n=Count("id")).order_by():
        figures.referrals_by_concern[row["concern_type"]] = row["n"]
    for row in referrals.values("status").annotate(n=Count("id")).order_by():
        figures.referrals_by_status[row["status"]] = row["n"]

    last_year = quarter.previous_year()
    figures.incidents_last_year = _hate_incidents(last_year).count()
    figures.tension_last_year = _tension_reports(last_year).count()
    figures.referrals_last_year = _referrals(last_year).count()
    return figures


# --- Staff aggregates for partner systems ----------------------------------------------------------


def boroughs_covered_by(agency: Agency) -> list[Area]:
    """The boroughs an agency serves, directly or below one of its areas (a combined authority
    covers them all); none if the agency is no longer active."""
    if not agency.is_active:
        return []
    ids = set(agency.areas.values_list("pk", flat=True))
    return list(Area.objects.boroughs().filter(Q(pk__in=ids) | Q(parent_id__in=ids)).order_by("name"))


def hate_incidents_by_month_and_borough(*, boroughs: list[Area], start: date, end: date) -> list[dict]:
    """Counts by month and borough of hate incidents received from `start` to `end` (inclusive),
    in the boroughs given. Aggregates only: no report is named. Months with none are left out."""
    zone = timezone.get_current_timezone()
    since = datetime.combine(start, time.min, zone)
    until = datetime.combine(end + timedelta(days=1), time.min, zone)
    names = {b.pk: (b.code, b.name) for b in boroughs}
    rows = (
        Report.objects.filter(
            kind=ReportKind.HATE_INCIDENT,
            borough_id__in=list(names),
            submitted_at__gte=since,
            submitted_at__lt=until,
        )
        .annotate(month=TruncMonth("submitted_at", tzinfo=zone))
        .values("month", "borough_id")
        .annotate(n=Count("id"))
        .order_by("month", "borough_id")
    )
    return [
        {
            "month": f"{timezone.localtime(row['month']):%Y-%m}",
            "borough_code": names[row["borough_id"]][0],
            "borough": names[row["borough_id"]][1],
            "count": row["n"],
        }
        for row in rows
    ]
