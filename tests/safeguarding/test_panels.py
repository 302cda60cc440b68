"""The multi-agency panel: meetings, agenda, attendance, the factor discussion (professional
judgement, never a score), the decision with consent, the panel member's view of their cases,
and the attendance report. Forms are posted through the test client, from right and wrong accounts."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from commonground.core.access import scope_for
from commonground.core.models import AgencyKind, AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.safeguarding import queries
from commonground.safeguarding.actions import panels as actions
from commonground.safeguarding.actions.steps import record_screening_decision
from commonground.safeguarding.models import (
    AgendaItem,
    Attendance,
    FactorDiscussion,
    InformationRequest,
    PanelDecision,
    PanelMeeting,
    Referral,
    ReferralStatus,
    VulnerabilityFactor,
)
from tests.clock import FROZEN
from tests.factories import BOLTON, GREATER_MANCHESTER, OLDHAM, AgencyFactory, UserFactory, staff
from tests.safeguarding.builders import referral_in

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]

PANELS = "/staff/safeguarding/panels/"


# --- Builders (also used by the URL matrix) --------------------------------------------------------


def coordinator_for(borough_code: str):
    return staff(Role.SAFEGUARDING_COORDINATOR, borough_code)


def ready_referral(borough_code: str, **overrides) -> Referral:
    """A referral screened through to information gathering, ready for a panel."""
    referral = referral_in(borough_code, **overrides)
    record_screening_decision(
        actor=coordinator_for(borough_code), referral=referral, decision="proceed", reasons="Needs a panel"
    )
    referral.refresh_from_db()
    return referral


def new_meeting(borough_code: str, coordinator=None, meets_on: date | None = None) -> PanelMeeting:
    from commonground.core.models import Area

    coordinator = coordinator or coordinator_for(borough_code)
    return actions.create_panel_meeting(
        actor=coordinator,
        borough=Area.objects.get(code=borough_code),
        meets_on=meets_on or timezone.localdate(),
        chair=coordinator,
        location="Town hall",
    )


def meeting_with_case(borough_code: str, **referral_overrides) -> tuple[PanelMeeting, AgendaItem]:
    coordinator = coordinator_for(borough_code)
    meeting = new_meeting(borough_code, coordinator)
    item = actions.add_to_agenda(
        actor=coordinator, meeting=meeting, referral=ready_referral(borough_code, **referral_overrides)
    )
    return meeting, item


def attend(meeting: PanelMeeting, person=None, *, agency=None, attended=True) -> Attendance:
    agency = agency or person.agency
    return actions.record_attendance(
        actor=coordinator_for(meeting.borough.code),
        meeting=meeting,
        details=actions.AttendanceDetails(
            agency=agency, person=person, name="" if person else "A Officer", attended=attended
        ),
    )


def all_factors(judgement="not_known"):
    return {f"factor_{factor.pk}": judgement for factor in VulnerabilityFactor.objects.filter(is_active=True)}


def item_url(item, step=""):
    return f"{PANELS}{item.meeting_id}/items/{item.pk}/{step}"


def adult_dob():
    return date(1990, 1, 1)


def years_ago(years: int) -> date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - timedelta(days=30)


@pytest.fixture
def coordinator():
    return coordinator_for(BOLTON)


# --- The whole flow --------------------------------------------------------------------------------


def test_the_whole_panel_flow_for_a_bolton_referral(sign_in, coordinator):
    referral = ready_referral(BOLTON, date_of_birth=adult_dob())
    client = sign_in(coordinator)
    today = timezone.localdate()

    response = client.post(
        f"{PANELS}new/",
        {
            "borough": str(referral.borough_id),
            "meets_on": today.strftime("%d/%m/%Y"),
            "chair": str(coordinator.pk),
            "location": "Bolton town hall",
        },
    )
    meeting = PanelMeeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{PANELS}{meeting.pk}/"
    assert (meeting.chair, meeting.created_by, meeting.meets_on) == (coordinator, coordinator, today)

    assert "Referral" in client.get(f"{PANELS}{meeting.pk}/").content.decode()
    response = client.post(f"{PANELS}{meeting.pk}/agenda/", {"referral": str(referral.pk)})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.AT_PANEL
    item = AgendaItem.objects.get(meeting=meeting)

    police = AgencyFactory(kind=AgencyKind.POLICE, serves=[GREATER_MANCHESTER], name="GMP")
    for agency, person, name, attended in (
        (police, "", "DS Patel", "yes"),
        (coordinator.agency, str(coordinator.pk), "", "yes"),
    ):
        response = client.post(
            f"{PANELS}{meeting.pk}/attendance/",
            {
                "agency": str(agency.pk),
                "person": person,
                "name": name,
                "role": "Panel member",
                "is_decision_maker": "yes",
                "attended": attended,
            },
        )
        assert response.status_code == 302, response.content.decode()
    assert sorted(meeting.attendance.values_list("agency__kind", flat=True)) == ["council", "police"]
    assert meeting.attendance.get(person=coordinator).name == coordinator.get_full_name()

    page = client.get(item_url(item)).content.decode()
    assert "Engagement" in page and "Intent" in page and "Capability" in page
    data = all_factors("not_present") | {"evidence_" + k.split("_")[1]: "" for k in all_factors()}
    grievance = VulnerabilityFactor.objects.get(label__icontains="grievance")
    data[f"factor_{grievance.pk}"] = "present"
    data[f"evidence_{grievance.pk}"] = "Talks often of unfairness at school"
    assert client.post(item_url(item, "factors/"), data).status_code == 302
    assert (
        FactorDiscussion.objects.filter(agenda_item=item).count()
        == VulnerabilityFactor.objects.filter(is_active=True).count()
    )
    assert FactorDiscussion.objects.get(factor=grievance).evidence == "Talks often of unfairness at school"

    response = client.post(
        item_url(item, "decision/"),
        {
            "outcome": "adopt",
            "reasons": "Vulnerable to grooming; agrees to mentoring",
            "consent_given_by": "person",
            "consent_given_on": today.strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ADOPTED
    decision = PanelDecision.objects.get()
    assert (decision.consent_given_by, decision.consent_given_on, decision.decided_by) == (
        "person",
        today,
        coordinator,
    )
    subject = f"safeguarding.referral:{referral.pk}"
    audited = set(AuditEvent.objects.filter(subject_ref=subject).values_list("object_type", flat=True))
    assert {"safeguarding.agendaitem", "safeguarding.paneldecision"} <= audited
    assert AuditEvent.objects.filter(
        subject_ref=subject, object_repr__startswith="Factor discussion"
    ).exists()
    assert AuditEvent.objects.filter(object_type="safeguarding.attendance").count() == 2


# --- Decisions and consent -------------------------------------------------------------------------


def test_adoption_without_consent_is_refused_and_nothing_changes(sign_in, coordinator):
    _meeting, item = meeting_with_case(BOLTON, date_of_birth=adult_dob())
    response = sign_in(coordinator).post(
        item_url(item, "decision/"), {"outcome": "adopt", "reasons": "Agrees to support"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<title>Error: ") == 1
    assert "A case can only be adopted with consent" in page
    assert "Enter the date consent was given" in page
    assert not PanelDecision.objects.exists()
    assert Referral.objects.get(pk=item.referral_id).status == ReferralStatus.AT_PANEL


def test_a_16_year_old_is_adopted_only_with_a_parent_or_guardians_consent(sign_in, coordinator):
    _meeting, item = meeting_with_case(BOLTON, date_of_birth=years_ago(16))
    client = sign_in(coordinator)
    today = timezone.localdate().strftime("%d/%m/%Y")
    own = {"outcome": "adopt", "reasons": "Agrees", "consent_given_by": "person", "consent_given_on": today}
    page = client.post(item_url(item, "decision/"), own).content.decode()
    assert "The person is under 18: a parent or guardian must give consent" in page
    assert not PanelDecision.objects.exists()
    assert Referral.objects.get(pk=item.referral_id).status == ReferralStatus.AT_PANEL

    response = client.post(item_url(item, "decision/"), own | {"consent_given_by": "parent_or_guardian"})
    assert response.status_code == 302
    assert PanelDecision.objects.get().consent_given_by == "parent_or_guardian"
    assert Referral.objects.get(pk=item.referral_id).status == ReferralStatus.ADOPTED


def test_not_adopting_names_where_the_person_was_signposted(sign_in, coordinator):
    _meeting, item = meeting_with_case(BOLTON)
    client = sign_in(coordinator)
    page = client.post(item_url(item, "decision/"), {"outcome": "not_adopt", "reasons": "Low risk"})
    assert "Name where the person was signposted for other support" in page.content.decode()
    assert not PanelDecision.objects.exists()
    response = client.post(
        item_url(item, "decision/"),
        {"outcome": "not_adopt", "reasons": "Low risk", "signposted_to": "Early help"},
    )
    assert response.status_code == 302
    assert Referral.objects.get(pk=item.referral_id).status == ReferralStatus.NOT_ADOPTED


def test_review_at_the_next_panel_keeps_the_referral_at_panel_and_it_can_go_on_the_next_agenda(
    sign_in, coordinator
):
    _meeting, item = meeting_with_case(BOLTON)
    response = sign_in(coordinator).post(
        item_url(item, "decision/"), {"outcome": "review_next", "reasons": "Waiting for school's answer"}
    )
    assert response.status_code == 302
    referral = Referral.objects.get(pk=item.referral_id)
    assert referral.status == ReferralStatus.AT_PANEL
    later = new_meeting(BOLTON, coordinator, timezone.localdate() + timedelta(days=28))
    actions.add_to_agenda(actor=coordinator, meeting=later, referral=referral)
    assert referral.agenda_items.count() == 2


def test_a_decided_referral_cannot_be_decided_again(coordinator):
    _meeting, item = meeting_with_case(BOLTON)
    details = actions.DecisionDetails(outcome="not_adopt", reasons="Low risk", signposted_to="Early help")
    actions.record_panel_decision(actor=coordinator, agenda_item=item, details=details)
    with pytest.raises(actions.ValidationError):
        actions.record_panel_decision(actor=coordinator, agenda_item=item, details=details)
    assert PanelDecision.objects.count() == 1


# --- Meeting, agenda and attendance refusals -------------------------------------------------------


def test_an_attendee_from_an_oldham_agency_is_refused_on_a_bolton_panel(sign_in, coordinator):
    meeting = new_meeting(BOLTON, coordinator)
    oldham = AgencyFactory(kind=AgencyKind.POLICE, serves=[OLDHAM], name="Oldham police team")
    response = sign_in(coordinator).post(
        f"{PANELS}{meeting.pk}/attendance/",
        {"agency": str(oldham.pk), "name": "PC Jones", "is_decision_maker": "no", "attended": "yes"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Oldham police team does not serve Bolton: an attendee of another borough" in page
    assert page.count("<title>Error: ") == 1
    assert not Attendance.objects.exists()


def test_a_referral_of_another_borough_cannot_go_on_the_agenda(sign_in):
    both = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON, OLDHAM)
    meeting = new_meeting(BOLTON, both)
    oldham_referral = ready_referral(OLDHAM)
    response = sign_in(both).post(f"{PANELS}{meeting.pk}/agenda/", {"referral": str(oldham_referral.pk)})
    assert "Only referrals of Bolton can go on this panel" in response.content.decode()
    assert not AgendaItem.objects.exists()
    assert Referral.objects.get(pk=oldham_referral.pk).status == ReferralStatus.INFORMATION_GATHERING


def test_a_referral_still_to_screen_cannot_go_on_the_agenda(coordinator):
    meeting = new_meeting(BOLTON, coordinator)
    with pytest.raises(actions.ValidationError):
        actions.add_to_agenda(actor=coordinator, meeting=meeting, referral=referral_in(BOLTON))
    assert not AgendaItem.objects.exists()


def test_an_absurd_meeting_date_is_refused(sign_in, coordinator):
    response = sign_in(coordinator).post(
        f"{PANELS}new/",
        {
            "borough": str(coordinator.agency.areas.get().pk),
            "meets_on": "1/1/1926",
            "chair": str(coordinator.pk),
        },
    )
    assert "The meeting date must be within the last year" in response.content.decode()
    assert not PanelMeeting.objects.exists()


def test_a_coordinator_cannot_create_a_meeting_for_another_borough(coordinator):
    from commonground.core.models import Area

    with pytest.raises(actions.ValidationError) as refused:
        actions.create_panel_meeting(
            actor=coordinator,
            borough=Area.objects.get(code=OLDHAM),
            meets_on=timezone.localdate(),
            chair=coordinator,
        )
    assert "borough" in refused.value.message_dict
    assert not PanelMeeting.objects.exists()


def test_wrong_accounts_are_refused(sign_in, coordinator):
    meeting, item = meeting_with_case(BOLTON)
    member = staff(Role.PANEL_MEMBER, BOLTON)
    assert sign_in(member).get(f"{PANELS}new/").status_code == 403
    assert sign_in(member).post(f"{PANELS}{meeting.pk}/agenda/", {}).status_code == 403
    oldham_coordinator = coordinator_for(OLDHAM)
    assert sign_in(oldham_coordinator).get(f"{PANELS}{meeting.pk}/").status_code == 404
    assert sign_in(oldham_coordinator).post(item_url(item, "decision/"), {}).status_code == 404
    assert not PanelDecision.objects.exists()


# --- The factor discussion: professional judgement, never a score ----------------------------------


def test_every_factor_needs_a_judgement(sign_in, coordinator):
    _meeting, item = meeting_with_case(BOLTON)
    data = all_factors()
    data.pop(next(iter(data)))
    response = sign_in(coordinator).post(item_url(item, "factors/"), data)
    assert response.status_code == 200
    assert "Select a judgement for" in response.content.decode()
    assert not FactorDiscussion.objects.exists()


NUMBER_OF_FACTORS = re.compile(r"\b\d+\s+(?:of\s+\d+\s+)?(?:vulnerability\s+)?factors?\b", re.IGNORECASE)


def _numbers_shown(page: str) -> set[str]:
    """The numbers in a page's main content, leaving out dates, times and referral numbers."""
    main = page[page.index('id="main-content"') : page.index("</main>")]
    text = re.sub(r"<[^>]+>", " ", main)
    text = re.sub(r"\b\d{1,2} \w+ \d{4}(?: \d\d:\d\d)?", " ", text)
    text = re.sub(r"Referral \d+", " ", text)
    return set(re.findall(r"\b\d+\b", text))


