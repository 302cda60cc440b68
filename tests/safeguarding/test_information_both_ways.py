"""Information requests both ways: an agency that is part of a case asks its coordinator; answers
are amended with every version kept (who, when, why); both sides follow up in a thread; the asking
side closes a request; the coordinator lists the requests of their cases with their state, chases
an agency from there, and overdue requests are flagged in both sides' lists. The agency sees only
the request and its thread; any other account gets "not found"."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from commonground.core.models import AgencyKind, AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.safeguarding.actions.information import ask_coordinator, send_information_request
from commonground.safeguarding.actions.information_answers import answer_information_request
from commonground.safeguarding.models import (
    InformationAnswerRevision,
    InformationRequest,
    InformationRequestMessage,
    RequestDirection,
)
from tests.clock import FROZEN
from tests.factories import BOLTON, GREATER_MANCHESTER, OLDHAM, AgencyFactory, UserFactory, staff
from tests.safeguarding.builders import referral_in
from tests.safeguarding.test_panels import attend, new_meeting

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]

CONCERN = "Shares extremist videos with classmates and talks about hurting people."


@pytest.fixture
def coordinator():
    return staff(Role.SAFEGUARDING_COORDINATOR, BOLTON, first_name="Jo", last_name="Patel")


@pytest.fixture
def police_officer():
    """A panel member of the partnership-wide police, who also answers the force's requests."""
    police = AgencyFactory(kind=AgencyKind.POLICE, serves=[GREATER_MANCHESTER], name="GMP Prevent")
    return UserFactory(agency=police, roles=[Role.PANEL_MEMBER], first_name="Chris", last_name="Lee")


@pytest.fixture
def referral():
    return referral_in(BOLTON)


def _request(coordinator, referral, agency, *, due_in_days=7):
    return send_information_request(
        actor=coordinator,
        referral=referral,
        agency=agency,
        question="Is Sam known to you?",
        due_on=timezone.localdate() + timedelta(days=due_in_days),
    )


def _ask_url(referral):
    return reverse("safeguarding:ask-coordinator", args=[referral.pk])


def _agency_page(request):
    return reverse("safeguarding:information-request", args=[request.pk])


def _coordinator_page(request):
    return reverse("safeguarding:case-request", args=[request.pk])


def _due(days_from_today: int) -> str:
    day = timezone.localdate() + timedelta(days=days_from_today)
    return f"{day.day}/{day.month}/{day.year}"


def _overdue(request):
    """Arrange: the request's due date has passed (the live clock cannot be moved for a client)."""
    InformationRequest.objects.filter(pk=request.pk).update(due_on=timezone.localdate() - timedelta(days=2))


# --- An agency asks the coordinator -----------------------------------------------------------------


def test_an_agency_already_asked_asks_the_coordinator_and_both_sides_see_it(
    sign_in, coordinator, police_officer, referral, django_capture_on_commit_callbacks
):
    asked_of_police = _request(coordinator, referral, police_officer.agency)
    client = sign_in(police_officer)
    request_page = client.get(_agency_page(asked_of_police)).content.decode()
    assert _ask_url(referral) in request_page

    form = client.get(_ask_url(referral)).content.decode()
    assert "Ask the safeguarding coordinator" in form and "Sam Taylor" in form
    assert CONCERN not in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _ask_url(referral), {"question": "Has the family been told?", "due_on": _due(5)}
        )
    question = InformationRequest.objects.get(direction=RequestDirection.TO_COORDINATOR)
    assert response.status_code == 302 and response["Location"] == _agency_page(question)
    assert (question.agency, question.sent_by, question.referral) == (
        police_officer.agency,
        police_officer,
        referral,
    )
    created = AuditEvent.objects.get(
        object_type="safeguarding.informationrequest", object_id=str(question.pk), action=AuditAction.CREATE
    )
    assert created.actor == police_officer and "Has the family" not in str(created.changes)
    # The coordinators of the case's borough are told, with a link and nothing of the question.
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert _coordinator_page(question) in mail.outbox[0].body
    assert "Has the family" not in mail.outbox[0].body

    listing = client.get(reverse("safeguarding:information-requests")).content.decode()
    assert "Your agency's questions to coordinators" in listing
    assert _agency_page(question) in listing

    as_coordinator = sign_in(coordinator)
    home = as_coordinator.get(reverse("core:staff-home")).content.decode()
    assert f"Question {question.pk} from GMP Prevent" in home
    mine = as_coordinator.get(reverse("safeguarding:case-requests")).content.decode()
    assert "Questions from agencies" in mine and _coordinator_page(question) in mine
    page = as_coordinator.get(_coordinator_page(question)).content.decode()
    assert "A question from GMP Prevent" in page and "Has the family been told?" in page


