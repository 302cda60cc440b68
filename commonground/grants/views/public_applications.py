"""The group's own pages: its applications, one application (its status, the panel's decision and
the message thread), withdrawing, and the monitoring report after a funded event."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from commonground.grants import workflow
from commonground.grants.actions import messages_public, monitoring
from commonground.grants.actions.applications import withdraw_application
from commonground.grants.applicant_session import applicant_required
from commonground.grants.forms.public_after import PHOTOS, MonitoringForm, ReplyForm, WithdrawForm
from commonground.grants.models import ApplicationStatus
from commonground.grants.queries import applicant_applications as queries

WITHDRAWABLE = {ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, ApplicationStatus.IN_ASSESSMENT}


@never_cache
@applicant_required
def your_applications(request):
    return render(
        request,
        "grants/public/applications.html",
        {"applications": queries.applications_of(request.applicant), "applicant": request.applicant},
    )


@never_cache
@applicant_required
@require_http_methods(["GET", "POST"])
def application_page(request, application_id: int):
    application = queries.application_of(request.applicant, application_id)
    if application.status == ApplicationStatus.DRAFT:
        return redirect("grants:public-continue", application.pk)
    form = ReplyForm(data=request.POST) if request.method == "POST" else ReplyForm()
    if request.method == "POST" and form.is_valid():
        try:
            messages_public.send_reply(
                applicant=request.applicant, application=application, body=form.cleaned_data["body"]
            )
        except ValidationError as refused:
            form.add_error("body", refused.messages[0])
        else:
            return redirect("grants:public-application", application.pk)
    messages_public.mark_team_messages_read(applicant=request.applicant, application=application)
    decision = getattr(application, "decision", None)
    report = getattr(application, "monitoring", None)
    return render(
        request,
        "grants/public/application.html",
        {
            "application": application,
            "status_label": workflow.APPLICATION.labels[application.status],
            "decision": decision,
            "report": report,
            "thread": queries.thread_of(application),
            "form": form,
            "may_withdraw": application.status in WITHDRAWABLE,
        },
    )


@never_cache
@applicant_required
@require_http_methods(["GET", "POST"])
def withdraw(request, application_id: int):
    application = queries.application_of(request.applicant, application_id)
    if application.status not in WITHDRAWABLE:
        return render(request, "grants/public/cannot_withdraw.html", {"application": application}, status=409)
    form = WithdrawForm(data=request.POST) if request.method == "POST" else WithdrawForm()
    if request.method == "POST" and form.is_valid():
        try:
            withdraw_application(applicant=request.applicant, application=application)
        except ValidationError as refused:
            form.add_error("confirm", refused.messages[0])
        else:
            return redirect("grants:public-applications")
    return render(request, "grants/public/withdraw.html", {"application": application, "form": form})


@never_cache
@applicant_required
@require_http_methods(["GET", "POST"])
def monitoring_report(request, application_id: int):
    report = queries.monitoring_report_of(request.applicant, application_id)
    if report.submitted_at is not None:
        return render(request, "grants/public/monitoring_sent.html", {"report": report})
    if request.method == "POST":
        form = MonitoringForm(data=request.POST, files=request.FILES, report=report)
        if form.is_valid():
            data = form.cleaned_data
            photos = [
                monitoring.ReportPhoto(
                    photo=data[f"photo_{n}"],
                    caption=data[f"caption_{n}"],
                    consent_to_publish=data[f"consent_{n}"],
                )
                for n in range(1, PHOTOS + 1)
                if data.get(f"photo_{n}")
            ]
            monitoring.submit_monitoring_report(
                applicant=request.applicant,
                report=report,
                answers=monitoring.MonitoringAnswers(
                    attendance=data["attendance"],
                    participation=form.participation(),
                    what_happened=data["what_happened"],
                    amount_spent=data["amount_spent"],
                    spend_notes=data["spend_notes"],
                    photos=photos,
                ),
            )
            return redirect("grants:public-monitoring", application_id)
    else:
        form = MonitoringForm(report=report)
    return render(
        request,
        "grants/public/monitoring.html",
        {"report": report, "application": report.application, "form": form},
    )