def test_the_factor_pages_show_no_number_of_factors_present(sign_in, coordinator):
    meeting, item = meeting_with_case(BOLTON, date_of_birth=adult_dob())
    member = staff(Role.PANEL_MEMBER, BOLTON)
    attend(meeting, member)
    client = sign_in(coordinator)
    data = all_factors("not_present")
    for key in list(data)[:5]:
        data[key] = "present"
    assert client.post(item_url(item, "factors/"), data).status_code == 302
    assert FactorDiscussion.objects.filter(judgement="present").count() == 5
    for page in (
        client.get(item_url(item)).content.decode(),
        sign_in(member).get(f"{PANELS}{meeting.pk}/cases/{item.referral_id}/").content.decode(),
    ):
        assert "Present" in page and "Not present" in page
        assert NUMBER_OF_FACTORS.search(page) is None
        assert "5" not in _numbers_shown(page)
        assert str(VulnerabilityFactor.objects.filter(is_active=True).count()) not in _numbers_shown(page)
        assert "score" not in page.lower() and "total" not in page.lower()


# --- The panel member's view -----------------------------------------------------------------------


def test_a_panel_member_sees_the_cases_on_their_agenda_and_nothing_else(sign_in):
    meeting, item = meeting_with_case(BOLTON)
    other_meeting, other_item = meeting_with_case(BOLTON, first_name="Jo")
    member = staff(Role.PANEL_MEMBER, BOLTON)
    attend(meeting, member)
    client = sign_in(member)

    page = client.get(PANELS).content.decode()
    assert "Your panels" in page and "Sam Taylor" in page and "Jo Taylor" not in page

    InformationRequest.objects.create(
        referral=item.referral,
        agency=member.agency,
        question="Any concerns at school?",
        due_on=timezone.localdate(),
        sent_by=coordinator_for(BOLTON),
        answer="Excluded twice this term",
    )
    response = client.get(f"{PANELS}{meeting.pk}/cases/{item.referral_id}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Shares extremist videos" in page and "Proceed to information gathering" in page
    assert "Excluded twice this term" in page and "Aged" not in page
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, actor=member, subject_ref=f"safeguarding.referral:{item.referral_id}"
    ).exists()

    assert client.get(f"{PANELS}{meeting.pk}/cases/{other_item.referral_id}/").status_code == 404
    assert client.get(f"{PANELS}{other_meeting.pk}/cases/{other_item.referral_id}/").status_code == 404
    assert client.get(f"{PANELS}{other_meeting.pk}/cases/{item.referral_id}/").status_code == 404


