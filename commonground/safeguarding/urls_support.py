"""URLs of the support part of casework: the support plan, its end, exit reviews and transfer."""

from django.urls import path

from commonground.safeguarding.views import support

CASE = "staff/safeguarding/referrals/<int:referral_id>/"

urlpatterns: list = [
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
]
