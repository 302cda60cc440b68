"""Trigger events: analysts record them (with clear errors that keep what was typed), everyone
following tension sees national ones and local ones in their areas, the log splits them into in
force, upcoming and past, and `trigger_events_in_force` answers the assessment screen."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from commonground.core.access import scope_for
from commonground.core.models import Area, AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.tension.actions.events import TriggerEventDetails, record_trigger_event
from commonground.tension.models import TriggerEvent
from commonground.tension.queries.events import trigger_events_in_force, trigger_events_in_period
from tests.clock import FROZEN
from tests.conftest import signed_in
from tests.factories import BOLTON, OLDHAM, staff
from tests.tension.test_reports import ALEXANDRA, BREIGHTMET, an_event

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]

ANY_DAY = date(2026, 3, 10)


@pytest.fixture
def analyst():
    return staff(Role.TENSION_ANALYST, "E47000001")


def event_form(**changes) -> dict:
    today = timezone.localdate()
    data = {
        "title": "March by a far-right group",
        "kind": "march",
        "reach": "local",
        "starts_on": today.strftime("%d/%m/%Y"),
        "ends_on": "",
        "expected_impact": "high",
        "boroughs": [OLDHAM],
        "wards": [],
        "description": "A march announced online for Saturday.",
    }
    return {**data, **changes}


def test_an_analyst_records_a_local_event_and_it_is_audited(analyst):
    client = signed_in(analyst)
    response = client.post("/staff/tension/trigger-events/new/", event_form(wards=[BREIGHTMET]))
    event = TriggerEvent.objects.get()
    assert response["Location"] == f"/staff/tension/trigger-events/{event.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "March by a far-right group" in page and "Breightmet" in page
    assert {area.code for area in event.areas.all()} == {OLDHAM, BREIGHTMET}
    assert event.recorded_by == analyst
    audit = AuditEvent.objects.get(object_type="tension.triggerevent", object_id=str(event.pk))
    assert audit.action == AuditAction.CREATE and audit.actor == analyst


def test_an_event_ending_before_it_starts_is_refused_and_what_was_typed_is_kept(analyst):
    start = timezone.localdate()
    data = event_form(ends_on=(start - timedelta(days=1)).strftime("%d/%m/%Y"), title="Verdict day")
    page = signed_in(analyst).post("/staff/tension/trigger-events/new/", data).content.decode()
    assert "<title>Error:" in page
    assert "The end date must be the same as or after the start date" in page
    assert 'value="Verdict day"' in page
    assert not TriggerEvent.objects.exists()


def test_a_local_event_needs_its_areas_but_a_national_one_does_not(analyst):
    client = signed_in(analyst)
    page = client.post("/staff/tension/trigger-events/new/", event_form(boroughs=[])).content.decode()
    assert "Select the boroughs or wards likely to be affected by a local event" in page
    response = client.post(
        "/staff/tension/trigger-events/new/", event_form(boroughs=[], reach="national", kind="election")
    )
    assert response.status_code == 302
    assert not TriggerEvent.objects.get().areas.exists()


def test_the_action_refuses_an_event_ending_before_it_starts(analyst):
    details = TriggerEventDetails(
        title="Court case",
        kind="court_case",
        reach="national",
        starts_on=ANY_DAY,
        ends_on=ANY_DAY - timedelta(days=1),
        expected_impact="medium",
    )
    with pytest.raises(ValidationError) as refused:
        record_trigger_event(actor=analyst, details=details)
    assert "ends_on" in refused.value.message_dict
    assert not AuditEvent.objects.filter(object_type="tension.triggerevent").exists()


def test_only_analysts_record_trigger_events():
    officer = staff(Role.PARTNER_OFFICER, OLDHAM)
    details = TriggerEventDetails(
        title="Election", kind="election", reach="national", starts_on=ANY_DAY, expected_impact="low"
    )
    with pytest.raises(PermissionDenied):
        record_trigger_event(actor=officer, details=details)
    assert signed_in(officer).get("/staff/tension/trigger-events/new/").status_code == 403


def test_a_partner_sees_national_events_and_local_ones_in_its_areas_only():
    national = an_event(title="General election")
    oldham = an_event(OLDHAM, title="March in Oldham")
    bolton = an_event(BOLTON, title="March in Bolton")
    officer = staff(Role.PARTNER_OFFICER, OLDHAM)
    page = signed_in(officer).get("/staff/tension/trigger-events/").content.decode()
    assert "General election" in page and "March in Oldham" in page and "March in Bolton" not in page
    client = signed_in(officer)
    assert client.get(f"/staff/tension/trigger-events/{national.pk}/").status_code == 200
    assert client.get(f"/staff/tension/trigger-events/{oldham.pk}/").status_code == 200
    assert client.get(f"/staff/tension/trigger-events/{bolton.pk}/").status_code == 404


def test_the_log_splits_events_in_force_upcoming_and_past(analyst):
    today = timezone.localdate()
    an_event(
        OLDHAM,
        title="Festival this week",
        starts_on=today - timedelta(days=2),
        ends_on=today + timedelta(days=2),
    )
    an_event(OLDHAM, title="Anniversary next month", starts_on=today + timedelta(days=30))
    an_event(OLDHAM, title="Court case last week", starts_on=today - timedelta(days=7))
    client = signed_in(analyst)
    in_force = client.get("/staff/tension/trigger-events/").content.decode()
    upcoming = client.get("/staff/tension/trigger-events/", {"when": "upcoming"}).content.decode()
    past = client.get("/staff/tension/trigger-events/", {"when": "past"}).content.decode()
    assert "Festival this week" in in_force and "Anniversary next month" not in in_force
    assert "Anniversary next month" in upcoming and "Court case last week" not in upcoming
    assert "Court case last week" in past and "Festival this week" not in past


def _titles(events) -> set[str]:
    return {event.title for event in events}


def test_events_in_force_on_a_day_include_one_day_events_on_that_day_only(analyst):
    an_event(OLDHAM, title="One day", starts_on=ANY_DAY)
    an_event(
        OLDHAM, title="Three days", starts_on=ANY_DAY - timedelta(days=1), ends_on=ANY_DAY + timedelta(days=1)
    )
    an_event(
        OLDHAM, title="Ended", starts_on=ANY_DAY - timedelta(days=5), ends_on=ANY_DAY - timedelta(days=1)
    )
    an_event(OLDHAM, title="Later", starts_on=ANY_DAY + timedelta(days=1))
    scope = scope_for(analyst)
    assert _titles(trigger_events_in_force(scope, ANY_DAY)) == {"One day", "Three days"}
    assert _titles(trigger_events_in_force(scope, ANY_DAY + timedelta(days=1))) == {"Three days", "Later"}
    week = trigger_events_in_period(scope, ANY_DAY - timedelta(days=3), ANY_DAY + timedelta(days=3))
    assert _titles(week) == {"One day", "Three days", "Ended", "Later"}


def test_events_in_force_for_an_area_are_those_naming_it_its_borough_its_wards_or_no_area(analyst):
    an_event(title="National", starts_on=ANY_DAY)
    an_event(OLDHAM, title="Oldham", starts_on=ANY_DAY)
    an_event(ALEXANDRA, title="Alexandra ward", starts_on=ANY_DAY)
    an_event(BOLTON, title="Bolton", starts_on=ANY_DAY)
    scope = scope_for(analyst)
    oldham, alexandra = Area.objects.get(code=OLDHAM), Area.objects.get(code=ALEXANDRA)
    assert _titles(trigger_events_in_force(scope, ANY_DAY, area=oldham)) == {
        "National",
        "Oldham",
        "Alexandra ward",
    }
    assert _titles(trigger_events_in_force(scope, ANY_DAY, area=alexandra.pk)) == {
        "National",
        "Oldham",
        "Alexandra ward",
    }
    bolton_ward = Area.objects.get(code=BREIGHTMET)
    assert _titles(trigger_events_in_force(scope, ANY_DAY, area=bolton_ward)) == {"National", "Bolton"}


def test_events_in_force_respect_the_scope():
    an_event(OLDHAM, title="Oldham", starts_on=ANY_DAY)
    an_event(title="National", starts_on=ANY_DAY)
    bolton_officer = staff(Role.PARTNER_OFFICER, BOLTON)
    assert _titles(trigger_events_in_force(scope_for(bolton_officer), ANY_DAY)) == {"National"}
