"""Pages as people meet them: the public pages, the staff home, directory, areas, audit search,
and the error pages."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Role
from tests.factories import BOLTON, GREATER_MANCHESTER, OLDHAM, staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/accessibility/", "/privacy/", "/cookies/", "/sign-in/"])
def test_public_pages_use_the_layout_with_skip_link_phase_banner_and_footer(path):
    page = Client().get(path).content.decode()
    assert 'class="govuk-skip-link"' in page
    assert "govuk-phase-banner" in page
    for link in ("Accessibility statement", "Privacy notice", "Cookies"):
        assert link in page
    assert "Open Government Licence" in page


def test_the_start_page_never_hides_the_emergency_number():
    assert "call 999" in Client().get("/").content.decode()


def test_pages_carry_security_headers():
    response = Client().get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_unknown_page_gets_the_friendly_not_found_page():
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_role_without_access_gets_the_friendly_forbidden_page(sign_in):
    response = sign_in(staff(Role.HELPLINE_ADVISOR, BOLTON)).get("/staff/audit/")
    assert response.status_code == 403
    assert "You do not have access to this page" in response.content.decode()


def test_staff_home_shows_each_role_its_access_and_what_is_waiting(sign_in):
    dpo = staff(Role.DATA_PROTECTION_OFFICER, GREATER_MANCHESTER)
    page = sign_in(dpo).get("/staff/").content.decode()
    assert "Waiting for you" in page
    assert "Records opened outside normal scope" in page
    assert "Data protection officer" in page
    assert "The whole combined authority" in page

    helpline = staff(Role.HELPLINE_ADVISOR, BOLTON)
    page = sign_in(helpline).get("/staff/").content.decode()
    assert "Records opened outside normal scope" not in page
    assert "Bolton" in page
    assert 'href="/staff/audit/"' not in page  # the navigation shows only what the role may use


def test_system_administrator_home_lists_accounts_that_are_locked_out(sign_in):
    admin = staff(Role.SYSTEM_ADMINISTRATOR, GREATER_MANCHESTER)
    victim = staff(Role.TRIAGE_OFFICER, BOLTON)
    for _ in range(5):
        Client().post("/sign-in/", {"username": victim.username, "password": "wrong"})
    page = sign_in(admin).get("/staff/").content.decode()
    assert f"&#x27;{victim.username}&#x27; is locked out" in page


def test_the_people_page_lists_colleagues_in_scope_and_finds_them_by_name(sign_in):
    viewer = staff(Role.TRIAGE_OFFICER, BOLTON)
    colleague = staff(Role.PANEL_MEMBER, BOLTON, first_name="Zainab", last_name="Qureshi")
    other = staff(Role.PANEL_MEMBER, OLDHAM, first_name="Piotr", last_name="Nowak")
    client = sign_in(viewer)

    page = client.get("/staff/people/").content.decode()
    assert "Zainab Qureshi" in page
    assert "Piotr Nowak" not in page

    found = client.get("/staff/people/", {"q": "qureshi"}).content.decode()
    assert "Zainab Qureshi" in found

    assert client.get(f"/staff/people/{colleague.pk}/").status_code == 200
    assert client.get(f"/staff/people/{other.pk}/").status_code == 404


def test_opening_a_colleagues_page_is_audited(sign_in):
    viewer = staff(Role.TRIAGE_OFFICER, BOLTON)
    colleague = staff(Role.PANEL_MEMBER, BOLTON)
    sign_in(viewer).get(f"/staff/people/{colleague.pk}/")
    event = AuditEvent.objects.filter(action=AuditAction.VIEW, actor=viewer).latest("sequence")
    assert event.subject_ref == f"core.user:{colleague.pk}"


def test_the_areas_pages_show_boroughs_wards_and_census_figures(sign_in):
    client = sign_in(staff(Role.TENSION_ANALYST, OLDHAM))
    areas = client.get("/staff/areas/").content.decode()
    assert "Bolton" in areas
    assert "295,963" in areas
    bolton = client.get("/staff/areas/E08000001/").content.decode()
    assert "Astley Bridge" in bolton
    assert "Muslim" in bolton
    assert client.get("/staff/areas/E99999999/").status_code == 404


def test_the_audit_search_finds_events_by_person_and_records_the_search(sign_in):
    dpo = staff(Role.DATA_PROTECTION_OFFICER, GREATER_MANCHESTER)
    viewer = staff(Role.TRIAGE_OFFICER, BOLTON)
    colleague = staff(Role.PANEL_MEMBER, BOLTON, first_name="Zainab", last_name="Qureshi")
    sign_in(viewer).get(f"/staff/people/{colleague.pk}/")

    page = sign_in(dpo).get("/staff/audit/", {"person": f"core.user:{colleague.pk}", "action": "view"})

    text = page.content.decode()
    assert "Zainab Qureshi" in text
    assert viewer.username in text
    search = AuditEvent.objects.filter(actor=dpo, object_repr="Audit trail search").latest("sequence")
    assert search.changes["filters"]["person"] == f"core.user:{colleague.pk}"


def test_the_audit_search_explains_a_reversed_or_malformed_date_range(sign_in):
    client = sign_in(staff(Role.DATA_PROTECTION_OFFICER, GREATER_MANCHESTER))
    reversed_range = client.get(
        "/staff/audit/", {"date_from": "31/3/2026", "date_to": "1/3/2026"}
    ).content.decode()
    assert "The to date must be the same as or after the from date" in reversed_range
    assert 'value="31/3/2026"' in reversed_range  # what was typed is kept
    malformed = client.get("/staff/audit/", {"date_from": "someday"}).content.decode()
    assert "Enter the from date as day/month/year" in malformed


def test_when_the_database_is_down_the_person_gets_a_503_page_with_their_answers(sign_in):
    client = Client()
    with mock.patch(
        "commonground.core.views.auth.ResetPasswordView.form_valid",
        side_effect=OperationalError("connection to server failed"),
    ):
        response = client.post("/password-reset/", {"email": "alex@example.org"})
    assert response.status_code == 503
    page = response.content.decode()
    assert "Nothing you sent has been saved yet" in page
    assert "alex@example.org" in page
    assert response["Retry-After"] == "60"


def test_when_the_database_is_down_the_api_answers_503_as_problem_json():
    with mock.patch(
        "commonground.api.auth.ApiToken.objects.select_related", side_effect=OperationalError("server closed")
    ):
        response = Client().get("/api/v1/areas", headers={"Authorization": "Bearer cg_0123abcd_" + "x" * 40})
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "service_unavailable"
