"""Reads of the report and advice line. Staff reads start from the scope; the public reaches a
report only through its private status link."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, Case, Count, F, Q, QuerySet, Value, When
from django.db.models.functions import TruncWeek
from django.utils import timezone

from commonground.core import access, administration

if TYPE_CHECKING:
    from typing import TypedDict

    from django_stubs_ext import WithAnnotations

    class _Attempts(TypedDict):
        attempt_count: int


from commonground.core.access import Scope
from commonground.core.audit_reads import audited_page, record_list_view, record_read
from commonground.reports import references, routing, workflow
from commonground.reports.models import (
    AdviceScript,
    CallBackRequest,
    ContentPage,
    HelplineCall,
    HostilityStrand,
    LinkSuggestion,
    Report,
    ReportKind,
    ReportPhoto,
    ReportStatus,
    RoutingRule,
    SharingDecision,
    SharingPartner,
    StatusChange,
    Team,
)


def report_by_status_secret(secret: str) -> Report | None:
    if not secret or len(secret) > 100:
        return None
    return report_by_status_secret_hash(references.secret_hash(secret))


def report_by_status_secret_hash(secret_hash: str) -> Report | None:
    """The report a browser holds after opening its status link (its session keeps only the hash)."""
    if not secret_hash or len(secret_hash) != 64:
        return None
    return (
        Report.objects.select_related("borough", "ward")
        .prefetch_related("status_changes", "messages", "strands")
        .filter(status_secret_hash=secret_hash)
        .first()
    )


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


def open_report(scope: Scope, report_id: int) -> Report:
    """One report for a member of staff; opening it is audited. Out of scope answers 404."""
    report = access.get_visible_or_404(
        scope,
        Report.objects.select_related(
            "borough", "ward", "recorded_by", "recorded_by_agency"
        ).prefetch_related(
            "strands", "teams", "status_changes__changed_by", "messages__author", "photos", "consents"
        ),
        pk=report_id,
    )
    record_read(scope=scope, obj=report, subject=report)
    return report


def open_report_file(scope: Scope, report_id: int, file_id: int) -> tuple[Report, ReportPhoto]:
    """A photo or document sent with a report, after the same check as the report's page (out of
    scope answers 404 like missing); each viewing or download is audited on its own."""
    report = access.get_visible_or_404(scope, Report, pk=report_id)
    attached = access.get_visible_or_404(scope, ReportPhoto, pk=file_id, report=report)
    record_read(scope=scope, obj=attached, subject=report, reason="Evidence file opened")
    return report, attached


def pending_link_suggestions(scope: Scope, report: Report) -> QuerySet[LinkSuggestion]:
    return (
        access.visible(scope, LinkSuggestion)
        .filter(report=report, decision=LinkSuggestion.Decision.PENDING)
        .select_related("candidate")
    )


def teams_of(scope: Scope) -> QuerySet[Team]:
    return Team.objects.filter(members=scope.user).select_related("agency")


def teams_administered_by(scope: Scope) -> QuerySet[Team]:
    """Teams of the agencies an administrator administers (`core.administration`)."""
    return Team.objects.filter(agency__in=administration.agencies_administered_by(scope)).select_related(
        "agency"
    )


def routing_rules_administered_by(scope: Scope) -> QuerySet[RoutingRule]:
    """Rules sending reports from a borough in scope to a team administered. A rule for every
    borough belongs to the combined authority's administrators."""
    boroughs = Q(borough__in=scope.area_ids)
    if scope.covers_combined_authority:
        boroughs |= Q(borough__isnull=True)
    return (
        RoutingRule.objects.filter(team__in=teams_administered_by(scope))
        .filter(boroughs)
        .select_related("team", "borough")
    )


def calls_visible_to(scope: Scope) -> QuerySet[HelplineCall]:
    return access.visible(scope, HelplineCall).select_related("advisor", "report", "borough")


def calls_page(scope: Scope, *, page_number: str | int | None) -> Page:
    """One page of the call log; its reading is audited with the calls on that page."""
    return audited_page(scope, calls_visible_to(scope), page_number=page_number, list_name="Helpline calls")


def open_call(scope: Scope, call_id: int) -> HelplineCall:
    """One call for its page (the caller's words in the notes); each opening is audited, with the
    report made from the call as its subject when there is one. Out of scope answers 404."""
    call = access.get_visible_or_404(
        scope, calls_visible_to(scope).prefetch_related("advice_given"), pk=call_id
    )
    record_read(scope=scope, obj=call, subject=call.report or call)
    return call


def active_strands() -> QuerySet[HostilityStrand]:
    today = timezone.localdate()
    return HostilityStrand.objects.exclude(active_from__gt=today).exclude(active_until__lt=today)


