"""A report moves only by its table (reports/workflow.py): a move the table does not allow is
refused by the action with the table's message and changes nothing; an allowed one is audited."""

import pytest
from django.core.exceptions import ValidationError

from commonground.core.models import AuditAction, AuditEvent
from commonground.reports.actions.follow_up import change_status
from commonground.reports.models import Report, ReportStatus, StatusChange
from tests.reports.test_triage import _report, officer  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def _updates(report: Report) -> list[dict]:
    events = AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(report.pk))
    return [event.changes for event in events.filter(object_type="reports.report").order_by("sequence")]


def test_a_received_report_cannot_be_marked_action_taken_and_nothing_is_written(officer):  # noqa: F811
    report = _report().report
    with pytest.raises(ValidationError) as refused:
        change_status(actor=officer, report=report, to_status=ReportStatus.ACTION_TAKEN, reason="Done")
    assert refused.value.message_dict == {
        "to_status": ["A report that is received cannot move to that status"]
    }
    assert Report.objects.get(pk=report.pk).status == ReportStatus.RECEIVED
    # Only the step of its receipt, written at submission.
    assert [c.to_status for c in StatusChange.objects.filter(report=report)] == ["received"]
    assert _updates(report) == []


def test_an_allowed_move_is_recorded_and_audited_with_the_status_before_and_after(officer):  # noqa: F811
    report = _report().report
    change_status(actor=officer, report=report, to_status=ReportStatus.TRIAGED, reason="Read and checked")
    assert Report.objects.get(pk=report.pk).status == ReportStatus.TRIAGED
    assert _updates(report) == [{"status": ["received", "triaged"]}]
    steps = StatusChange.objects.filter(report=report).values_list("from_status", "to_status")
    assert list(steps) == [("", "received"), ("received", "triaged")]
