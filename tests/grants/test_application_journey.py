"""A group applies through the question pages, as a person would with a browser."""

import pytest
from django.core import mail

from commonground.core.models import AuditEvent, Notification, NotificationKind
from commonground.core.policy import who_may
from commonground.core.roles import Permission
from commonground.grants.models import ApplicationStatus, GrantApplication
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


def _start(client, grant_round) -> GrantApplication:
    response = client.post(f"/grants/round/{grant_round.slug}/apply/")
    assert response.status_code == 302
    return GrantApplication.objects.get(applicant__email="contact@example.org", grant_round=grant_round)


def _answer_all(client, application, answers):
    for slug in ORDER:
        if slug not in answers:
            continue
        response = client.post(f"/grants/your-applications/{application.pk}/{slug}/", answers[slug])
        assert response.status_code == 302, (slug, response.context["form"].errors)


def test_a_group_applies_from_the_rounds_page_to_its_reference(
    grant_round, django_capture_on_commit_callbacks
):
    listing = applicant_client("contact@example.org", capture=django_capture_on_commit_callbacks)
    page = listing.get("/grants/").content.decode()
    assert grant_round.name in page
    round_page = listing.get(f"/grants/round/{grant_round.slug}/").content.decode()
    assert "£2,000" in round_page and "Bolton" in round_page and "Start now" in round_page
    application = _start(listing, grant_round)
    answers = good_answers(grant_round)
    _answer_all(listing, application, answers)
    check = listing.get(f"/grants/your-applications/{application.pk}/check/")
    text = check.content.decode()
    assert "Breightmet Friends" in text and "Street Feast" in text and "1000.50" in text
    signed = check.context["signed_answers"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = listing.post(f"/grants/your-applications/{application.pk}/check/", {"answers": signed})
    assert sent.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.reference.startswith("WST-") and len(application.reference) == 10
    assert application.organisation_name == "Breightmet Friends"
    assert application.borough.code == "E08000001"
    assert application.postcode == "BL2 6PN"
    assert str(application.amount_requested) == "1000.50"
    assert [(line.item, str(line.amount)) for line in application.budget_lines.all()] == [
        ("Food", "600.00"),
        ("Marquee hire", "400.50"),
    ]
    assert application.answers.count() == 1
    assert application.consents_to_calendar and application.declared_true
    assert application.event_ends_at > application.event_starts_at
    assert application.possible_duplicate_of is None
    # The group gets its reference by email; the grants officer a notice without the content.
    [to_group] = [m for m in mail.outbox if m.to == ["contact@example.org"]]
    assert application.reference in to_group.subject and application.reference in to_group.body
    assert "Street Feast" not in to_group.body
    notices = Notification.objects.filter(kind=NotificationKind.GRANT_APPLICATION_RECEIVED)
    assert {n.recipient_id for n in notices} == set(
        who_may(Permission.MANAGE_GRANTS).values_list("pk", flat=True)
    )
    assert notices.exists() and all(application.reference in n.subject for n in notices)
    assert all("Street Feast" not in m.body and "Breightmet Friends" not in m.body for m in mail.outbox)
    assert len([m for m in mail.outbox if m.to == ["contact@example.org"]]) == 1
    confirmation = listing.get(f"/grants/your-applications/{application.pk}/sent/").content.decode()
    assert application.reference in confirmation
    assert AuditEvent.objects.filter(object_id=str(application.pk), reason="Sent the application").exists()
