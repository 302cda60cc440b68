"""A person's training record: My training for everyone; the agency's training lead sees their
agency's people (another agency's person is not found); front-line marking by the lead of the
person's agency; certificates for the person and their lead, audited."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.programme.models import FrontLineStaff
from tests.conftest import signed_in
from tests.factories import UserFactory
from tests.programme.training_helpers import OLDHAM, agency_with_lead, completed, session_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    agency, lead = agency_with_lead()
    person = UserFactory(agency=agency, roles=[Role.PARTNER_OFFICER], first_name="Priya", last_name="Shah")
    today = timezone.localdate()
    old = session_on(today - timedelta(days=800), agency=agency, by=lead)  # 24-month refresher: overdue
    recent = session_on(today - timedelta(days=20), agency=agency, by=lead, key="channel-awareness")
    overdue = completed(person, old, by=lead)
    current = completed(person, recent, by=lead)
    return agency, lead, person, overdue, current


def test_my_training_shows_completions_and_an_overdue_refresher(world):
    _, _, person, _, _ = world
    page = signed_in(person).get("/staff/programme/training/mine/").content.decode()
    assert "My training" in page
    assert "Prevent awareness" in page and "Channel awareness" in page
    assert "Overdue" in page
    home = signed_in(person).get("/staff/").content.decode()
    assert "Refresher: Prevent awareness" in home  # waiting for them on their home page


def test_the_lead_reads_a_persons_record_audited(world):
    _, lead, person, _, _ = world
    page = signed_in(lead).get(f"/staff/programme/training/people/{person.pk}/").content.decode()
    assert "Priya Shah" in page
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, actor=lead, subject_ref=f"core.user:{person.pk}"
    ).exists()


def test_another_agencys_lead_and_a_colleague_get_not_found(world):
    _, _, person, _, _ = world
    _, other_lead = agency_with_lead(OLDHAM)
    assert signed_in(other_lead).get(f"/staff/programme/training/people/{person.pk}/").status_code == 404
    colleague = UserFactory(agency=person.agency, roles=[Role.PARTNER_OFFICER])
    assert signed_in(colleague).get(f"/staff/programme/training/people/{person.pk}/").status_code == 404


def test_the_lead_marks_and_unmarks_front_line_staff_audited(world):
    _, lead, person, _, _ = world
    client = signed_in(lead)
    url = f"/staff/programme/training/people/{person.pk}/front-line/"
    response = client.post(url, {"front_line": "yes"}, follow=True)
    assert "Counted as front-line staff" in response.content.decode()
    marked = FrontLineStaff.objects.get(person=person)
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(marked.pk), actor=lead).exists()
    response = client.post(url, {"front_line": "no"}, follow=True)
    assert "No longer counted as front-line staff" in response.content.decode()
    assert not FrontLineStaff.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.DELETE, object_id=str(marked.pk), actor=lead).exists()


def test_another_agencys_lead_cannot_mark_front_line_staff(world):
    _, _, person, _, _ = world
    _, other_lead = agency_with_lead(OLDHAM)
    response = signed_in(other_lead).post(
        f"/staff/programme/training/people/{person.pk}/front-line/", {"front_line": "yes"}
    )
    assert response.status_code == 403
    assert not FrontLineStaff.objects.exists()


def test_certificates_for_the_person_and_their_lead_audited_and_not_found_for_others(world):
    _, lead, person, _, current = world
    url = f"/staff/programme/training/certificates/{current.pk}/"
    for reader in (person, lead):
        response = signed_in(reader).get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert AuditEvent.objects.filter(
            action=AuditAction.EXPORT, actor=reader, object_id=str(current.pk)
        ).exists()
    _, other_lead = agency_with_lead(OLDHAM)
    assert signed_in(other_lead).get(url).status_code == 404
    colleague = UserFactory(agency=person.agency, roles=[Role.PARTNER_OFFICER])
    assert signed_in(colleague).get(url).status_code == 404


def test_a_refresher_due_soon_is_flagged(world):
    agency, lead, _, _, _ = world
    someone = UserFactory(agency=agency, roles=[Role.PARTNER_OFFICER])
    # 12-month refresher, completed 350 days ago: due in about two weeks.
    session = session_on(
        date.today() - timedelta(days=350), agency=agency, by=lead, key="hate-crime-reporting-centres"
    )
    completed(someone, session, by=lead)
    page = signed_in(someone).get("/staff/programme/training/mine/").content.decode()
    assert "Due soon" in page
