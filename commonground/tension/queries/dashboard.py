"""The tension dashboard: the maps of current levels (boroughs, and the wards of Greater Manchester
or of one borough), the level and the tension reports of one area over the last 26 weeks, the
newest reports and the overdue response actions. Everything the reader sees comes through
`access.visible`; the number of queries does not grow with the data."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import TruncWeek
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.charts import Chart, Series, line_chart
from commonground.core.models import Area
from commonground.core.roles import Permission
from commonground.tension.models import (
    ActionStatus,
    ResponseAction,
    TensionAssessment,
    TensionLevel,
    TensionReport,
)
from commonground.tension.queries.maps import LevelMap, level_map, tension_scale

TREND_WEEKS = 26
RECENT_REPORTS = 10
OVERDUE_SHOWN = 20


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Trend:
    """One area's level (step chart) and its tension reports per week, over the last 26 weeks."""

    area: Area
    levels: Chart
    reports: Chart


@dataclass(frozen=True)
class Dashboard:
    scale: list[TensionLevel]
    boroughs: list[Area]
    chosen_borough: Area | None
    borough_map: LevelMap
    ward_map: LevelMap
    trend: Trend | None
    recent_reports: list[TensionReport]
    overdue_actions: list[ResponseAction]
    overdue_count: int


def areas_without_boundaries(lookup: str = "areas") -> Prefetch:
    """Prefetch a many-to-many of areas without their boundaries (large, and not needed here)."""
    return Prefetch(lookup, queryset=Area.objects.defer("boundary").order_by("name"))


def all_boroughs() -> list[Area]:
    """The boroughs (reference data, without their boundaries)."""
    return list(Area.objects.boroughs().defer("boundary").order_by("name"))


def wards_of(borough: Area | None) -> list[Area]:
    wards = Area.objects.wards().select_related("parent").defer("boundary", "parent__boundary")
    if borough is not None:
        wards = wards.filter(parent=borough)
    return list(wards.order_by("parent__name", "name") if borough is None else wards.order_by("name"))


def _dashboard_href(base: str, **params) -> str:
    return base + "?" + urlencode({k: v for k, v in params.items() if v})


def level_trend(scope: Scope, area: Area, *, scale: list[TensionLevel], today: date | None = None) -> Trend:
    """The area's level week by week (the last assessment of each week, weekly or ad hoc) and the
    reports about it or its wards per week, over the last 26 weeks. Two queries."""
    today = today or timezone.localdate()
    first_week = monday_of(today) - timedelta(weeks=TREND_WEEKS - 1)
    weeks = [first_week + timedelta(weeks=n) for n in range(TREND_WEEKS)]
    names = {level.pk: level.name for level in scale}
    by_week: dict[date, str] = {}
    for week, level_id in (
        access.visible(scope, TensionAssessment)
        .filter(area=area, week_starting_on__gte=first_week)
        .order_by("week_starting_on", "assessed_at", "pk")
        .values_list("week_starting_on", "level_id")
    ):
        by_week[week] = names.get(level_id, "")
    levels = line_chart(
        [Series(name=area.name, points=[(week, by_week.get(week)) for week in weeks])],
        title=f"Tension level in {area.name}, last {TREND_WEEKS} weeks",
        desc="The level assessed each week; weeks without an assessment are gaps.",
        x_label="Week starting",
        y_label="Level",
        levels=[level.name for level in scale],
        chart_id="trend-levels",
    )
    area_ids = [area.pk, *Area.objects.filter(parent=area).values_list("pk", flat=True)]
    since = timezone.make_aware(datetime.combine(first_week, time.min))
    # From the links to the area and its wards, counting each visible report once.
    links = TensionReport.areas.through.objects.filter(
        area_id__in=area_ids,
        tensionreport__observed_at__gte=since,
        tensionreport_id__in=access.visible(scope, TensionReport).values("pk"),
    )
    counts = {
        (row["week"].date() if hasattr(row["week"], "date") else row["week"]): row["n"]
        # The plugin misses annotations on an auto-created through model.
        for row in links.annotate(week=TruncWeek("tensionreport__observed_at"))  # type: ignore[misc]
        .order_by()
        .values("week")
        .annotate(n=Count("tensionreport_id", distinct=True))
    }
    reports = line_chart(
        [Series(name="Tension reports", points=[(week, counts.get(week, 0)) for week in weeks])],
        title=f"Tension reports about {area.name} per week, last {TREND_WEEKS} weeks",
        desc="Reports about the area or any of its wards, by the week they were observed.",
        x_label="Week starting",
        y_label="Reports",
        chart_id="trend-reports",
    )
    return Trend(area=area, levels=levels, reports=reports)


