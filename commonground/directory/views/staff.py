"""The staff pages of the directories, under /staff/directory/: the list with its filters, adding
and editing an entry, withdrawing and publishing it again, its page with the audit history,
recording an audit, and marking an audit's action done."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from commonground.core.access import scope_for
from commonground.core.conflicts import ConflictError
from commonground.core.form_helpers import add_action_errors, form_after_conflict
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.directory.actions import audits as audit_actions
from commonground.directory.actions import entries as entry_actions
from commonground.directory.forms.audits import AuditForm
from commonground.directory.forms.entries import EntryForm, FilterForm, WithdrawForm
from commonground.directory.queries import staff as queries
from commonground.directory.scoping import keeps_the_directory

MANAGE = Permission.MANAGE_DIRECTORY
AUDIT = Permission.AUDIT_DIRECTORY_ENTRIES


def directory_view(view):
    """Signed in, and keeping or auditing the directories; otherwise 403."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not keeps_the_directory(scope_for(request.user)):
            raise PermissionDenied("This needs a permission to keep or audit the directories.")
        return view(request, *args, **kwargs)

    return wrapped


@directory_view
def entry_list(request):
    scope = scope_for(request.user)
    filters = FilterForm(request.GET or None, scope=scope)
    rows = queries.entries(scope, filters.filters())
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    listed = [(entry, queries.status_of(entry)) for entry in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directory/staff/list.html",
        {
            "filters": filters,
            "page": page,
            "listed": listed,
            "query": query.urlencode(),
            "may_manage": entry_actions.may_manage(scope),
        },
    )


def _entry_form_page(request, form, *, title: str, back: str, conflict=None):
    return render(
        request,
        "directory/staff/entry_form.html",
        {"form": form, "title": title, "back": back, "conflict": conflict},
    )


# The action names the opening hours as one field; the form shows them above the form.
_ALIASES = {"opening_hours": "__all__"}


@staff_view(MANAGE)
def new_entry(request):
    form = EntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = entry_actions.add_entry(actor=request.user, details=form.details())
        except ValidationError as error:
            add_action_errors(form, error, _ALIASES)
        else:
            messages.success(
                request,
                "Entry added. It is hidden from the public until an audit finds it meets the standard",
            )
            return redirect("directory:staff-entry", entry.pk)
    return _entry_form_page(
        request, form, title="Add a reporting centre or meeting space", back=reverse("directory:staff-list")
    )


@staff_view(MANAGE)
def edit_entry(request, entry_id: int):
    scope = scope_for(request.user)
    entry = queries.entry_or_404(scope, entry_id)
    back = reverse("directory:staff-entry", args=[entry.pk])
    form = EntryForm(request.POST or None, entry=entry)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            entry_actions.edit_entry(
                actor=request.user,
                entry=entry,
                expected_version=form.cleaned_data["version"] or 0,
                details=form.details(),
            )
        except ConflictError as error:
            conflict = error
            form = form_after_conflict(
                EntryForm,
                request.POST,
                error,
                then="Check their changes, then save again to replace them with yours",
            )
        except ValidationError as error:
            add_action_errors(form, error, _ALIASES)
        else:
            messages.success(request, "Entry saved")
            return redirect("directory:staff-entry", entry.pk)
    return _entry_form_page(request, form, title=f"Edit {entry}", back=back, conflict=conflict)


@directory_view
def entry(request, entry_id: int):
    page = queries.open_entry(scope_for(request.user), entry_id)
    return render(request, "directory/staff/entry.html", {"page": page, "entry": page.entry})


@staff_view(MANAGE)
def withdraw_entry(request, entry_id: int):
    found = queries.entry_or_404(scope_for(request.user), entry_id)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry_actions.set_published(
                actor=request.user, entry=found, published=False, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Entry withdrawn: it is hidden from the public")
            return redirect("directory:staff-entry", found.pk)
    return render(
        request,
        "directory/staff/withdraw.html",
        {"form": form, "entry": found, "back": reverse("directory:staff-entry", args=[found.pk])},
    )


@staff_view(MANAGE)
@require_POST
def publish_entry(request, entry_id: int):
    found = queries.entry_or_404(scope_for(request.user), entry_id)
    entry_actions.set_published(actor=request.user, entry=found, published=True)
    messages.success(
        request, "Entry published again. The public sees it while its latest audit meets the standard"
    )
    return redirect("directory:staff-entry", found.pk)


@staff_view(AUDIT)
def record_audit(request, entry_id: int):
    found = queries.entry_or_404(scope_for(request.user), entry_id)
    form = AuditForm(request.POST or None, checklist=queries.checklist(found))
    if request.method == "POST" and form.is_valid():
        try:
            audit_actions.record_audit(
                actor=request.user,
                entry=found,
                audited_on=form.cleaned_data["audited_on"],
                result=form.cleaned_data["result"],
                summary=form.cleaned_data["summary"],
                findings=form.findings(),
                actions=form.actions(),
            )
        except ValidationError as error:
            add_action_errors(form, error, {"findings": "__all__", "actions": "action_0_description"})
        else:
            messages.success(request, "Audit recorded")
            return redirect("directory:staff-entry", found.pk)
    return render(
        request,
        "directory/staff/audit_form.html",
        {"form": form, "entry": found, "back": reverse("directory:staff-entry", args=[found.pk])},
    )


@staff_view(AUDIT)
@require_POST
def action_done(request, action_id: int):
    found = queries.action_or_404(scope_for(request.user), action_id)
    try:
        audit_actions.mark_action_done(actor=request.user, action=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Action marked as done")
    return redirect("directory:staff-entry", found.audit.entry_id)
