"""Retention of community grant records: sign-in links go after a week; a draft never sent after a
year; a declined or withdrawn application two years after; an award with its payments, monitoring
report and photos after seven years (files removed from storage); an applicant's account left with
nothing after two years idle. Younger records stay, and each deletion is the system's in the audit
trail."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from commonground.core.models import Area, AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.grants.actions.retention import apply_retention
from commonground.grants.models import (
    Applicant,
    ApplicationStatus,
    DecisionOutcome,
    GrantApplication,
    GrantRound,
    MonitoringPhoto,
    MonitoringReport,
    PanelDecision,
    Payment,
    SignInLink,
)
from tests.factories import BOLTON, GREATER_MANCHESTER, staff

pytestmark = pytest.mark.django_db
NOW = timezone.now()


@pytest.fixture
def officer():
    return staff(Role.GRANTS_OFFICER, GREATER_MANCHESTER)


@pytest.fixture
def grant_round(officer):
    round_ = GrantRound.objects.create(
        name="Community events",
        slug="community-events",
        summary="Events that bring people together.",
        budget=Decimal("10000"),
        maximum_award=Decimal("2000"),
        opens_on=date(2020, 1, 1),
        closes_on=date(2020, 3, 1),
        created_by=officer,
    )
    round_.boroughs.set([Area.objects.get(code=BOLTON)])
    return round_


def application(grant_round, status, *, email, days_old, reference) -> GrantApplication:
    applicant, _ = Applicant.objects.get_or_create(email=email, defaults={"full_name": "A Contact"})
    started = NOW - timedelta(days=days_old)
    return GrantApplication.objects.create(
        grant_round=grant_round,
        applicant=applicant,
        reference=reference,
        status=status,
        organisation_name="Demo Community Association",
        created_at=started,
        submitted_at=None if status == ApplicationStatus.DRAFT else started,
    )


def decide(app, officer, *, outcome, days_ago) -> PanelDecision:
    return PanelDecision.objects.create(
        application=app,
        outcome=outcome,
        amount_awarded=Decimal("1500") if outcome == DecisionOutcome.AWARD else None,
        reasons="The panel's reasons.",
        decided_by=officer,
        decided_at=NOW - timedelta(days=days_ago),
    )


def erasures() -> int:
    return AuditEvent.objects.filter(action=AuditAction.ERASE, actor__isnull=True).count()


def test_sign_in_links_go_after_a_week_and_younger_ones_stay(grant_round):
    applicant = Applicant.objects.create(email="group@example.org", full_name="A Contact")
    old = SignInLink.objects.create(
        applicant=applicant, token_hash="a" * 64, created_at=NOW - timedelta(days=8), expires_at=NOW
    )
    young = SignInLink.objects.create(
        applicant=applicant, token_hash="b" * 64, created_at=NOW - timedelta(days=1), expires_at=NOW
    )

    result = apply_retention()

    assert result.sign_in_links_deleted == 1
    assert not SignInLink.objects.filter(pk=old.pk).exists()
    assert SignInLink.objects.filter(pk=young.pk).exists()
    assert erasures() == 1


def test_old_drafts_and_old_unsuccessful_applications_go_and_younger_ones_stay(grant_round, officer):
    old_draft = application(
        grant_round, ApplicationStatus.DRAFT, email="a@example.org", days_old=400, reference="WST-A"
    )
    new_draft = application(
        grant_round, ApplicationStatus.DRAFT, email="b@example.org", days_old=30, reference="WST-B"
    )
    old_declined = application(
        grant_round, ApplicationStatus.DECLINED, email="c@example.org", days_old=900, reference="WST-C"
    )
    decide(old_declined, officer, outcome=DecisionOutcome.DECLINE, days_ago=800)
    new_declined = application(
        grant_round, ApplicationStatus.DECLINED, email="d@example.org", days_old=900, reference="WST-D"
    )
    decide(new_declined, officer, outcome=DecisionOutcome.DECLINE, days_ago=100)
    old_withdrawn = application(
        grant_round, ApplicationStatus.WITHDRAWN, email="e@example.org", days_old=800, reference="WST-E"
    )

    result = apply_retention()

    assert result.applications_deleted == 3
    left = set(GrantApplication.objects.values_list("reference", flat=True))
    assert left == {new_draft.reference, new_declined.reference}
    assert not PanelDecision.objects.filter(application_id=old_declined.pk).exists()
    assert {old_draft.pk, old_declined.pk, old_withdrawn.pk}.isdisjoint(
        GrantApplication.objects.values_list("pk", flat=True)
    )
    assert erasures() == 3


def test_an_award_goes_with_its_payments_report_and_photos_after_seven_years(grant_round, officer, settings):
    old_award = application(
        grant_round, ApplicationStatus.AWARDED, email="f@example.org", days_old=3000, reference="WST-F"
    )
    decision = decide(old_award, officer, outcome=DecisionOutcome.AWARD, days_ago=7 * 365 + 10)
    Payment.objects.create(
        decision=decision, paid_on=date(2019, 5, 1), amount=Decimal("1500"), recorded_by=officer
    )
    report = MonitoringReport.objects.create(application=old_award, due_on=date(2019, 6, 1))
    photo = MonitoringPhoto.objects.create(report=report, file=ContentFile(b"\x89PNG", name="event.png"))
    stored = photo.file.name
    recent_award = application(
        grant_round, ApplicationStatus.AWARDED, email="g@example.org", days_old=400, reference="WST-G"
    )
    decide(recent_award, officer, outcome=DecisionOutcome.AWARD, days_ago=300)

    apply_retention()

    assert list(GrantApplication.objects.values_list("reference", flat=True)) == ["WST-G"]
    assert not Payment.objects.exists()
    assert not MonitoringReport.objects.exists()
    assert not photo.file.storage.exists(stored)


def test_an_applicant_left_with_nothing_goes_after_two_idle_years(grant_round):
    idle = Applicant.objects.create(
        email="idle@example.org", full_name="A Contact", created_at=NOW - timedelta(days=1000)
    )
    recently_signed_in = Applicant.objects.create(
        email="recent@example.org",
        full_name="A Contact",
        created_at=NOW - timedelta(days=1000),
        last_signed_in_at=NOW - timedelta(days=10),
    )
    with_application = application(
        grant_round, ApplicationStatus.SUBMITTED, email="kept@example.org", days_old=10, reference="WST-H"
    ).applicant
    Applicant.objects.filter(pk=with_application.pk).update(created_at=NOW - timedelta(days=1000))

    result = apply_retention()

    assert result.applicants_deleted == 1
    assert not Applicant.objects.filter(pk=idle.pk).exists()
    assert Applicant.objects.filter(pk__in=[recently_signed_in.pk, with_application.pk]).count() == 2
