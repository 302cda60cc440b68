"""The helpline's call log: the calls an advisor may see, and one page to log a call while on the
phone, creating a report from it in the same step when the caller agrees."""

import uuid

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from commonground.core.access import scope_for
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.reports import queries
from commonground.reports.actions import helpline
from commonground.reports.forms_recording import HelplineCallForm
from commonground.reports.forms_staff import add_action_errors

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
