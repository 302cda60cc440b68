"""Who sees which tension reports: those whose areas include one of the report's areas. A partner
of one borough sees only that borough's reports (another's answer "not found") unless granted
wider areas; a report naming two boroughs is seen in both. The list's queries do not grow with
the number of reports."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commonground.core.access import scope_for
from commonground.core.models import Area
from commonground.core.roles import Role
from commonground.tension.queries.reports import reports_visible_to
from tests.conftest import signed_in
from tests.factories import BOLTON, BURY, OLDHAM, staff
from tests.tension.test_reports import ALEXANDRA, a_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports():
    return {
        "bolton": a_report(BOLTON, description="Leaflets in Bolton town centre."),
        "oldham_ward": a_report(ALEXANDRA, description="Stickers in Alexandra ward."),
        "both": a_report(BOLTON, OLDHAM, description="Online rumour about both towns."),
    }


def _seen(user) -> set[str]:
    return set(reports_visible_to(scope_for(user)).values_list("description", flat=True))


def test_a_partner_of_one_borough_sees_only_that_boroughs_reports(reports):
    bolton_officer = staff(Role.PARTNER_OFFICER, BOLTON)
    assert _seen(bolton_officer) == {"Leaflets in Bolton town centre.", "Online rumour about both towns."}

    client = signed_in(bolton_officer)
    listing = client.get("/staff/tension/reports/").content.decode()
    assert reports["bolton"].reference in listing and reports["both"].reference in listing
    assert reports["oldham_ward"].reference not in listing
    assert client.get(f"/staff/tension/reports/{reports['oldham_ward'].pk}/").status_code == 404
    assert client.get(f"/staff/tension/reports/{reports['both'].pk}/").status_code == 200


def test_a_borough_partner_sees_reports_on_its_wards(reports):
    oldham_officer = staff(Role.PARTNER_OFFICER, OLDHAM)
    assert _seen(oldham_officer) == {"Stickers in Alexandra ward.", "Online rumour about both towns."}


def test_a_report_naming_two_boroughs_is_seen_in_each_but_not_in_a_third(reports):
    bury_officer = staff(Role.PARTNER_OFFICER, BURY)
    assert _seen(bury_officer) == set()
    assert signed_in(bury_officer).get(f"/staff/tension/reports/{reports['both'].pk}/").status_code == 404


def test_a_partner_granted_wider_areas_sees_those_areas_reports_too(reports):
    bolton_officer = staff(Role.PARTNER_OFFICER, BOLTON)
    bolton_officer.additional_areas.add(Area.objects.get(code=OLDHAM))
    assert _seen(bolton_officer) == {
        "Leaflets in Bolton town centre.",
        "Stickers in Alexandra ward.",
        "Online rumour about both towns.",
    }
    client = signed_in(bolton_officer)
    assert client.get(f"/staff/tension/reports/{reports['oldham_ward'].pk}/").status_code == 200


def test_the_area_filter_offers_only_areas_in_scope(reports):
    page = signed_in(staff(Role.PARTNER_OFFICER, BOLTON)).get("/staff/tension/reports/").content.decode()
    assert f'value="{BOLTON}"' in page and f'value="{OLDHAM}"' not in page
    # Filtering by an area out of scope is refused, not widened.
    refused = signed_in(staff(Role.PARTNER_OFFICER, BOLTON)).get("/staff/tension/reports/", {"area": OLDHAM})
    assert "Select a valid choice" in refused.content.decode()
    assert reports["oldham_ward"].reference not in refused.content.decode()


def test_someone_who_does_not_follow_tension_sees_no_reports(reports):
    triage = staff(Role.TRIAGE_OFFICER, BOLTON)
    assert _seen(triage) == set()
    assert signed_in(triage).get("/staff/tension/reports/").status_code == 403


def test_the_list_page_makes_the_same_number_of_queries_for_many_reports():
    analyst = staff(Role.TENSION_ANALYST, "E47000001")
    client = signed_in(analyst)
    a_report(OLDHAM)
    client.get("/staff/tension/reports/")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/staff/tension/reports/").status_code == 200
    for number in range(30):
        a_report(OLDHAM, ALEXANDRA, description=f"Report {number}")
    with CaptureQueriesContext(connection) as many:
        assert client.get("/staff/tension/reports/").status_code == 200
    assert len(many) == len(few), [q["sql"][:120] for q in many]
