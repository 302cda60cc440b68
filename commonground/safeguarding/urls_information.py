"""URLs of the information part of casework: requests between coordinators and partner agencies
(both ways), their answers and threads, and
a data protection officer's access to a referral outside normal scope."""

from django.urls import path

from commonground.safeguarding.views import information

urlpatterns: list = [
    path(
        "staff/safeguarding/referrals/<int:referral_id>/information-requests/new/",
        information.send_request,
        name="send-information-request",
    ),
    path("staff/safeguarding/requests/", information.request_list, name="information-requests"),
    path(
        "staff/safeguarding/requests/ask/<int:referral_id>/",
        information.ask_coordinator,
        name="ask-coordinator",
    ),
    path("staff/safeguarding/case-requests/", information.case_requests, name="case-requests"),
    path(
        "staff/safeguarding/case-requests/<int:request_id>/",
        information.case_request,
        name="case-request",
    ),
    path(
        "staff/safeguarding/case-requests/<int:request_id>/chase/",
        information.chase_request,
        name="chase-request",
    ),
    path(
        "staff/safeguarding/requests/<int:request_id>/",
        information.request_page,
        name="information-request",
    ),
    path(
        "staff/safeguarding/referrals/<int:referral_id>/outside-scope/",
        information.referral_outside_scope,
        name="referral-outside-scope",
    ),
]