def test_an_agency_at_a_panel_that_discussed_the_case_may_ask_while_it_is_open(
    sign_in, coordinator, police_officer, referral
):
    from commonground.safeguarding.actions import panels
    from commonground.safeguarding.actions.steps import record_screening_decision

    record_screening_decision(actor=coordinator, referral=referral, decision="proceed", reasons="Panel")
    meeting = new_meeting(BOLTON, coordinator)
    panels.add_to_agenda(actor=coordinator, meeting=meeting, referral=referral)
    client = sign_in(police_officer)
    assert client.get(_ask_url(referral)).status_code == 404  # not yet part of the case

    attend(meeting, police_officer)
    case = client.get(reverse("safeguarding:panel-case", args=[meeting.pk, referral.pk])).content.decode()
    assert _ask_url(referral) in case
    assert client.get(_ask_url(referral)).status_code == 200
    ask_coordinator(
        actor=police_officer, referral=referral, question="Any update?", due_on=timezone.localdate()
    )
    # The panel case view shows partners' answers, not agencies' questions to the coordinator.
    case = client.get(reverse("safeguarding:panel-case", args=[meeting.pk, referral.pk])).content.decode()
    assert "Any update?" not in case


def test_an_agency_that_is_not_part_of_the_case_cannot_ask_about_it(
    sign_in, coordinator, police_officer, referral
):
    _request(coordinator, referral, police_officer.agency)
    outsider = UserFactory(agency=AgencyFactory(serves=[BOLTON]), roles=[Role.TRIAGE_OFFICER])
    client = sign_in(outsider)
    assert client.get(_ask_url(referral)).status_code == 404
    assert client.post(_ask_url(referral), {"question": "Who?", "due_on": _due(3)}).status_code == 404
    assert client.get(reverse("safeguarding:ask-coordinator", args=[987654])).status_code == 404
    with pytest.raises(PermissionDenied):
        ask_coordinator(actor=outsider, referral=referral, question="Who?", due_on=timezone.localdate())
    # Someone of the asked agency without the permission to answer requests: 404 too.
    partner = UserFactory(agency=police_officer.agency, roles=[Role.PARTNER_OFFICER])
    assert sign_in(partner).get(_ask_url(referral)).status_code == 404
    assert not InformationRequest.objects.filter(direction=RequestDirection.TO_COORDINATOR).exists()


def test_a_question_without_words_or_with_a_past_date_is_refused_kindly(
    sign_in, coordinator, police_officer, referral
):
    _request(coordinator, referral, police_officer.agency)
    response = sign_in(police_officer).post(_ask_url(referral), {"question": " ", "due_on": _due(-1)})
    page = response.content.decode()
    assert response.status_code == 200 and page.count("<title>Error: ") == 1
    assert "Enter your question" in page
    assert "The date you need the answer by must be today or in the future" in page


# --- Answers amended, never overwritten -------------------------------------------------------------


