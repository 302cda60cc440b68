"""The words a tension report copied from the public report line are erased with the report."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from commonground.core.models import AuditAction, AuditEvent
from commonground.reports.actions.retention import ERASED, apply_retention
from commonground.reports.actions.submission import ReportAnswers, submit_report
from commonground.reports.models import Report, ReportStatus, StatusChange
from commonground.tension.models import TensionReport

pytestmark = pytest.mark.django_db


def _closed_tension_report(closed_days_ago: int) -> Report:
    report = submit_report(
        actor=None,
        answers=ReportAnswers(
            kind="community_tension",
            tension_category="graffiti",
            description="Graffiti about the family at number 12",
            borough_code="E08000004",
            street="Union Street",
        ),
    ).report
    with time_machine.travel(timezone.now() - timedelta(days=closed_days_ago)):
        StatusChange.objects.create(
            report=report, from_status="received", to_status="closed", reason="Graffiti removed"
        )
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.CLOSED)
    return report


def test_erasing_a_report_line_report_erases_the_words_its_tension_report_copied():
    old = _closed_tension_report(closed_days_ago=800)
    recent = _closed_tension_report(closed_days_ago=10)
    old_copy = TensionReport.objects.get(report_line_reference=old.reference)
    recent_copy = TensionReport.objects.get(report_line_reference=recent.reference)

    apply_retention()

    old_copy.refresh_from_db()
    recent_copy.refresh_from_db()
    assert old_copy.description == ERASED
    # The place, day and category stay for the trends.
    assert [area.code for area in old_copy.areas.all()] == ["E08000004"]
    assert old_copy.category == "graffiti"
    assert "Union Street" in recent_copy.description
    assert AuditEvent.objects.filter(
        action=AuditAction.ERASE, object_type="tension.tensionreport", object_id=str(old_copy.pk)
    ).exists()

    # A second sweep changes nothing more.
    events = AuditEvent.objects.count()
    apply_retention()
    assert AuditEvent.objects.count() == events
