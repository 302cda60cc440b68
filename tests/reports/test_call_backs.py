"""The helpline's call-back queue: a resident asks, in the worry journey, to be called; advisors
find the request in their queue, log each try, and after three failed tries it goes to triage."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client

from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.reports.actions.call_backs import log_attempt
from commonground.reports.actions.submission import ReportAnswers, submit_report
from commonground.reports.models import CallBackOutcome, CallBackRequest, ReportKind, WorryRoute
from tests.conftest import signed_in
from tests.factories import BOLTON, GREATER_MANCHESTER, OLDHAM, staff
from tests.reports.journeys import send

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams():
    from commonground.core.demo import load_demo as load_core_demo
    from commonground.reports.demo import load_demo

    load_core_demo()
    load_demo()


@pytest.fixture
def advisor():
    return staff(Role.HELPLINE_ADVISOR, GREATER_MANCHESTER)


def _call_back_worry(borough: str = BOLTON, name: str = "Ana") -> CallBackRequest:
    answers = ReportAnswers(
        kind=ReportKind.WORRY,
        description="My nephew has changed a lot.",
        borough_code=borough,
        worry_route=WorryRoute.CALL_BACK,
        contact_name=name,
        contact_phone="07700 900982",
    )
    return submit_report(actor=None, answers=answers).report.call_back_request


def _ask_for_a_call_back(client: Client):
    client.post("/report/worried-about-someone/choice/", {"worry_route": "call_back"})
    client.post("/report/worried-about-someone/concern/", {"description": "My nephew has changed a lot."})
    client.post("/report/worried-about-someone/area/", {"borough": "E08000001"})
    client.post(
        "/report/worried-about-someone/call-back/", {"contact_name": "Ana", "contact_phone": "07700 900982"}
    )
    check = client.get("/report/worried-about-someone/check/")
    return client.get(send(client, "worried-about-someone", check)["Location"]).content.decode()


def test_a_call_back_worry_reaches_the_queue_and_the_confirmation_says_who_will_call(teams, advisor):
    confirmation = _ask_for_a_call_back(Client())
    assert "A helpline advisor will call you on the number you gave" in confirmation
    assert (
        "If they cannot reach you after 3 tries, a triage officer will read your worry instead."
        in confirmation
    )
    assert "A triage officer will read your report within 2 working days" not in confirmation

    queue = signed_in(advisor).get("/staff/helpline/call-backs/")
    assert queue.status_code == 200
    assert "07700 900982" in queue.content.decode()
    request = CallBackRequest.objects.get()
    event = AuditEvent.objects.filter(action=AuditAction.LIST_VIEWED, actor=advisor).latest("pk")
    assert event.object_repr == "Call-back queue, page 1"
    assert f"reports.report:{request.report.pk}" in event.changes["shown"]


def test_other_journeys_keep_the_triage_wording_and_open_no_call_back(teams):
    from tests.reports.journeys import HATE_INCIDENT_ANSWERS, walk

    client = Client()
    check = walk(client, "hate-incident", HATE_INCIDENT_ANSWERS)
    confirmation = client.get(send(client, "hate-incident", check)["Location"]).content.decode()
    assert "A triage officer will read your report within 2 working days" in confirmation
    assert not CallBackRequest.objects.exists()


def test_the_queue_lists_open_requests_oldest_first_and_leaves_closed_ones_out(teams, advisor):
    first = _call_back_worry(name="Older")
    second = _call_back_worry(name="Newer")
    spoken = _call_back_worry(name="Spoken")
    log_attempt(actor=advisor, request_id=spoken.pk, outcome=CallBackOutcome.SPOKE)
    page = signed_in(advisor).get("/staff/helpline/call-backs/").content.decode()
    assert page.index("Older") < page.index("Newer")
    assert "Spoken" not in page
    assert first.pk and second.pk


def test_each_try_is_logged_and_audited_and_speaking_closes_the_request(teams, advisor):
    request = _call_back_worry()
    client = signed_in(advisor)
    response = client.post(f"/staff/helpline/call-backs/{request.pk}/", {"outcome": "no_answer"})
    assert response.status_code == 302
    client.post(f"/staff/helpline/call-backs/{request.pk}/", {"outcome": "spoke"})
    request.refresh_from_db()
    assert [a.outcome for a in request.attempts.all()] == ["no_answer", "spoke"]
    assert request.spoken_at is not None and request.passed_to_triage_at is None
    events = AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="reports.callbackattempt")
    assert [e.changes["outcome"] for e in events.order_by("pk")] == ["no_answer", "spoke"]
    assert all(e.actor == advisor for e in events)
    with pytest.raises(ValidationError):
        log_attempt(actor=advisor, request_id=request.pk, outcome=CallBackOutcome.NO_ANSWER)


def test_three_failed_tries_pass_the_request_to_triage_with_a_marker(teams, advisor):
    request = _call_back_worry()
    for outcome in ("no_answer", "left_message", "wrong_number"):
        log_attempt(actor=advisor, request_id=request.pk, outcome=outcome)
    request.refresh_from_db()
    assert request.passed_to_triage_at is not None
    assert "Ana" not in signed_in(advisor).get("/staff/helpline/call-backs/").content.decode()
    triage = staff(Role.TRIAGE_OFFICER, BOLTON)
    home = signed_in(triage).get("/staff/").content.decode()
    assert "Call-backs the helpline could not reach" in home
    assert f"{request.report.reference}: call-back not reached" in home
    assert (
        AuditEvent.objects.filter(object_type="reports.callbackattempt")
        .latest("pk")
        .changes["passed_to_triage"]
    )


def test_two_failed_tries_leave_it_with_the_helpline(teams, advisor):
    request = _call_back_worry()
    for outcome in ("no_answer", "left_message"):
        log_attempt(actor=advisor, request_id=request.pk, outcome=outcome)
    request.refresh_from_db()
    assert request.is_open


def test_an_unknown_outcome_is_refused(teams, advisor):
    request = _call_back_worry()
    page = signed_in(advisor).post(f"/staff/helpline/call-backs/{request.pk}/", {"outcome": "hung_up"})
    assert page.status_code == 200
    assert "Select a valid choice" in page.content.decode()
    with pytest.raises(ValidationError):
        log_attempt(actor=advisor, request_id=request.pk, outcome="hung_up")
    assert not request.attempts.exists()


def test_only_helpline_advisors_log_tries_and_only_in_their_areas(teams):
    request = _call_back_worry(borough=OLDHAM)
    triage = staff(Role.TRIAGE_OFFICER, OLDHAM)
    with pytest.raises(PermissionDenied):
        log_attempt(actor=triage, request_id=request.pk, outcome=CallBackOutcome.SPOKE)
    assert signed_in(triage).get("/staff/helpline/call-backs/").status_code == 403
    bolton_advisor = staff(Role.HELPLINE_ADVISOR, BOLTON)
    with pytest.raises(Http404):
        log_attempt(actor=bolton_advisor, request_id=request.pk, outcome=CallBackOutcome.SPOKE)
    assert signed_in(bolton_advisor).get(f"/staff/helpline/call-backs/{request.pk}/").status_code == 404
    assert not request.attempts.exists()


def test_the_helpline_number_and_relay_details_show_on_public_pages(settings):
    settings.HELPLINE_PHONE = "0161 496 0000"
    settings.HELPLINE_HOURS = "every day, 8am to 8pm"
    for path in ("/", "/report/worried-about-someone/", "/report/hate-incident/who/", "/advice/"):
        page = Client().get(path).content.decode()
        assert "0161 496 0000" in page, path
        assert "every day, 8am to 8pm" in page, path
        assert "British Sign Language" in page, path
        assert "Text relay" in page, path
