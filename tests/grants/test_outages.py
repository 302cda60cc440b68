"""When the database cannot take an answer, the page says so with a 503 and keeps what was typed."""

from unittest import mock

import pytest
from django.db import DatabaseError

from commonground.grants.models import ApplicationStatus
from tests.grants.helpers import applicant_client, good_answers

pytestmark = pytest.mark.django_db
ORDER = [
    "organisation",
    "address",
    "event",
    "when-and-where",
    "people",
    "questions",
    "budget",
    "declarations",
]


def test_an_answer_that_cannot_be_saved_stays_on_the_page(grant_round, django_capture_on_commit_callbacks):
    client = applicant_client("contact@example.org", capture=django_capture_on_commit_callbacks)
    client.post(f"/grants/round/{grant_round.slug}/apply/")
    application = grant_round.applications.get()
    with mock.patch(
        "commonground.grants.actions.applications.save_answer", side_effect=DatabaseError("down")
    ):
        page = client.post(
            f"/grants/your-applications/{application.pk}/event/",
            {"event_title": "Street Feast", "event_description": "A shared meal."},
        )
    text = page.content.decode()
    assert page.status_code == 503 and page["Retry-After"] == "60"
    assert "your answers have not been saved yet" in text and 'value="Street Feast"' in text


def test_sending_when_the_database_fails_keeps_the_answers_ready_to_send_again(
    grant_round, django_capture_on_commit_callbacks
):
    client = applicant_client("contact@example.org", capture=django_capture_on_commit_callbacks)
    client.post(f"/grants/round/{grant_round.slug}/apply/")
    application = grant_round.applications.get()
    answers = good_answers(grant_round)
    for slug in ORDER:
        client.post(f"/grants/your-applications/{application.pk}/{slug}/", answers[slug])
    signed = client.get(f"/grants/your-applications/{application.pk}/check/").context["signed_answers"]
    with mock.patch("commonground.grants.actions.applications.submit_application", side_effect=DatabaseError):
        page = client.post(f"/grants/your-applications/{application.pk}/check/", {"answers": signed})
    assert page.status_code == 503 and signed in page.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(f"/grants/your-applications/{application.pk}/check/", {"answers": signed})
    assert again.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
