"""Events and the people who manage them, for the calendar's tests."""

from datetime import datetime, timedelta

from django.utils import timezone

from commonground.calendar.actions import events as actions
from commonground.calendar.actions.events import EventDetails
from commonground.calendar.models import Event, EventKind
from commonground.core.models import Area
from commonground.core.roles import Role
from tests.factories import BOLTON, GREATER_MANCHESTER, OLDHAM, staff

__all__ = ["BOLTON", "OLDHAM"]

BOLTON_POSTCODE = "BL2 6PN"


def programme_manager():
    return staff(Role.PROGRAMME_MANAGER, GREATER_MANCHESTER)


def grants_officer():
    return staff(Role.GRANTS_OFFICER, GREATER_MANCHESTER)


def bolton_lead():
    return staff(Role.BOROUGH_PROGRAMME_LEAD, BOLTON)


def oldham_lead():
    return staff(Role.BOROUGH_PROGRAMME_LEAD, OLDHAM)


def borough(code: str = BOLTON) -> Area:
    return Area.objects.get(code=code)


def in_days(days: float, hour: int = 18) -> datetime:
    day = timezone.localdate() + timedelta(days=int(days))
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


def details(**changes) -> EventDetails:
    values = {
        "title": "Bolton shared iftar",
        "kind": EventKind.FOOD_AND_SHARED_MEAL,
        "starts_at": in_days(10),
        "ends_at": in_days(10, 21),
        "venue_name": "Demo Community Hall",
        "organiser": "Demo Bolton Interfaith Forum",
        "postcode": BOLTON_POSTCODE,
        "address": "1 Demo Street, Bolton",
        "description": "Break the fast together: everyone welcome.",
        "accessibility": "Step-free entrance and a hearing loop",
    }
    values.update(changes)
    return EventDetails(**values)


def draft(actor=None, **changes) -> Event:
    return actions.add_event(actor=actor or programme_manager(), details=details(**changes))


def published(actor=None, **changes) -> Event:
    actor = actor or programme_manager()
    event = draft(actor, **changes)
    return actions.publish_event(actor=actor, event=event, organiser_agreed=True, consent_source="By email")


def past_published(days_ago: int = 20, **changes) -> Event:
    """An event that has taken place: added and published before it began, then the clock moved."""
    actor = programme_manager()
    event = published(actor, **changes)
    # Moved into the past as time would move it: the rules refuse a new event starting in the past.
    Event.objects.filter(pk=event.pk).update(starts_at=in_days(-days_ago), ends_at=in_days(-days_ago, 21))
    event.refresh_from_db()
    return event
