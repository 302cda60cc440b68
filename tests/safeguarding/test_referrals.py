"""Referring a person, and who may open a referral: forms driven through the test client, and
each refusal tried from the wrong account."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from commonground.core.models import AgencyKind, AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.reports.actions.submission import ReportAnswers, submit_report
from commonground.reports.models import ReportKind
from commonground.safeguarding.actions.referrals import EqualityAnswers, submit_referral
from commonground.safeguarding.models import (
    EqualityMonitoring,
    EthnicGroup,
    Referral,
    ReferralStatus,
    Religion,
)
from tests.clock import FROZEN
from tests.factories import BOLTON, OLDHAM, staff
from tests.safeguarding.builders import details, referral_in

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]

REFER = "/staff/safeguarding/refer/"


def page(referral_id: int) -> str:
    return f"/staff/safeguarding/referrals/{referral_id}/"


def subject(referral: Referral) -> str:
    return f"safeguarding.referral:{referral.pk}"


def form_data(borough=BOLTON, **overrides) -> dict:
    return {
        "first_name": "Sam",
        "last_name": "Taylor",
        "other_names": "",
        "date_of_birth": "17/5/2010",
        "age_years": "",
        "gender": "",
        "borough": borough,
        "ward": "",
        "address": "",
        "language": "English",
        "referrer_name": "Alex Morgan",
        "referrer_role": "Designated safeguarding lead",
        "referrer_agency_name": "Hillside High School",
        "referring_sector": "education",
        "referrer_contact": "01204 000000",
        "concern": "Shares extremist videos with classmates.",
        "concern_type": "extreme_right_wing",
        "action_already_taken": "",
        "person_aware": "not_asked",
        "safeguarding_lead_consulted": "yes",
        "ethnic_group": "",
        "religion": "",
        **overrides,
    }


def refer(client, data):
    """Check for existing records, then send: the two presses of the referral page."""
    checked = client.post(REFER, data)
    assert checked.status_code == 200
    assert not checked.context["form"].errors, checked.context["form"].errors
    fingerprint = checked.context["form"]["checked"].value()
    return client.post(REFER, {**data, "checked": fingerprint})


def school_user():
    return staff(Role.PANEL_MEMBER, BOLTON, kind=AgencyKind.EDUCATION)


def test_a_bolton_coordinator_sees_a_bolton_referral_and_gets_404_for_oldham_and_for_a_missing_one(sign_in):
    bolton, oldham = referral_in(BOLTON), referral_in(OLDHAM)
    client = sign_in(staff(Role.SAFEGUARDING_COORDINATOR, BOLTON))

    opened = client.get(page(bolton.pk))
    assert opened.status_code == 200
    assert "Sam Taylor" in opened.content.decode()
    assert client.get(page(oldham.pk)).status_code == 404
    assert client.get(page(oldham.pk + 1000)).status_code == 404
    assert client.get(f"{page(oldham.pk)}edit/").status_code == 404


def test_the_referral_page_and_the_list_show_the_referrals_random_reference(sign_in):
    referral = referral_in(BOLTON)
    client = sign_in(staff(Role.SAFEGUARDING_COORDINATOR, BOLTON))
    assert referral.reference.startswith("SG-") and referral.reference != f"SG-{referral.pk}"
    assert referral.reference in client.get(page(referral.pk)).content.decode()
    assert referral.reference in client.get("/staff/safeguarding/").content.decode()


def test_the_coordinators_list_shows_referrals_in_their_boroughs_newest_first_and_filters_by_status(sign_in):
    older = referral_in(BOLTON, first_name="Older")
    newer = referral_in(BOLTON, first_name="Newer")
    Referral.objects.filter(pk=older.pk).update(received_at=timezone.now() - timedelta(days=2))
    referral_in(OLDHAM, first_name="Elsewhere")
    client = sign_in(staff(Role.SAFEGUARDING_COORDINATOR, BOLTON))

    html = client.get("/staff/safeguarding/").content.decode()
    assert html.index("Newer Taylor") < html.index("Older Taylor")
    assert "Elsewhere" not in html
    Referral.objects.filter(pk=newer.pk).update(status=ReferralStatus.WITH_POLICE)
    filtered = client.get("/staff/safeguarding/", {"status": "with_police"}).content.decode()
    assert "Newer Taylor" in filtered
    assert "Older Taylor" not in filtered


def test_a_school_user_refers_and_cannot_open_the_referral_afterwards(sign_in):
    teacher = school_user()
    client = sign_in(teacher)

    sent = refer(client, form_data())
    assert sent.status_code == 302
    referral = Referral.objects.get()
    assert referral.status == ReferralStatus.TO_SCREEN
    assert referral.referred_by == teacher
    assert referral.referrer_agency == teacher.agency
    assert referral.borough.code == BOLTON
    assert client.get(page(referral.pk)).status_code == 404
    assert client.get("/staff/safeguarding/").status_code == 403


def test_staff_who_do_not_refer_cannot_open_the_referral_form_or_submit(sign_in):
    analyst = staff(Role.TENSION_ANALYST, BOLTON)
    assert sign_in(analyst).get(REFER).status_code == 403
    with pytest.raises(PermissionDenied):
        submit_referral(actor=analyst, details=details(BOLTON))
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"date_of_birth": (date.today() + timedelta(days=1)).strftime("%d/%m/%Y")},
            "date_of_birth",
            "Date of birth must be today or in the past",
        ),
        ({"date_of_birth": "", "age_years": "130"}, "age_years", "Age must be between 0 and 119"),
        ({"date_of_birth": "1/1/1890"}, "date_of_birth", "Date of birth must be less than 120 years ago"),
        (
            {"date_of_birth": "", "age_years": ""},
            "date_of_birth",
            "Enter their date of birth or, if you do not know it, their age",
        ),
        ({"borough": ""}, "borough", "Select the borough where the person lives"),
    ],
)
def test_impossible_ages_and_a_missing_borough_are_refused_with_a_clear_message(
    sign_in, fields, field, message
):
    client = sign_in(school_user())
    data = form_data(**fields)
    for press in (data, {**data, "checked": "anything"}):
        response = client.post(REFER, press)
        assert response.status_code == 200
        assert response.context["form"].errors[field] == [message]
        assert message in response.content.decode()
    assert not Referral.objects.exists()
    assert not AuditEvent.objects.filter(object_type="safeguarding.referral").exists()


def test_the_action_refuses_impossible_ages_itself_and_stores_nothing():
    referrer = school_user()
    for overrides in (
        {"date_of_birth": date.today() + timedelta(days=1)},
        {"date_of_birth": None, "age_years": 130},
        {"date_of_birth": None, "age_years": None},
        {"borough": None},
    ):
        with pytest.raises(ValidationError):
            submit_referral(actor=referrer, details=details(BOLTON, **overrides))
    assert not Referral.objects.exists()


def test_an_age_is_enough_when_the_date_of_birth_is_not_known(sign_in):
    client = sign_in(school_user())
    assert refer(client, form_data(date_of_birth="", age_years="15")).status_code == 302
    referral = Referral.objects.get()
    assert (referral.date_of_birth, referral.age_years) == (None, 15)


def test_changing_the_name_after_the_check_means_checking_again_before_sending(sign_in):
    client = sign_in(school_user())
    checked = client.post(REFER, form_data())
    fingerprint = checked.context["form"]["checked"].value()
    again = client.post(REFER, {**form_data(first_name="Samuel"), "checked": fingerprint})
    assert again.status_code == 200
    assert "Send referral" in again.content.decode()
    assert not Referral.objects.exists()


def test_submitting_and_opening_a_referral_are_audited_with_the_referral_as_subject(sign_in):
    referral = referral_in(BOLTON)
    created = AuditEvent.objects.get(subject_ref=subject(referral), action=AuditAction.CREATE)
    assert created.object_type == "safeguarding.referral"
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)

    sign_in(coordinator).get(page(referral.pk))
    opened = AuditEvent.objects.get(subject_ref=subject(referral), action=AuditAction.VIEW)
    assert opened.actor == coordinator


def test_a_refused_opening_is_not_recorded_as_a_view(sign_in):
    referral = referral_in(OLDHAM)
    sign_in(staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)).get(page(referral.pk))
    assert not AuditEvent.objects.filter(subject_ref=subject(referral), action=AuditAction.VIEW).exists()


def test_equality_monitoring_is_stored_apart_and_never_shown_on_the_referral_page(sign_in):
    client = sign_in(school_user())
    refer(client, form_data(ethnic_group=EthnicGroup.ASIAN_PAKISTANI, religion=Religion.MUSLIM))
    referral = Referral.objects.get()
    monitoring = EqualityMonitoring.objects.get(referral=referral)
    assert (monitoring.ethnic_group, monitoring.religion) == ("asian_pakistani", "muslim")
    event = AuditEvent.objects.get(object_type="safeguarding.equalitymonitoring")
    assert event.subject_ref == subject(referral)
    assert "muslim" not in str(event.changes).lower()

    html = sign_in(staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)).get(page(referral.pk)).content.decode()
    assert "Pakistani" not in html
    assert "Muslim" not in html
    assert "asian_pakistani" not in html
    assert "Equality monitoring recorded" in html


def test_a_referral_without_equality_answers_has_no_monitoring_row_and_says_so(sign_in):
    referral = referral_in(BOLTON, equality=EqualityAnswers())
    assert not EqualityMonitoring.objects.exists()
    html = sign_in(staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)).get(page(referral.pk)).content.decode()
    assert 'Equality monitoring recorded</dt><dd class="govuk-summary-list__value">No' in html


def test_referrals_to_screen_wait_on_the_coordinators_home_page_and_not_on_others(sign_in):
    referral = referral_in(BOLTON)
    referral_in(OLDHAM, first_name="Elsewhere")
    home = sign_in(staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)).get("/staff/").content.decode()
    assert "Referrals to screen" in home
    assert f"Referral {referral.pk}:" in home
    assert home.count("/staff/safeguarding/referrals/") == 1
    assert "Referrals to screen" not in sign_in(school_user()).get("/staff/").content.decode()


def test_a_worried_about_someone_report_can_be_the_source_of_a_referral_only_for_those_who_see_it():
    report = submit_report(
        actor=None,
        answers=ReportAnswers(kind=ReportKind.WORRY, description="My nephew", borough_code=BOLTON),
    ).report
    triage = staff(Role.TRIAGE_OFFICER, BOLTON)
    referral = submit_referral(actor=triage, details=details(BOLTON), source_report=report)
    assert referral.source_report == report
    with pytest.raises(PermissionDenied):
        submit_referral(actor=school_user(), details=details(BOLTON), source_report=report)
    assert Referral.objects.count() == 1


def test_the_coordinators_list_costs_the_same_queries_for_two_referrals_or_ten(sign_in):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = sign_in(staff(Role.SAFEGUARDING_COORDINATOR, BOLTON))
    for _ in range(2):
        referral_in(BOLTON)
    with CaptureQueriesContext(connection) as few:
        client.get("/staff/safeguarding/")
    for _ in range(8):
        referral_in(BOLTON)
    with CaptureQueriesContext(connection) as many:
        client.get("/staff/safeguarding/")
    assert len(many) == len(few)
