"""Information requests: the coordinator asks a named agency a question; that agency sees the
question and the minimum to search its records, never the rest of the case; it answers once; the
answer becomes part of the case; overdue requests are chased at most once a day. Amending, threads,
chasing from the list and agencies' questions to the coordinator: test_information_both_ways.py."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from commonground.core import schedule
from commonground.core.models import AgencyKind, AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.safeguarding import tasks
from commonground.safeguarding.actions.information import send_information_request
from commonground.safeguarding.actions.information_answers import answer_information_request
from commonground.safeguarding.actions.steps import record_screening_decision
from commonground.safeguarding.models import InformationRequest
from tests.clock import FROZEN
from tests.factories import BOLTON, OLDHAM, AgencyFactory, UserFactory, staff
from tests.safeguarding.builders import referral_in

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]

LONDON = ZoneInfo("Europe/London")
CONCERN = "Shares extremist videos with classmates and talks about hurting people."
QUESTION = "Is Sam Taylor known to your service? Any contact in the last year?"


def _send_url(referral):
    return reverse("safeguarding:send-information-request", args=[referral.pk])


def _page(request):
    return reverse("safeguarding:information-request", args=[request.pk])


@pytest.fixture
def coordinator():
    return staff(Role.SAFEGUARDING_COORDINATOR, BOLTON, first_name="Jo", last_name="Patel")


@pytest.fixture
def police_officer():
    """A police officer who answers requests for their force."""
    return staff(Role.TRIAGE_OFFICER, BOLTON, kind=AgencyKind.POLICE, first_name="Chris", last_name="Lee")


@pytest.fixture
def referral():
    return referral_in(BOLTON)


def _request(coordinator, referral, agency, *, due_in_days=7, question=QUESTION):
    return send_information_request(
        actor=coordinator,
        referral=referral,
        agency=agency,
        question=question,
        due_on=timezone.localdate() + timedelta(days=due_in_days),
    )


# --- Sending ----------------------------------------------------------------------------------------


def test_a_coordinator_sends_a_request_from_the_referral_page_and_it_is_audited(
    sign_in, coordinator, police_officer, referral
):
    client = sign_in(coordinator)
    page = client.get(reverse("safeguarding:referral", args=[referral.pk])).content.decode()
    assert "Information requests" in page and _send_url(referral) in page
    form = client.get(_send_url(referral)).content.decode()
    assert police_officer.agency.name in form
    due_on = timezone.localdate() + timedelta(days=10)
    response = client.post(
        _send_url(referral),
        {"agency": police_officer.agency.pk, "question": QUESTION, "due_on": due_on.strftime("%d/%m/%Y")},
    )
    assert response.status_code == 302
    request = InformationRequest.objects.get()
    assert (request.agency, request.question, request.due_on, request.sent_by) == (
        police_officer.agency,
        QUESTION,
        due_on,
        coordinator,
    )
    event = AuditEvent.objects.get(object_type="safeguarding.informationrequest", action=AuditAction.CREATE)
    assert event.subject_ref == f"safeguarding.referral:{referral.pk}"
    assert event.actor_id == coordinator.pk


def test_a_due_date_in_the_past_is_refused_with_a_message(sign_in, coordinator, police_officer, referral):
    yesterday = timezone.localdate() - timedelta(days=1)
    response = sign_in(coordinator).post(
        _send_url(referral),
        {"agency": police_officer.agency.pk, "question": QUESTION, "due_on": yesterday.strftime("%d/%m/%Y")},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "The date the answer is due must be today or in the future" in html
    assert "<title>Error: " in html
    assert not InformationRequest.objects.exists()
    with pytest.raises(ValidationError) as refused:
        send_information_request(
            actor=coordinator,
            referral=referral,
            agency=police_officer.agency,
            question=QUESTION,
            due_on=yesterday,
        )
    assert "due_on" in refused.value.message_dict
    assert not InformationRequest.objects.exists()


def test_a_question_and_an_active_agency_are_needed(sign_in, coordinator, referral):
    closed = AgencyFactory(is_active=False)
    response = sign_in(coordinator).post(
        _send_url(referral), {"agency": closed.pk, "question": " ", "due_on": ""}
    )
    html = response.content.decode()
    assert "Select the agency to ask" in html
    assert "Enter the question to ask" in html
    assert "Enter the date the answer is due" in html
    with pytest.raises(ValidationError):
        send_information_request(
            actor=coordinator,
            referral=referral,
            agency=closed,
            question=QUESTION,
            due_on=timezone.localdate(),
        )
    assert not InformationRequest.objects.exists()


def test_a_coordinator_from_another_borough_cannot_send_requests_on_the_referral(
    sign_in, police_officer, referral
):
    oldham = staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM)
    client = sign_in(oldham)
    assert client.get(_send_url(referral)).status_code == 404
    response = client.post(
        _send_url(referral),
        {"agency": police_officer.agency.pk, "question": QUESTION, "due_on": "1/1/2099"},
    )
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        _request(oldham, referral, police_officer.agency)
    assert not InformationRequest.objects.exists()


def test_someone_who_does_not_manage_cases_cannot_send_a_request(sign_in, police_officer, referral):
    assert sign_in(police_officer).get(_send_url(referral)).status_code == 404
    with pytest.raises(PermissionDenied):
        _request(police_officer, referral, police_officer.agency)


# --- The addressed agency ------------------------------------------------------------------------


def test_the_answering_agency_sees_its_request_and_nothing_else_of_the_case(
    sign_in, coordinator, police_officer, referral
):
    record_screening_decision(
        actor=coordinator, referral=referral, decision="proceed", reasons="Secret screening reasons"
    )
    health = AgencyFactory(name="Bolton health trust")
    other = _request(coordinator, referral, health, question="A question for health only")
    nurse = UserFactory(agency=health, roles=[Role.PANEL_MEMBER])
    answer_information_request(actor=nurse, request=other, answer="Health's confidential answer")
    request = _request(coordinator, referral, police_officer.agency)

    client = sign_in(police_officer)
    listing = client.get(reverse("safeguarding:information-requests")).content.decode()
    assert "Information requests for your agency" in listing
    assert _page(request) in listing
    assert _page(other) not in listing

    page = client.get(_page(request)).content.decode()
    assert QUESTION in page
    assert "Sam Taylor" in page
    assert "17 May 2010" in page
    assert "Jo Patel" in page and coordinator.agency.name in page
    assert "only what you need to search your own records" in page
    for secret in (
        CONCERN,
        "Secret screening reasons",
        "Health's confidential answer",
        "A question for health only",
        "Hillside High School",
        "01204 000000",
    ):
        assert secret not in page
    opened = AuditEvent.objects.get(object_type="safeguarding.informationrequest", action=AuditAction.VIEW)
    assert opened.subject_ref == f"safeguarding.referral:{referral.pk}"
    assert opened.actor_id == police_officer.pk
    # The referral itself stays out of reach.
    assert client.get(reverse("safeguarding:referral", args=[referral.pk])).status_code == 404


def test_a_request_for_another_agency_is_not_found(sign_in, coordinator, police_officer, referral):
    request = _request(coordinator, referral, AgencyFactory())
    client = sign_in(police_officer)
    assert client.get(_page(request)).status_code == 404
    assert client.post(_page(request), {"answer": "Not ours"}).status_code == 404
    with pytest.raises(PermissionDenied):
        answer_information_request(actor=police_officer, request=request, answer="Not ours")
    assert InformationRequest.objects.get().answered_at is None
    # Not even the coordinator who sent it answers for the agency.
    assert sign_in(coordinator).get(_page(request)).status_code == 404


def test_staff_without_the_permission_cannot_open_requests_for_their_agency(
    sign_in, coordinator, police_officer, referral
):
    request = _request(coordinator, referral, police_officer.agency)
    advisor = UserFactory(agency=police_officer.agency, roles=[Role.HELPLINE_ADVISOR])
    assert sign_in(advisor).get(_page(request)).status_code == 403
    with pytest.raises(PermissionDenied):
        answer_information_request(actor=advisor, request=request, answer="Known to us")


def test_the_agency_answers_once_then_amends_and_the_answer_joins_the_case(
    sign_in, coordinator, police_officer, referral
):
    request = _request(coordinator, referral, police_officer.agency)
    client = sign_in(police_officer)
    response = client.post(_page(request), {"answer": "Known to us: one contact in March."})
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.answer, request.answered_by) == ("Known to us: one contact in March.", police_officer)
    event = AuditEvent.objects.get(object_type="safeguarding.informationrequest", action=AuditAction.UPDATE)
    assert event.subject_ref == f"safeguarding.referral:{referral.pk}"
    assert "Known to us" not in str(event.changes)

    page = client.get(_page(request)).content.decode()
    assert "Known to us: one contact in March." in page
    assert 'name="answer"' not in page and 'name="amend-answer"' in page  # amended, not answered again

    again = client.post(_page(request), {"answer": "Changed my mind"})
    assert again.status_code == 200
    assert "This request has already been answered" in again.content.decode()
    with pytest.raises(ValidationError):
        answer_information_request(actor=police_officer, request=request, answer="Changed my mind")
    request.refresh_from_db()
    assert request.answer == "Known to us: one contact in March."

    case = sign_in(coordinator).get(reverse("safeguarding:referral", args=[referral.pk])).content.decode()
    assert "Known to us: one contact in March." in case
    assert "Answered" in case


def test_an_empty_answer_is_refused(sign_in, coordinator, police_officer, referral):
    request = _request(coordinator, referral, police_officer.agency)
    response = sign_in(police_officer).post(_page(request), {"answer": "  "})
    assert "Enter your answer" in response.content.decode()
    assert InformationRequest.objects.get().answered_at is None


def test_the_referral_page_shows_each_request_waiting_overdue_or_answered(
    sign_in, coordinator, police_officer, referral
):
    waiting = _request(
        coordinator, referral, police_officer.agency, due_in_days=10, question="Still waiting?"
    )
    overdue = _request(
        coordinator, referral, AgencyFactory(name="Slow agency"), due_in_days=1, question="Late?"
    )
    answered = _request(coordinator, referral, AgencyFactory(name="Quick agency"), question="Quick?")
    answer_information_request(
        actor=UserFactory(agency=answered.agency, roles=[Role.PANEL_MEMBER]),
        request=answered,
        answer="Yes, quick",
    )
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        page = sign_in(coordinator).get(reverse("safeguarding:referral", args=[referral.pk])).content.decode()
    section = page[page.index('id="information-requests"') :]
    for request, status in ((waiting, "Awaiting answer"), (overdue, "Overdue"), (answered, "Answered")):
        chunk = section[section.index(request.agency.name) :]
        assert status in chunk[: chunk.index("</dl>")]
    assert "Yes, quick" in section


def test_the_staff_home_lists_requests_to_answer_overdue_first(
    sign_in, coordinator, police_officer, referral
):
    later = _request(coordinator, referral, police_officer.agency, due_in_days=9, question="Later")
    sooner = _request(coordinator, referral, police_officer.agency, due_in_days=1, question="Sooner")
    elsewhere = _request(coordinator, referral, AgencyFactory())
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        home = sign_in(police_officer).get(reverse("core:staff-home")).content.decode()
    assert "Information requests to answer" in home
    assert home.index(_page(sooner)) < home.index(_page(later))
    assert _page(elsewhere) not in home
    assert "Sam Taylor" not in home


# --- Chasing overdue requests --------------------------------------------------------------------


def test_the_chase_is_scheduled_on_weekday_mornings():
    entry = next(e for e in schedule.SCHEDULE if e.task == tasks.chase_overdue_information_requests)
    assert entry.cron == "0 8 * * 1-5"


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def _chase_at(moment: datetime, capture_on_commit) -> int:
    """Run the scheduled task at `moment`, sending the emails it queues after commit."""
    with time_machine.travel(moment, tick=False), capture_on_commit(execute=True):
        return tasks.chase_overdue_information_requests.call()


def test_overdue_requests_are_chased_once_a_day_at_most(
    coordinator, police_officer, referral, django_capture_on_commit_callbacks
):
    police_officer.agency.contact_email = "prevent@police.example.org"
    police_officer.agency.save()
    sent_on = date(2027, 3, 1)
    with time_machine.travel(_at(sent_on, 9), tick=False):
        request = _request(coordinator, referral, police_officer.agency, due_in_days=2)
        not_due = _request(coordinator, referral, police_officer.agency, due_in_days=30)
        answered = _request(coordinator, referral, police_officer.agency, due_in_days=1)
        answer_information_request(actor=police_officer, request=answered, answer="Done")

    # Due today: not overdue yet.
    assert _chase_at(_at(sent_on + timedelta(days=2), 8), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []

    assert _chase_at(_at(sent_on + timedelta(days=3), 8), django_capture_on_commit_callbacks) == 1
    assert [m.to for m in mail.outbox] == [["prevent@police.example.org"]]
    assert _page(request) in mail.outbox[0].body
    assert "Sam Taylor" not in mail.outbox[0].body
    request.refresh_from_db()
    assert request.last_chased_at == _at(sent_on + timedelta(days=3), 8)
    chased = AuditEvent.objects.get(object_type="safeguarding.informationrequest", actor__isnull=True)
    assert chased.subject_ref == f"safeguarding.referral:{referral.pk}"

    # The same day again, later on: nothing is sent twice.
    assert _chase_at(_at(sent_on + timedelta(days=3), 16), django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 1

    # The next day, it is chased again.
    assert _chase_at(_at(sent_on + timedelta(days=4), 8), django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 2
    assert not InformationRequest.objects.filter(
        pk__in=[not_due.pk, answered.pk], last_chased_at__isnull=False
    ).exists()


def test_without_a_contact_address_the_agency_staff_who_answer_are_chased(
    coordinator, referral, django_capture_on_commit_callbacks
):
    agency = AgencyFactory(contact_email="")
    answerer = UserFactory(agency=agency, roles=[Role.PANEL_MEMBER], email="answerer@example.org")
    UserFactory(agency=agency, roles=[Role.HELPLINE_ADVISOR], email="advisor@example.org")
    UserFactory(agency=agency, roles=[Role.PANEL_MEMBER], email="gone@example.org", is_active=False)
    with time_machine.travel(_at(date(2027, 3, 1), 9), tick=False):
        _request(coordinator, referral, agency, due_in_days=1)
    _chase_at(_at(date(2027, 3, 5), 8), django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[answerer.email]]
