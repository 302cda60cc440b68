"""The lessons library: searching and filtering it, a lesson's page, and writing or editing a
lesson (a stale edit refused with what changed, nothing typed lost)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors, form_after_conflict
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.programme.actions import lessons as actions
from commonground.programme.forms.lessons import LessonForm, LessonSearchForm
from commonground.programme.queries import lessons as queries

KEEP_TYPING = "What you typed is kept below: check their changes, then save again to replace them with yours."


@staff_view(Permission.USE_STAFF_AREA)
def lesson_list(request):
    scope = scope_for(request.user)
    form = LessonSearchForm(request.GET or None, scope=scope)
    search = form.search()
    page = queries.lessons_page(scope, **search, page_number=request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "programme/lessons/list.html",
        {
            "form": form,
            "page": page,
            "search": search,
            "query": query.urlencode(),
            "filtered": any(search.values()),
            "may_write": scope.can(Permission.RUN_PARTNERSHIP_FORUM),
        },
    )


@staff_view(Permission.USE_STAFF_AREA)
def lesson(request, lesson_id: int):
    scope = scope_for(request.user)
    found = queries.open_lesson(scope, lesson_id)
    return render(
        request,
        "programme/lessons/lesson.html",
        {
            "lesson": found,
            "may_edit": actions.may_edit(scope, found),
            "may_open_meeting": scope.can(Permission.VIEW_PROGRAMME),
        },
    )


@staff_view(Permission.RUN_PARTNERSHIP_FORUM)
def new_lesson(request):
    scope = scope_for(request.user)
    initial = {"readership": "partnership", "forum_meeting": request.GET.get("meeting", "")}
    form = LessonForm(request.POST or None, scope=scope, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            created = actions.create_lesson(actor=request.user, details=form.details())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Lesson added to the library")
            return redirect("programme:lesson-detail", created.pk)
    return render(request, "programme/lessons/lesson_form.html", {"form": form, "lesson": None})


@staff_view(Permission.USE_STAFF_AREA)
def edit_lesson(request, lesson_id: int):
    scope = scope_for(request.user)
    opened = queries.open_lesson if request.method == "GET" else queries.lesson_or_404
    found = opened(scope, lesson_id)
    if not actions.may_edit(scope, found):
        raise PermissionDenied("Only the lesson's author or someone who runs the forum can change it.")
    conflict = None
    if request.method == "POST":
        form = LessonForm(request.POST, scope=scope)
        if form.is_valid():
            try:
                actions.edit_lesson(
                    actor=request.user,
                    lesson=found,
                    expected_version=form.cleaned_data["version"] or 0,
                    details=form.details(),
                )
            except actions.LessonConflict as error:
                conflict = error
                form = form_after_conflict(LessonForm, request.POST, error, then=KEEP_TYPING, scope=scope)
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                messages.success(request, "Lesson updated")
                return redirect("programme:lesson-detail", found.pk)
    else:
        form = LessonForm(initial=LessonForm.initial_for(found), scope=scope)
    return render(
        request, "programme/lessons/lesson_form.html", {"form": form, "lesson": found, "conflict": conflict}
    )
