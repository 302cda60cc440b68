"""Sharing agreements decide what may be shared: information requests both ways, the panel's chair
and attendees, reports routed to partners' teams and partner systems' API tokens are each refused
without an agreement in force covering the agencies and the data, with a message naming what is
missing, and the data protection officers are told; with one, the disclosure is logged under it.
(No partnership-wide agreement is assumed here: each test records the agreements it needs.)"""

import json
import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commonground.core.models import Agency, AgencyKind, Area, Notification, User
from commonground.core.models.api_tokens import ApiScope
from commonground.core.models.notifications import NotificationKind
from commonground.core.roles import Role
from commonground.reports.actions.sharing import share_without_consent
from commonground.reports.actions.submission import ReportAnswers, submit_report
from commonground.reports.models import Channel, LawfulBasis, Report, Team
from commonground.reports.routing import partnership_triage_team
from commonground.safeguarding.actions import panels
from commonground.safeguarding.actions.information import send_information_request
from commonground.safeguarding.actions.information_answers import answer_information_request
from commonground.safeguarding.actions.steps import record_screening_decision
from commonground.safeguarding.models import Attendance, InformationRequest, PanelMeeting
from commonground.sharing.actions.agreements import end_agreement
from commonground.sharing.models import AgreementDisclosure, DataCategory
from tests.factories import BOLTON, UserFactory, sharing_agreement, staff
from tests.safeguarding.builders import referral_in

pytestmark = pytest.mark.django_db

QUESTION = "Is the person known to your service? Any contact in the last year?"


@pytest.fixture
def officer() -> User:
    return UserFactory(roles=[Role.DATA_PROTECTION_OFFICER])


@pytest.fixture
def coordinator() -> User:
    return staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)


@pytest.fixture
def police_officer() -> User:
    return staff(Role.TRIAGE_OFFICER, BOLTON, kind=AgencyKind.POLICE)


@pytest.fixture
def referral(coordinator):
    referral = referral_in(BOLTON)
    record_screening_decision(actor=coordinator, referral=referral, decision="proceed", reasons="Gather")
    return referral


def _told(officer: User) -> list[str]:
    return list(
        Notification.objects.filter(recipient=officer, kind=NotificationKind.SHARING_REFUSED).values_list(
            "subject", flat=True
        )
    )


# --- Information requests ------------------------------------------------------------------------


def test_a_request_to_an_agency_outside_any_agreement_is_refused_on_the_form_then_goes_through_under_one(
    sign_in, officer, coordinator, police_officer, referral
):
    council, police = coordinator.agency, police_officer.agency
    client = sign_in(coordinator)
    url = reverse("safeguarding:send-information-request", args=[referral.pk])
    due_on = (timezone.localdate() + timedelta(days=7)).strftime("%d/%m/%Y")
    form = {"agency": police.pk, "question": QUESTION, "due_on": due_on}

    refused = client.post(url, form)

    html = refused.content.decode()
    missing = f"No sharing agreement in force covers {council.name} and {police.name} for safeguarding case details."
    assert refused.status_code == 200 and "<title>Error: " in html
    assert missing in html.replace("&#x27;", "'")
    assert QUESTION in html  # nothing typed is lost
    assert not InformationRequest.objects.exists()
    assert [missing in subject for subject in _told(officer)] == [True]

    agreement = sharing_agreement(council, police, categories=[DataCategory.SAFEGUARDING_CASES])
    assert client.post(url, form).status_code == 302

    request = InformationRequest.objects.get()
    disclosure = AgreementDisclosure.objects.get()
    assert (disclosure.agreement, disclosure.from_agency, disclosure.to_agency) == (
        agreement,
        council,
        police,
    )
    assert (disclosure.record_label, disclosure.record_id) == (
        "safeguarding.informationrequest",
        str(request.pk),
    )
    assert disclosure.category == DataCategory.SAFEGUARDING_CASES and disclosure.shared_by == coordinator


def test_an_answer_after_the_agreement_has_ended_is_refused_naming_when_it_ended(
    officer, coordinator, police_officer, referral
):
    council, police = coordinator.agency, police_officer.agency
    agreement = sharing_agreement(council, police, starts_on=timezone.localdate() - timedelta(days=60))
    request = send_information_request(
        actor=coordinator,
        referral=referral,
        agency=police,
        question=QUESTION,
        due_on=timezone.localdate() + timedelta(days=7),
    )
    end_agreement(actor=officer, agreement=agreement, ends_on=timezone.localdate() - timedelta(days=1))

    with pytest.raises(ValidationError) as refused:
        answer_information_request(actor=police_officer, request=request, answer="Known to us since 2024.")

    assert "ended on" in refused.value.messages[0] and agreement.title in refused.value.messages[0]
    request.refresh_from_db()
    assert request.answered_at is None and request.answer == ""
    assert AgreementDisclosure.objects.count() == 1  # the question only
    assert len(_told(officer)) == 1


# --- The panel -------------------------------------------------------------------------------------


