"""Retention enforced by the software: personal details go, statistical facts stay."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from commonground.core.models import AuditAction, AuditEvent
from commonground.reports.actions.retention import ERASED, apply_retention
from commonground.reports.actions.submission import ReportAnswers, submit_report
from commonground.reports.models import HelplineCall, Message, Report, ReportStatus, StatusChange

pytestmark = pytest.mark.django_db


def _closed_report(closed_days_ago: int) -> Report:
    report = submit_report(
        actor=None,
        answers=ReportAnswers(
            kind="hate_incident",
            description="Shouted at on Deansgate",
            borough_code="E08000001",
            street="Deansgate",
            contact_name="Sam",
            contact_email="sam@example.org",
            strand_codes=["race"],
        ),
    ).report
    Message.objects.create(report=report, from_reporter=True, body="More details about me")
    with time_machine.travel(timezone.now() - timedelta(days=closed_days_ago)):
        StatusChange.objects.create(
            report=report, from_status="received", to_status="closed", reason="No further action"
        )
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.CLOSED)
    return report


def test_a_report_closed_over_two_years_ago_loses_its_personal_details_but_still_counts():
    old = _closed_report(closed_days_ago=800)
    recent = _closed_report(closed_days_ago=100)

    result = apply_retention()

    assert result.reports_erased == 1
    old.refresh_from_db()
    assert old.description == ERASED
    assert (old.contact_name, old.contact_email, old.street) == ("", "", "")
    assert old.erased_at is not None
    assert not old.messages.exists()
    # What statistics need is kept.
    assert (old.kind, old.borough.code, old.status) == ("hate_incident", "E08000001", "closed")
    assert [s.code for s in old.strands.all()] == ["race"]
    assert Report.objects.filter(kind="hate_incident", borough__code="E08000001").count() == 2
    recent.refresh_from_db()
    assert recent.description == "Shouted at on Deansgate"
    assert AuditEvent.objects.filter(action=AuditAction.ERASE, object_id=str(old.pk)).exists()


def test_running_the_sweep_again_erases_nothing_more():
    _closed_report(closed_days_ago=800)
    assert apply_retention().reports_erased == 1
    assert apply_retention().reports_erased == 0


def test_an_open_report_is_never_erased_however_old():
    report = submit_report(
        actor=None,
        answers=ReportAnswers(kind="hate_incident", description="Still open", borough_code="E08000001"),
    ).report
    Report.objects.filter(pk=report.pk).update(submitted_at=timezone.now() - timedelta(days=2000))
    assert apply_retention().reports_erased == 0


def test_a_helpline_call_without_a_report_keeps_only_its_facts_after_a_year(django_user_model):
    advisor = django_user_model.objects.create_user("advisor")
    old = HelplineCall.objects.create(
        advisor=advisor,
        taken_at=timezone.now() - timedelta(days=400),
        duration_minutes=12,
        caller_type="family_friend",
        topic="worry",
        outcome="signposted",
        signposted_to="Local mental health service",
        notes="Caller's son, 17, lives in Farnworth",
    )
    call_command("apply_retention")
    old.refresh_from_db()
    assert (old.notes, old.signposted_to) == ("", "")
    assert (old.topic, old.outcome, old.duration_minutes) == ("worry", "signposted", 12)


def test_the_helpline_call_that_made_a_report_is_erased_with_it(django_user_model):
    old = _closed_report(closed_days_ago=800)
    call = HelplineCall.objects.create(
        advisor=django_user_model.objects.create_user("advisor-with-report"),
        taken_at=timezone.now() - timedelta(days=10),
        duration_minutes=8,
        caller_type="victim",
        topic="hate_incident",
        outcome="report_created",
        notes="Sam rang about the abuse on Deansgate",
        report=old,
    )

    apply_retention()

    call.refresh_from_db()
    assert (call.notes, call.signposted_to) == ("", "")
    assert call.erased_at is not None and call.report_id == old.pk
