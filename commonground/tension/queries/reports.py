"""Reads of tension reports. Each starts from the user's scope: a report is seen by those whose
areas include one of its areas (see scoping.py), so a report naming Bolton and Oldham is seen in
both boroughs, and a partner of one borough sees only that borough's reports unless granted more."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.audit_reads import record_read
from commonground.core.legal_holds import exclude_held
from commonground.core.models import Area, AreaLevel
from commonground.tension.models import TensionReport

PAGE_SIZE = 50


def _places() -> QuerySet[Area]:
    # Boundaries are large and never needed to name a place.
    return Area.objects.only("pk", "code", "name", "level", "parent_id")


# --- Choosing areas ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoroughWards:
    borough: Area
    wards: list[Area]
    own: bool  # the borough is in the user's areas


@dataclass(frozen=True)
class Places:
    """Every borough and ward of the partnership, the user's own first (partners report what they
    see, usually in their own areas; any area may be chosen)."""

    groups: list[BoroughWards]
    by_code: dict[str, Area] = field(default_factory=dict)

    @property
    def boroughs(self) -> list[Area]:
        return [group.borough for group in self.groups]


def places_for_reporting(scope: Scope) -> Places:
    """Two queries: the boroughs, then their wards."""
    boroughs = list(_places().filter(level=AreaLevel.BOROUGH).order_by("name"))
    wards_of: dict[int | None, list[Area]] = {borough.pk: [] for borough in boroughs}
    for ward in _places().filter(level=AreaLevel.WARD, parent__in=boroughs).order_by("name"):
        wards_of[ward.parent_id].append(ward)
    groups = [
        BoroughWards(borough=borough, wards=wards_of[borough.pk], own=scope.covers_area(borough))
        for borough in boroughs
    ]
    groups.sort(key=lambda group: not group.own)  # stable: own boroughs first, each by name
    by_code = {area.code: area for group in groups for area in (group.borough, *group.wards)}
    return Places(groups=groups, by_code=by_code)


def filter_area_choices(scope: Scope) -> list[tuple[str, list[tuple[str, str]]]]:
    """Areas to filter the list by: the boroughs and wards in the user's scope, grouped by borough."""
    places = places_for_reporting(scope)
    return [
        (
            group.borough.name,
            [
                (group.borough.code, f"{group.borough.name} (whole borough)"),
                *((ward.code, ward.name) for ward in group.wards if scope.covers_area(ward)),
            ],
        )
        for group in places.groups
        if group.own
    ] + [
        # A ward granted on its own, without its borough.
        (group.borough.name, [(ward.code, ward.name) for ward in group.wards if scope.covers_area(ward)])
        for group in places.groups
        if not group.own and any(scope.covers_area(ward) for ward in group.wards)
    ]


def area_by_code(code: str) -> Area | None:
    return _places().filter(code=code).first()


# --- Listing and opening reports ---------------------------------------------------------------------


@dataclass(frozen=True)
class ReportFilters:
    area: Area | None = None
    category: str = ""
    observed_from: date | None = None
    observed_to: date | None = None


def reports_visible_to(scope: Scope, filters: ReportFilters = ReportFilters()) -> QuerySet[TensionReport]:
    """Reports in scope, newest observation first. A borough filter includes reports naming any of
    its wards; a ward filter only reports naming that ward."""
    reports = access.visible(scope, TensionReport)
    if filters.area is not None:
        links = TensionReport.areas.through.objects
        if filters.area.level == AreaLevel.BOROUGH:
            in_area = links.filter(Q(area_id=filters.area.pk) | Q(area__parent_id=filters.area.pk))
            reports = reports.filter(pk__in=in_area.values("tensionreport_id"))
        else:
            # A ward holds few reports: read their ids first (by the link table's area index), or
            # PostgreSQL walks every report newest first looking for the ward's.
            ids = list(links.filter(area_id=filters.area.pk).values_list("tensionreport_id", flat=True))
            reports = reports.filter(pk__in=ids)
    if filters.category:
        reports = reports.filter(category=filters.category)
    if filters.observed_from is not None:
        reports = reports.filter(observed_at__gte=_start_of(filters.observed_from))
    if filters.observed_to is not None:
        reports = reports.filter(observed_at__lt=_start_of(filters.observed_to + timedelta(days=1)))
    return (
        reports.select_related("submitting_agency")
        .prefetch_related(Prefetch("areas", queryset=_places().order_by("name")))
        .order_by("-observed_at", "-pk")
    )


@dataclass(frozen=True)
class ReportsPage:
    """One page of a list, without counting the whole list (counting 200,000 reports in scope
    takes longer than reading the page): whether there is a next page is known from one extra row."""

    reports: list[TensionReport]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def first_shown(self) -> int:
        return (self.number - 1) * PAGE_SIZE + 1

    @property
    def last_shown(self) -> int:
        return self.first_shown + len(self.reports) - 1


def reports_page(scope: Scope, filters: ReportFilters, page: str | int | None) -> ReportsPage:
    """Page `page` (from 1; anything else is page 1) of `reports_visible_to`."""
    try:
        number = max(int(page or 1), 1)
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * PAGE_SIZE
    rows = list(reports_visible_to(scope, filters)[start : start + PAGE_SIZE + 1])
    return ReportsPage(reports=rows[:PAGE_SIZE], number=number, has_next=len(rows) > PAGE_SIZE)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def open_report(scope: Scope, report_id: int) -> TensionReport:
    """One report for its page; each opening is audited (a description may mention more than it
    should). Out of scope answers 404."""
    report = access.get_visible_or_404(
        scope,
        TensionReport.objects.select_related(
            "submitting_agency", "submitted_by", "trigger_event"
        ).prefetch_related(Prefetch("areas", queryset=_places().order_by("name"))),
        pk=report_id,
    )
    record_read(scope=scope, obj=report)
    return report


def no_reports() -> ReportsPage:
    """For a list whose filter could not be understood: nothing, rather than everything."""
    return ReportsPage(reports=[], number=1, has_next=False)


def areas_by_codes(codes: list[str]) -> dict[str, Area]:
    """The areas with these ONS codes, by code, in one query (unknown codes are simply absent)."""
    return {area.code: area for area in _places().filter(code__in=codes)}


def area_codes_of(report: TensionReport) -> list[str]:
    return sorted(area.code for area in report.areas.all())


# The words that replace a tension report's description and handling conditions once its period is
# over: the area, dates, category and grading stay, so the trends and maps count the same reports.
TEXT_ERASED = "[erased under the retention policy]"


def reports_with_text_past_retention(*, now: datetime | None = None) -> list[TensionReport]:
    """Tension reports whose words are past TENSION_REPORT_TEXT_RETENTION_DAYS and not yet erased."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.TENSION_REPORT_TEXT_RETENTION_DAYS)
    return list(
        exclude_held(
            TensionReport.objects.filter(submitted_at__lt=cutoff).exclude(description=TEXT_ERASED)
        ).order_by("pk")
    )
