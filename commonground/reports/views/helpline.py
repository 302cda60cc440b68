"""The helpline's call log: the calls an advisor may see, and one page to log a call while on the
phone, creating a report from it in the same step when the caller agrees."""

import uuid

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.reports import caller_lookup, queries
from commonground.reports.actions import helpline
from commonground.reports.forms.helpline import FindCallerReportForm, HelplineCallForm

JUST_LOGGED_SESSION_KEY = "reports:call-just-logged"


@staff_view(Permission.LOG_HELPLINE_CALLS)
def calls(request):
    page = queries.calls_page(scope_for(request.user), page_number=request.GET.get("page"))
    return render(request, "reports/staff/helpline_calls.html", {"page": page})


@staff_view(Permission.LOG_HELPLINE_CALLS)
def new_call(request):
    form = HelplineCallForm(request.POST or None, initial={"submission_key": uuid.uuid4().hex})
    if request.method == "POST" and form.is_valid():
        try:
            logged = helpline.log_call(actor=request.user, **form.call_arguments())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            request.session[JUST_LOGGED_SESSION_KEY] = logged.call.pk
            return redirect("reports:helpline-call", logged.call.pk)
    return render(request, "reports/staff/helpline_new.html", {"form": form})


@staff_view(Permission.LOG_HELPLINE_CALLS)
def call(request, call_id: int):
    logged_call = queries.open_call(scope_for(request.user), call_id)
    just_logged = request.session.pop(JUST_LOGGED_SESSION_KEY, None) == logged_call.pk
    return render(
        request, "reports/staff/helpline_call.html", {"call": logged_call, "just_logged": just_logged}
    )


@never_cache
@staff_view(Permission.LOG_HELPLINE_CALLS)
def find_report(request):
    """Finds a caller's report by reference and one detail, to read its history out. Shown on the
    POST's own response (not redirected), so the history is never in an address or the session."""
    form = FindCallerReportForm(request.POST or None)
    found, not_found, too_many = None, False, False
    if request.method == "POST" and form.is_valid():
        try:
            found = caller_lookup.find_for_caller(
                scope_for(request.user),
                reference=form.cleaned_data["reference"],
                detail=form.cleaned_data["detail"],
                value=form.cleaned_data["value"],
            )
        except caller_lookup.TooManyLookups:
            too_many = True
        else:
            not_found = found is None
    return render(
        request,
        "reports/staff/helpline_find_report.html",
        {"form": form, "found": found, "not_found": not_found, "too_many": too_many},
        status=429 if too_many else 200,
    )
