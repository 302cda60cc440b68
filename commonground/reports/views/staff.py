"""Staff pages of the report line: the triage queue, a report's page with its forms, the photos
sent with a report, and a reporting centre's entry of a report on someone's behalf."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from commonground.core import access
from commonground.core.access import Scope, scope_for
from commonground.core.form_helpers import add_action_errors
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.reports import notifications, queries, workflow
from commonground.reports.actions import follow_up
from commonground.reports.actions.submission import submit_report
from commonground.reports.forms.recording import OnBehalfReportForm
from commonground.reports.forms.staff import (
    AssignTeamsForm,
    ChangeStatusForm,
    LinkDecisionForm,
    MessageForm,
    QueueFilterForm,
    UrgencyForm,
)
from commonground.reports.models import Channel, Report, ReportStatus, SharingPartner, Urgency
from commonground.reports.queries.queue import QueueShows

ON_BEHALF_SESSION_KEY = "reports:on-behalf-sent"


# --- The triage queue ------------------------------------------------------------------------------


@staff_view(Permission.VIEW_REPORTS)
def queue(request):
    form = QueueFilterForm(request.GET or None)
    filters = form.filters()
    queue = queries.triage_queue(
        scope_for(request.user), page_number=request.GET.get("page"), filters=filters
    )
    form.show_counts(queue.counts, filters)
    now = timezone.now()
    rows = [
        {"report": report, "overdue": workflow.is_overdue(report.status, report.triage_due_at, now)}
        for report in queue.page
    ]
    narrowed = any([filters.status, filters.kind, filters.team, filters.borough, filters.my_teams])
    return render(
        request,
        "reports/staff/queue.html",
        {
            "form": form,
            "page": queue.page,
            "rows": rows,
            "counts": queue.counts,
            "showing_done": filters.show == QueueShows.DONE,
            "filtered": narrowed,
        },
    )


# --- A report's page -------------------------------------------------------------------------------


def _report_page(request, report_id: int, **forms):
    """The page of one report (audited on each opening); `forms` are bound forms to show again
    with their errors and what was typed."""
    scope = scope_for(request.user)
    report = queries.open_report(scope, report_id)
    can_triage = scope.can(Permission.TRIAGE_REPORTS)
    context = {
        "report": report,
        "overdue": workflow.is_overdue(report.status, report.triage_due_at, timezone.now()),
        "consents": [
            (SharingPartner(partner).label, given) for partner, given in queries.consents_now(report).items()
        ],
        "suggestions": queries.pending_link_suggestions(scope, report) if can_triage else [],
        "can_triage": can_triage,
        "message_form": forms.get("message_form") or MessageForm(),
        # Only triage officers see the triage forms.
        "status_form": (forms.get("status_form") or ChangeStatusForm(report=report)) if can_triage else None,
        "urgency_form": (forms.get("urgency_form") or UrgencyForm(report=report)) if can_triage else None,
        "teams_form": (forms.get("teams_form") or AssignTeamsForm(report=report)) if can_triage else None,
    }
    context["has_errors"] = any(form.errors for form in forms.values())
    return render(request, "reports/staff/report.html", context)


@staff_view(Permission.VIEW_REPORTS)
def report(request, report_id: int):
    return _report_page(request, report_id)


def _report_to_change(scope: Scope, report_id: int) -> Report:
    """The report a form was posted for: the same check as its page; out of scope answers 404."""
    return access.get_visible_or_404(scope, Report, pk=report_id)


@staff_view(Permission.TRIAGE_REPORTS)
@require_POST
def change_status(request, report_id: int):
    report = _report_to_change(scope_for(request.user), report_id)
    form = ChangeStatusForm(request.POST, report=report)
    if form.is_valid():
        try:
            follow_up.change_status(actor=request.user, report=report, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            label = ReportStatus(form.cleaned_data["to_status"]).label.lower()
            messages.success(request, f"Report {report.reference} is now {label}")
            return redirect("reports:staff-report", report.pk)
    return _report_page(request, report_id, status_form=form)


@staff_view(Permission.TRIAGE_REPORTS)
@require_POST
def set_urgency(request, report_id: int):
    report = _report_to_change(scope_for(request.user), report_id)
    form = UrgencyForm(request.POST, report=report)
    if form.is_valid():
        try:
            follow_up.set_urgency(actor=request.user, report=report, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            label = Urgency(form.cleaned_data["urgency"]).label.lower()
            messages.success(request, f"Report {report.reference} is now {label}")
            return redirect("reports:staff-report", report.pk)
    return _report_page(request, report_id, urgency_form=form)


@staff_view(Permission.TRIAGE_REPORTS)
@require_POST
def assign_teams(request, report_id: int):
    report = _report_to_change(scope_for(request.user), report_id)
    form = AssignTeamsForm(request.POST, report=report)
    if form.is_valid():
        try:
            follow_up.assign_teams(
                actor=request.user,
                report=report,
                teams=list(form.cleaned_data["teams"]),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Teams changed")
            return redirect("reports:staff-report", report.pk)
    return _report_page(request, report_id, teams_form=form)


@staff_view(Permission.VIEW_REPORTS)
@require_POST
def send_message(request, report_id: int):
    report = _report_to_change(scope_for(request.user), report_id)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            follow_up.send_staff_message(actor=request.user, report=report, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Message sent to the reporter")
            return redirect("reports:staff-report", report.pk)
    return _report_page(request, report_id, message_form=form)


@staff_view(Permission.TRIAGE_REPORTS)
@require_POST
def decide_link(request, report_id: int, suggestion_id: int):
    scope = scope_for(request.user)
    report = _report_to_change(scope, report_id)
    suggestion = access.get_visible_or_404(
        scope, queries.pending_link_suggestions(scope, report), pk=suggestion_id
    )
    form = LinkDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose Link or Not the same event")
        return redirect("reports:staff-report", report.pk)
    link = form.cleaned_data["decision"] == "link"
    follow_up.decide_link(actor=request.user, suggestion=suggestion, link=link)
    if link:
        messages.success(request, f"Report {report.reference} is linked to {suggestion.candidate.reference}")
    else:
        messages.success(request, f"Marked as not the same event as {suggestion.candidate.reference}")
    return redirect("reports:staff-report", report.pk)


@staff_view(Permission.VIEW_REPORTS)
def photo(request, report_id: int, photo_id: int):
    """A photo or document sent with a report, streamed only after the same access check as the
    report's page; each opening audited. A PDF is always downloaded, never shown in the page."""
    report, attached = queries.open_report_file(scope_for(request.user), report_id, photo_id)
    try:
        handle = attached.image.open("rb")
    except FileNotFoundError:
        raise Http404("Not found") from None
    extension = (attached.image.name or "").rsplit(".", 1)[-1]
    is_pdf = attached.content_type == "application/pdf"
    response = FileResponse(
        handle,
        content_type=attached.content_type,
        as_attachment=is_pdf,
        filename=f"{report.reference}-{'document' if is_pdf else 'photo'}-{attached.pk}.{extension}",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Reporting centres: a report on someone's behalf ------------------------------------------------


@staff_view(Permission.RECORD_REPORTS_ON_BEHALF)
def new_on_behalf(request):
    form = OnBehalfReportForm(request.POST or None, initial={"submission_key": uuid.uuid4().hex})
    if request.method == "POST" and form.is_valid():
        key = form.cleaned_data["submission_key"]
        submitted = submit_report(
            actor=request.user,
            answers=form.answers(),
            channel=Channel.REPORTING_CENTRE,
            submission_key=f"on-behalf:{key}" if key else None,
            recorded_by_agency=request.user.agency,
            on_behalf_consent=True,
        )
        request.session[ON_BEHALF_SESSION_KEY] = {
            "reference": submitted.report.reference,
            "status_url": notifications.status_url(submitted.status_secret),
        }
        return redirect("reports:on-behalf-sent")
    return render(request, "reports/staff/on_behalf_new.html", {"form": form})


@staff_view(Permission.RECORD_REPORTS_ON_BEHALF)
def on_behalf_sent(request):
    sent = request.session.get(ON_BEHALF_SESSION_KEY)
    if not sent:
        return redirect("reports:on-behalf-new")
    return render(request, "reports/staff/on_behalf_sent.html", {"sent": sent})
