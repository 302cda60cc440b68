"""A legal hold stops every retention sweep, not only erasure on request: a report, a helpline call,
a tension report's words and a grant application past their periods are left alone while held, and
go at the next sweep once the hold is lifted."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from commonground.core.roles import Role
from commonground.governance.actions.holds import lift_hold, place_hold
from commonground.grants.actions.retention import apply_retention as apply_grant_retention
from commonground.grants.models import ApplicationStatus, GrantApplication
from commonground.reports.actions.retention import apply_retention as apply_report_retention
from commonground.reports.models import HelplineCall
from commonground.tension.actions.reports import erase_report_text_past_retention
from commonground.tension.queries.reports import TEXT_ERASED
from tests.factories import BOLTON, UserFactory
from tests.grants.test_retention import application, grant_round, officer  # noqa: F401 (fixtures)
from tests.reports.test_retention import _closed_report
from tests.tension.assessment_builders import tension_report

pytestmark = pytest.mark.django_db

WHY = "Disclosure ordered in a county court claim (test)"


@pytest.fixture
def dpo():
    return UserFactory(roles=[Role.DATA_PROTECTION_OFFICER])


def _held_then_lifted(dpo, ref: str, sweep, erased) -> None:
    hold = place_hold(actor=dpo, ref=ref, reason=WHY)
    sweep()
    assert not erased(), f"{ref} was erased under a legal hold"
    lift_hold(actor=dpo, hold_id=hold.pk, reason="The claim has settled")
    sweep()
    assert erased(), f"{ref} was kept after its hold was lifted"


def test_a_report_past_its_period_is_kept_while_held(dpo):
    report = _closed_report(closed_days_ago=800)

    def erased() -> bool:
        report.refresh_from_db()
        return report.erased_at is not None

    _held_then_lifted(dpo, f"reports.report:{report.pk}", apply_report_retention, erased)


def test_a_helpline_call_past_its_period_is_kept_while_held(dpo):
    call = HelplineCall.objects.create(
        advisor=UserFactory(),
        taken_at=timezone.now() - timedelta(days=400),
        duration_minutes=5,
        caller_type="family_friend",
        topic="worry",
        outcome="signposted",
        notes="Caller's son lives in Farnworth",
    )

    def erased() -> bool:
        call.refresh_from_db()
        return call.erased_at is not None

    _held_then_lifted(dpo, f"reports.helplinecall:{call.pk}", apply_report_retention, erased)


def test_a_tension_reports_words_are_kept_while_held(dpo, settings):
    settings.TENSION_REPORT_TEXT_RETENTION_DAYS = 365
    with time_machine.travel(timezone.now() - timedelta(days=400)):
        report = tension_report(BOLTON)

    def erased() -> bool:
        report.refresh_from_db()
        return report.description == TEXT_ERASED

    _held_then_lifted(dpo, f"tension.tensionreport:{report.pk}", erase_report_text_past_retention, erased)


def test_a_grant_application_past_its_period_is_kept_while_held(dpo, grant_round):  # noqa: F811
    draft = application(
        grant_round, ApplicationStatus.DRAFT, email="held@example.org", days_old=400, reference="WST-H"
    )

    def erased() -> bool:
        return not GrantApplication.objects.filter(pk=draft.pk).exists()

    _held_then_lifted(dpo, f"grants.grantapplication:{draft.pk}", apply_grant_retention, erased)


def test_the_audit_trail_of_a_held_record_is_kept_past_its_period(dpo):
    """The trail is a hash chain cut only from its start: the sweep stops short of the first event
    about the held record, keeping it (and what follows) until the hold is lifted."""
    from django.conf import settings

    from commonground.core import audit
    from commonground.core import tasks as core_tasks
    from commonground.core.models import AuditAction, AuditEvent

    start = timezone.now()
    unrelated = audit.record(
        actor=dpo, action=AuditAction.UPDATE, obj=dpo, reason="Before the held record's events"
    )
    report = _closed_report(closed_days_ago=1)
    about_report = audit.record(actor=dpo, action=AuditAction.UPDATE, obj=report, reason="Read for the claim")
    hold = place_hold(actor=dpo, ref=f"reports.report:{report.pk}", reason=WHY)

    with time_machine.travel(start + timedelta(days=settings.AUDIT_RETENTION_DAYS + 50), tick=False):
        core_tasks.remove_audit_events_past_retention.call()
        assert not AuditEvent.objects.filter(pk=unrelated.pk).exists()
        assert AuditEvent.objects.filter(pk=about_report.pk).exists(), "the held record's trail was removed"
        assert audit.verify_chain() is None

        lift_hold(actor=dpo, hold_id=hold.pk, reason="The claim has settled")
        core_tasks.remove_audit_events_past_retention.call()
        assert not AuditEvent.objects.filter(pk=about_report.pk).exists()
        assert audit.verify_chain() is None
