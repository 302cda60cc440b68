"""The demo grants: the open round holds an application at every stage, made through the grants
team's actions with the demo accounts; the closed earlier round's awards fill the 360Giving open
data; the groups are fictional and the contacts' emails are the demo's; and it loads only once."""

from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from commonground.core.demo import load_demo
from commonground.core.models import AuditEvent
from commonground.grants import demo
from commonground.grants.models import (
    Applicant,
    ApplicationStatus,
    DecisionOutcome,
    GrantApplication,
    GrantRound,
    MonitoringReport,
)
from tests.grants.test_threesixtygiving import assert_valid_360giving_package

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    load_demo()
    demo.load_demo()
    demo.load_demo_records()
    return GrantRound.objects.get(slug=demo.OPEN_ROUND), GrantRound.objects.get(slug=demo.EARLIER_ROUND)


def by_event(grant_round, title) -> GrantApplication:
    return grant_round.applications.get(event_title=title)


def test_the_open_round_has_an_application_at_every_stage(loaded):
    open_round, _earlier = loaded
    assert open_round.name == "#WeStandTogether community events 2027"
    assert open_round.budget == Decimal("25000") and open_round.maximum_award == Decimal("2500")
    assert open_round.criteria.count() == 4 and open_round.questions.count() == 1
    assert open_round.participation_categories
    assert open_round.opens_on <= timezone.localdate() <= open_round.closes_on
    statuses = sorted(open_round.applications.values_list("status", flat=True))
    assert statuses.count(ApplicationStatus.DRAFT) == 1
    assert statuses.count(ApplicationStatus.SUBMITTED) == 2
    assert statuses.count(ApplicationStatus.IN_ASSESSMENT) == 2
    assert statuses.count(ApplicationStatus.AWARDED) == 3
    assert statuses.count(ApplicationStatus.DECLINED) == 1
    assert statuses.count(ApplicationStatus.WITHDRAWN) == 1

    duplicate = by_event(open_round, "Riverside Road street feast")
    assert duplicate.status == ApplicationStatus.SUBMITTED
    assert duplicate.possible_duplicate_of == by_event(open_round, "Riverside street feast")

    conflicted = by_event(open_round, "Hilltop open kitchen")
    assert conflicted.assessments.count() == 1
    assert conflicted.declarations.filter(has_conflict=True).count() == 1
    assert conflicted.declarations.get(has_conflict=True).assessor.username == "assessor-2"

    disagreeing = by_event(open_round, "Canal clean-up and picnic")
    assert disagreeing.scores_disagree and not disagreeing.moderation_note
    assert disagreeing.assessments.count() == 2

    paid = by_event(open_round, "Mill Lane five-a-side")
    assert paid.decision.payments.get().amount == Decimal("1000")
    assert paid.event_starts_at > timezone.now() and paid.consents_to_calendar
    assert "Mill Lane five-a-side" in Client().get("/events/").content.decode()

    today = timezone.localdate()
    received = MonitoringReport.objects.get(application=by_event(open_round, "Stories from home"))
    assert received.submitted_at is not None and received.attendance
    overdue = MonitoringReport.objects.get(application=by_event(open_round, "Chapel Street open day"))
    assert overdue.submitted_at is None and overdue.due_on < today

    declined = by_event(open_round, "Moorside music night")
    assert declined.decision.outcome == DecisionOutcome.DECLINE and declined.decision.reasons
    assert by_event(open_round, "Park Ward family fun day").status == ApplicationStatus.WITHDRAWN


def test_the_staff_steps_went_through_the_actions_and_were_audited(loaded):
    open_round, _earlier = loaded
    awarded = by_event(open_round, "Mill Lane five-a-side")
    assert awarded.decision.decided_by.username == "programme"
    assert {a.assessor.username for a in awarded.assignments.all()} == {"assessor", "assessor-2"}
    audited = AuditEvent.objects.filter(actor__username__in=["grants", "assessor", "assessor-2", "programme"])
    assert audited.count() > 30


def test_the_earlier_round_is_closed_and_its_awards_are_open_data(loaded):
    _open_round, earlier = loaded
    assert earlier.closes_on < timezone.localdate()
    assert earlier.applications.filter(status=ApplicationStatus.AWARDED).count() == 3
    assert all(
        report.reviewed_at for report in MonitoringReport.objects.filter(application__grant_round=earlier)
    )
    document = Client().get("/grants/open-data/360giving.json").json()
    assert_valid_360giving_package(document)
    assert len(document["grants"]) == 6  # three from each round; never a declined or withdrawn one
    programmes = {g["grantProgramme"][0]["code"] for g in document["grants"]}
    assert programmes == {demo.OPEN_ROUND, demo.EARLIER_ROUND}
    text = Client().get("/grants/open-data/360giving.csv").content.decode("utf-8-sig")
    for applicant in Applicant.objects.all():
        assert applicant.email not in text and applicant.full_name not in text


def test_the_groups_are_fictional_and_the_emails_the_demos(loaded):
    for application in GrantApplication.objects.all():
        assert application.organisation_name.startswith("Demo ")
        assert application.organisation_name.endswith("Community Association")
        assert not application.charity_number and not application.company_number
    assert all(a.email.endswith("@demo.commonground.invalid") for a in Applicant.objects.all())


def test_it_loads_only_once(loaded):
    counts = (GrantRound.objects.count(), GrantApplication.objects.count(), AuditEvent.objects.count())
    demo.load_demo_records()
    assert (
        GrantRound.objects.count(),
        GrantApplication.objects.count(),
        AuditEvent.objects.count(),
    ) == counts
