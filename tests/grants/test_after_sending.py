"""The group's pages after sending: status in words, the panel's decision with reasons, the message
thread, withdrawing, and the monitoring report after a funded event."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image

from commonground.core.actions.moves import make_move
from commonground.core.roles import Role
from commonground.grants import workflow
from commonground.grants.models import (
    ApplicationMessage,
    ApplicationStatus,
    GrantApplication,
    MonitoringReport,
    PanelDecision,
)
from tests.factories import BOLTON, AgencyFactory, UserFactory
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


@pytest.fixture
def sent_application(grant_round, django_capture_on_commit_callbacks):
    client = applicant_client("contact@example.org", capture=django_capture_on_commit_callbacks)
    client.post(f"/grants/round/{grant_round.slug}/apply/")
    application = GrantApplication.objects.get(applicant__email="contact@example.org")
    answers = good_answers(grant_round)
    for slug in ORDER:
        client.post(f"/grants/your-applications/{application.pk}/{slug}/", answers[slug])
    signed = client.get(f"/grants/your-applications/{application.pk}/check/").context["signed_answers"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/grants/your-applications/{application.pk}/check/", {"answers": signed})
    application.refresh_from_db()
    return client, application


def _decide(application, outcome, amount=None):
    officer = UserFactory(agency=AgencyFactory(serves=[BOLTON]), roles=[Role.GRANTS_OFFICER])
    with transaction.atomic():
        make_move(application, workflow.APPLICATION, workflow.START_ASSESSMENT)
        make_move(
            application, workflow.APPLICATION, workflow.AWARD if outcome == "award" else workflow.DECLINE
        )
    PanelDecision.objects.create(
        application=application,
        outcome=outcome,
        amount_awarded=amount,
        reasons="A strong plan, with the mosque and church working together.",
        decided_by=officer,
    )
    return officer


def test_the_status_is_shown_in_words(sent_application):
    client, application = sent_application
    listing = client.get("/grants/your-applications/").content.decode()
    assert application.reference in listing and "Received: waiting to be checked" in listing


def test_an_award_shows_the_amount_and_the_panels_reasons(sent_application):
    client, application = sent_application
    _decide(application, "award", "900.00")
    page = client.get(f"/grants/your-applications/{application.pk}/").content.decode()
    assert "The panel awarded £900.00" in page and "the mosque and church working together" in page
    assert "Withdraw this application" not in page
    assert client.get(f"/grants/your-applications/{application.pk}/withdraw/").status_code == 409


def test_a_decline_shows_the_reasons(sent_application):
    client, application = sent_application
    _decide(application, "decline")
    page = client.get(f"/grants/your-applications/{application.pk}/").content.decode()
    assert "decided not to fund" in page and "Not funded" in page


def test_the_group_answers_the_teams_question_and_nobody_is_emailed_its_words(
    sent_application, django_capture_on_commit_callbacks
):
    client, application = sent_application
    officer = UserFactory(agency=AgencyFactory(serves=[BOLTON]), roles=[Role.GRANTS_OFFICER])
    question = ApplicationMessage.objects.create(
        application=application, staff_author=officer, body="Is the park booked?"
    )
    page = client.get(f"/grants/your-applications/{application.pk}/").content.decode()
    assert "Is the park booked?" in page and "The grants team" in page
    question.refresh_from_db()
    assert question.read_at is not None
    empty = client.post(f"/grants/your-applications/{application.pk}/", {"body": ""})
    assert empty.status_code == 200 and "Enter your reply" in empty.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(f"/grants/your-applications/{application.pk}/", {"body": "Yes, booked for 3 May."})
    assert sent.status_code == 302
    reply = ApplicationMessage.objects.get(staff_author__isnull=True)
    assert reply.body == "Yes, booked for 3 May." and not reply.from_team
    assert all("booked for 3 May" not in m.body for m in mail.outbox)
    assert (
        "Yes, booked for 3 May."
        in client.get(f"/grants/your-applications/{application.pk}/").content.decode()
    )


def test_the_group_withdraws_before_a_decision(sent_application):
    client, application = sent_application
    unconfirmed = client.post(f"/grants/your-applications/{application.pk}/withdraw/", {})
    assert "Confirm that you want to withdraw" in unconfirmed.content.decode()
    done = client.post(f"/grants/your-applications/{application.pk}/withdraw/", {"confirm": "on"})
    assert done.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert "Withdrawn" in client.get("/grants/your-applications/").content.decode()


def _photo(kind="PNG") -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(output, format=kind)
    return output.getvalue()


def test_the_monitoring_report_after_a_funded_event(sent_application):
    client, application = sent_application
    _decide(application, "award", "1000.50")
    report = MonitoringReport.objects.create(
        application=application, due_on=timezone.localdate() + timedelta(days=60)
    )
    url = f"/grants/your-applications/{application.pk}/monitoring/"
    form = client.get(url).content.decode()
    assert "Young people" in form and "The people shown agreed" in form
    data = {
        "attendance": "140",
        "category_1": "35",
        "category_2": "",
        "what_happened": "We ate together.",
        "amount_spent": "980",
        "spend_notes": "",
        "caption_1": "The long table",
        "consent_1": "on",
    }
    fake = client.post(
        url, {**data, "photo_1": SimpleUploadedFile("table.jpg", b"MZ\x90\x00 not a photo", "image/jpeg")}
    )
    text = fake.content.decode()
    assert fake.status_code == 200 and "must be a photo" in text and "We ate together." in text
    report.refresh_from_db()
    assert report.submitted_at is None
    good = client.post(url, {**data, "photo_1": SimpleUploadedFile("table.png", _photo(), "image/png")})
    assert good.status_code == 302
    report.refresh_from_db()
    assert report.submitted_at is not None and report.attendance == 140
    assert report.participation == {"Young people": 35}
    [photo] = report.photos.all()
    assert photo.consent_to_publish and photo.caption == "The long table"
    assert "Monitoring report sent" in client.get(url).content.decode()


def test_no_monitoring_report_before_an_award(sent_application):
    client, application = sent_application
    assert client.get(f"/grants/your-applications/{application.pk}/monitoring/").status_code == 404
