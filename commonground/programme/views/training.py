"""Staff pages of front-line training: sessions, recording attendance, a person's training record
and certificate, coverage, and importing a trainer's attendance file."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.programme.actions import training as actions
from commonground.programme.actions.training_import import ImportRefused, import_attendance
from commonground.programme.forms.training import AttendanceForm, ImportForm, SessionForm
from commonground.programme.queries import training as queries
from commonground.programme.queries.training_coverage import training_coverage
from commonground.programme.training_import import FileRefused

STAFF = Permission.USE_STAFF_AREA
LEAD = Permission.LEAD_AGENCY_TRAINING


@staff_view(STAFF)
def session_list(request):
    scope = scope_for(request.user)
    past = Paginator(queries.sessions(scope, upcoming=False), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "programme/training/sessions.html",
        {
            "upcoming": queries.sessions(scope, upcoming=True)[:100],
            "past": past,
            "is_lead": queries.is_training_lead(scope),
        },
    )


@staff_view(LEAD)
def new_session(request):
    scope = scope_for(request.user)
    form = SessionForm(
        request.POST or None, courses=queries.courses(), trainers=queries.people_of_lead_agency(scope)
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = actions.add_session(actor=request.user, details=form.details())
        except ValidationError as error:
            add_action_errors(form, error, form.ACTION_FIELDS)
        else:
            messages.success(request, f"Session added: {session}")
            return redirect("programme:training-session", session.pk)
    return render(request, "programme/training/new_session.html", {"form": form})


@staff_view(STAFF)
def session(request, session_id: int):
    scope = scope_for(request.user)
    training_session = queries.open_session(scope, session_id)
    return render(
        request,
        "programme/training/session.html",
        {
            "session": training_session,
            "attendances": queries.session_attendances(scope, training_session),
            "may_record": queries.may_record_attendance(scope, training_session),
        },
    )


@staff_view(LEAD)
def record_attendance(request, session_id: int):
    scope = scope_for(request.user)
    training_session = queries.open_session(scope, session_id)
    form = AttendanceForm(request.POST or None, people=queries.people_of_lead_agency(scope))
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_attendance(
                actor=request.user,
                session_id=training_session.pk,
                person_id=form.cleaned_data["person"].pk,
                status=form.cleaned_data["status"],
                completed_on=form.cleaned_data["completed_on"],
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Attendance recorded")
            return redirect("programme:training-session", training_session.pk)
    return render(
        request, "programme/training/record_attendance.html", {"session": training_session, "form": form}
    )


def _record_page(request, person):
    scope = scope_for(request.user)
    return render(
        request,
        "programme/training/record.html",
        {
            "record": queries.training_record(scope, person),
            "own": person.pk == request.user.pk,
            "is_lead": queries.is_training_lead(scope),
        },
    )


@staff_view(STAFF)
def my_record(request):
    return _record_page(request, request.user)


@staff_view(STAFF)
def person_record(request, user_id: int):
    return _record_page(request, queries.person_to_read(scope_for(request.user), user_id))


@staff_view(LEAD)
@require_POST
def front_line(request, user_id: int):
    counts = request.POST.get("front_line") == "yes"
    if actions.mark_front_line(actor=request.user, person_id=user_id, front_line=counts):
        messages.success(
            request, "Counted as front-line staff" if counts else "No longer counted as front-line staff"
        )
    return redirect("programme:training-person", user_id)


@staff_view(STAFF)
def certificate(request, attendance_id: int):
    filename, document = actions.certificate_pdf(actor=request.user, attendance_id=attendance_id)
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_view(STAFF)
def coverage(request):
    return render(
        request, "programme/training/coverage.html", {"coverage": training_coverage(scope_for(request.user))}
    )


@staff_view(LEAD)
def import_file(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            result = import_attendance(actor=request.user, data=form.cleaned_data["file"].read())
        except FileRefused as refused:
            form.add_error("file", str(refused))
        except ImportRefused as refused:
            problems = refused.problems
            form.add_error("file", f"{len(problems)} rows need correcting: nothing was saved")
        else:
            messages.success(request, f"Attendance imported: {result.created} new, {result.updated} updated")
            return redirect("programme:training-sessions")
    return render(request, "programme/training/import.html", {"form": form, "problems": problems})
