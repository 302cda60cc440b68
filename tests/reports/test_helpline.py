"""The helpline's call log, used as an advisor uses it while on the phone: one form, and a report
created from the call in the same step when the caller agrees."""

import re
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.test import Client

from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.reports.actions.helpline import log_call
from commonground.reports.models import (
    AdviceScript,
    CallOutcome,
    Channel,
    HelplineCall,
    Report,
    ReportKind,
    SharingPartner,
    Team,
)
from tests.factories import BOLTON, GREATER_MANCHESTER, OLDHAM, staff

pytestmark = pytest.mark.django_db

NEW_CALL = "/staff/helpline/new/"


@pytest.fixture
def teams():
    from commonground.core.demo import load_demo as load_core_demo
    from commonground.reports.demo import load_demo

    load_core_demo()
    load_demo()


@pytest.fixture
def advisor():
    return staff(Role.HELPLINE_ADVISOR, GREATER_MANCHESTER)


def _call(**changes) -> dict:
    """What an advisor ticks and types for a short call that ends with advice only."""
    data = {
        "submission_key": "",
        "caller_type": "victim",
        "language": "English",
        "topic": "hate_incident",
        "borough": BOLTON,
        "advice_given": [AdviceScript.objects.get(title="What a hate incident is").pk],
        "outcome": "advice_only",
        "signposted_to": "",
        "duration_minutes": "12",
        "notes": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _with_report(**changes) -> dict:
    report = {
        "outcome": "",
        "create_report": "on",
        "kind": "hate_incident",
        "description": "A neighbour shouted abuse about her religion over the fence, twice this week.",
        "share_with_police": "on",
    }
    return _call(**{**report, **changes})


def test_a_helpline_advisor_logs_a_call_that_creates_a_report_which_appears_in_the_right_borough_teams_queue_and_in_no_other_boroughs(
    teams, advisor, sign_in
):
    client = sign_in(advisor)
    form = client.get(NEW_CALL).content.decode()
    # Each piece of advice carries its script, to read out.
    assert "What a hate incident is" in form
    assert "They do not need proof" in form

    response = client.post(NEW_CALL, _with_report())
    assert response.status_code == 302
    confirmation = client.get(response["Location"]).content.decode()
    assert "Call logged" in confirmation
    reference = re.search(r"CG-[0-9A-Z]{4}-[0-9A-Z]{4}", confirmation).group(0)

    report = Report.objects.get(reference=reference)
    assert report.channel == Channel.HELPLINE
    assert report.kind == ReportKind.HATE_INCIDENT
    assert report.borough.code == BOLTON
    assert report.recorded_by == advisor
    assert [c.partner for c in report.consents.all() if c.given] == [SharingPartner.POLICE]
    call = HelplineCall.objects.get(report=report)
    assert call.outcome == CallOutcome.REPORT_CREATED
    assert call.advisor == advisor
    assert [script.title for script in call.advice_given.all()] == ["What a hate incident is"]

    # A member of Bolton's community safety team (serving no area of their own) sees it in the queue.
    bolton_officer = staff(Role.TRIAGE_OFFICER)
    Team.objects.get(name="Bolton community safety team").members.add(bolton_officer)
    bolton = sign_in(bolton_officer)
    assert reference in bolton.get("/staff/reports/").content.decode()
    assert bolton.get(f"/staff/reports/{report.pk}/").status_code == 200

    # Oldham's triage officers, by area or by team, neither see it nor can open it.
    oldham_team_member = staff(Role.TRIAGE_OFFICER)
    Team.objects.get(name="Oldham community safety team").members.add(oldham_team_member)
    for oldham_officer in (staff(Role.TRIAGE_OFFICER, OLDHAM), oldham_team_member):
        oldham = sign_in(oldham_officer)
        assert reference not in oldham.get("/staff/reports/").content.decode()
        assert oldham.get(f"/staff/reports/{report.pk}/").status_code == 404

    # Both the call and the report are in the audit trail, by the advisor.
    assert AuditEvent.objects.filter(
        actor=advisor, action=AuditAction.CREATE, object_type="reports.helplinecall", object_id=str(call.pk)
    ).exists()
    assert AuditEvent.objects.filter(
        actor=advisor, action=AuditAction.CREATE, object_type="reports.report", object_id=str(report.pk)
    ).exists()


def test_a_caller_who_gives_an_email_gets_the_reference_and_status_link(
    teams, advisor, sign_in, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_in(advisor).post(NEW_CALL, _with_report(contact_email="caller@example.org"))
    report = Report.objects.get()
    # The caller's email; the teams' members get notices of their own (a link to sign in).
    [to_caller] = [m for m in mail.outbox if m.to == ["caller@example.org"]]
    assert report.reference in to_caller.body
    assert "/status/" in to_caller.body
    assert all("/status/" not in m.body for m in mail.outbox if m is not to_caller)


def test_an_advice_only_call_is_logged_without_a_report(advisor, sign_in):
    response = sign_in(advisor).post(NEW_CALL, _call(notes="Caller will think about reporting."))
    call = HelplineCall.objects.get()
    assert response["Location"] == f"/staff/helpline/calls/{call.pk}/"
    assert call.outcome == CallOutcome.ADVICE_ONLY
    assert call.report is None
    assert call.duration_minutes == 12
    assert Report.objects.count() == 0
    assert (
        AuditEvent.objects.filter(object_type="reports.helplinecall", action=AuditAction.CREATE).count() == 1
    )


def test_a_call_recorded_as_report_created_without_report_details_is_refused(advisor, sign_in):
    page = sign_in(advisor).post(NEW_CALL, _call(outcome="report_created", notes="Typed notes"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "There is a problem" in html
    assert "tick “Create a report from this call” and give its details" in html
    assert "Typed notes" in html  # what was typed is kept
    assert HelplineCall.objects.count() == 0


def test_the_action_itself_refuses_report_created_without_a_report(advisor):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        log_call(
            actor=advisor,
            caller_type="victim",
            topic="hate_incident",
            outcome="report_created",
            duration_minutes=5,
        )
    assert "outcome" in refused.value.message_dict
    assert HelplineCall.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"outcome": "signposted"}, "Enter the name of the service you signposted the caller to"),
        ({"duration_minutes": ""}, "Enter the length of the call in minutes"),
        ({"duration_minutes": "0"}, "The length of the call must be at least 1 minute"),
        ({"duration_minutes": "601"}, "The length of the call must be 600 minutes or fewer"),
        ({"outcome": ""}, "Select the outcome of the call"),
        ({"caller_type": None}, "Select who is calling"),
    ],
)
def test_call_details_are_checked_with_clear_messages(advisor, sign_in, changes, message):
    page = sign_in(advisor).post(NEW_CALL, _call(**changes)).content.decode()
    assert message in page
    assert "<title>Error: Log a call" in page
    assert HelplineCall.objects.count() == 0


