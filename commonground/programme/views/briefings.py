"""Briefings: the list (for me, and those I wrote), writing one, its preview and sending, opening
it (each opening audited, a receipt kept), its attachments, and the author's read receipts with
chasing. Out of the audience a briefing is "not found"."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.programme.actions import briefings as actions
from commonground.programme.forms.briefings import BriefingForm, ChaseForm
from commonground.programme.models import BriefingStatus
from commonground.programme.queries import briefings as queries


@staff_view(Permission.USE_STAFF_AREA)
def briefing_list(request):
    scope = scope_for(request.user)
    return render(
        request,
        "programme/briefings/list.html",
        {
            "for_me": list(queries.for_me(scope)),
            "written": list(queries.written_by_me(scope)) if scope.can(Permission.AUTHOR_BRIEFINGS) else [],
            "may_write": scope.can(Permission.AUTHOR_BRIEFINGS),
            "expired": list(queries.expired(scope)[:100]),
        },
    )


@staff_view(Permission.AUTHOR_BRIEFINGS)
def write_briefing(request):
    form = BriefingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            briefing = actions.write_briefing(actor=request.user, **form.briefing())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Briefing saved as a draft: check who it goes to, then send it")
            return redirect("programme:briefing-detail", briefing.pk)
    return render(request, "programme/briefings/write.html", {"form": form})


@staff_view(Permission.USE_STAFF_AREA)
def briefing(request, briefing_id: int):
    scope = scope_for(request.user)
    opened = queries.open_briefing(scope, briefing_id)
    actions.record_opened(actor=request.user, briefing=opened)
    is_author = opened.author_id == request.user.pk
    return render(
        request,
        "programme/briefings/briefing.html",
        {
            "briefing": opened,
            "attachments": queries.attachments_of(opened),
            "is_author": is_author,
            "is_draft": opened.status == BriefingStatus.DRAFT,
            "expired": opened.expires_at <= timezone.now(),
            "audience": queries.audience_of(opened) if is_author else None,
        },
    )


@staff_view(Permission.AUTHOR_BRIEFINGS)
@require_POST
def send_briefing(request, briefing_id: int):
    own = queries.briefing_for_author(scope_for(request.user), briefing_id)
    try:
        actions.send_briefing(actor=request.user, briefing=own)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Briefing sent: its audience has been told one is waiting for them")
    return redirect("programme:briefing-detail", own.pk)


@staff_view(Permission.USE_STAFF_AREA)
def attachment(request, briefing_id: int, attachment_id: int):
    """A briefing's file, after the same check as the briefing; each download audited."""
    attached = queries.open_attachment(scope_for(request.user), briefing_id, attachment_id)
    try:
        handle = attached.file.open("rb")
    except FileNotFoundError:
        raise Http404("Not found") from None
    extension = (attached.file.name or "").rsplit(".", 1)[-1]
    response = FileResponse(
        handle,
        content_type=attached.content_type,
        as_attachment=True,
        filename=f"briefing-{briefing_id}-attachment-{attached.pk}.{extension}",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_view(Permission.AUTHOR_BRIEFINGS)
def receipts(request, briefing_id: int):
    scope = scope_for(request.user)
    own = queries.briefing_for_author(scope, briefing_id)
    return render(
        request,
        "programme/briefings/receipts.html",
        {
            "briefing": own,
            "receipts": queries.receipts_of(scope, own),
            "expired": own.expires_at <= timezone.now(),
            "is_draft": own.status == BriefingStatus.DRAFT,
        },
    )


@staff_view(Permission.AUTHOR_BRIEFINGS)
@require_POST
def chase(request, briefing_id: int):
    own = queries.briefing_for_author(scope_for(request.user), briefing_id)
    form = ChaseForm(request.POST)
    if not form.is_valid():
        raise Http404("Not found")
    person = queries.audience_person(own, form.cleaned_data["person"])
    try:
        actions.chase_reader(actor=request.user, briefing=own, person=person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{person.get_full_name() or person.username} has been reminded")
    return redirect("programme:briefing-receipts", own.pk)
