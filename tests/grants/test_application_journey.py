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
    assert {n.url for n in notices} == {f"/staff/grants/applications/{application.pk}/"}
    assert all("Street Feast" not in m.body and "Breightmet Friends" not in m.body for m in mail.outbox)
    assert len([m for m in mail.outbox if m.to == ["contact@example.org"]]) == 1
    confirmation = listing.get(f"/grants/your-applications/{application.pk}/sent/").content.decode()
    assert application.reference in confirmation
    assert AuditEvent.objects.filter(object_id=str(application.pk), reason="Sent the application").exists()


def test_bad_input_gets_clear_messages_and_keeps_what_was_typed(
    grant_round, django_capture_on_commit_callbacks
):
    client = applicant_client("contact@example.org", capture=django_capture_on_commit_callbacks)
    application = _start(client, grant_round)
    base = f"/grants/your-applications/{application.pk}"
    bad_numbers = client.post(
        f"{base}/organisation/",
        {"organisation_name": "Group", "organisation_type": "registered_charity", "charity_number": "12ab"},
    )
    text = bad_numbers.content.decode()
    assert (
        bad_numbers.status_code == 200
        and "A charity number is 6 to 8 digits" in text
        and 'value="12ab"' in text
    )
    company = client.post(
        f"{base}/organisation/",
        {"organisation_name": "Group", "organisation_type": "cic", "company_number": "123"},
    )
    assert "A company number is 8 letters or digits" in company.content.decode()
    unknown = client.post(f"{base}/address/", {"address": "1 Road", "postcode": "ZZ9 9ZZ"})
    assert "We could not find this postcode" in unknown.content.decode()
    outside = client.post(f"{base}/address/", {"address": "1 Road", "postcode": "M11 2BA"})
    assert "which this round does not cover" in outside.content.decode()
    chosen = client.post(
        f"{base}/address/", {"address": "1 Road", "postcode": "ZZ9 9ZZ", "borough": "E08000002"}
    )
    assert chosen.status_code == 302
    times = good_answers(grant_round)["when-and-where"] | {"ends_at": "09:00"}
    backwards = client.post(f"{base}/when-and-where/", times)
    assert "The event must end after it starts" in backwards.content.decode()
    budget = good_answers(grant_round)["budget"] | {"amount_requested": "1200"}
    wrong_sum = client.post(f"{base}/budget/", budget)
    assert "The items add up to £1,000.50, but the total is £1,200.00" in wrong_sum.content.decode()
    assert 'value="Marquee hire"' in wrong_sum.content.decode()
    too_much = client.post(
        f"{base}/budget/", {"item_1": "Hall", "amount_1": "2500", "amount_requested": "2500"}
    )
    assert "The total must be £2,000.00 or less" in too_much.content.decode()
    no_line = client.post(f"{base}/budget/", {"amount_requested": "100"})
    assert "Enter at least one item" in no_line.content.decode()
    undeclared = client.post(f"{base}/declarations/", {})
    assert "Confirm that the information is true" in undeclared.content.decode()
    assert "<title>Error:" in undeclared.content.decode()


def test_save_and_return_from_a_new_link_shows_the_answers(grant_round, django_capture_on_commit_callbacks):
    first_visit = applicant_client("contact@example.org", capture=django_capture_on_commit_callbacks)
    application = _start(first_visit, grant_round)
    answers = good_answers(grant_round)
    _answer_all(first_visit, application, {k: answers[k] for k in ("organisation", "address", "event")})
    first_visit.post("/grants/sign-out/")
    # Another day, another browser: sign in again from a new email link.
    later = applicant_client("contact@example.org", capture=django_capture_on_commit_callbacks)
    listing = later.get("/grants/your-applications/").content.decode()
    assert "Continue your application" in listing
    resumed = later.get(f"/grants/your-applications/{application.pk}/continue/")
    assert resumed["Location"] == f"/grants/your-applications/{application.pk}/when-and-where/"
    back = later.get(f"/grants/your-applications/{application.pk}/event/").content.decode()
    assert 'value="Street Feast"' in back and "A shared meal in the park." in back
    # Starting again from the round's page continues the same draft.
    assert later.get(f"/grants/round/{grant_round.slug}/apply/")["Location"].endswith(
        f"/{application.pk}/continue/"
    )


def test_another_groups_application_is_not_found(grant_round, django_capture_on_commit_callbacks):
    owner = applicant_client("contact@example.org", capture=django_capture_on_commit_callbacks)
    application = _start(owner, grant_round)
    other = applicant_client("someone-else@example.org", capture=django_capture_on_commit_callbacks)
    base = f"/grants/your-applications/{application.pk}"
    for path in (
        f"{base}/",
        f"{base}/continue/",
        f"{base}/organisation/",
        f"{base}/check/",
        f"{base}/withdraw/",
    ):
        assert other.get(path).status_code == 404, path
    assert other.post(f"{base}/organisation/", good_answers(grant_round)["organisation"]).status_code == 404


def test_a_second_similar_application_is_flagged_not_refused(grant_round, django_capture_on_commit_callbacks):
    sent = []
    for email, name, title in (
        ("first@example.org", "Breightmet Friends", "Street Feast"),
        ("second@example.org", "The Breightmet Friends Ltd", "Street feast 2027"),
    ):
        client = applicant_client(email, capture=django_capture_on_commit_callbacks)
        response = client.post(f"/grants/round/{grant_round.slug}/apply/")
        application = GrantApplication.objects.get(applicant__email=email)
        answers = good_answers(grant_round, organisation=name, title=title)
        answers["organisation"]["charity_number"] = "7654321" if email.startswith("second") else "1234567"
        _answer_all(client, application, answers)
        signed = client.get(f"/grants/your-applications/{application.pk}/check/").context["signed_answers"]
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/grants/your-applications/{application.pk}/check/", {"answers": signed})
        assert response.status_code == 302
        application.refresh_from_db()
        sent.append(application)
    assert sent[0].possible_duplicate_of is None
    assert sent[1].status == ApplicationStatus.SUBMITTED
    assert sent[1].possible_duplicate_of == sent[0]


def test_a_closed_round_keeps_the_answers_but_cannot_be_sent(grant_round, django_capture_on_commit_callbacks):
    client = applicant_client("contact@example.org", capture=django_capture_on_commit_callbacks)
    application = _start(client, grant_round)
    _answer_all(client, application, good_answers(grant_round))
    signed = client.get(f"/grants/your-applications/{application.pk}/check/").context["signed_answers"]
    grant_round.closes_on = grant_round.opens_on
    grant_round.save()
    page = client.post(f"/grants/your-applications/{application.pk}/check/", {"answers": signed})
    assert page.status_code == 409 and "This round has closed" in page.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT and "budget" in application.draft_answers
    assert (
        "cannot be sent" in client.get(f"/grants/your-applications/{application.pk}/check/").content.decode()
    )


def test_tampered_answers_are_not_sent(grant_round, django_capture_on_commit_callbacks):
    client = applicant_client("contact@example.org", capture=django_capture_on_commit_callbacks)
    application = _start(client, grant_round)
    _answer_all(client, application, good_answers(grant_round))
    response = client.post(
        f"/grants/your-applications/{application.pk}/check/", {"answers": "forged"}, follow=True
    )
    assert "Your answers could not be read" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
