"""Tension reports: the report form (with the warning, the question that sends a worry about a
person to safeguarding, and errors that keep what was typed), the action's rules and audit row,
the reference, the list's filters, and the report line's community tension reports feeding in."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from commonground.core.models import AgencyKind, Area, AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.reports.actions.submission import ReportAnswers, submit_report
from commonground.tension import references
from commonground.tension.actions.reports import ReportDetails, submit_tension_report
from commonground.tension.models import (
    HandlingCode,
    ReportCategory,
    SourceType,
    TensionReport,
    TriggerEvent,
    TriggerEventReach,
)
from tests.clock import FROZEN
from tests.conftest import signed_in
from tests.factories import BOLTON, OLDHAM, staff
from tests.reports.journeys import send, walk

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]

ALEXANDRA = "E05014646"  # a ward of Oldham
BREIGHTMET = "E05014820"  # a ward of Bolton


# --- Builders (also used by the URL permission matrix) ---------------------------------------------


def a_report(*area_codes: str, **fields) -> TensionReport:
    report = TensionReport.objects.create(
        reference=fields.pop("reference", None) or references.new_reference(),
        observed_at=fields.pop("observed_at", None) or timezone.now() - timedelta(hours=2),
        category=fields.pop("category", ReportCategory.GRAFFITI),
        description=fields.pop("description", "Graffiti on the community centre wall."),
        source_type=fields.pop("source_type", SourceType.COUNCIL),
        source_evaluation=fields.pop("source_evaluation", "1"),
        information_assessment=fields.pop("information_assessment", "A"),
        **fields,
    )
    report.areas.set(Area.objects.filter(code__in=area_codes))
    return report


def an_event(*area_codes: str, **fields) -> TriggerEvent:
    today = timezone.localdate()
    event = TriggerEvent.objects.create(
        title=fields.pop("title", "March through the town centre"),
        kind=fields.pop("kind", "march"),
        reach=fields.pop("reach", TriggerEventReach.LOCAL if area_codes else TriggerEventReach.NATIONAL),
        starts_on=fields.pop("starts_on", today),
        expected_impact=fields.pop("expected_impact", "high"),
        **fields,
    )
    event.areas.set(Area.objects.filter(code__in=area_codes))
    return event


def details(*area_codes: str, **changes) -> ReportDetails:
    values = {
        "areas": list(Area.objects.filter(code__in=area_codes or [OLDHAM])),
        "observed_at": timezone.now() - timedelta(hours=1),
        "category": ReportCategory.GRAFFITI,
        "description": "Anti-Muslim graffiti on the bus shelter by the mosque.",
        "source_type": SourceType.NEIGHBOURHOOD_POLICE,
        "source_evaluation": "1",
        "information_assessment": "A",
    }
    return ReportDetails(**{**values, **changes})


def form_data(**changes) -> dict:
    observed = timezone.localtime() - timedelta(hours=3)
    data = {
        "about_person": "no",
        "boroughs": [OLDHAM],
        "wards": [],
        "observed_on": observed.strftime("%d/%m/%Y"),
        "observed_time": observed.strftime("%H:%M"),
        "category": "graffiti",
        "tension_type": "evidenced",
        "description": "Hateful graffiti on the wall of the community centre on Union Street.",
        "source_type": "neighbourhood_police",
        "source_evaluation": "1",
        "information_assessment": "A",
        "handling_code": "1",
        "handling_conditions": "",
        "marking": "official",
    }
    return {**data, **changes}


@pytest.fixture
def officer():
    return staff(Role.PARTNER_OFFICER, OLDHAM, kind=AgencyKind.POLICE)


# --- The report form -------------------------------------------------------------------------------


def test_the_form_warns_not_to_name_anyone_and_lists_the_officers_own_borough_first(officer):
    page = signed_in(officer).get("/staff/tension/reports/new/").content.decode()
    assert "Do not name or describe individuals. This is about places and communities." in page
    assert "Is this about a particular person you are worried about?" in page
    boroughs = re.findall(r'name="boroughs" type="checkbox" value="(E08\d+)"', page)
    assert boroughs[0] == OLDHAM and len(boroughs) == 10
    assert "Wards in Oldham (your area)" in page
    # The source is suggested from the officer's kind of agency.
    assert re.search(r'<option value="neighbourhood_police" selected>', page)


def test_a_partner_officer_sends_a_report_and_is_shown_its_reference(officer):
    client = signed_in(officer)
    response = client.post("/staff/tension/reports/new/", form_data(wards=[ALEXANDRA]))
    assert response.status_code == 302 and response["Location"] == "/staff/tension/reports/sent/"
    page = client.get(response["Location"]).content.decode()

    report = TensionReport.objects.get()
    assert report.reference in page and "Tension report sent" in page
    assert re.fullmatch(r"TR-[0-9A-HJKMNP-TV-Z]{6}", report.reference)
    assert {area.code for area in report.areas.all()} == {OLDHAM, ALEXANDRA}
    assert report.submitted_by == officer and report.submitting_agency == officer.agency
    assert report.source_type == SourceType.NEIGHBOURHOOD_POLICE
    event = AuditEvent.objects.get(object_type="tension.tensionreport", object_id=str(report.pk))
    assert event.actor == officer and event.action == AuditAction.CREATE
    assert event.changes["areas"] == sorted([OLDHAM, ALEXANDRA])


def test_a_report_about_a_person_saves_nothing_and_sends_the_officer_to_the_referral_form(officer):
    client = signed_in(officer)
    response = client.post(
        "/staff/tension/reports/new/", form_data(about_person="yes", description="A named young man")
    )
    assert response["Location"] == "/staff/tension/reports/about-a-person/"
    page = client.get(response["Location"]).content.decode()
    assert "Nothing has been saved as a tension report." in page
    assert 'href="/staff/safeguarding/refer/"' in page
    assert not TensionReport.objects.exists()
    assert not AuditEvent.objects.filter(object_type="tension.tensionreport").exists()


def test_someone_who_cannot_refer_is_told_how_to_refer_instead():
    lead = staff(Role.PROGRAMME_MANAGER, OLDHAM)
    page = signed_in(lead).get("/staff/tension/reports/about-a-person/").content.decode()
    assert "/staff/safeguarding/refer/" not in page
    assert "safeguarding lead" in page


def test_a_bad_submission_shows_each_error_and_keeps_what_was_typed(officer):
    tomorrow = timezone.localdate() + timedelta(days=1)
    data = form_data(
        boroughs=[],
        wards=[],
        observed_on=tomorrow.strftime("%d/%m/%Y"),
        handling_code="2",
        description="Stickers appearing on lamp posts near the school.",
    )
    response = signed_in(officer).post("/staff/tension/reports/new/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in page and "govuk-error-summary" in page
    assert "Select at least one borough or ward" in page
    assert "The date and time observed must be now or in the past" in page
    assert "Enter the conditions on sharing" in page
    assert "Stickers appearing on lamp posts near the school." in page
    assert tomorrow.strftime("%d/%m/%Y") in page
    assert not TensionReport.objects.exists()


def test_chosen_wards_stay_ticked_after_an_error(officer):
    page = (
        signed_in(officer)
        .post("/staff/tension/reports/new/", form_data(wards=[BREIGHTMET], description=""))
        .content.decode()
    )
    assert "Describe what was seen or heard" in page
    assert re.search(rf'value="{BREIGHTMET}" checked', page)


def test_the_confirmation_page_without_a_report_just_sent_goes_back_to_the_form(officer):
    response = signed_in(officer).get("/staff/tension/reports/sent/")
    assert response["Location"] == "/staff/tension/reports/new/"


# --- The action's rules ----------------------------------------------------------------------------


def test_a_report_observed_in_the_future_is_refused_and_nothing_is_stored(officer):
    with pytest.raises(ValidationError) as refused:
        submit_tension_report(actor=officer, details=details(observed_at=timezone.now() + timedelta(hours=1)))
    assert "observed_at" in refused.value.message_dict
    assert not TensionReport.objects.exists()
    assert not AuditEvent.objects.filter(object_type="tension.tensionreport").exists()


def test_a_report_needs_an_area_and_only_boroughs_or_wards_will_do(officer):
    with pytest.raises(ValidationError, match="Select at least one borough or ward"):
        submit_tension_report(actor=officer, details=details(areas=[]))
    with pytest.raises(ValidationError, match="not the whole combined authority"):
        submit_tension_report(actor=officer, details=details("E47000001"))


def test_handling_code_2_needs_its_conditions(officer):
    with pytest.raises(ValidationError, match="conditions on sharing"):
        submit_tension_report(
            actor=officer, details=details(handling_code=HandlingCode.SHARE_WITH_CONDITIONS)
        )
    report = submit_tension_report(
        actor=officer,
        details=details(handling_code=HandlingCode.SHARE_WITH_CONDITIONS, handling_conditions="Police only"),
    )
    assert report.handling_conditions == "Police only"


def test_a_partner_may_report_an_area_outside_its_own(officer):
    report = submit_tension_report(actor=officer, details=details(BOLTON))
    assert [area.code for area in report.areas.all()] == [BOLTON]


def test_someone_without_the_permission_cannot_send_a_report():
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM)
    with pytest.raises(PermissionDenied):
        submit_tension_report(actor=coordinator, details=details())
    assert not TensionReport.objects.exists()


def test_references_use_only_characters_that_cannot_be_misread():
    drawn = {references.new_reference() for _ in range(500)}
    assert len(drawn) == 500
    assert all(re.fullmatch(r"TR-[0-9A-HJKMNP-TV-Z]{6}", reference) for reference in drawn)
    assert references.normalise_reference("tr 7kq2mo") == "TR-7KQ2M0"
    assert references.normalise_reference("TR-12") == ""


# --- The list --------------------------------------------------------------------------------------


def test_the_list_filters_by_borough_including_its_wards_by_category_and_by_dates():
    analyst = staff(Role.TENSION_ANALYST, "E47000001")
    now = timezone.now()
    ward_report = a_report(ALEXANDRA, observed_at=now - timedelta(days=1))
    bolton_report = a_report(BOLTON, observed_at=now - timedelta(days=1), category=ReportCategory.PROTEST)
    old_report = a_report(OLDHAM, observed_at=now - timedelta(days=40))
    client = signed_in(analyst)

    in_oldham = client.get("/staff/tension/reports/", {"area": OLDHAM}).content.decode()
    assert ward_report.reference in in_oldham and old_report.reference in in_oldham
    assert bolton_report.reference not in in_oldham

    protests = client.get("/staff/tension/reports/", {"category": "protest"}).content.decode()
    assert bolton_report.reference in protests and ward_report.reference not in protests

    since = (timezone.localdate() - timedelta(days=7)).strftime("%d/%m/%Y")
    recent = client.get("/staff/tension/reports/", {"observed_from": since}).content.decode()
    assert ward_report.reference in recent and old_report.reference not in recent


def test_a_reversed_date_range_is_a_clear_error_not_an_empty_list():
    analyst = staff(Role.TENSION_ANALYST, "E47000001")
    a_report(OLDHAM)
    page = (
        signed_in(analyst)
        .get("/staff/tension/reports/", {"observed_from": "10/3/2026", "observed_to": "1/3/2026"})
        .content.decode()
    )
    assert "<title>Error:" in page
    assert "The &#x27;to&#x27; date must be the same as or after the &#x27;from&#x27; date" in page
    assert "10/3/2026" in page


def test_opening_a_report_is_audited():
    analyst = staff(Role.TENSION_ANALYST, OLDHAM)
    report = a_report(OLDHAM)
    page = signed_in(analyst).get(f"/staff/tension/reports/{report.pk}/").content.decode()
    assert report.reference in page and "Graffiti on the community centre wall." in page
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="tension.tensionreport", object_id=str(report.pk), actor=analyst
    ).exists()


# --- From the public report line --------------------------------------------------------------------


@pytest.fixture
def teams():
    from commonground.core.demo import load_demo as load_core_demo
    from commonground.reports.demo import load_demo

    load_core_demo()
    load_demo()


TENSION_ANSWERS = [
    ("category", {"tension_category": "graffiti"}),
    ("what", {"description": "Hateful graffiti on the wall of the community centre."}),
    ("when", {"happened_on": ""}),
    ("where", {"where": "place"}),
    ("place", {"postcode": "", "borough": OLDHAM, "street": "Union Street"}),
]


def test_a_community_tension_report_from_the_public_becomes_a_tension_report(teams):
    client = Client()
    walk(client, "community-tension", TENSION_ANSWERS)
    client.post("/report/community-tension/photos/", {})
    client.post("/report/community-tension/contact/", {"contact_name": "A. Resident", "contact_email": ""})
    check = client.get("/report/community-tension/check/")
    send(client, "community-tension", check)

    from commonground.reports.models import Report

    line_report = Report.objects.get()
    report = TensionReport.objects.get()
    assert report.report_line_reference == line_report.reference
    assert report.source_type == SourceType.REPORT_LINE
    assert (report.source_evaluation, report.information_assessment) == ("2", "C")
    assert report.category == ReportCategory.GRAFFITI
    assert [area.code for area in report.areas.all()] == [OLDHAM]
    assert "Hateful graffiti" in report.description and "Union Street" in report.description
    assert "A. Resident" not in report.description
    assert report.submitted_by is None and report.submitting_agency is None
    event = AuditEvent.objects.get(object_type="tension.tensionreport", object_id=str(report.pk))
    assert event.actor is None and event.changes["report_line_reference"] == line_report.reference


def test_a_report_line_tension_report_uses_its_ward_and_maps_its_category(teams):
    submit_report(
        actor=None,
        answers=ReportAnswers(
            kind="community_tension",
            description="People gathering outside the mosque, shouting.",
            ward_code=ALEXANDRA,
            tension_category="gathering",
            happened_on=timezone.localdate() - timedelta(days=2),
        ),
    )
    report = TensionReport.objects.get()
    assert [area.code for area in report.areas.all()] == [ALEXANDRA]
    assert report.category == ReportCategory.PROTEST
    assert timezone.localtime(report.observed_at).date() == timezone.localdate() - timedelta(days=2)


def test_a_report_line_report_with_no_area_or_of_another_kind_makes_no_tension_report(teams):
    submit_report(
        actor=None,
        answers=ReportAnswers(
            kind="community_tension",
            description="Nasty posts about our community.",
            is_online=True,
            online_platform="Facebook",
            tension_category="online",
        ),
    )
    submit_report(
        actor=None,
        answers=ReportAnswers(
            kind="hate_incident", description="Abuse at the bus stop.", borough_code=OLDHAM
        ),
    )
    assert not TensionReport.objects.exists()


def test_a_report_may_say_which_trigger_event_it_is_a_reaction_to(officer):
    event = an_event(OLDHAM, title="Verdict in the Union Street trial")
    elsewhere = an_event(BOLTON, title="March in Bolton")
    client = signed_in(officer)
    page = client.get("/staff/tension/reports/new/").content.decode()
    assert "Verdict in the Union Street trial" in page and "March in Bolton" not in page

    refused = client.post("/staff/tension/reports/new/", form_data(trigger_event=str(elsewhere.pk)))
    assert "Select a trigger event from the list" in refused.content.decode()
    client.post("/staff/tension/reports/new/", form_data(trigger_event=str(event.pk)))
    assert TensionReport.objects.get().trigger_event == event


def test_the_list_pages_through_older_reports_without_counting_them_all():
    analyst = staff(Role.TENSION_ANALYST, OLDHAM)
    now = timezone.now()
    for number in range(51):
        a_report(OLDHAM, observed_at=now - timedelta(hours=number), description=f"Report {number}")
    client = signed_in(analyst)
    first = client.get("/staff/tension/reports/", {"category": "graffiti"}).content.decode()
    assert (
        "Reports 1 to 50" in first and "category=graffiti&amp;page=2" in first and 'rel="prev"' not in first
    )
    second = client.get("/staff/tension/reports/", {"category": "graffiti", "page": "2"}).content.decode()
    assert "Reports 51 to 51" in second and 'rel="next"' not in second and 'rel="prev"' in second
    assert client.get("/staff/tension/reports/", {"page": "nonsense"}).status_code == 200
