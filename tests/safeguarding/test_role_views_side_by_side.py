"""One Bolton case, and its pages asked for by each kind of person who might ask: what each of
them is shown, side by side. Need to know, nothing more (see safeguarding/scoping.py): the
coordinator sees the whole case; a panel member sees the case summary while it is on the agenda of
a panel they attend and still open; an agency asked for information sees its own question only;
anyone else gets "not found", like a case that does not exist, except a data protection officer
who gives a reason, and whose opening the audit trail flags."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from commonground.core.models import Agency, AgencyKind, AuditAction, AuditEvent, User
from commonground.core.roles import Role
from commonground.safeguarding.actions import panels as panel_actions
from commonground.safeguarding.actions.exit_and_transfer import close_case
from commonground.safeguarding.actions.information import send_information_request
from commonground.safeguarding.actions.information_answers import answer_information_request
from commonground.safeguarding.actions.steps import record_screening_decision
from commonground.safeguarding.models import InformationRequest, PanelMeeting, Referral
from tests.clock import FROZEN
from tests.factories import BOLTON, GREATER_MANCHESTER, OLDHAM, AgencyFactory, UserFactory, staff
from tests.safeguarding.builders import referral_in
from tests.safeguarding.test_panels import attend, new_meeting, ready_referral

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]

NAME = "Robin Ashworth"
CONCERN = "Talks at length about a race war and has drawn swastikas on school books."
REFERRER_CONTACT = "robin-school-dsl@example.org"
POLICE_QUESTION = "Is Robin known to the police?"
POLICE_ANSWER = "Stopped once with a group handing out far-right leaflets."
HEALTH_QUESTION = "Is Robin known to mental health services?"
HEALTH_ANSWER = "Seen twice by the school nurse for anxiety."
NOT_FOUND = "Page not found"


@dataclass
class Case:
    referral: Referral
    meeting: PanelMeeting
    coordinator: User
    police_request: InformationRequest
    health_request: InformationRequest
    police_officer: User
    health_worker: User

    @property
    def page(self) -> str:
        return f"/staff/safeguarding/referrals/{self.referral.pk}/"

    @property
    def panel_page(self) -> str:
        return f"/staff/safeguarding/panels/{self.meeting.pk}/cases/{self.referral.pk}/"

    @property
    def support_plan(self) -> str:
        return f"{self.page}plan/"

    @property
    def outside_scope(self) -> str:
        return f"{self.page}outside-scope/"

    @staticmethod
    def request_page(request: InformationRequest) -> str:
        return f"/staff/safeguarding/requests/{request.pk}/"


def _answering(agency: Agency, answer: str, question: str, case_referral, coordinator) -> tuple:
    person = UserFactory(agency=agency, roles=[Role.TRIAGE_OFFICER])
    request = send_information_request(
        actor=coordinator,
        referral=case_referral,
        agency=agency,
        question=question,
        due_on=timezone.localdate() + timedelta(days=7),
    )
    return person, answer_information_request(actor=person, request=request, answer=answer)


@pytest.fixture
def case() -> Case:
    """Referred by a school, screened, asked of the police and of health (both answered), and on
    the agenda of a Bolton panel."""
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    referral = referral_in(BOLTON, first_name="Robin", last_name="Ashworth", concern=CONCERN)
    Referral.objects.filter(pk=referral.pk).update(referrer_contact=REFERRER_CONTACT)
    record_screening_decision(
        actor=coordinator, referral=referral, decision="proceed", reasons="Needs a panel"
    )
    police = AgencyFactory(
        name="Greater Manchester Police", kind=AgencyKind.POLICE, serves=[GREATER_MANCHESTER]
    )
    health = AgencyFactory(name="Bolton Health Trust", kind=AgencyKind.HEALTH, serves=[BOLTON])
    police_officer, police_request = _answering(police, POLICE_ANSWER, POLICE_QUESTION, referral, coordinator)
    health_worker, health_request = _answering(health, HEALTH_ANSWER, HEALTH_QUESTION, referral, coordinator)
    meeting = new_meeting(BOLTON, coordinator)
    panel_actions.add_to_agenda(actor=coordinator, meeting=meeting, referral=referral)
    referral.refresh_from_db()
    return Case(referral, meeting, coordinator, police_request, health_request, police_officer, health_worker)


@pytest.fixture
def panel_member(case) -> User:
    """Recorded as attending the panel that has the case on its agenda."""
    member = staff(Role.PANEL_MEMBER, BOLTON, kind=AgencyKind.EDUCATION)
    attend(case.meeting, member)
    return member


@pytest.fixture
def other_panel_member(case) -> User:
    """Attends another Bolton panel, whose agenda holds another case only."""
    member = staff(Role.PANEL_MEMBER, BOLTON, kind=AgencyKind.HEALTH)
    meeting = new_meeting(BOLTON, case.coordinator, timezone.localdate() + timedelta(days=14))
    panel_actions.add_to_agenda(
        actor=case.coordinator,
        meeting=meeting,
        referral=ready_referral(BOLTON, first_name="Jo", last_name="Other"),
    )
    attend(meeting, member)
    return member


def _get(client, url: str) -> tuple[int, str]:
    response = client.get(url)
    return response.status_code, response.content.decode()


def _not_found(client, url: str, *, status: int = 404) -> None:
    """Not found (out of scope, like a missing case) or, with `status=403`, a page the person's
    role has no permission for; either way nothing of the case is shown."""
    answered, page = _get(client, url)
    assert answered == status, f"{url} answered {answered}"
    assert NAME not in page and CONCERN not in page


def _flagged(user: User):
    return AuditEvent.objects.filter(actor=user, outside_normal_scope=True)


def test_the_boroughs_coordinator_sees_the_whole_case_with_both_agencies_answers(sign_in, case):
    client = sign_in(case.coordinator)
    status, page = _get(client, case.page)
    assert status == 200
    assert f"Referral {case.referral.pk}: {NAME}" in page
    for section in ("The person", "The concern", "Referrer", "Steps so far", "Information requests"):
        assert f">{section}</h2>" in page
    assert CONCERN in page and REFERRER_CONTACT in page and "Hillside High School" in page
    assert "Proceed to information gathering" in page
    assert "Greater Manchester Police" in page and POLICE_QUESTION in page and POLICE_ANSWER in page
    assert "Bolton Health Trust" in page and HEALTH_QUESTION in page and HEALTH_ANSWER in page
    assert "Send an information request" in page
    # On a panel agenda: screening is behind it, so the page no longer offers it.
    assert "Record the screening decision" not in page
    assert "No screening decision or police gateway check can be recorded" in page
    # The list of the borough's referrals names the person too.
    assert NAME in _get(client, "/staff/safeguarding/")[1]
    # The answers are read on the case page; the agencies' own request pages are theirs alone.
    _not_found(client, case.request_page(case.police_request))


def test_a_panel_member_at_a_panel_with_the_case_on_its_agenda_sees_the_case_summary(
    sign_in, case, panel_member
):
    client = sign_in(panel_member)
    panels = _get(client, "/staff/safeguarding/panels/")[1]
    assert "Your panels" in panels and NAME in panels

    status, page = _get(client, case.panel_page)
    assert status == 200
    assert f'<h1 class="govuk-heading-l">{NAME}</h1>' in page
    for section in ("Case summary", "Screening", "Information from partners", "Vulnerability factors"):
        assert f">{section}</h2>" in page
    assert CONCERN in page and "Proceed to information gathering" in page
    assert POLICE_ANSWER in page and HEALTH_ANSWER in page
    # Enough to discuss the case, nothing more: no referrer's contact, no address, no monitoring.
    assert (
        REFERRER_CONTACT not in page and "Equality monitoring" not in page and "Where they live" not in page
    )
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, actor=panel_member, subject_ref=f"safeguarding.referral:{case.referral.pk}"
    ).exists()
    # Neither the coordinator's referral page, its support plan nor an agency's own request page.
    _not_found(client, case.page)
    _not_found(client, case.support_plan)
    _not_found(client, case.request_page(case.police_request))


def test_a_panel_member_whose_panels_do_not_have_the_case_on_the_agenda_gets_not_found(
    sign_in, case, other_panel_member
):
    client = sign_in(other_panel_member)
    panels = _get(client, "/staff/safeguarding/panels/")[1]
    assert "Your panels" in panels and "Jo Other" in panels and NAME not in panels
    _not_found(client, case.panel_page)
    _not_found(client, case.page)


def test_the_panel_member_gets_not_found_once_the_case_is_closed(sign_in, case, panel_member):
    client = sign_in(panel_member)
    assert _get(client, case.panel_page)[0] == 200
    item = case.meeting.agenda.get(referral=case.referral)
    panel_actions.record_panel_decision(
        actor=case.coordinator,
        agenda_item=item,
        details=panel_actions.DecisionDetails(
            outcome="adopt",
            reasons="Vulnerable; support should help.",
            consent_given_by="parent_or_guardian",
            consent_given_on=timezone.localdate(),
        ),
    )
    assert _get(client, case.panel_page)[0] == 200  # adopted: still open
    close_case(
        actor=case.coordinator,
        referral=Referral.objects.get(pk=case.referral.pk),
        happened_on=timezone.localdate(),
        reasons="The support plan has been completed.",
    )
    _not_found(client, case.panel_page)
    _not_found(client, case.page)
    panels = _get(client, "/staff/safeguarding/panels/")[1]
    assert "Your panels" in panels and NAME not in panels
    # The coordinator still sees it, closed.
    assert "Support ended" in _get(sign_in(case.coordinator), case.page)[1]


def test_a_user_of_an_answering_agency_sees_only_their_own_request_and_not_the_case(sign_in, case):
    client = sign_in(case.police_officer)
    listed = _get(client, "/staff/safeguarding/requests/")[1]
    assert f"Information request {case.police_request.pk}" in listed
    assert f"Information request {case.health_request.pk}" not in listed

    status, page = _get(client, case.request_page(case.police_request))
    assert status == 200
    assert "A question for your agency" in page
    assert NAME in page and POLICE_QUESTION in page and POLICE_ANSWER in page
    assert "The rest of the safeguarding case is not shared with you" in page
    # Not the concern, the referrer, the screening, or the other agency's question and answer.
    for hidden in (
        CONCERN,
        REFERRER_CONTACT,
        "Proceed to information gathering",
        HEALTH_QUESTION,
        HEALTH_ANSWER,
    ):
        assert hidden not in page

    _not_found(client, case.request_page(case.health_request))
    _not_found(client, case.page)
    _not_found(client, case.panel_page, status=403)
    _not_found(client, case.outside_scope)


def test_a_coordinator_of_another_borough_gets_not_found(sign_in, case):
    client = sign_in(staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM))
    _not_found(client, case.page)
    _not_found(client, case.support_plan)
    _not_found(client, f"{case.page}edit/")
    _not_found(client, case.request_page(case.police_request))
    assert NAME not in _get(client, "/staff/safeguarding/")[1]


def test_a_data_protection_officer_without_a_reason_is_asked_for_one_and_shown_nothing(sign_in, case):
    officer = staff(Role.DATA_PROTECTION_OFFICER, GREATER_MANCHESTER)
    client = sign_in(officer)
    _not_found(client, case.page)  # not in normal scope

    status, page = _get(client, case.outside_scope)
    assert status == 200
    assert "Why do you need to open this record?" in page
    assert NAME not in page and CONCERN not in page

    refused = client.post(case.outside_scope, {"reason": "  "})
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "Give the reason you need to open this record" in page
    assert NAME not in page and CONCERN not in page
    assert not _flagged(officer).exists()


def test_a_data_protection_officer_with_a_reason_sees_the_case_and_the_audit_trail_flags_it(sign_in, case):
    officer = staff(Role.DATA_PROTECTION_OFFICER, GREATER_MANCHESTER)
    client = sign_in(officer)
    response = client.post(case.outside_scope, {"reason": "Subject access request SAR-2027-031"})
    page = response.content.decode()
    assert response.status_code == 200
    assert f"Referral {case.referral.pk}: {NAME}" in page
    assert "Opened outside normal scope" in page and "read only" in page
    assert CONCERN in page and POLICE_ANSWER in page and HEALTH_ANSWER in page
    assert "<form" not in page.split('id="main-content"', 1)[-1]

    event = _flagged(officer).get()
    assert (event.action, event.reason) == (AuditAction.VIEW, "Subject access request SAR-2027-031")
    assert event.subject_ref == f"safeguarding.referral:{case.referral.pk}"
    # The ordinary case page is still out of the officer's scope.
    _not_found(client, case.page)