def test_an_attendee_of_an_agency_whose_agreement_leaves_out_panel_cases_is_refused(
    officer, coordinator, police_officer
):
    borough = Area.objects.get(code=BOLTON)
    meeting = panels.create_panel_meeting(
        actor=coordinator, borough=borough, meets_on=timezone.localdate(), chair=coordinator
    )
    details = panels.AttendanceDetails(agency=police_officer.agency, person=police_officer, name="")
    sharing_agreement(coordinator.agency, police_officer.agency, categories=[DataCategory.SAFEGUARDING_CASES])

    with pytest.raises(ValidationError) as refused:
        panels.record_attendance(actor=coordinator, meeting=meeting, details=details)

    assert "does not cover panel case discussions" in refused.value.messages[0]
    assert not Attendance.objects.exists()
    # Apologies share nothing, so need no agreement.
    apologies = panels.AttendanceDetails(
        agency=police_officer.agency, person=police_officer, name="", attended=False
    )
    panels.record_attendance(actor=coordinator, meeting=meeting, details=apologies)
    assert Attendance.objects.get().attended is False


def test_a_chair_from_an_agency_outside_any_agreement_cannot_be_named(officer, coordinator, police_officer):
    police_officer.agency.areas.set(coordinator.agency.areas.all())
    with pytest.raises(ValidationError) as refused:
        panels.create_panel_meeting(
            actor=coordinator,
            borough=Area.objects.get(code=BOLTON),
            meets_on=timezone.localdate(),
            chair=police_officer,
        )
    assert "panel case discussions" in refused.value.messages[0]
    assert not PanelMeeting.objects.exists()


# --- Reports routed to partners' teams -------------------------------------------------------------


@pytest.fixture
def police_team() -> Team:
    from commonground.core.demo import load_demo as load_core_demo
    from commonground.reports.demo import POLICE_TEAM, load_demo

    load_core_demo()
    load_demo()
    return Team.objects.get(name=POLICE_TEAM)


def _report_shared_with_the_police() -> Report:
    return submit_report(
        actor=None,
        answers=ReportAnswers(
            kind="hate_incident",
            description="Abuse at the bus stop.",
            borough_code=BOLTON,
            share_with=["police"],
        ),
        channel=Channel.WEB,
    ).report


def test_a_report_is_never_refused_but_reaches_a_partner_only_under_an_agreement(officer, police_team):
    without = _report_shared_with_the_police()

    assert police_team not in without.teams.all()  # kept by the partnership, not lost
    assert without.teams.exists()
    assert any(police_team.agency.name in subject for subject in _told(officer))

    agreement = sharing_agreement(
        partnership_triage_team().agency, police_team.agency, categories=[DataCategory.HATE_INCIDENT_REPORTS]
    )
    under = _report_shared_with_the_police()

    assert police_team in under.teams.all()
    disclosure = AgreementDisclosure.objects.get()
    assert (disclosure.agreement, disclosure.reference, disclosure.to_agency) == (
        agreement,
        under.reference,
        police_team.agency,
    )


def test_sharing_without_consent_still_needs_an_agreement(officer, police_team):
    triage = staff(Role.TRIAGE_OFFICER, "E47000001")
    report = submit_report(
        actor=None,
        answers=ReportAnswers(
            kind="hate_incident", description="Threats at the mosque.", borough_code=BOLTON
        ),
        channel=Channel.WEB,
    ).report

    with pytest.raises(ValidationError) as refused:
        share_without_consent(
            actor=triage,
            report=report,
            team=police_team,
            reason="A threat to life.",
            lawful_basis=LawfulBasis.values[0],
            tell_reporter=True,
        )

    assert "hate incident reports" in refused.value.messages[0]
    assert police_team not in report.teams.all()
    assert not report.sharing_decisions.exists()


# --- Partner systems' API tokens -------------------------------------------------------------------


def test_a_partner_systems_token_writing_about_people_is_refused_without_an_agreement(officer, police_team):
    from commonground.core.actions.api_tokens import issue_api_token

    police = police_team.agency
    _, key = issue_api_token(
        actor=User.objects.get(username="admin"), agency=police, name="Form", scopes=[ApiScope.REPORTS_WRITE]
    )
    body = {
        "kind": "hate_incident",
        "description": "Abuse at the bus stop.",
        "location": {"borough_code": BOLTON},
        "strands": ["religion"],
        "reporter_role": "victim",
    }

    def post():
        return Client().post(
            "/api/v1/reports",
            json.dumps(body),
            content_type="application/json",
            headers={"Authorization": f"Bearer {key}", "Idempotency-Key": str(uuid.uuid4())},
        )

    refused = post()
    problem = refused.json()
    assert (refused.status_code, problem["code"]) == (403, "no_sharing_agreement")
    assert police.name in problem["detail"] and "hate incident reports" in problem["detail"]
    assert not Report.objects.exists()
    assert len(_told(officer)) == 1

    sharing_agreement(
        police, partnership_triage_team().agency, categories=[DataCategory.HATE_INCIDENT_REPORTS]
    )
    assert post().status_code == 201


def test_demo_agreements_cover_what_the_demo_shares():
    from commonground.core.demo import load_demo as load_core_demo
    from commonground.reports.demo import load_demo as load_reports_demo
    from commonground.sharing.demo import CHANNEL, REPORT_LINE, TENSION, load_demo

    load_core_demo()
    load_reports_demo()
    load_demo()
    load_demo()  # again: nothing doubles

    from commonground.sharing.models import SharingAgreement

    agreements = {agreement.title: agreement for agreement in SharingAgreement.objects.all()}
    assert set(agreements) == {CHANNEL, REPORT_LINE, TENSION}
    assert {"Demo Bolton Council", "Demo Police Force"} <= {a.name for a in agreements[CHANNEL].parties.all()}
    assert agreements[TENSION].ends_on < timezone.localdate()
    assert Agency.objects.get(name="Demo Victim Support") in agreements[REPORT_LINE].parties.all()
