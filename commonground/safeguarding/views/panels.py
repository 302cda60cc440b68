"""Staff pages of the multi-agency panel: the coordinator's meetings (agenda, attendance, each
item's factor discussion and decision), the panel member's "Your panels" and case summaries, and
the attendance report. Thin adapters: parse the form, call one query or action, render."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.safeguarding import panel_rules, queries, workflow
from commonground.safeguarding.actions import panels as actions
from commonground.safeguarding.forms.panels import (
    AddToAgendaForm,
    AttendanceForm,
    AttendanceReportForm,
    DecisionForm,
    FactorDiscussionForm,
    NewMeetingForm,
)

# --- Pages -----------------------------------------------------------------------------------------


@staff_view(Permission.USE_STAFF_AREA)
def panels(request):
    """Coordinators: the meetings of their boroughs. Panel members: "Your panels"."""
    scope = scope_for(request.user)
    is_coordinator = scope.can(Permission.MANAGE_CASES)
    is_member = scope.can(Permission.VIEW_PANEL_CASES)
    if not (is_coordinator or is_member):
        raise PermissionDenied("This needs the permission to manage cases or sit on panels.")
    return render(
        request,
        "safeguarding/panels/index.html",
        {
            "meetings": queries.meetings_coordinated_by(scope) if is_coordinator else None,
            "your_panels": queries.your_panels(scope) if is_member else None,
            "can_report": queries.can_read_attendance_report(scope),
        },
    )


@staff_view(Permission.MANAGE_CASES)
def new_panel(request):
    scope = scope_for(request.user)
    form = NewMeetingForm(
        request.POST or None,
        boroughs=queries.boroughs_for_meetings(scope),
        people=queries.people_for_boroughs(scope),
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = actions.create_panel_meeting(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Panel meeting created")
            return redirect("safeguarding:panel", meeting.pk)
    return render(request, "safeguarding/panels/new.html", {"form": form})


def _meeting_page(request, meeting_id: int, *, agenda_form=None, attendance_form=None):
    scope = scope_for(request.user)
    page = queries.open_meeting(scope, meeting_id)
    meeting = page.meeting
    agenda_form = agenda_form or AddToAgendaForm(referrals=page.referrals_to_add)
    agenda_form.offer_only(page.referrals_to_add)
    attendance_form = attendance_form or AttendanceForm(
        agencies=queries.agencies_serving(meeting.borough),
        people=queries.people_for_panel(scope, meeting.borough),
    )
    return render(
        request,
        "safeguarding/panels/meeting.html",
        {
            "meeting": meeting,
            "agenda_form": agenda_form,
            "attendance_form": attendance_form,
            "has_errors": bool(agenda_form.errors or attendance_form.errors),
            "prepared_packs": queries.prepared_panel_packs(scope, meeting_id),
        },
    )


@staff_view(Permission.MANAGE_CASES)
def panel(request, meeting_id: int):
    return _meeting_page(request, meeting_id)


@staff_view(Permission.MANAGE_CASES)
@require_POST
def add_to_agenda(request, meeting_id: int):
    scope = scope_for(request.user)
    meeting = queries.meeting_for(scope, meeting_id)
    # Any referral in scope may be chosen here; the action refuses another borough's by name.
    form = AddToAgendaForm(request.POST, referrals=queries.referrals_visible_to(scope))
    if form.is_valid():
        try:
            actions.add_to_agenda(actor=request.user, meeting=meeting, referral=form.cleaned_data["referral"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Referral added to the agenda")
            return redirect("safeguarding:panel", meeting.pk)
    return _meeting_page(request, meeting_id, agenda_form=form)


@staff_view(Permission.MANAGE_CASES)
@require_POST
def record_attendance(request, meeting_id: int):
    scope = scope_for(request.user)
    meeting = queries.meeting_for(scope, meeting_id)
    # Every active agency may be named; the action refuses one that does not serve the borough.
    form = AttendanceForm(
        request.POST,
        agencies=queries.active_agencies(),
        people=queries.people_for_panel(scope, meeting.borough),
    )
    if form.is_valid():
        try:
            actions.record_attendance(actor=request.user, meeting=meeting, details=form.details())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Attendance recorded")
            return redirect("safeguarding:panel", meeting.pk)
    return _meeting_page(request, meeting_id, attendance_form=form)


def _item_page(request, meeting_id: int, item_id: int, *, factor_form=None, decision_form=None):
    scope = scope_for(request.user)
    item = queries.open_agenda_item(scope, meeting_id, item_id)
    groups = queries.factor_discussion_of(scope, item)
    factor_form = factor_form or FactorDiscussionForm(groups=groups)
    decision_form = decision_form or DecisionForm()
    return render(
        request,
        "safeguarding/panels/item.html",
        {
            "item": item,
            "meeting": item.meeting,
            "referral": item.referral,
            "decision": queries.decision_of(scope, item),
            "decision_waits": _why_no_decision_yet(item),
            "factor_form": factor_form,
            "factor_groups": groups,
            "decision_form": decision_form,
            "has_errors": bool(factor_form.errors or decision_form.errors),
        },
    )


def _why_no_decision_yet(item) -> str:
    """Why the decision form is not offered (the action refuses these too), or an empty string."""
    referral = item.referral
    if not workflow.allowed(referral.status, "panel"):
        return workflow.refusal(referral.status, workflow.PANEL_ADOPT)
    return panel_rules.decision_date_error(
        item.meeting.meets_on,
        received_on=timezone.localdate(referral.received_at),
        today=timezone.localdate(),
    )


@staff_view(Permission.MANAGE_CASES)
def agenda_item(request, meeting_id: int, item_id: int):
    return _item_page(request, meeting_id, item_id)


@staff_view(Permission.MANAGE_CASES)
@require_POST
def record_factor_discussion(request, meeting_id: int, item_id: int):
    scope = scope_for(request.user)
    item = queries.agenda_item_for(scope, meeting_id, item_id)
    form = FactorDiscussionForm(request.POST, groups=queries.factor_discussion_of(scope, item))
    if form.is_valid():
        try:
            actions.record_factor_discussion(
                actor=request.user, agenda_item=item, judgements=form.judgements()
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Factor discussion recorded")
            return redirect("safeguarding:agenda-item", meeting_id, item_id)
    return _item_page(request, meeting_id, item_id, factor_form=form)


@staff_view(Permission.MANAGE_CASES)
@require_POST
def record_panel_decision(request, meeting_id: int, item_id: int):
    scope = scope_for(request.user)
    item = queries.agenda_item_for(scope, meeting_id, item_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            actions.record_panel_decision(actor=request.user, agenda_item=item, details=form.details())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Panel decision recorded")
            return redirect("safeguarding:panel", meeting_id)
    return _item_page(request, meeting_id, item_id, decision_form=form)


@staff_view(Permission.VIEW_PANEL_CASES)
def panel_case(request, meeting_id: int, referral_id: int):
    """A case on the agenda of a panel this member attends; 404 otherwise, and once it is closed."""
    case = queries.open_panel_case(scope_for(request.user), meeting_id, referral_id)
    return render(request, "safeguarding/panels/case.html", {"case": case})


@staff_view(Permission.USE_STAFF_AREA)
def attendance_report(request):
    scope = scope_for(request.user)
    if not queries.can_read_attendance_report(scope):
        raise PermissionDenied("This needs the permission to manage cases or search the audit trail.")
    form = AttendanceReportForm(request.GET or None, boroughs=queries.boroughs_for_meetings(scope))
    report = None
    period: tuple[date, date] | None = None
    if not form.is_bound:
        period = (form.default_from, form.default_to)
        report = queries.attendance_report(scope, date_from=period[0], date_to=period[1])
    elif form.is_valid():
        data = form.cleaned_data
        period = (data["date_from"], data["date_to"])
        report = queries.attendance_report(
            scope, date_from=data["date_from"], date_to=data["date_to"], borough=data["borough"]
        )
    return render(
        request, "safeguarding/panels/attendance.html", {"form": form, "report": report, "period": period}
    )
