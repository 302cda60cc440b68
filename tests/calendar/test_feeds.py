"""The iCalendar feeds, parsed back with the `icalendar` package as a calendar app would read them:
every field of each VEVENT, cancelled events kept as STATUS:CANCELLED, drafts never, past events
only for the last 90 days, and one borough's feed only that borough's."""

from datetime import UTC

import pytest
from django.test import Client

from commonground.calendar.actions import events as actions
from tests.calendar import world
from tests.clock import FROZEN
from tests.factories import OLDHAM

icalendar = pytest.importorskip("icalendar")

pytestmark = [pytest.mark.django_db, FROZEN]


def _feed(path: str):
    response = Client().get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return calendar, {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_each_event_carries_every_field_a_calendar_needs():
    event = world.published(booking_link="https://example.org/book")
    calendar, events = _feed("/events/calendar.ics")
    assert str(calendar["X-WR-CALNAME"]) == "#WeStandTogether events"
    assert str(calendar["VERSION"]) == "2.0" and "PRODID" in calendar
    vevent = events[str(event.uid)]
    assert vevent["DTSTART"].dt == event.starts_at.astimezone(UTC)
    assert vevent["DTEND"].dt == event.ends_at.astimezone(UTC)
    assert vevent["DTSTAMP"].dt == event.updated_at.astimezone(UTC).replace(microsecond=0)
    assert str(vevent["SUMMARY"]) == "Bolton shared iftar"
    assert str(vevent["LOCATION"]) == "Demo Community Hall, 1 Demo Street, Bolton, BL2 6PN"
    description = str(vevent["DESCRIPTION"])
    assert "Break the fast together" in description and "Demo Bolton Interfaith Forum" in description
    assert "https://example.org/book" in description
    assert str(vevent["URL"]) == f"http://testserver/events/{event.uid}/"
    assert int(vevent["SEQUENCE"]) == event.version == 2
    assert str(vevent["STATUS"]) == "CONFIRMED"


def test_a_cancelled_event_stays_in_the_feed_as_cancelled_with_a_higher_sequence():
    manager = world.programme_manager()
    event = actions.cancel_event(actor=manager, event=world.published(manager))
    _calendar, events = _feed("/events/calendar.ics")
    assert str(events[str(event.uid)]["STATUS"]) == "CANCELLED"
    assert int(events[str(event.uid)]["SEQUENCE"]) == 3


def test_drafts_never_reach_a_feed_and_old_events_fall_out_of_it():
    draft = world.draft()
    recent = world.past_published(days_ago=30, title="Demo recent")
    old = world.past_published(days_ago=120, title="Demo old")
    _calendar, events = _feed("/events/calendar.ics")
    assert str(recent.uid) in events
    assert str(draft.uid) not in events and str(old.uid) not in events


def test_a_borough_feed_carries_that_borough_only():
    manager = world.programme_manager()
    bolton = world.published(manager)
    oldham = world.published(manager, title="Demo Oldham walk", postcode="", borough=world.borough(OLDHAM))
    calendar, events = _feed(f"/events/boroughs/{OLDHAM}/calendar.ics")
    assert set(events) == {str(oldham.uid)} and str(bolton.uid) not in events
    assert str(calendar["X-WR-CALNAME"]) == "#WeStandTogether events in Oldham"
    assert Client().get("/events/boroughs/E99999999/calendar.ics").status_code == 404


def test_one_events_file_for_add_to_your_calendar():
    event = world.published()
    _calendar, events = _feed(f"/events/{event.uid}/event.ics")
    assert list(events) == [str(event.uid)]
    assert Client().get(f"/events/{world.draft().uid}/event.ics").status_code == 404


def test_a_change_reaches_the_next_poll_though_the_built_feed_is_kept():
    manager = world.programme_manager()
    event = world.published(manager)
    _calendar, before = _feed("/events/calendar.ics")
    assert str(before[str(event.uid)]["STATUS"]) == "CONFIRMED"
    actions.cancel_event(actor=manager, event=event)
    _calendar, after = _feed("/events/calendar.ics")
    assert str(after[str(event.uid)]["STATUS"]) == "CANCELLED"
    assert int(after[str(event.uid)]["SEQUENCE"]) == int(before[str(event.uid)]["SEQUENCE"]) + 1
