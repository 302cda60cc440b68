from django.urls import path

from commonground.safeguarding import (
    urls_documents,
    urls_information,
    urls_panels,
    urls_retention,
    urls_support,
)
from commonground.safeguarding.views import staff

app_name = "safeguarding"

urlpatterns = [
    path("staff/safeguarding/", staff.referral_list, name="list"),
    path("staff/safeguarding/refer/", staff.refer, name="refer"),
    path("staff/safeguarding/referrals/<int:referral_id>/", staff.referral, name="referral"),
    path("staff/safeguarding/referrals/<int:referral_id>/edit/", staff.edit, name="edit"),
    path(
        "staff/safeguarding/referrals/<int:referral_id>/gateway-check/",
        staff.record_gateway_check,
        name="record-gateway-check",
    ),
    path(
        "staff/safeguarding/referrals/<int:referral_id>/screening/",
        staff.record_screening_decision,
        name="record-screening-decision",
    ),
    *urls_information.urlpatterns,
    *urls_panels.urlpatterns,
    *urls_support.urlpatterns,
    *urls_retention.urlpatterns,
    *urls_documents.urlpatterns,
]
