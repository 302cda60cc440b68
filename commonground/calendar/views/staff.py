"""The calendar's staff pages: the list (upcoming, drafts, past; by borough), adding and editing an
event (a stale save is refused with what changed, typing kept), publishing with the organiser's
agreement recorded, and cancelling. Only the boroughs in one's scope: another's event is 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from commonground.calendar.actions import events as actions
from commonground.calendar.forms.events import ACTION_FIELD_ALIASES, EventForm, PublishForm, StaffFilterForm
from commonground.calendar.queries import staff as queries
from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors, form_after_conflict
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view

MANAGE = Permission.MANAGE_EVENTS
KEEP_TYPING = "What you typed is kept below: check their changes, then save again to replace them with yours."


@staff_view(MANAGE)
def event_list(request):
    scope = scope_for(request.user)
    which = request.GET.get("show", "upcoming")
    if which not in queries.LISTS:
        which = "upcoming"
    form = StaffFilterForm(request.GET or None, scope=scope)
    borough = form.cleaned_data["borough"] if form.is_valid() else None
    page = Paginator(queries.events(scope, which, borough), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "calendar/staff/list.html",
        {
            "page": page,
            "form": form,
            "which": which,
            "lists": queries.LISTS,
            "list_label": queries.LISTS[which],
            "query": query.urlencode(),
        },
    )


@staff_view(MANAGE)
def new_event(request):
    scope = scope_for(request.user)
    form = EventForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        try:
            added = actions.add_event(actor=request.user, details=form.details())
        except ValidationError as error:
            add_action_errors(form, error, ACTION_FIELD_ALIASES)
        else:
            messages.success(request, "Event added as a draft: publish it when the organiser agrees")
            return redirect("calendar:staff-event", added.pk)
    return render(
        request,
        "calendar/staff/form.html",
        {"form": form, "title": "Add an event", "back": reverse("calendar:staff-events")},
    )


@staff_view(MANAGE)
def event(request, event_id: int):
    found = queries.event_or_404(scope_for(request.user), event_id)
    return render(request, "calendar/staff/event.html", {"event": found, "publish_form": PublishForm()})


@staff_view(MANAGE)
def edit_event(request, event_id: int):
    scope = scope_for(request.user)
    found = queries.event_or_404(scope, event_id)
    conflict = None
    if request.method == "POST":
        form = EventForm(request.POST, scope=scope)
        if form.is_valid():
            try:
                actions.edit_event(
                    actor=request.user,
                    event=found,
                    expected_version=form.cleaned_data["version"] or 0,
                    details=form.details(),
                )
            except actions.EventConflict as error:
                conflict = error
                form = form_after_conflict(EventForm, request.POST, error, then=KEEP_TYPING, scope=scope)
            except ValidationError as error:
                add_action_errors(form, error, ACTION_FIELD_ALIASES)
            else:
                messages.success(request, "Event updated")
                return redirect("calendar:staff-event", found.pk)
    else:
        form = EventForm(initial=EventForm.initial_for(found), scope=scope)
    return render(
        request,
        "calendar/staff/form.html",
        {
            "form": form,
            "title": "Edit the event",
            "caption": found.title,
            "back": reverse("calendar:staff-event", args=[found.pk]),
            "conflict": conflict,
        },
    )


@staff_view(MANAGE)
@require_POST
def publish(request, event_id: int):
    found = queries.event_or_404(scope_for(request.user), event_id)
    form = PublishForm(request.POST)
    form.is_valid()
    try:
        actions.publish_event(
            actor=request.user,
            event=found,
            organiser_agreed=form.cleaned_data.get("organiser_agreed", False),
            consent_source=form.cleaned_data.get("consent_source", ""),
        )
    except ValidationError as error:
        add_action_errors(form, error)
        return render(
            request, "calendar/staff/event.html", {"event": found, "publish_form": form}, status=400
        )
    messages.success(request, "Event published: it is on the public calendar and its feeds")
    return redirect("calendar:staff-event", found.pk)


@staff_view(MANAGE)
@require_POST
def cancel(request, event_id: int):
    found = queries.event_or_404(scope_for(request.user), event_id)
    try:
        actions.cancel_event(actor=request.user, event=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Event cancelled: the public calendar and its feeds show it as cancelled")
    return redirect("calendar:staff-event", found.pk)
