"""The public #WeStandTogether calendar, no sign-in: upcoming events grouped by day (filtered by
borough and kind with a plain GET form), the archive of past events, and one event's page. Only
published events with the organiser's consent exist here: a draft answers 404 to everyone."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from commonground.calendar.forms.public import EventFilterForm
from commonground.calendar.queries import public as queries


def _listing(request, rows_for, template: str):
    form = EventFilterForm(request.GET or None)
    filters = form.filters()
    page, days = queries.page_by_day(rows_for(filters), request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        template,
        {
            "form": form,
            "filters": filters,
            "page": page,
            "days": days,
            "query": query.urlencode(),
        },
    )


@require_safe
def upcoming(request):
    return _listing(request, queries.upcoming, "calendar/public/upcoming.html")


@require_safe
def past(request):
    return _listing(request, queries.past, "calendar/public/past.html")


@require_safe
def event(request, key: str):
    return render(request, "calendar/public/event.html", {"event": queries.public_event_or_404(key)})
