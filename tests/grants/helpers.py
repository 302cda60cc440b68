"""Building a round, signing in as a group by its emailed link, and answering every page."""

import re
from datetime import timedelta

from django.core import mail
from django.test import Client
from django.utils import timezone

from commonground.core.models import Area
from commonground.core.roles import Role
from commonground.grants.models import GrantRound, RoundQuestion
from tests.factories import BOLTON, BURY, AgencyFactory, UserFactory

LINK = re.compile(r"https?://[^\s]+/grants/sign-in/link/[^\s/]+/")


def make_round(*, slug="spring-2027", maximum="2000.00", questions=1, open_now=True, **extra) -> GrantRound:
    officer = UserFactory(agency=AgencyFactory(serves=[BOLTON]), roles=[Role.GRANTS_OFFICER])
    today = timezone.localdate()
    grant_round = GrantRound.objects.create(
        name=f"Round {slug}",
        slug=slug,
        summary="Events that bring neighbours from different communities together.",
        budget="50000.00",
        maximum_award=maximum,
        opens_on=today - timedelta(days=10),
        closes_on=today + timedelta(days=20) if open_now else today - timedelta(days=1),
        published=True,
        participation_categories=["Young people", "Faith groups"],
        created_by=officer,
        **extra,
    )
    grant_round.boroughs.set(Area.objects.filter(code__in=[BOLTON, BURY]))
    for position in range(questions):
        RoundQuestion.objects.create(
            grant_round=grant_round,
            text=f"How will you reach people who do not usually come? ({position})",
            position=position,
        )
    return grant_round


def link_from_outbox(email: str) -> str:
    [message] = [m for m in mail.outbox if m.to == [email]][-1:]
    return LINK.search(message.body).group(0)


def applicant_client(
    email: str, *, next_path: str = "", capture=None, client: Client | None = None
) -> Client:
    """A browser signed in as the group's contact, through the emailed link, as a person would."""
    client = client or Client()
    mail.outbox.clear()
    data = {"email": email, "next": next_path}
    if capture is not None:
        with capture(execute=True):
            client.post("/grants/sign-in/", data)
    else:
        client.post("/grants/sign-in/", data)
    link = link_from_outbox(email)
    path = link.split("testserver", 1)[-1]
    response = client.post(path)
    assert response.status_code == 302, response
    return client


def future(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).strftime("%d/%m/%Y")


def good_answers(grant_round: GrantRound, *, organisation="Breightmet Friends", title="Street Feast") -> dict:
    answers = {
        "organisation": {
            "organisation_name": organisation,
            "organisation_type": "registered_charity",
            "charity_number": "1234567",
            "company_number": "",
        },
        "address": {"address": "1 High Street\nBolton", "postcode": "bl2 6pn", "borough": ""},
        "event": {"event_title": title, "event_description": "A shared meal in the park."},
        "when-and-where": {
            "starts_on": future(30),
            "starts_at": "12:00",
            "ends_on": future(30),
            "ends_at": "16:00",
            "event_venue": "Breightmet Park",
            "event_postcode": "BL2 6PN",
        },
        "people": {
            "communities": "Older residents and new arrivals, cooking together.",
            "expected_attendance": "120",
            "accessibility": "Step-free, with a quiet tent.",
        },
        "budget": {
            "item_1": "Food",
            "amount_1": "£600",
            "item_2": "Marquee hire",
            "amount_2": "400.50",
            "amount_requested": "1,000.50",
        },
        "declarations": {"declared_true": "on", "consents_to_calendar": "on"},
    }
    questions = {
        f"question_{q.pk}": "Door knocking with the mosque and the church."
        for q in grant_round.questions.all()
    }
    if questions:
        answers["questions"] = questions
    return answers