def test_panel_member_cannot_open_case_after_it_leaves_the_agenda(sign_in, coordinator):
    meeting, item = meeting_with_case(BOLTON)
    member = staff(Role.PANEL_MEMBER, BOLTON)
    attend(meeting, member)
    client = sign_in(member)
    url = f"{PANELS}{meeting.pk}/cases/{item.referral_id}/"
    assert client.get(url).status_code == 200
    actions.record_panel_decision(
        actor=coordinator_for(BOLTON),
        agenda_item=item,
        details=actions.DecisionDetails(outcome="not_adopt", reasons="Low risk", signposted_to="Early help"),
    )
    assert client.get(url).status_code == 404
    assert "Sam Taylor" not in client.get(PANELS).content.decode()


def test_a_panel_member_who_is_not_recorded_as_attending_sees_nothing(sign_in):
    meeting, item = meeting_with_case(BOLTON)
    member = staff(Role.PANEL_MEMBER, BOLTON)
    client = sign_in(member)
    assert "You are not recorded as attending any panel" in client.get(PANELS).content.decode()
    assert client.get(f"{PANELS}{meeting.pk}/cases/{item.referral_id}/").status_code == 404


# --- The attendance report -------------------------------------------------------------------------


def test_the_attendance_report_shows_police_attendance_and_a_panel_without_police(sign_in, coordinator):
    police = AgencyFactory(kind=AgencyKind.POLICE, serves=[GREATER_MANCHESTER], name="GMP Prevent")
    today = timezone.localdate()
    with_police = new_meeting(BOLTON, coordinator, today - timedelta(days=35))
    attend(with_police, agency=police)
    attend(with_police, coordinator)
    without_police = new_meeting(BOLTON, coordinator, today - timedelta(days=7))
    attend(without_police, coordinator)
    attend(without_police, agency=police, attended=False)  # apologies are not attendance

    page = sign_in(coordinator).get(f"{PANELS}attendance/").content.decode()
    assert "Police present" in page
    assert '<strong class="govuk-tag govuk-tag--red">Panels without police: 1</strong>' in page
    assert '<strong class="govuk-tag govuk-tag--green">Yes</strong>' in page
    assert '<strong class="govuk-tag govuk-tag--red">No</strong>' in page
    assert "GMP Prevent" in page

    dpo = UserFactory(agency=coordinator.agency, roles=[Role.DATA_PROTECTION_OFFICER])
    assert "Panels without police: 1" in sign_in(dpo).get(f"{PANELS}attendance/").content.decode()


