"""The calendar as iCalendar (RFC 5545), built with the `icalendar` package: the whole calendar,
one borough's, or one event. Each event is a VEVENT with its stable UID, SEQUENCE (the event's
version, so a subscribed calendar takes each change), STATUS (CONFIRMED, or CANCELLED so that
subscribers' calendars drop it) and times in UTC, which every calendar converts to local time
without needing a VTIMEZONE."""

from collections.abc import Callable, Iterable
from datetime import UTC

import icalendar

from commonground.calendar.models import Event, EventStatus

PRODUCT_ID = "-//Common Ground//#WeStandTogether calendar//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def _utc(moment):
    return moment.astimezone(UTC)


def location_of(event: Event) -> str:
    return ", ".join(part for part in (event.venue_name, event.address, event.postcode) if part)


def description_of(event: Event) -> str:
    lines = [event.description.strip()] if event.description.strip() else []
    lines.append(f"Organised by {event.organiser}")
    lines.append("Free" if event.is_free else f"Cost: {event.cost}")
    if event.accessibility.strip():
        lines.append(f"Accessibility: {event.accessibility.strip()}")
    if event.booking_link:
        lines.append(f"Booking: {event.booking_link}")
    return "\n\n".join(lines)


def vevent(event: Event, url: str):
    component = icalendar.Event()
    component.add("uid", str(event.uid))
    component.add("dtstamp", _utc(event.updated_at))
    component.add("last-modified", _utc(event.updated_at))
    component.add("created", _utc(event.created_at))
    component.add("dtstart", _utc(event.starts_at))
    component.add("dtend", _utc(event.ends_at))
    component.add("summary", event.title)
    component.add("location", location_of(event))
    component.add("description", description_of(event))
    component.add("url", url)
    component.add("sequence", event.version)
    component.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    component.add("categories", [event.get_kind_display()])
    return component


def calendar_of(events: Iterable[Event], *, name: str, url_of: Callable[[Event], str]) -> bytes:
    """The events as one VCALENDAR, in UTF-8, named `name` for calendars that show it."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(vevent(event, url_of(event)))
    return calendar.to_ical()
