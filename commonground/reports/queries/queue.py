"""The triage queue: reports in scope, open work first, and the counts beside its filters."""

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page
from django.db.models import BooleanField, Case, Count, F, Q, QuerySet, Value, When
from django.utils import timezone

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.audit_reads import audited_page
from commonground.reports import workflow
from commonground.reports.models import Report, Team


def overdue_condition(now: datetime) -> Q:
    """`workflow.is_overdue` as a database condition (the same rule, for querysets)."""
    return Q(status=workflow.WAITING_FOR_TRIAGE, triage_due_at__lt=now)


class QueueShows:
    """The queue's two tabs: work still to do, and reports where action was taken or closed."""

    OPEN = "open"
    DONE = "done"


@dataclass(frozen=True)
class QueueFilters:
    show: str = QueueShows.OPEN
    status: str = ""
    kind: str = ""
    team: int | None = None
    borough: int | None = None
    my_teams: bool = False


def _filtered(scope: Scope, filters: QueueFilters, *, leave_out: str = "") -> QuerySet[Report]:
    """Reports in scope with every filter applied except `leave_out`: a filter's own counts are
    counted with the others applied, so each option says how many choosing it would show."""
    reports = access.visible(scope, Report)
    if filters.my_teams:
        reports = reports.filter(pk__in=Report.objects.filter(teams__members=scope.user).values("pk"))
    if leave_out != "status":
        if filters.status:
            reports = reports.filter(status=filters.status)
        else:
            reports = reports.filter(
                status__in=workflow.DONE if filters.show == QueueShows.DONE else workflow.OPEN
            )
    if filters.kind and leave_out != "kind":
        reports = reports.filter(kind=filters.kind)
    if filters.team and leave_out != "team":
        reports = reports.filter(
            pk__in=Report.teams.through.objects.filter(team_id=filters.team).values("report")
        )
    if filters.borough and leave_out != "borough":
        reports = reports.filter(borough_id=filters.borough)
    return reports


def report_queue(
    scope: Scope,
    *,
    team: Team | int | None = None,
    status: str = "",
    kind: str = "",
    my_teams: bool = False,
    show: str = QueueShows.OPEN,
    borough: int | None = None,
) -> QuerySet[Report]:
    """Reports in scope, work still to do unless `show` is DONE: overdue first (the longest overdue
    first), then the newest. `my_teams`: only those routed to a team the user belongs to."""
    filters = QueueFilters(
        show=show,
        status=status,
        kind=kind,
        team=team.pk if isinstance(team, Team) else team,
        borough=borough,
        my_teams=my_teams,
    )
    overdue = overdue_condition(timezone.now())
    return (
        _filtered(scope, filters)
        .select_related("borough", "ward")
        .prefetch_related("teams")
        .annotate(
            overdue=Case(When(overdue, then=Value(True)), default=Value(False), output_field=BooleanField()),
            overdue_since=Case(When(overdue, then=F("triage_due_at")), default=None),
        )
        .order_by("-overdue", F("overdue_since").asc(nulls_last=True), "-submitted_at", "-pk")
    )


@dataclass(frozen=True)
class QueueCounts:
    """How many reports each filter option would show, the other filters applied."""

    statuses: dict[str, int]
    kinds: dict[str, int]
    teams: list[tuple[int, str, int]]
    boroughs: list[tuple[int, str, int]]

    @property
    def open(self) -> int:
        return sum(self.statuses.get(status, 0) for status in workflow.OPEN)

    @property
    def done(self) -> int:
        return sum(self.statuses.get(status, 0) for status in workflow.DONE)


def queue_counts(scope: Scope, filters: QueueFilters) -> QueueCounts:
    """One grouped query per filter, whatever the number of options."""

    def grouped(leave_out: str, *fields: str):
        return (
            _filtered(scope, filters, leave_out=leave_out)
            .order_by()
            .values(*fields)
            .annotate(count=Count("pk"))
            .values_list(*fields, "count")
        )

    teams = Report.teams.through.objects.filter(
        report__in=_filtered(scope, filters, leave_out="team").values("pk")
    )
    return QueueCounts(
        statuses=dict(grouped("status", "status")),
        kinds=dict(grouped("kind", "kind")),
        teams=sorted(
            # The plugin misses annotations on an auto-created through model.
            teams.values("team_id", "team__name")  # type: ignore[misc]
            .annotate(count=Count("report_id"))
            .values_list("team_id", "team__name", "count"),
            key=lambda row: row[1],
        ),
        boroughs=sorted(
            (row for row in grouped("borough", "borough_id", "borough__name") if row[0] is not None),
            key=lambda row: row[1],
        ),
    )


@dataclass(frozen=True)
class TriageQueue:
    page: Page
    counts: QueueCounts


def triage_queue(scope: Scope, *, page_number: str | int | None, filters: QueueFilters) -> TriageQueue:
    """One page of the triage queue and the counts beside its filters; the page's reading is
    audited with the reports on it."""
    reports = report_queue(
        scope,
        show=filters.show,
        status=filters.status,
        kind=filters.kind,
        team=filters.team,
        borough=filters.borough,
        my_teams=filters.my_teams,
    )
    page = audited_page(scope, reports, page_number=page_number, list_name="Triage queue")
    return TriageQueue(page=page, counts=queue_counts(scope, filters))