def test_the_attendance_report_refuses_a_reversed_period(sign_in, coordinator):
    response = sign_in(coordinator).get(
        f"{PANELS}attendance/", {"date_from": "1/6/2026", "date_to": "1/5/2026"}
    )
    page = response.content.decode()
    assert "The start of the period must be the same as or before its end" in page
    assert page.count("<title>Error: ") == 1


def test_the_attendance_report_leaves_out_other_boroughs(sign_in, coordinator):
    new_meeting(OLDHAM)
    page = sign_in(coordinator).get(f"{PANELS}attendance/").content.decode()
    assert "Oldham" not in page


@pytest.mark.parametrize("panels", [1, 6])
def test_the_attendance_report_runs_a_constant_number_of_queries(
    django_assert_num_queries, coordinator, panels
):
    police = AgencyFactory(kind=AgencyKind.POLICE, serves=[GREATER_MANCHESTER])
    for week in range(panels):
        meeting = new_meeting(BOLTON, coordinator, timezone.localdate() - timedelta(days=7 * week))
        attend(meeting, coordinator)
        attend(meeting, agency=police)
    scope = scope_for(coordinator)
    scope.borough_ids  # noqa: B018 (the scope is worked out once per request, before the report)
    today = timezone.localdate()
    with django_assert_num_queries(3):
        report = queries.attendance_report(scope, date_from=today - timedelta(days=365), date_to=today)
        assert [len(entry.panels) for entry in report] == [panels]
        assert all(panel.police_present for panel in report[0].panels)