def test_the_coordinator_answers_then_amends_and_every_version_is_kept(
    sign_in, coordinator, police_officer, referral, django_capture_on_commit_callbacks
):
    _request(coordinator, referral, police_officer.agency)
    question = ask_coordinator(
        actor=police_officer,
        referral=referral,
        question="Has the family been told?",
        due_on=timezone.localdate(),
    )
    client = sign_in(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        answered = client.post(_coordinator_page(question), {"answer": "Not yet."})
    assert answered.status_code == 302
    assert mail.outbox[-1].to == [police_officer.email] and _agency_page(question) in mail.outbox[-1].body

    refused = client.post(
        _coordinator_page(question),
        {"intent": "amend", "amend-answer": "Yes, on Monday.", "amend-reason": ""},
    )
    assert refused.status_code == 200
    assert "Give the reason for amending the answer" in refused.content.decode()
    assert "Yes, on Monday.</textarea>" in refused.content.decode()  # what was typed is kept

    amended = client.post(
        _coordinator_page(question),
        {
            "intent": "amend",
            "amend-answer": "Yes, on Monday.",
            "amend-reason": "The visit happened after all",
        },
    )
    assert amended.status_code == 302
    question.refresh_from_db()
    assert (question.answer, question.answered_by) == ("Yes, on Monday.", coordinator)
    versions = list(
        InformationAnswerRevision.objects.filter(request=question).values_list("answer", "reason")
    )
    assert versions == [("Not yet.", ""), ("Yes, on Monday.", "The visit happened after all")]
    event = AuditEvent.objects.filter(
        object_type="safeguarding.informationrequest", object_id=str(question.pk), action=AuditAction.UPDATE
    ).latest("pk")
    assert event.changes == {"answer_amended": 2} and event.actor == coordinator

    same = client.post(
        _coordinator_page(question),
        {"intent": "amend", "amend-answer": "Yes, on Monday.", "amend-reason": "Again"},
    )
    assert "The amended answer is the same as the current one" in same.content.decode()
    assert InformationAnswerRevision.objects.filter(request=question).count() == 2

    # The asking agency sees the current answer, that it was amended, the earlier one and why.
    page = sign_in(police_officer).get(_agency_page(question)).content.decode()
    assert "The coordinator's answer" in page and "Yes, on Monday." in page
    assert "Amended" in page and "Not yet." in page and "The visit happened after all" in page


def test_the_agency_amends_its_answer_and_the_coordinator_sees_the_history(
    sign_in, coordinator, police_officer, referral
):
    request = _request(coordinator, referral, police_officer.agency)
    answer_information_request(actor=police_officer, request=request, answer="Not known to us.")
    client = sign_in(police_officer)
    response = client.post(
        _agency_page(request),
        {
            "intent": "amend",
            "amend-answer": "Known: one contact in 2024.",
            "amend-reason": "Found an old record",
        },
    )
    assert response.status_code == 302
    coordinator_page = sign_in(coordinator).get(_coordinator_page(request)).content.decode()
    assert "Known: one contact in 2024." in coordinator_page
    assert "Not known to us." in coordinator_page and "Found an old record" in coordinator_page
    referral_page = sign_in(coordinator).get(reverse("safeguarding:referral", args=[referral.pk]))
    assert "Known: one contact in 2024." in referral_page.content.decode()
    # The coordinator cannot amend the agency's answer.
    with pytest.raises(PermissionDenied):
        from commonground.safeguarding.actions.information_answers import amend_answer

        amend_answer(actor=coordinator, request=request, answer="Rewritten", reason="Mine now")


# --- The thread and closing --------------------------------------------------------------------------


def test_both_sides_follow_up_in_the_thread_until_the_asker_closes_it(
    sign_in, coordinator, police_officer, referral, django_capture_on_commit_callbacks
):
    police_officer.agency.contact_email = "prevent@police.example.org"
    police_officer.agency.save()
    request = _request(coordinator, referral, police_officer.agency)
    as_coordinator, as_police = sign_in(coordinator), sign_in(police_officer)

    with django_capture_on_commit_callbacks(execute=True):
        posted = as_coordinator.post(
            _coordinator_page(request), {"intent": "message", "message-body": "Please include 2023 too."}
        )
    assert posted.status_code == 302
    assert mail.outbox[-1].to == ["prevent@police.example.org"]
    assert "2023" not in mail.outbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        as_police.post(_agency_page(request), {"intent": "message", "message-body": "Will do, by Friday."})
    assert mail.outbox[-1].to == [coordinator.email]

    thread = list(
        InformationRequestMessage.objects.filter(request=request).values_list("body", "from_coordinator")
    )
    assert thread == [("Please include 2023 too.", True), ("Will do, by Friday.", False)]
    for page in (as_coordinator.get(_coordinator_page(request)), as_police.get(_agency_page(request))):
        text = page.content.decode()
        assert text.index("Please include 2023 too.") < text.index("Will do, by Friday.")
    assert AuditEvent.objects.filter(object_type="safeguarding.informationrequestmessage").count() == 2

    empty = as_police.post(_agency_page(request), {"intent": "message", "message-body": ""})
    assert "Enter your message" in empty.content.decode()

    # Only the asking side closes: the police cannot close the coordinator's request.
    assert as_police.post(_agency_page(request), {"intent": "close"}).status_code == 403
    assert as_coordinator.post(_coordinator_page(request), {"intent": "close"}).status_code == 302
    request.refresh_from_db()
    assert request.closed_by == coordinator
    after = as_police.post(_agency_page(request), {"intent": "message", "message-body": "One more thing"})
    assert "This request is closed" in after.content.decode()
    answer = as_police.post(_agency_page(request), {"answer": "Late answer"})
    assert "This request is closed" in answer.content.decode()
    assert "Closed" in as_police.get(reverse("safeguarding:information-requests")).content.decode()


# --- The coordinator's list: state, overdue, chase ----------------------------------------------------


def test_the_coordinator_lists_outgoing_requests_with_their_state_and_chases_one(
    sign_in, coordinator, police_officer, referral, django_capture_on_commit_callbacks
):
    police_officer.agency.contact_email = "prevent@police.example.org"
    police_officer.agency.save()
    school = AgencyFactory(kind=AgencyKind.EDUCATION, serves=[BOLTON], name="Hillside High")
    overdue = _request(coordinator, referral, police_officer.agency)
    _overdue(overdue)
    waiting = _request(coordinator, referral, school)
    answered = _request(coordinator, referral, school)
    answer_information_request(
        actor=UserFactory(agency=school, roles=[Role.PANEL_MEMBER]), request=answered, answer="Nothing"
    )
    closed = _request(coordinator, referral, school)
    from commonground.safeguarding.actions.information import close_information_request

    close_information_request(actor=coordinator, request=closed)

    client = sign_in(coordinator)
    page = client.get(reverse("safeguarding:case-requests")).content.decode()
    rows = {
        request.pk: page.split(f">Request {request.pk}</a>")[1].split("</tr>")[0]
        for request in (overdue, waiting, answered, closed)
    }
    assert "Overdue" in rows[overdue.pk] and "Awaiting answer" in rows[waiting.pk]
    assert "Answered" in rows[answered.pk] and "Closed" in rows[closed.pk]
    chase = reverse("safeguarding:chase-request", args=[overdue.pk])
    assert chase in rows[overdue.pk] and "chase" in rows[waiting.pk]
    assert "/chase/" not in rows[answered.pk] and "/chase/" not in rows[closed.pk]
    listed = AuditEvent.objects.filter(actor=coordinator, action=AuditAction.LIST_VIEWED).latest("pk")
    assert f"safeguarding.referral:{referral.pk}" in listed.changes["shown"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(chase)
    assert response.status_code == 302 and response["Location"] == reverse("safeguarding:case-requests")
    overdue.refresh_from_db()
    assert overdue.last_chased_at is not None
    assert [m.to for m in mail.outbox] == [["prevent@police.example.org"]]
    assert _agency_page(overdue) in mail.outbox[0].body and "Sam" not in mail.outbox[0].body
    assert AuditEvent.objects.filter(
        object_type="safeguarding.informationrequest",
        object_id=str(overdue.pk),
        actor=coordinator,
        changes__has_key="chased",
    ).exists()
    after = client.get(reverse("safeguarding:case-requests")).content.decode()
    assert "has been reminded about request" in after and "Last chased" in after

    # Once a day at most; an answered request is not chased.
    again = client.post(chase, follow=True).content.decode()
    assert "GMP Prevent has already been chased today." in again
    assert len(mail.outbox) == 1
    client.post(reverse("safeguarding:chase-request", args=[answered.pk]))
    answered.refresh_from_db()
    assert answered.last_chased_at is None


def test_overdue_is_flagged_in_the_agencys_lists_both_ways(sign_in, coordinator, police_officer, referral):
    asked = _request(coordinator, referral, police_officer.agency)
    _overdue(asked)
    question = ask_coordinator(
        actor=police_officer, referral=referral, question="Any news?", due_on=timezone.localdate()
    )
    _overdue(question)
    page = sign_in(police_officer).get(reverse("safeguarding:information-requests")).content.decode()
    for request in (asked, question):
        row = page.split(f">Information request {request.pk}</a>")[1].split("</tr>")[0]
        assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in row
    coordinators = sign_in(coordinator).get(reverse("safeguarding:case-requests")).content.decode()
    row = coordinators.split(f">Question {question.pk}</a>")[1].split("</tr>")[0]
    assert "Overdue" in row


# --- Need to know: wrong accounts get "not found" -------------------------------------------------------


def test_wrong_accounts_get_not_found_on_every_new_page(sign_in, coordinator, police_officer, referral):
    request = _request(coordinator, referral, police_officer.agency)
    question = ask_coordinator(
        actor=police_officer, referral=referral, question="Any news?", due_on=timezone.localdate()
    )
    oldham_coordinator = staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM)
    other_agency = UserFactory(agency=AgencyFactory(serves=[BOLTON]), roles=[Role.PANEL_MEMBER])
    for account in (oldham_coordinator, other_agency, police_officer):
        client = sign_in(account)
        for target in (request, question):
            assert client.get(_coordinator_page(target)).status_code == 404
            assert (
                client.post(_coordinator_page(target), {"intent": "message", "message-body": "x"}).status_code
                == 404
            )
            assert client.post(reverse("safeguarding:chase-request", args=[target.pk])).status_code == 404
    for account in (oldham_coordinator, other_agency):
        client = sign_in(account)
        for target in (request, question):
            assert client.get(_agency_page(target)).status_code == 404
            assert (
                client.post(_agency_page(target), {"intent": "message", "message-body": "x"}).status_code
                == 404
            )
        assert client.get(_ask_url(referral)).status_code == 404
    assert not InformationRequestMessage.objects.exists()
    with pytest.raises(PermissionDenied):
        from commonground.safeguarding.actions.information_answers import post_message

        post_message(actor=other_agency, request=question, body="Let me in")


def test_the_asking_agency_sees_only_its_question_and_thread_never_the_case(
    sign_in, coordinator, police_officer, referral
):
    from commonground.safeguarding.actions.steps import record_screening_decision

    record_screening_decision(
        actor=coordinator, referral=referral, decision="proceed", reasons="Secret screening reasons"
    )
    health = AgencyFactory(kind=AgencyKind.HEALTH, serves=[BOLTON])
    health_request = _request(coordinator, referral, health)
    answer_information_request(
        actor=UserFactory(agency=health, roles=[Role.PANEL_MEMBER]),
        request=health_request,
        answer="Health's confidential answer",
    )
    _request(coordinator, referral, police_officer.agency)
    question = ask_coordinator(
        actor=police_officer, referral=referral, question="Any news?", due_on=timezone.localdate()
    )
    page = sign_in(police_officer).get(_agency_page(question)).content.decode()
    assert "Any news?" in page and "Sam Taylor" in page
    for secret in (CONCERN, "Secret screening reasons", "Health&#x27;s confidential answer", "01204 000000"):
        assert secret not in page
    opened = AuditEvent.objects.filter(actor=police_officer, action=AuditAction.VIEW).latest("pk")
    assert opened.subject_ref == f"safeguarding.referral:{referral.pk}"
    with pytest.raises(ValidationError):
        answer_information_request(actor=coordinator, request=question, answer="")
