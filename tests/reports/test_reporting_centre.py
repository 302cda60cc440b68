"""A third-party reporting centre enters a report on someone's behalf, with their consent, and
hands them the private status link."""

import re

import pytest
from django.test import Client

from commonground.core.models import AgencyKind, AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.reports.models import Channel, Report, SharingPartner, Team
from tests.factories import BOLTON, OLDHAM, staff

pytestmark = pytest.mark.django_db

NEW = "/staff/reporting-centre/new/"


@pytest.fixture
def teams():
    from commonground.core.demo import load_demo as load_core_demo
    from commonground.reports.demo import load_demo

    load_core_demo()
    load_demo()


@pytest.fixture
def worker():
    return staff(Role.REPORTING_CENTRE_WORKER, BOLTON, kind=AgencyKind.REPORTING_CENTRE)


def _answers(**changes) -> dict:
    data = {
        "submission_key": "",
        "kind": "hate_incident",
        "reporter_role": "victim",
        "description": "Spat at and called names on the tram platform because of his turban.",
        "happened_on": "",
        "borough": BOLTON,
        "street": "Trinity Street tram stop",
        "strands": ["religion", "race"],
        "consent_to_share": "on",
        "share_with_police": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_person_must_have_agreed_to_share_the_report(worker, sign_in):
    page = sign_in(worker).post(NEW, _answers(consent_to_share=None)).content.decode()
    assert "There is a problem" in page
    assert "Confirm the person agreed to this report being shared with Common Ground partners" in page
    assert "Trinity Street tram stop" in page  # what was typed is kept
    assert Report.objects.count() == 0


def test_a_reporting_centre_enters_a_report_and_hands_over_the_private_status_link(teams, worker, sign_in):
    client = sign_in(worker)
    response = client.post(NEW, _answers())
    assert response["Location"] == "/staff/reporting-centre/sent/"
    sent = client.get(response["Location"]).content.decode()

    reference = re.search(r"CG-[0-9A-Z]{4}-[0-9A-Z]{4}", sent).group(0)
    assert "Give this link only to the person the report is for" in sent
    status_path = re.search(r"https?://[^/\s<]+(/status/[^/\s<]+/)", sent).group(1)

    report = Report.objects.get(reference=reference)
    assert report.channel == Channel.REPORTING_CENTRE
    assert report.on_behalf_consent is True
    assert (report.recorded_by, report.recorded_by_agency) == (worker, worker.agency)
    # "Common Ground partners" is consent for victim support and the council; the police were ticked too.
    assert {c.partner for c in report.consents.all() if c.given} == set(SharingPartner.values)
    assert {s.code for s in report.strands.all()} == {"religion", "race"}
    assert AuditEvent.objects.filter(
        actor=worker, action=AuditAction.CREATE, object_id=str(report.pk)
    ).exists()

    # The link works for the person, signed in or not.
    status_page = Client().get(status_path, follow=True)
    assert status_page.status_code == 200
    assert reference in status_page.content.decode()

    # The report is in Bolton's queue: its triage officers and its community safety team.
    for bolton_officer in (staff(Role.TRIAGE_OFFICER, BOLTON), staff(Role.TRIAGE_OFFICER)):
        Team.objects.get(name="Bolton community safety team").members.add(bolton_officer)
        queue = sign_in(bolton_officer).get("/staff/reports/").content.decode()
        assert reference in queue
    page = sign_in(bolton_officer).get(f"/staff/reports/{report.pk}/").content.decode()
    assert "The person agreed to this report being shared with Common Ground partners" in page
    assert (
        reference not in sign_in(staff(Role.TRIAGE_OFFICER, OLDHAM)).get("/staff/reports/").content.decode()
    )


def test_a_report_not_online_needs_its_borough(worker, sign_in):
    page = sign_in(worker).post(NEW, _answers(borough="")).content.decode()
    assert "Select the borough where it happened, or tick “It happened online”" in page
    assert Report.objects.count() == 0


def test_the_same_form_sent_twice_makes_one_report(worker, sign_in):
    client = sign_in(worker)
    key = re.search(r'name="submission_key" value="([0-9a-f]+)"', client.get(NEW).content.decode()).group(1)
    client.post(NEW, _answers(submission_key=key))
    client.post(NEW, _answers(submission_key=key))
    assert Report.objects.count() == 1


def test_with_nothing_just_sent_the_confirmation_goes_back_to_the_form(worker, sign_in):
    assert sign_in(worker).get("/staff/reporting-centre/sent/")["Location"] == NEW


def test_only_those_who_record_reports_for_others_can_use_the_form(sign_in):
    assert sign_in(staff(Role.TRIAGE_OFFICER, BOLTON)).post(NEW, _answers()).status_code == 403
    assert Client().post(NEW, _answers()).status_code == 302
    assert Report.objects.count() == 0
    assert sign_in(staff(Role.HELPLINE_ADVISOR, BOLTON)).get(NEW).status_code == 200
