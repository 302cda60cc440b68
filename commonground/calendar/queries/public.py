"""What the public sees of the calendar: published events (and those cancelled after publication,
marked), never a draft or an event whose organiser's consent is not recorded. Events are public
data, so these reads need no scope; they start from `Event.objects.public()` and nothing else."""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, QuerySet
from django.http import Http404
from django.utils import timezone

from commonground.calendar.models import Event
from commonground.core.models import Area

PER_PAGE = 25
# How far back the feeds reach: long enough for a subscriber to see a recent change, short
# enough that a feed stays small however many years of events the archive holds.
FEED_PAST_WINDOW = timedelta(days=90)


@dataclass(frozen=True)
class Filters:
    borough: Area | None = None
    kind: str = ""


def _public(filters: Filters) -> QuerySet[Event]:
    rows = Event.objects.public().select_related("borough")
    if filters.borough is not None:
        rows = rows.filter(borough=filters.borough)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    return rows


def upcoming(filters: Filters, *, now: datetime | None = None) -> QuerySet[Event]:
    """Events not yet over, soonest first."""
    return _public(filters).filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")


def past(filters: Filters, *, now: datetime | None = None) -> QuerySet[Event]:
    """Events that have ended, newest first: the archive."""
    return _public(filters).filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")


@dataclass(frozen=True)
class DayOfEvents:
    day: date
    events: list[Event]


def page_by_day(rows: QuerySet[Event], page_number: str | int | None) -> tuple[Page, list[DayOfEvents]]:
    """One page of events, and the same events grouped by the local day they start."""
    page = Paginator(rows, PER_PAGE).get_page(page_number)
    days: list[DayOfEvents] = []
    for event in page.object_list:
        day = timezone.localtime(event.starts_at).date()
        if not days or days[-1].day != day:
            days.append(DayOfEvents(day, []))
        days[-1].events.append(event)
    return page, days


def public_event_or_404(key: str) -> Event:
    """One public event by its number or its iCalendar UID; anything else is not found."""
    rows = Event.objects.public().select_related("borough")
    if key.isdigit() and len(key) < 12:
        found = rows.filter(pk=int(key)).first()
    else:
        try:
            found = rows.filter(uid=uuid.UUID(key)).first()
        except ValueError:
            found = None
    if found is None:
        raise Http404("No such event")
    return found


def boroughs() -> QuerySet[Area]:
    return Area.objects.boroughs().defer("boundary").order_by("name")


def borough_by_code(code: str) -> Area | None:
    return boroughs().filter(code=code.upper()).first()


def borough_or_404(code: str) -> Area:
    found = borough_by_code(code)
    if found is None:
        raise Http404("No such borough")
    return found


def feed_events(borough: Area | None = None, *, now: datetime | None = None) -> Iterator[Event]:
    """The events a feed carries: every future one and those of the last `FEED_PAST_WINDOW`,
    cancelled ones included (so subscribers' calendars drop them). Read in chunks, so a long
    feed is never held in memory twice."""
    return _feed_rows(borough, now).order_by("starts_at", "pk").iterator(chunk_size=500)


def _feed_rows(borough: Area | None, now: datetime | None) -> QuerySet[Event]:
    since = (now or timezone.now()) - FEED_PAST_WINDOW
    return _public(Filters(borough=borough)).filter(ends_at__gte=since)


def feed_version(borough: Area | None = None, *, now: datetime | None = None) -> str:
    """What changes whenever a feed's content does: how many events it carries and the latest
    change to any of them (every change to an event sets `updated_at`). A built feed is kept
    under this, so a subscriber's poll rebuilds it only after a change."""
    found = _feed_rows(borough, now).aggregate(count=Count("pk"), latest=Max("updated_at"))
    latest = found["latest"].timestamp() if found["latest"] else 0
    return f"{found['count']}-{latest}"


# --- The open data API ----------------------------------------------------------------------------

# Dates outside these are answered as these: no event lies there, and the database's own calendar
# stays in range whatever a caller sends.
EARLIEST_DAY, LATEST_DAY = date(1900, 1, 1), date(9000, 12, 31)


@dataclass(frozen=True)
class ApiPage:
    count: int
    rows: list[Event]


def api_events(
    *,
    borough: Area | None,
    kind: str,
    from_day: date | None,
    to_day: date | None,
    include_past: bool,
    limit: int,
    offset: int,
) -> ApiPage:
    """Public events by start, soonest first: those not yet over unless `include_past`, starting on
    or after `from_day` and on or before `to_day` (local days), a page at a time."""
    rows = _public(Filters(borough=borough, kind=kind))
    if not include_past:
        rows = rows.filter(ends_at__gte=timezone.now())
    if from_day is not None:
        day = min(max(from_day, EARLIEST_DAY), LATEST_DAY)
        rows = rows.filter(starts_at__gte=timezone.make_aware(datetime.combine(day, time.min)))
    if to_day is not None:
        day = min(max(to_day, EARLIEST_DAY), LATEST_DAY)
        rows = rows.filter(starts_at__lte=timezone.make_aware(datetime.combine(day, time.max)))
    rows = rows.order_by("starts_at", "pk")
    return ApiPage(count=rows.count(), rows=list(rows[offset : offset + limit]))
