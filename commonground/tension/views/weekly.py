"""The weekly tension report: the page (any week that has started; by default the last complete
one), its PDF (audited as an export) and sending it to the partnership (an action). Thin adapters."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from commonground.core.access import scope_for
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.tension import weekly_report as documents
from commonground.tension.actions.distribution import send_weekly_report as send
from commonground.tension.forms.weekly import WeekForm
from commonground.tension.queries import weekly as queries


def _page(request, form: WeekForm, *, status: int = 200):
    scope = scope_for(request.user)
    report = queries.weekly_report(scope, form.cleaned_data["week"]) if form.is_valid() else None
    return render(
        request,
        "tension/weekly/page.html",
        {
            "form": form,
            "report": report,
            "marking": documents.PROTECTIVE_MARKING,
            "can_send": scope.can(Permission.ASSESS_TENSION),
        },
        status=status,
    )


@staff_view(Permission.VIEW_TENSION)
def weekly_report(request):
    return _page(request, WeekForm(request.GET or {"week": ""}))


@staff_view(Permission.VIEW_TENSION)
def weekly_report_pdf(request):
    form = WeekForm(request.GET or {"week": ""})
    if not form.is_valid():
        return _page(request, form, status=400)
    scope = scope_for(request.user)
    report = queries.weekly_report(scope, form.cleaned_data["week"])
    content = documents.weekly_report_pdf(report)
    queries.record_weekly_report_export(scope, report)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{documents.weekly_report_filename(report)}"'
    response["Cache-Control"] = "no-store"
    return response


@staff_view(Permission.ASSESS_TENSION)
@require_POST
def send_weekly_report(request):
    form = WeekForm(request.POST)
    if form.is_valid():
        week = form.cleaned_data["week"]
        try:
            sent = send(actor=request.user, week_starting_on=week)
        except ValidationError as error:
            form.add_error("week", error.messages[0])
        else:
            messages.success(
                request,
                f"Weekly report sent to {len(sent)} {'person' if len(sent) == 1 else 'people'}"
                if sent
                else "Everyone has already been sent this week's report",
            )
            return redirect(reverse("tension:weekly-report") + f"?week={week:%Y-%m-%d}")
    return _page(request, form, status=400)
