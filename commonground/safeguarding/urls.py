"""Safeguarding casework under /staff/safeguarding/: referrals, information requests, panels,
support plans, retention and documents. One flat list in one namespace."""

from django.urls import path

from commonground.safeguarding.views import documents, information, panels, retention, staff, support

SG = "staff/safeguarding/"
CASE = f"{SG}referrals/<int:referral_id>/"
PANELS = f"{SG}panels/"
RETENTION = f"{SG}retention/"

app_name = "safeguarding"

urlpatterns = [
    path(SG, staff.referral_list, name="list"),
    path(f"{SG}refer/", staff.refer, name="refer"),
    path(CASE, staff.referral, name="referral"),
    path(f"{CASE}edit/", staff.edit, name="edit"),
    path(f"{CASE}gateway-check/", staff.record_gateway_check, name="record-gateway-check"),
    path(f"{CASE}screening/", staff.record_screening_decision, name="record-screening-decision"),
    # Information: requests between coordinators and partner agencies (both ways), their answers and
    # threads, and a data protection officer's access to a referral outside normal scope.
    path(
        f"{CASE}information-requests/new/",
        information.send_request,
        name="send-information-request",
    ),
    path(f"{SG}requests/", information.request_list, name="information-requests"),
    path(f"{SG}requests/ask/<int:referral_id>/", information.ask_coordinator, name="ask-coordinator"),
    path(f"{SG}case-requests/", information.case_requests, name="case-requests"),
    path(f"{SG}case-requests/<int:request_id>/", information.case_request, name="case-request"),
    path(f"{SG}case-requests/<int:request_id>/chase/", information.chase_request, name="chase-request"),
    path(f"{SG}requests/<int:request_id>/", information.request_page, name="information-request"),
    path(f"{CASE}outside-scope/", information.referral_outside_scope, name="referral-outside-scope"),
    # Panels
    path(PANELS, panels.panels, name="panels"),
    path(f"{PANELS}new/", panels.new_panel, name="new-panel"),
    path(f"{PANELS}attendance/", panels.attendance_report, name="attendance-report"),
    path(f"{PANELS}<int:meeting_id>/", panels.panel, name="panel"),
    path(f"{PANELS}<int:meeting_id>/agenda/", panels.add_to_agenda, name="add-to-agenda"),
    path(f"{PANELS}<int:meeting_id>/attendance/", panels.record_attendance, name="record-attendance"),
    path(f"{PANELS}<int:meeting_id>/items/<int:item_id>/", panels.agenda_item, name="agenda-item"),
    path(
        f"{PANELS}<int:meeting_id>/items/<int:item_id>/factors/",
        panels.record_factor_discussion,
        name="record-factor-discussion",
    ),
    path(
        f"{PANELS}<int:meeting_id>/items/<int:item_id>/decision/",
        panels.record_panel_decision,
        name="record-panel-decision",
    ),
    path(f"{PANELS}<int:meeting_id>/cases/<int:referral_id>/", panels.panel_case, name="panel-case"),
    # Support: the support plan, its end, exit reviews and transfer
    path(f"{CASE}plan/", support.plan, name="support-plan"),
    path(f"{CASE}plan/interventions/", support.add_intervention, name="add-intervention"),
    path(
        f"{CASE}plan/interventions/<int:intervention_id>/status/",
        support.change_intervention_status,
        name="change-intervention-status",
    ),
    path(
        f"{CASE}plan/interventions/<int:intervention_id>/notes/",
        support.add_progress_note,
        name="add-progress-note",
    ),
    path(f"{CASE}plan/actions/", support.add_plan_action, name="add-plan-action"),
    path(
        f"{CASE}plan/actions/<int:action_id>/done/",
        support.mark_plan_action_done,
        name="mark-plan-action-done",
    ),
    path(f"{CASE}consent-withdrawn/", support.record_consent_withdrawn, name="record-consent-withdrawn"),
    path(f"{CASE}exit/", support.close_case, name="close-case"),
    path(f"{CASE}exit-reviews/<int:review_id>/", support.complete_exit_review, name="complete-exit-review"),
    path(f"{CASE}transfer/", support.transfer, name="transfer"),
    # Retention: the data protection officer's list of records past retention, confirming an erasure
    # and holding a record. 404 to everyone without ACCESS_OUTSIDE_SCOPE.
    path(RETENTION, retention.review_list, name="retention"),
    path(f"{RETENTION}<int:review_id>/confirm/", retention.confirm, name="retention-confirm"),
    path(f"{RETENTION}<int:review_id>/hold/", retention.hold, name="retention-hold"),
    # Documents: the panel pack and the subject access export
    path(f"{PANELS}<int:meeting_id>/pack.pdf", documents.panel_pack, name="panel-pack"),
    path(
        f"{PANELS}<int:meeting_id>/packs/<int:pack_id>.pdf",
        documents.prepared_panel_pack,
        name="prepared-panel-pack",
    ),
    path(f"{CASE}subject-access/", documents.subject_access, name="subject-access"),
]
