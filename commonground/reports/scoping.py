"""Who sees which reports: triage officers every report in the areas they serve; anyone else
with the permission only the reports routed to a team they belong to (a safeguarding coordinator
sees the worries sent to the borough's coordinators, not every hate incident). Related records
follow their report."""

from django.db.models import Q

from commonground.core import access
from commonground.core.access import Scope, ScopeRule
from commonground.core.roles import Permission
from commonground.reports.models import (
    ConsentRecord,
    HelplineCall,
    LinkSuggestion,
    Message,
    Report,
    ReportPhoto,
    StatusChange,
)


def _reports_in_scope(scope: Scope, reports):
    in_areas = Q(teams__members=scope.user)
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
for model in (ReportPhoto, StatusChange, Message, ConsentRecord, LinkSuggestion):
    access.register(model, ScopeRule(view_permission=Permission.VIEW_REPORTS, custom_filter=_through_report))
access.register(
    HelplineCall, ScopeRule(view_permission=Permission.LOG_HELPLINE_CALLS, custom_filter=_calls_in_scope)
)

access.declare_unscoped("reports.hostilitystrand", "reference data: kinds of hostility")
access.declare_unscoped("reports.team", "the partnership's teams; no personal data")
access.declare_unscoped("reports.routingrule", "which team receives which reports; no personal data")
access.declare_unscoped("reports.advicescript", "advice content; no personal data")
access.declare_unscoped("reports.contentpage", "public advice pages; no personal data")
