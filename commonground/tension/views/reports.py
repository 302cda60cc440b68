"""Staff pages of tension reports: the report form (anyone who reports tension), where a worry
about a person is sent instead, the confirmation with the reference, and the list and page of
reports for those who follow tension (in their areas only)."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.tension.actions.reports import submit_tension_report
from commonground.tension.forms.reports import ReportFilterForm, TensionReportForm
from commonground.tension.queries import events as event_queries
from commonground.tension.queries import reports as queries

SENT_SESSION_KEY = "tension_report_sent"


@staff_view(Permission.SUBMIT_TENSION_REPORTS)
def submit_report(request):
    """One page. "Yes" to the question about a particular person saves nothing and sends the
    person to safeguarding instead; otherwise the report is saved and its reference shown."""
    scope = scope_for(request.user)
    agency_kind = request.user.agency.kind if request.user.agency else ""
    form = TensionReportForm(
        request.POST or None,
        places=queries.places_for_reporting(scope),
        trigger_events=event_queries.trigger_events_for_reporting(scope, timezone.localdate()),
        agency_kind=agency_kind,
    )
    if request.method == "POST":
        if form.is_about_a_person:
            return redirect("tension:report-about-a-person")
        if form.is_valid():
            try:
                report = submit_tension_report(actor=request.user, details=form.details())
            except ValidationError as error:
                add_action_errors(form, error, form.ACTION_FIELDS)
            else:
                request.session[SENT_SESSION_KEY] = report.reference
                return redirect("tension:report-sent")
    return render(request, "tension/reports/submit.html", {"form": form})


@staff_view(Permission.SUBMIT_TENSION_REPORTS)
def about_a_person(request):
    """Nothing was saved. Tension reports are about places; a worry about a person is a referral."""
    can_refer = scope_for(request.user).can(Permission.REFER_TO_SAFEGUARDING)
    return render(request, "tension/reports/about_a_person.html", {"can_refer": can_refer})


@staff_view(Permission.SUBMIT_TENSION_REPORTS)
def report_sent(request):
    """The confirmation, with the reference of the report this person has just sent."""
    reference = request.session.get(SENT_SESSION_KEY)
    if not reference:
        return redirect("tension:submit-report")
    can_view = scope_for(request.user).can(Permission.VIEW_TENSION)
    return render(request, "tension/reports/sent.html", {"reference": reference, "can_view": can_view})


@staff_view(Permission.VIEW_TENSION)
def report_list(request):
    scope = scope_for(request.user)
    form = ReportFilterForm(request.GET or None, area_choices=queries.filter_area_choices(scope))
    filters = queries.ReportFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = queries.ReportFilters(
            area=queries.area_by_code(data["area"]) if data["area"] else None,
            category=data["category"],
            observed_from=data["observed_from"],
            observed_to=data["observed_to"],
        )
    page = (
        queries.reports_page(scope, filters, request.GET.get("page"))
        if not form.errors
        else queries.no_reports()
    )
    filtered = filters != queries.ReportFilters()
    return render(
        request,
        "tension/reports/list.html",
        {
            "form": form,
            "page": page,
            "filtered": filtered,
            "can_submit": scope.can(Permission.SUBMIT_TENSION_REPORTS),
            "can_record_events": scope.can(Permission.ASSESS_TENSION),
        },
    )


@staff_view(Permission.VIEW_TENSION)
def report(request, report_id: int):
    report = queries.open_report(scope_for(request.user), report_id)
    return render(request, "tension/reports/report.html", {"report": report})
