"""Sharing without consent: a triage officer's form (a lawful basis and a reason, the reporter told
unless that would put someone at risk), and the data protection officer's list of every such
decision (each viewing audited)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.reports import queries
from commonground.reports.actions.sharing import share_without_consent as share
from commonground.reports.forms.staff import ShareWithoutConsentForm


@staff_view(Permission.TRIAGE_REPORTS)
def share_without_consent(request, report_id: int):
    scope = scope_for(request.user)
    report = queries.open_report(scope, report_id)
    form = ShareWithoutConsentForm(request.POST or None, teams=queries.consent_teams(scope))
    if request.method == "POST" and form.is_valid():
        try:
            decision = share(actor=request.user, report=report, **form.action_arguments())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"Report {report.reference} shared with {decision.team.name}")
            return redirect("reports:staff-report", report.pk)
    return render(request, "reports/staff/share_without_consent.html", {"report": report, "form": form})


@staff_view(Permission.SEARCH_AUDIT_TRAIL)
def sharing_decisions(request):
    decisions = queries.sharing_decisions(scope_for(request.user))
    return render(request, "reports/staff/sharing_decisions.html", {"decisions": decisions})
