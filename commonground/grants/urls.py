"""Community grants: the public pages (rounds, applicant sign-in, the application journey, the
applicant's own pages) under /grants/, and the pages of the grants team, assessors and the panel
under /staff/grants/."""

from django.urls import path

from commonground.grants.views import (
    open_data,
    public_account,
    public_application,
    public_applications,
    public_rounds,
    staff_applications,
    staff_assessment,
    staff_decisions,
    staff_rounds,
)

app_name = "grants"

urlpatterns: list = []

# Staff pages
_S = "staff/grants/"
urlpatterns += [
    path(f"{_S}rounds/", staff_rounds.round_list, name="staff-rounds"),
    path(f"{_S}rounds/new/", staff_rounds.new_round, name="staff-round-new"),
    path(f"{_S}rounds/<int:round_id>/", staff_rounds.round_page, name="staff-round"),
    path(f"{_S}rounds/<int:round_id>/edit/", staff_rounds.edit_round, name="staff-round-edit"),
    path(f"{_S}rounds/<int:round_id>/criteria/new/", staff_rounds.new_criterion, name="staff-criterion-new"),
    path(f"{_S}rounds/<int:round_id>/questions/new/", staff_rounds.new_question, name="staff-question-new"),
    path(f"{_S}applications/", staff_applications.application_list, name="staff-applications"),
    path(f"{_S}applications/<int:application_id>/", staff_applications.application, name="staff-application"),
    path(
        f"{_S}applications/<int:application_id>/duplicate-check/",
        staff_applications.duplicate_check,
        name="staff-duplicate-check",
    ),
    path(
        f"{_S}applications/<int:application_id>/messages/new/",
        staff_applications.ask_the_group,
        name="staff-message",
    ),
    path(
        f"{_S}applications/<int:application_id>/assessors/",
        staff_applications.assign_assessors,
        name="staff-assign",
    ),
    path(f"{_S}assessing/", staff_assessment.my_assessments, name="staff-my-assessments"),
    path(
        f"{_S}applications/<int:application_id>/declaration/", staff_assessment.declare, name="staff-declare"
    ),
    path(f"{_S}applications/<int:application_id>/score/", staff_assessment.score, name="staff-score"),
    path(
        f"{_S}applications/<int:application_id>/moderation/", staff_assessment.moderate, name="staff-moderate"
    ),
    path(f"{_S}applications/<int:application_id>/decision/", staff_decisions.decide, name="staff-decide"),
    path(
        f"{_S}applications/<int:application_id>/payments/new/",
        staff_decisions.record_payment,
        name="staff-payment",
    ),
    path(f"{_S}monitoring/", staff_decisions.monitoring, name="staff-monitoring"),
    path(
        f"{_S}monitoring/<int:report_id>/reviewed/",
        staff_decisions.mark_reviewed,
        name="staff-monitoring-reviewed",
    ),
]
# End of staff pages
# Public pages
urlpatterns += [
    path("grants/", public_rounds.rounds, name="public-rounds"),
    path("grants/round/<slug:slug>/", public_rounds.round_page, name="public-round"),
    path("grants/round/<slug:slug>/apply/", public_application.start, name="public-start"),
    path("grants/sign-in/", public_account.sign_in, name="public-sign-in"),
    path("grants/sign-in/password/", public_account.password_sign_in, name="public-sign-in-password"),
    path("grants/account/password/", public_account.set_password, name="public-set-password"),
    path("grants/sign-in/check-your-email/", public_account.link_sent, name="public-sign-in-sent"),
    path("grants/sign-in/link/<str:token>/", public_account.open_link, name="public-sign-in-link"),
    path("grants/sign-out/", public_account.sign_out, name="public-sign-out"),
    path("grants/your-applications/", public_applications.your_applications, name="public-applications"),
    path(
        "grants/your-applications/<int:application_id>/",
        public_applications.application_page,
        name="public-application",
    ),
    path(
        "grants/your-applications/<int:application_id>/continue/",
        public_application.continue_application,
        name="public-continue",
    ),
    path(
        "grants/your-applications/<int:application_id>/check/",
        public_application.check_answers,
        name="public-check",
    ),
    path("grants/your-applications/<int:application_id>/sent/", public_application.sent, name="public-sent"),
    path(
        "grants/your-applications/<int:application_id>/withdraw/",
        public_applications.withdraw,
        name="public-withdraw",
    ),
    path(
        "grants/your-applications/<int:application_id>/monitoring/",
        public_applications.monitoring_report,
        name="public-monitoring",
    ),
    path(
        "grants/your-applications/<int:application_id>/<slug:step>/",
        public_application.question,
        name="public-question",
    ),
]

# Open data: awarded grants as 360Giving open data, for everyone, under /grants/open-data/.
urlpatterns += [
    path("grants/open-data/", open_data.about, name="open-data"),
    path("grants/open-data/360giving.json", open_data.grants_json, name="open-data-json"),
    path("grants/open-data/360giving.csv", open_data.grants_csv, name="open-data-csv"),
]