def test_a_signposted_call_names_the_service(advisor, sign_in):
    sign_in(advisor).post(NEW_CALL, _call(outcome="signposted", signposted_to="Victim Support"))
    assert HelplineCall.objects.get().signposted_to == "Victim Support"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"description": ""}, "Enter what the caller agreed to share"),
        ({"kind": None}, "Select what kind of report it is"),
        ({"borough": ""}, "Select the borough where it happened, or tick “It happened online”"),
    ],
)
def test_a_report_from_a_call_needs_what_happened_and_where(teams, advisor, sign_in, changes, message):
    page = sign_in(advisor).post(NEW_CALL, _with_report(**changes)).content.decode()
    assert message in page
    assert Report.objects.count() == 0
    assert HelplineCall.objects.count() == 0


def test_a_report_of_something_online_needs_no_borough(teams, advisor, sign_in):
    sign_in(advisor).post(
        NEW_CALL,
        _with_report(borough="", is_online="on", online_platform="Facebook", kind="community_tension"),
    )
    report = Report.objects.get()
    assert report.is_online and report.borough is None
    assert report.online_platform == "Facebook"
    assert HelplineCall.objects.get().report == report


def test_the_same_form_sent_twice_logs_one_call_and_one_report(teams, advisor, sign_in):
    client = sign_in(advisor)
    key = re.search(
        r'name="submission_key" value="([0-9a-f]+)"', client.get(NEW_CALL).content.decode()
    ).group(1)
    first = client.post(NEW_CALL, _with_report(submission_key=key))
    second = client.post(NEW_CALL, _with_report(submission_key=key))
    assert first["Location"] == second["Location"]
    assert Report.objects.count() == 1
    assert HelplineCall.objects.count() == 1


def test_when_the_call_cannot_be_saved_no_report_is_left_behind(teams, advisor, sign_in):
    client = sign_in(advisor)
    with mock.patch(
        "commonground.reports.actions.helpline.audit.record", side_effect=OperationalError("disk full")
    ):
        assert client.post(NEW_CALL, _with_report()).status_code == 503
    assert Report.objects.count() == 0
    assert HelplineCall.objects.count() == 0


def test_only_helpline_advisors_log_calls(teams, sign_in):
    triage = staff(Role.TRIAGE_OFFICER, BOLTON)
    with pytest.raises(PermissionDenied):
        log_call(actor=triage, caller_type="victim", topic="other", outcome="advice_only", duration_minutes=3)
    assert sign_in(triage).get(NEW_CALL).status_code == 403
    assert sign_in(staff(Role.REPORTING_CENTRE_WORKER, BOLTON)).post(NEW_CALL, _call()).status_code == 403
    assert Client().get(NEW_CALL).status_code == 302
    assert HelplineCall.objects.count() == 0


def test_advisors_see_their_own_calls_and_calls_about_their_areas_only(sign_in):
    bolton_advisor = staff(Role.HELPLINE_ADVISOR, BOLTON)
    oldham_advisor = staff(Role.HELPLINE_ADVISOR, OLDHAM)
    sign_in(bolton_advisor).post(NEW_CALL, _call(notes="About Bolton"))
    call = HelplineCall.objects.get()

    listing = sign_in(bolton_advisor).get("/staff/helpline/").content.decode()
    assert f"/staff/helpline/calls/{call.pk}/" in listing

    oldham = sign_in(oldham_advisor)
    assert f"/staff/helpline/calls/{call.pk}/" not in oldham.get("/staff/helpline/").content.decode()
    assert oldham.get(f"/staff/helpline/calls/{call.pk}/").status_code == 404
    assert "No calls have been logged yet" in oldham.get("/staff/helpline/").content.decode()
