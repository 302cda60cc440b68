"""The partnership forum: its meetings, a meeting's page (agenda, minutes, attendees by agency,
actions, lessons drawn from it), recording and editing a meeting, adding attendees and actions,
an action's page and marking it done."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors, form_after_conflict
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.programme.actions import forum as actions
from commonground.programme.forms.forum import ActionForm, AttendeeForm, MeetingForm
from commonground.programme.queries import forum as queries
from commonground.programme.queries import lessons as lesson_queries

KEEP_TYPING = "What you typed is kept below: check their changes, then save again to replace them with yours."


@staff_view(Permission.VIEW_PROGRAMME)
def meeting_list(request):
    scope = scope_for(request.user)
    page = Paginator(queries.meetings(scope), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "programme/forum/meetings.html",
        {"page": page, "may_record": scope.can(Permission.RUN_PARTNERSHIP_FORUM)},
    )


@staff_view(Permission.VIEW_PROGRAMME)
def meeting(request, meeting_id: int):
    scope = scope_for(request.user)
    page = queries.open_meeting(scope, meeting_id)
    return render(
        request,
        "programme/forum/meeting.html",
        {
            "page": page,
            "meeting": page.meeting,
            "lessons": lesson_queries.lessons_from_meeting(scope, page.meeting),
            "may_record": scope.can(Permission.RUN_PARTNERSHIP_FORUM),
        },
    )


@staff_view(Permission.RUN_PARTNERSHIP_FORUM)
def new_meeting(request):
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = actions.create_meeting(actor=request.user, details=form.details())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Forum meeting recorded")
            return redirect("programme:forum-meeting", created.pk)
    return render(request, "programme/forum/meeting_form.html", {"form": form, "meeting": None})


@staff_view(Permission.RUN_PARTNERSHIP_FORUM)
def edit_meeting(request, meeting_id: int):
    """Edit a meeting's record. If someone else saved it since this form was opened, refuse, say
    what they changed, and keep what this person typed."""
    scope = scope_for(request.user)
    found = queries.meeting_or_404(scope, meeting_id)
    conflict = None
    if request.method == "POST":
        form = MeetingForm(request.POST)
        if form.is_valid():
            try:
                actions.edit_meeting(
                    actor=request.user,
                    meeting=found,
                    expected_version=form.cleaned_data["version"] or 0,
                    details=form.details(),
                )
            except actions.MeetingConflict as error:
                conflict = error
                form = form_after_conflict(MeetingForm, request.POST, error, then=KEEP_TYPING)
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                messages.success(request, "Forum meeting updated")
                return redirect("programme:forum-meeting", found.pk)
    else:
        form = MeetingForm(initial=MeetingForm.initial_for(found))
    return render(
        request,
        "programme/forum/meeting_form.html",
        {"form": form, "meeting": found, "conflict": conflict},
    )


@staff_view(Permission.RUN_PARTNERSHIP_FORUM)
def add_attendee(request, meeting_id: int):
    scope = scope_for(request.user)
    found = queries.meeting_or_404(scope, meeting_id)
    form = AttendeeForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        try:
            attendee = actions.add_attendee(actor=request.user, meeting=found, **form.attendee())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"{attendee.person or attendee.name} added for {attendee.agency.name}")
            if "add_another" in request.POST:
                return redirect("programme:forum-add-attendee", found.pk)
            return redirect("programme:forum-meeting", found.pk)
    return render(request, "programme/forum/attendee_form.html", {"form": form, "meeting": found})


@staff_view(Permission.RUN_PARTNERSHIP_FORUM)
def add_action(request, meeting_id: int):
    scope = scope_for(request.user)
    found = queries.meeting_or_404(scope, meeting_id)
    form = ActionForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_action(actor=request.user, meeting=found, **form.action())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Action added")
            return redirect("programme:forum-meeting", found.pk)
    return render(request, "programme/forum/action_form.html", {"form": form, "meeting": found})


@staff_view(Permission.USE_STAFF_AREA)
def action(request, action_id: int):
    """One action: for those following the forum, and for its owner (from their home page)."""
    scope = scope_for(request.user)
    found = queries.action_for(scope, action_id)
    return render(
        request,
        "programme/forum/action.html",
        {
            "action": found,
            "may_mark_done": actions.may_mark_done(scope, found),
            "may_open_meeting": queries.may_open_meeting(scope),
        },
    )


@staff_view(Permission.USE_STAFF_AREA)
@require_POST
def mark_done(request, action_id: int):
    found = queries.action_for(scope_for(request.user), action_id)
    try:
        actions.mark_action_done(actor=request.user, action=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Action marked as done")
    return redirect("programme:forum-action", found.pk)