def recent_reports(scope: Scope, *, limit: int = RECENT_REPORTS) -> list[TensionReport]:
    return list(
        access.visible(scope, TensionReport)
        .order_by("-observed_at", "-pk")
        .prefetch_related(areas_without_boundaries())
        .select_related("submitting_agency")[:limit]
    )


def overdue_actions(
    scope: Scope, *, now=None, limit: int = OVERDUE_SHOWN
) -> tuple[list[ResponseAction], int]:
    """Open or in-progress actions past their due time, the most overdue first, and how many."""
    now = now or timezone.now()
    overdue = access.visible(scope, ResponseAction).filter(
        status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS], due_at__lt=now
    )
    shown = list(
        overdue.select_related("area", "owner_agency")
        .defer("area__boundary")
        .order_by("due_at", "pk")[:limit]
    )
    count = len(shown) if len(shown) < limit else overdue.count()
    return shown, count


@dataclass(frozen=True)
class DashboardChoices:
    """What the reader may choose: any borough for the ward map; an area in scope for the trend."""

    boroughs: list[Area]
    areas_in_scope: list[Area]

    @property
    def trend_groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """(group, [(code, name)]) for a grouped select: the boroughs, then each borough's wards."""
        groups = [("Boroughs", [(a.code, a.name) for a in self.areas_in_scope if a.level == "borough"])]
        names: dict[int | None, str] = {borough.pk: borough.name for borough in self.boroughs}
        wards: dict[str, list[tuple[str, str]]] = {}
        for area in self.areas_in_scope:
            if area.level == "ward":
                wards.setdefault(names.get(area.parent_id, ""), []).append((area.code, area.name))
        groups += [(f"Wards of {name}", rows) for name, rows in sorted(wards.items())]
        return [(label, rows) for label, rows in groups if rows]


def dashboard_choices(scope: Scope, *, borough_code: str = "") -> DashboardChoices:
    """Two queries: the boroughs, and for the trend the reader's boroughs and, once a borough is
    chosen, its wards in the reader's scope (a short list, quick to render)."""
    scope.require(Permission.VIEW_TENSION)
    in_scope = list(
        Area.objects.filter(pk__in=scope.area_ids)
        .filter(Q(level="borough") | Q(level="ward", parent__code=(borough_code or "").strip().upper()))
        .defer("boundary")
        .order_by("name")
    )
    return DashboardChoices(boroughs=all_boroughs(), areas_in_scope=in_scope)


def dashboard(
    scope: Scope,
    *,
    choices: DashboardChoices,
    borough_code: str = "",
    area_code: str = "",
    today: date | None = None,
) -> Dashboard:
    """Everything on the dashboard for this reader. `borough_code` narrows the ward map to one
    borough's wards; `area_code` (an area in scope) chooses the area of the trend charts, by
    default the borough chosen if in scope, else the reader's first borough. Unknown codes are
    ignored here: the form reports them."""
    scope.require(Permission.VIEW_TENSION)
    scale = tension_scale()
    boroughs = choices.boroughs
    base = reverse("tension:dashboard")
    borough = next((area for area in boroughs if area.code == borough_code), None)
    borough_map = level_map(
        scope,
        boroughs,
        title="Current tension level by borough",
        scale=scale,
        href_for=lambda area: _dashboard_href(base, borough=area.code),
        show_labels=True,
        chart_id="map-boroughs",
        within=Area.objects.boroughs(),
    )
    wards = wards_of(borough)
    ward_map = level_map(
        scope,
        wards,
        title=f"Current tension level by ward in {borough.name}"
        if borough
        else "Current tension level by ward in Greater Manchester",
        scale=scale,
        href_for=lambda area: _dashboard_href(base, borough=area.parent.code, area=area.code),
        chart_id="map-wards",
        within=Area.objects.wards().filter(parent=borough) if borough else Area.objects.wards(),
    )
    in_scope_boroughs = [area for area in boroughs if scope.covers_area(area)]
    trend_area = next((area for area in choices.areas_in_scope if area.code == area_code), None)
    if trend_area is None and borough is not None and scope.covers_area(borough):
        trend_area = borough
    if trend_area is None and in_scope_boroughs:
        trend_area = in_scope_boroughs[0]
    trend = level_trend(scope, trend_area, scale=scale, today=today) if trend_area else None
    actions, overdue_count = overdue_actions(scope)
    return Dashboard(
        scale=scale,
        boroughs=boroughs,
        chosen_borough=borough,
        borough_map=borough_map,
        ward_map=ward_map,
        trend=trend,
        recent_reports=recent_reports(scope),
        overdue_actions=actions,
        overdue_count=overdue_count,
    )
