"""A helpline advisor finds a phone-only caller's report by its reference and one detail the caller
gives, and reads out its plain-words history. No oracle: a wrong detail looks like a wrong
reference. Every look-up is audited; look-ups are limited per advisor."""

import datetime
import re

import pytest
from django.test import Client

from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.reports.actions.submission import ReportAnswers, submit_report
from commonground.reports.models import ReportKind, ReportStatus, StatusChange
from tests.conftest import signed_in
from tests.factories import BOLTON, GREATER_MANCHESTER, staff

pytestmark = pytest.mark.django_db

FIND = "/staff/helpline/find-report/"
NOT_FOUND = "We could not find a report with those details"


@pytest.fixture
def advisor():
    return staff(Role.HELPLINE_ADVISOR, GREATER_MANCHESTER)


@pytest.fixture
def report():
    answers = ReportAnswers(
        kind=ReportKind.HATE_INCIDENT,
        description="Shouting in the street",
        borough_code=BOLTON,
        postcode="BL1 1AA",
        happened_on=datetime.date(2026, 11, 1),
        contact_name="Maria Kowalska",
    )
    report = submit_report(actor=None, answers=answers).report
    StatusChange.objects.create(
        report=report,
        from_status=ReportStatus.RECEIVED,
        to_status=ReportStatus.TRIAGED,
        reason="Internal: checked against the CCTV log",
        public_note="We have passed your report to the council's community safety team.",
    )
    return report


def _without_values(page: str) -> str:
    return re.sub(r'value="[^"]*"', "", page)


def _find(client: Client, reference: str, detail: str, value: str):
    return client.post(FIND, {"reference": reference, "detail": detail, "value": value})


@pytest.mark.parametrize(
    ("detail", "value"),
    [("postcode", "bl11aa"), ("date", "01/11/2026"), ("first_name", "  MARIA ")],
)
def test_a_matching_detail_shows_the_plain_words_history_and_is_audited(advisor, report, detail, value):
    page = _find(signed_in(advisor), report.reference.lower(), detail, value).content.decode()
    assert "passed your report to the council&#x27;s community safety team" in page
    assert "CCTV" not in page  # the internal reason is not read out
    event = AuditEvent.objects.filter(actor=advisor, action=AuditAction.VIEW).latest("pk")
    assert event.object_id == str(report.pk)
    assert event.changes["found"] is True and event.changes["detail"] == detail


def test_a_wrong_detail_looks_exactly_like_a_wrong_reference(advisor, report):
    client = signed_in(advisor)
    wrong_detail = _find(client, report.reference, "postcode", "M1 1AA").content.decode()
    wrong_reference = _find(client, "CG-2222-2222", "postcode", "BL1 1AA").content.decode()
    for page in (wrong_detail, wrong_reference):
        assert NOT_FOUND in page
        assert "Shouting" not in page and "community safety team" not in page
    # The same page apart from what was typed (and the form's token).
    assert _without_values(wrong_detail) == _without_values(wrong_reference)
    events = AuditEvent.objects.filter(actor=advisor, object_repr="Look-up by reference: not found")
    assert events.count() == 2
    assert all(e.changes["found"] is False for e in events)


def test_a_report_without_the_detail_cannot_be_confirmed_by_it(advisor):
    anonymous = submit_report(
        actor=None,
        answers=ReportAnswers(kind=ReportKind.HATE_INCIDENT, description="x", borough_code=BOLTON),
    ).report
    page = _find(signed_in(advisor), anonymous.reference, "first_name", "").content.decode()
    assert "Enter the detail the caller gave" in page
    page = _find(signed_in(advisor), anonymous.reference, "postcode", " ").content.decode()
    assert "community" not in page


def test_look_ups_are_limited_per_advisor(advisor, report, settings):
    settings.HELPLINE_LOOKUP_LIMIT = 3
    client = signed_in(advisor)
    for _ in range(3):
        assert NOT_FOUND in _find(client, report.reference, "postcode", "M1 1AA").content.decode()
    refused = _find(client, report.reference, "postcode", "BL1 1AA")
    assert refused.status_code == 429
    assert "community safety team" not in refused.content.decode()
    assert AuditEvent.objects.filter(actor=advisor, changes__throttled=True).exists()
    # Another advisor is not held back by this one's count.
    other = staff(Role.HELPLINE_ADVISOR, GREATER_MANCHESTER)
    assert (
        "community safety team"
        in _find(signed_in(other), report.reference, "postcode", "BL1 1AA").content.decode()
    )


@pytest.mark.parametrize("role", [Role.TRIAGE_OFFICER, Role.REPORTING_CENTRE_WORKER, Role.PARTNER_OFFICER])
def test_other_roles_cannot_look_up_by_reference(role, report):
    client = signed_in(staff(role, BOLTON))
    assert _find(client, report.reference, "postcode", "BL1 1AA").status_code == 403
