"""Who read the report line's personal details: opening a helpline call (the caller's words in its
notes) and each page of the call log and of the triage queue leave one audit event, a list's event
naming exactly the calls or reports on the page shown."""

import pytest

from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.reports.actions.helpline import log_call
from commonground.reports.actions.submission import ReportAnswers, submit_report
from commonground.reports.models import CallerType, CallOutcome, CallTopic, ReportKind
from tests.factories import BOLTON, GREATER_MANCHESTER, OLDHAM, staff

pytestmark = pytest.mark.django_db


def ref(record) -> str:
    return f"{record._meta.label_lower}:{record.pk}"


def events_by(user):
    """What this user read (their sign-in aside)."""
    return AuditEvent.objects.filter(actor=user).exclude(action=AuditAction.SIGN_IN).order_by("sequence")


def _call(advisor, notes="Caller Ms Rahman, 07700 900123, neighbour shouting abuse"):
    return log_call(
        actor=advisor,
        caller_type=CallerType.VICTIM,
        topic=CallTopic.HATE_INCIDENT,
        outcome=CallOutcome.ADVICE_ONLY,
        duration_minutes=5,
        borough_code=BOLTON,
        notes=notes,
    ).call


def _report(borough=BOLTON):
    answers = ReportAnswers(
        kind=ReportKind.HATE_INCIDENT, description="Abuse at a bus stop.", borough_code=borough
    )
    return submit_report(actor=None, answers=answers).report


def test_opening_a_call_records_who_read_the_callers_details(sign_in):
    call = _call(staff(Role.HELPLINE_ADVISOR, GREATER_MANCHESTER))
    colleague = staff(Role.HELPLINE_ADVISOR, GREATER_MANCHESTER)

    response = sign_in(colleague).get(f"/staff/helpline/calls/{call.pk}/")

    assert response.status_code == 200 and "07700 900123" in response.content.decode()
    opened = events_by(colleague).get()
    assert (opened.action, opened.object_type, opened.object_id) == (
        AuditAction.VIEW,
        "reports.helplinecall",
        str(call.pk),
    )
    assert opened.subject_ref == ref(call)


def test_the_call_log_names_exactly_the_calls_on_the_page(sign_in):
    advisor = staff(Role.HELPLINE_ADVISOR, GREATER_MANCHESTER)
    calls = [_call(advisor) for _ in range(3)]

    assert sign_in(advisor).get("/staff/helpline/").status_code == 200

    listed = events_by(advisor).get(action=AuditAction.LIST_VIEWED)
    assert listed.object_type == "reports.helplinecall"
    assert sorted(listed.changes["shown"]) == sorted(ref(call) for call in calls)
    assert listed.changes["page"] == 1


def test_the_triage_queue_names_exactly_the_reports_on_the_page(sign_in):
    officer = staff(Role.TRIAGE_OFFICER, BOLTON)
    ours = [_report() for _ in range(2)]
    _report(OLDHAM)  # another borough's: not on this queue, not named

    response = sign_in(officer).get("/staff/reports/")

    assert response.status_code == 200
    listed = events_by(officer).get()
    assert listed.action == AuditAction.LIST_VIEWED and listed.object_type == "reports.report"
    assert sorted(listed.changes["shown"]) == sorted(ref(report) for report in ours)
