"""The calendar's iCalendar feeds: the whole calendar, one borough's, and one event (for "Add to
your calendar"). Each carries every future event and those of the last 90 days, so a feed stays
small however long the archive grows (`queries.public.feed_events`)."""

from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from commonground.calendar import ical
from commonground.calendar.queries import public as queries

CALENDAR_NAME = "#WeStandTogether events"
# Subscribed calendars poll; a short cache keeps a burst of polls cheap without hiding a change long.
CACHE_SECONDS = 300


def _feed(request, events, *, name: str, filename: str, version: str = "") -> HttpResponse:
    """The feed as iCalendar, `events` read only when it is built; with a `version`, a copy built
    for the same version and host is served from the cache instead of building it again."""

    def url_of(event) -> str:
        return request.build_absolute_uri(reverse("calendar:event", args=[event.uid]))

    key = f"calendar-feed:{filename}:{request.get_host()}:{version}"
    body = cache.get(key) if version else None
    if body is None:
        body = ical.calendar_of(events(), name=name, url_of=url_of)
        if version:
            cache.set(key, body, CACHE_SECONDS)
    response = HttpResponse(body, content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response


@require_safe
def whole_calendar(request):
    return _feed(
        request,
        queries.feed_events,
        name=CALENDAR_NAME,
        filename="calendar.ics",
        version=queries.feed_version(),
    )


@require_safe
def borough_calendar(request, code: str):
    borough = queries.borough_or_404(code)
    return _feed(
        request,
        lambda: queries.feed_events(borough),
        name=f"{CALENDAR_NAME} in {borough.name}",
        filename=f"calendar-{borough.code}.ics",
        version=queries.feed_version(borough),
    )


@require_safe
def one_event(request, key: str):
    found = queries.public_event_or_404(key)
    return _feed(request, lambda: [found], name=found.title, filename=f"event-{found.pk}.ics")
