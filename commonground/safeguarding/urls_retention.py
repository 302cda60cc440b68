"""URLs of retention: the data protection officer's list of records past retention, confirming an
erasure and holding a record. 404 to everyone without ACCESS_OUTSIDE_SCOPE."""

from django.urls import path

from commonground.safeguarding.views import retention

R = "staff/safeguarding/retention/"

urlpatterns: list = [
    path(R, retention.review_list, name="retention"),
    path(f"{R}<int:review_id>/confirm/", retention.confirm, name="retention-confirm"),
    path(f"{R}<int:review_id>/hold/", retention.hold, name="retention-hold"),
]
