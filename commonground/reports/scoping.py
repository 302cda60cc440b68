"""Who sees which reports: triage officers every report in the areas they serve; anyone else
with the permission only the reports routed to a team they belong to (a safeguarding coordinator
sees the worries sent to the borough's coordinators, not every hate incident). A partner team
that needs consent (the police, victim support) sees a report only while it is shared with that
team: the reporter's consent is current, or a triage officer recorded a lawful reason to share
without it. Related records follow their report."""

from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse

from commonground.core import access, break_glass, policy
from commonground.core.access import Scope, ScopeRule
from commonground.core.models import User
from commonground.core.roles import Permission
from commonground.reports.models import (
    ConsentRecord,
    HelplineCall,
    LinkSuggestion,
    Message,
    Report,
    ReportPhoto,
    ShareBasis,
    ShareRecord,
    SharingDecision,
    StatusChange,
    Team,
)
from commonground.reports.routing import consents_given_now


def _shared_with(user):
    """Reports open to the user's consent-needing teams: in the team's queue, an open share, and
    either the consent still current or a recorded decision to share without it."""
    consent_current = Exists(
        consents_given_now().filter(report=OuterRef("report"), partner=OuterRef("team__requires_consent"))
    )
    return (
        ShareRecord.objects.filter(team__members=user, withdrawn_at__isnull=True, report__teams=F("team"))
        .filter(Q(basis=ShareBasis.WITHOUT_CONSENT) | consent_current)
        .values("report")
    )


def _reports_in_scope(scope: Scope, reports):
    own_teams = Team.objects.filter(members=scope.user, requires_consent="")
    in_areas = Q(teams__in=own_teams) | Q(pk__in=_shared_with(scope.user))
    if scope.can(Permission.TRIAGE_REPORTS):
        in_areas |= Q(borough__in=scope.area_ids)
        if scope.covers_combined_authority:
            in_areas |= Q(borough__isnull=True)
    return reports.filter(pk__in=Report.objects.filter(in_areas).values("pk"))


def _through_report(scope: Scope, rows):
    return rows.filter(report__in=access.visible(scope, Report).values("pk"))


def _calls_in_scope(scope: Scope, calls):
    mine = Q(advisor=scope.user)
    if scope.covers_combined_authority:
        return calls
    return calls.filter(mine | Q(borough__in=scope.area_ids))


access.register(Report, ScopeRule(view_permission=Permission.VIEW_REPORTS, custom_filter=_reports_in_scope))
for model in (ReportPhoto, StatusChange, Message, ConsentRecord, LinkSuggestion, ShareRecord):
    access.register(model, ScopeRule(view_permission=Permission.VIEW_REPORTS, custom_filter=_through_report))
access.register(
    HelplineCall, ScopeRule(view_permission=Permission.LOG_HELPLINE_CALLS, custom_filter=_calls_in_scope)
)

# Decisions to share without consent: the data protection officer's oversight list, nobody else's.
access.register(SharingDecision, ScopeRule(view_permission=Permission.SEARCH_AUDIT_TRAIL))
access.declare_unscoped("reports.hostilitystrand", "reference data: kinds of hostility")
access.declare_unscoped("reports.team", "the partnership's teams; no personal data")
access.declare_unscoped("reports.routingrule", "which team receives which reports; no personal data")
access.declare_unscoped("reports.advicescript", "advice content; no personal data")
access.declare_unscoped("reports.contentpage", "public advice pages; no personal data")


def _report_owners(report: Report):
    """Who owns a report: the members of the teams whose queues it is in; for a report in no
    team's queue, the triage officers of its borough."""
    members = User.objects.filter(report_teams__reports=report)
    if members.exists():
        return policy.who_may(Permission.VIEW_REPORTS, among=members)
    if report.borough_id is None:
        return policy.who_may(Permission.TRIAGE_REPORTS)
    return policy.who_may(Permission.TRIAGE_REPORTS, area=report.borough_id)


# A report outside one's areas and team queues may be opened in an emergency, with a reason, for
# an hour (core/break_glass.py); the teams it belongs to are told at once.
break_glass.register(
    break_glass.BreakGlassTarget(
        model=Report,
        noun="report",
        permission=Permission.VIEW_REPORTS,
        reference_field="reference",
        owners=_report_owners,
        url=lambda report: reverse("reports:staff-report", args=[report.pk]),
    )
)
