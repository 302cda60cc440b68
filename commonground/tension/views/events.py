"""Staff pages of trigger events: the log (in force today, upcoming, past), an event's page, and
the form analysts record them with."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone

from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.tension.actions.events import record_trigger_event
from commonground.tension.forms.reports import TriggerEventForm
from commonground.tension.queries import events as queries
from commonground.tension.queries.reports import places_for_reporting

TABS = [
    (queries.IN_FORCE, "In force today"),
    (queries.UPCOMING, "Upcoming"),
    (queries.PAST, "Past"),
]


@staff_view(Permission.VIEW_TENSION)
def event_list(request):
    scope = scope_for(request.user)
    when = request.GET.get("when", queries.IN_FORCE)
    if when not in dict(TABS):
        when = queries.IN_FORCE
    events = queries.trigger_events_visible_to(scope, when=when, today=timezone.localdate())
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "tension/events/list.html",
        {
            "page": page,
            "when": when,
            "tabs": TABS,
            "when_label": dict(TABS)[when],
            "can_record": scope.can(Permission.ASSESS_TENSION),
        },
    )


@staff_view(Permission.VIEW_TENSION)
def event(request, event_id: int):
    event = queries.open_trigger_event(scope_for(request.user), event_id)
    today = timezone.localdate()
    in_force = event.starts_on <= today <= (event.ends_on or event.starts_on)
    return render(request, "tension/events/event.html", {"event": event, "in_force": in_force})


@staff_view(Permission.ASSESS_TENSION)
def record_event(request):
    form = TriggerEventForm(request.POST or None, places=places_for_reporting(scope_for(request.user)))
    if request.method == "POST" and form.is_valid():
        try:
            event = record_trigger_event(actor=request.user, details=form.details())
        except ValidationError as error:
            add_action_errors(form, error, form.ACTION_FIELDS)
        else:
            messages.success(request, f"Trigger event recorded: {event.title}")
            return redirect("tension:trigger-event", event.pk)
    return render(request, "tension/events/record.html", {"form": form})
