"""Reads of tension alerts: one's subscriptions and deliveries (scoped to their user), and the
weekly incident counts per borough that the daily check sets against their baseline."""

from collections.abc import Iterator
from datetime import date, datetime, time

from django.db.models import Case, Count, F, QuerySet, When
from django.db.models.functions import TruncWeek
from django.utils import timezone

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.models import Area, AreaLevel
from commonground.reports import queries as report_queries
from commonground.tension.models import AlertDelivery, AlertSubscription, TensionReport


def subscriptions_of(scope: Scope) -> QuerySet[AlertSubscription]:
    return (
        access.visible(scope, AlertSubscription)
        .select_related("area", "minimum_level")
        .defer("area__boundary")
        .order_by("area__name", "pk")
    )


def subscription_for(scope: Scope, subscription_id: int) -> AlertSubscription:
    return access.get_visible_or_404(scope, AlertSubscription, pk=subscription_id)


def deliveries_for(scope: Scope) -> QuerySet[AlertDelivery]:
    """The alerts sent to this user, newest first."""
    return (
        access.visible(scope, AlertDelivery)
        .select_related("alert", "alert__area", "alert__assessment")
        .defer("alert__area__boundary")
        .order_by("-alert__raised_at", "-pk")
    )


def delivery_for(scope: Scope, delivery_id: int) -> AlertDelivery:
    return access.get_visible_or_404(scope, AlertDelivery, pk=delivery_id)


def unread_alert_count(scope: Scope) -> int:
    return deliveries_for(scope).filter(read_at__isnull=True).count()


def _week_of(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def tension_report_weekly_counts(*, since: date, until: date) -> dict[tuple[int, date], int]:
    """Tension reports per borough and week (Monday), observed in [since, until): a report tagged
    with a borough or any of its wards counts once for that borough. Aggregate, for the system's
    own check; no report leaves this function."""
    start = timezone.make_aware(datetime.combine(since, time.min))
    end = timezone.make_aware(datetime.combine(until, time.min))
    links = TensionReport.areas.through.objects.filter(
        tensionreport__observed_at__gte=start,
        tensionreport__observed_at__lt=end,
        area__level__in=[AreaLevel.BOROUGH, AreaLevel.WARD],
    )
    rows = (
        links.annotate(  # type: ignore[misc]  # the plugin misses annotations on an auto-created through model
            borough_id=Case(
                When(area__level=AreaLevel.BOROUGH, then=F("area_id")), default=F("area__parent_id")
            ),
            week=TruncWeek("tensionreport__observed_at"),
        )
        .values("borough_id", "week")
        .annotate(count=Count("tensionreport_id", distinct=True))
        .values_list("borough_id", "week", "count")
    )
    return {(borough_id, _week_of(week)): count for borough_id, week, count in rows}


def borough_incident_counts(*, since: date, until: date) -> Iterator[tuple[Area, dict[date, int]]]:
    """For each borough, its weekly count of tension reports plus report-line hate incidents."""
    boroughs = list(Area.objects.boroughs().order_by("name"))
    reports = tension_report_weekly_counts(since=since, until=until)
    incidents = report_queries.hate_incident_weekly_counts(
        since=since, until=until, borough_ids=[borough.pk for borough in boroughs]
    )
    for borough in boroughs:
        weekly: dict[date, int] = {}
        for source in (reports, incidents):
            for (area_id, week), count in source.items():
                if area_id == borough.pk:
                    weekly[week] = weekly.get(week, 0) + count
        yield borough, weekly
