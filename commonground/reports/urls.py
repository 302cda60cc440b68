"""The report line: public journeys, the status link and advice; staff pages for triage, the
helpline and reporting centres."""

from django.urls import path

from commonground.reports.views import call_backs, helpline, public, sharing, staff, status

app_name = "reports"

urlpatterns = [
    path("report/", public.choose, name="choose"),
    path("report/<slug:journey>/", public.start, name="start"),
    path("report/<slug:journey>/check/", public.check_answers, name="check"),
    path("report/<slug:journey>/sent/", public.confirmation, name="confirmation"),
    path("report/<slug:journey>/<slug:step>/", public.question, name="question"),
    # The emailed link, opened once and exchanged for the session; then the secret-free page.
    path("status/", status.status_page, name="status-page"),
    path("status/<str:secret>/", status.open_status_link, name="status"),
    path("advice/", public.advice_index, name="advice-index"),
    path("advice/<slug:slug>/", public.advice_page, name="advice"),
    # Triage and follow-up
    path("staff/reports/", staff.queue, name="staff-queue"),
    path("staff/reports/<int:report_id>/", staff.report, name="staff-report"),
    path("staff/reports/<int:report_id>/status/", staff.change_status, name="staff-change-status"),
    path("staff/reports/<int:report_id>/urgency/", staff.set_urgency, name="staff-set-urgency"),
    path("staff/reports/<int:report_id>/teams/", staff.assign_teams, name="staff-assign-teams"),
    path("staff/reports/<int:report_id>/messages/", staff.send_message, name="staff-send-message"),
    path(
        "staff/reports/<int:report_id>/links/<int:suggestion_id>/",
        staff.decide_link,
        name="staff-decide-link",
    ),
    path(
        "staff/reports/<int:report_id>/share-without-consent/",
        sharing.share_without_consent,
        name="staff-share-without-consent",
    ),
    path("staff/sharing-decisions/", sharing.sharing_decisions, name="staff-sharing-decisions"),
    path("staff/reports/<int:report_id>/photos/<int:photo_id>/", staff.photo, name="staff-report-photo"),
    # The helpline
    path("staff/helpline/", helpline.calls, name="helpline-calls"),
    path("staff/helpline/new/", helpline.new_call, name="helpline-new"),
    path("staff/helpline/calls/<int:call_id>/", helpline.call, name="helpline-call"),
    path("staff/helpline/find-report/", helpline.find_report, name="helpline-find-report"),
    path("staff/helpline/call-backs/", call_backs.queue, name="call-backs"),
    path("staff/helpline/call-backs/<int:request_id>/", call_backs.call_back, name="call-back"),
    # Reporting centres
    path("staff/reporting-centre/new/", staff.new_on_behalf, name="on-behalf-new"),
    path("staff/reporting-centre/sent/", staff.on_behalf_sent, name="on-behalf-sent"),
]
