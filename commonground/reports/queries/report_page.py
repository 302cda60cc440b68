"""A report's page for staff: the report and its files (each opening audited), link suggestions,
consent and decisions to share, and the turning of a worry into a referral."""

from django.db.models import QuerySet

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.audit_reads import record_list_view, record_read
from commonground.reports import routing
from commonground.reports.models import (
    LinkSuggestion,
    Report,
    ReportPhoto,
    SharingDecision,
    SharingPartner,
    Team,
)


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


def worry_for_referral(scope: Scope, report_id: str | int | None) -> Report | None:
    """A "worried about someone" report this user may turn into a referral; 404 if out of scope."""
    if not report_id:
        return None
    return access.get_visible_or_404(
        scope, Report.objects.select_related("borough"), pk=report_id, kind="worry"
    )


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


def team_names_of(report: Report) -> list[str]:
    return [team.name for team in report.teams.all()]
