"""Reads of trigger events. National and international events that name no area are seen by
everyone who follows tension; local ones by those whose areas include an area they name."""

from datetime import date, timedelta

from django.db.models import Prefetch, Q, QuerySet

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.models import Area
from commonground.tension.models import TriggerEvent

IN_FORCE = "in_force"
UPCOMING = "upcoming"
PAST = "past"
REACTION_DAYS = 30  # how long after an event a report may still be a reaction to it


def _places() -> QuerySet[Area]:
    return Area.objects.only("pk", "code", "name", "level", "parent_id").order_by("name")


def _with_areas(events: QuerySet[TriggerEvent]) -> QuerySet[TriggerEvent]:
    return events.prefetch_related(Prefetch("areas", queryset=_places()))


def _overlapping(starts_on: date, ends_on: date) -> Q:
    """Events in force on some day from `starts_on` to `ends_on` (a one-day event has no end)."""
    return Q(starts_on__lte=ends_on) & (
        Q(ends_on__gte=starts_on) | Q(ends_on__isnull=True, starts_on__gte=starts_on)
    )


def _affecting(area: Area | int) -> Q:
    """Events that name no area (everywhere), the area itself, the borough it lies in, or (for a
    borough) any of its wards."""
    if not isinstance(area, Area):
        area = _places().get(pk=area)
    named = Q(areas__pk=area.pk) | Q(areas__parent_id=area.pk)
    if area.parent_id is not None:
        named |= Q(areas__pk=area.parent_id)
    return Q(areas__isnull=True) | named


def trigger_events_in_period(
    scope: Scope, starts_on: date, ends_on: date, area: Area | int | None = None
) -> QuerySet[TriggerEvent]:
    """Events in scope in force at any time from `starts_on` to `ends_on` (both included), latest
    start first; with `area`, only those affecting it (see `_affecting`)."""
    events = access.visible(scope, TriggerEvent).filter(_overlapping(starts_on, ends_on))
    if area is not None:
        events = events.filter(pk__in=TriggerEvent.objects.filter(_affecting(area)).values("pk"))
    return _with_areas(events).order_by("-starts_on", "title")


def trigger_events_in_force(
    scope: Scope, on_date: date, area: Area | int | None = None
) -> QuerySet[TriggerEvent]:
    """Events in scope in force on `on_date`; with `area`, only those affecting it. For the
    assessment screen's "trigger events in force"."""
    return trigger_events_in_period(scope, on_date, on_date, area)


def trigger_events_visible_to(scope: Scope, *, when: str, today: date) -> QuerySet[TriggerEvent]:
    """The log: events in force today, upcoming ones (soonest first), or past ones (latest first)."""
    events = access.visible(scope, TriggerEvent)
    if when == UPCOMING:
        return _with_areas(events.filter(starts_on__gt=today)).order_by("starts_on", "title")
    if when == PAST:
        ended = Q(ends_on__lt=today) | Q(ends_on__isnull=True, starts_on__lt=today)
        return _with_areas(events.filter(ended)).order_by("-starts_on", "title")
    return trigger_events_in_period(scope, today, today)


def open_trigger_event(scope: Scope, event_id: int) -> TriggerEvent:
    """One event for its page. Out of scope answers 404."""
    return access.get_visible_or_404(
        scope, _with_areas(TriggerEvent.objects.select_related("recorded_by")), pk=event_id
    )


def trigger_events_for_reporting(scope: Scope, today: date) -> list[TriggerEvent]:
    """Events a report may be a reaction to: in scope, in force in the last 30 days or today."""
    return list(trigger_events_in_period(scope, today - timedelta(days=REACTION_DAYS), today))


def trigger_event_visible(scope: Scope, event: TriggerEvent) -> bool:
    return access.visible(scope, TriggerEvent).filter(pk=event.pk).exists()


def area_codes_of(event: TriggerEvent) -> list[str]:
    return sorted(area.code for area in event.areas.all())
