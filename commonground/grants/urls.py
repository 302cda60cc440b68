from django.urls import path

from commonground.grants.views import public_account, public_application, public_applications, public_rounds

app_name = "grants"

urlpatterns: list = []  # filled as the app's pages are built

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
