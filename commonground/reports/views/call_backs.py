"""The helpline's call-back queue: residents who asked, in the worry journey, to be called."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.reports import queries
from commonground.reports.actions import call_backs
from commonground.reports.forms.helpline import CallBackAttemptForm


@staff_view(Permission.LOG_HELPLINE_CALLS)
def queue(request):
    page = queries.call_back_queue_page(scope_for(request.user), page_number=request.GET.get("page"))
    return render(request, "reports/staff/call_backs.html", {"page": page})


@staff_view(Permission.LOG_HELPLINE_CALLS)
def call_back(request, request_id: int):
    form = CallBackAttemptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call_backs.log_attempt(
                actor=request.user, request_id=request_id, outcome=form.cleaned_data["outcome"]
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            return redirect("reports:call-back", request_id)
    call_back_request = queries.open_call_back(scope_for(request.user), request_id)
    return render(request, "reports/staff/call_back.html", {"call_back": call_back_request, "form": form})