def active_advice_scripts() -> QuerySet[AdviceScript]:
    return AdviceScript.objects.filter(is_active=True)


def content_page(slug: str, language: str) -> ContentPage | None:
    """The page in the reader's language, or in English where it has not been translated yet."""
    pages = {page.language: page for page in ContentPage.objects.filter(slug=slug)}
    return pages.get(language) or pages.get("en")


def content_pages(language: str) -> list[ContentPage]:
    by_slug: dict[str, ContentPage] = {}
    for page in ContentPage.objects.order_by("slug"):
        if page.language == language or (page.language == "en" and page.slug not in by_slug):
            by_slug[page.slug] = page
    return list(by_slug.values())


def worry_for_referral(scope: Scope, report_id: str | int | None) -> Report | None:
    """A "worried about someone" report this user may turn into a referral; 404 if out of scope."""
    if not report_id:
        return None
    return access.get_visible_or_404(
        scope, Report.objects.select_related("borough"), pk=report_id, kind="worry"
    )


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


def consent_teams(scope: Scope) -> QuerySet[Team]:
    """Partner teams that need consent: those a triage officer may share with without it."""
    return Team.objects.exclude(requires_consent="").select_related("agency")


def consents_now(report: Report) -> dict[str, bool]:
    """Which partners the reporter has agreed their report may go to, partner by partner."""
    current = routing.current_consents(report)
    return {partner: partner in current for partner in SharingPartner.values}


def sharing_decisions(scope: Scope) -> list[SharingDecision]:
    """Every decision to share without consent, for the data protection officer (else none).
    Each viewing of the list is audited, naming the decisions shown."""
    decisions = list(
        access.visible(scope, SharingDecision)
        .select_related("report", "team", "decided_by")
        .order_by("-decided_at")
    )
    record_list_view(scope=scope, records=decisions, list_name="Decisions to share without consent")
    return decisions


def open_call_backs(scope: Scope) -> "QuerySet[WithAnnotations[CallBackRequest, _Attempts]]":
    """Call-back requests still waiting for an advisor, oldest first."""
    return (
        access.visible(scope, CallBackRequest)
        .filter(spoken_at__isnull=True, passed_to_triage_at__isnull=True)
        .select_related("report", "report__borough")
        .annotate(attempt_count=Count("attempts"))
        .order_by("requested_at", "pk")
    )


def call_back_queue_page(scope: Scope, *, page_number: str | int | None) -> Page:
    """One page of the call-back queue (names and phone numbers): audited with the rows shown."""
    page = Paginator(open_call_backs(scope), 50).get_page(page_number)
    page.object_list = list(page.object_list)
    # The rows show the callers' names and numbers from their reports: the event names both.
    shown = [record for request in page.object_list for record in (request, request.report)]
    record_list_view(scope=scope, records=shown, list_name="Call-back queue", page_number=page.number)
    return page


def open_call_back(scope: Scope, request_id: int) -> CallBackRequest:
    """One call-back request with its tries; opening it is audited. Out of scope answers 404."""
    request = access.get_visible_or_404(
        scope,
        CallBackRequest.objects.select_related("report", "report__borough").prefetch_related(
            "attempts__advisor"
        ),
        pk=request_id,
    )
    record_read(scope=scope, obj=request, subject=request.report)
    return request


def call_backs_passed_to_triage(scope: Scope) -> QuerySet[Report]:
    """Reports in scope whose caller the helpline could not reach: still waiting for triage."""
    return (
        access.visible(scope, Report)
        .filter(call_back_request__passed_to_triage_at__isnull=False, status=ReportStatus.RECEIVED)
        .select_related("borough")
        .order_by("submitted_at")
    )


def status_page_lists(report: Report) -> tuple[QuerySet, QuerySet]:
    """What the reporter's status page lists: the status changes, and the thread of messages."""
    return report.status_changes.all(), report.messages.all()


def team_names_of(report: Report) -> list[str]:
    return [team.name for team in report.teams.all()]


# Retention: what the daily sweep (reports.actions.retention) erases.


def reports_past_retention(now=None):
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.REPORT_RETENTION_DAYS)
    closed_before_cutoff = StatusChange.objects.filter(to_status=ReportStatus.CLOSED, changed_at__lt=cutoff)
    return Report.objects.filter(
        status=ReportStatus.CLOSED, erased_at__isnull=True, pk__in=closed_before_cutoff.values("report_id")
    )


def calls_past_retention(now=None):
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.HELPLINE_CALL_RETENTION_DAYS)
    return HelplineCall.objects.filter(report__isnull=True, taken_at__lt=cutoff, erased_at__isnull=True)
