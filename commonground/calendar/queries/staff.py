"""The staff side of the calendar: the events of the boroughs in the reader's scope, through the
one scoping layer."""

from django.db.models import QuerySet
from django.utils import timezone

from commonground.calendar.models import Event, EventStatus
from commonground.core import access
from commonground.core.access import Scope
from commonground.core.models import Area

LISTS = {
    "upcoming": "Upcoming",
    "drafts": "Drafts",
    "past": "Past",
}


def events(scope: Scope, which: str, borough: Area | None = None) -> QuerySet[Event]:
    """Upcoming events (published or cancelled), drafts, or past events, in the reader's boroughs."""
    rows = access.visible(scope, Event.objects.select_related("borough"))
    if borough is not None:
        rows = rows.filter(borough=borough)
    now = timezone.now()
    if which == "drafts":
        return rows.filter(status=EventStatus.DRAFT).order_by("starts_at", "pk")
    if which == "past":
        return rows.exclude(status=EventStatus.DRAFT).filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    return rows.exclude(status=EventStatus.DRAFT).filter(ends_at__gte=now).order_by("starts_at", "pk")


def event_or_404(scope: Scope, event_id: int) -> Event:
    return access.get_visible_or_404(
        scope, Event.objects.select_related("borough", "consent_recorded_by", "created_by"), pk=event_id
    )


def boroughs_to_choose(scope: Scope) -> QuerySet[Area]:
    return Area.objects.boroughs().filter(pk__in=scope.area_ids).defer("boundary").order_by("name")
