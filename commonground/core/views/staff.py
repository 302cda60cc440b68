from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from commonground.core import queries, waiting, work_links
from commonground.core.access import scope_for
from commonground.core.forms import AuditSearchForm, PeopleSearchForm
from commonground.core.roles import Permission


def staff_view(permission: Permission):
    """Signed in, and holding `permission`; otherwise 403 (the page exists for staff, so no leak)."""

    def decorate(view):
        @login_required
        def wrapped(request, *args, **kwargs):
            scope_for(request.user).require(permission)
            return view(request, *args, **kwargs)

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return wrapped

    return decorate


@staff_view(Permission.USE_STAFF_AREA)
def home(request):
    scope = scope_for(request.user)
    return render(
        request,
        "core/staff_home.html",
        {
            "waiting": waiting.waiting_for(scope),
            "work": work_links.work_for(scope),
            "roles": queries.roles_of(request.user),
            "boroughs": queries.boroughs_in_scope(scope),
            "scope": scope,
        },
    )


@staff_view(Permission.VIEW_STAFF_DIRECTORY)
def people(request):
    scope = scope_for(request.user)
    form = PeopleSearchForm(request.GET or None)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(queries.staff_visible_to(scope, search=search), 50).get_page(request.GET.get("page"))
    return render(request, "core/people.html", {"form": form, "page": page, "search": search})


@staff_view(Permission.VIEW_STAFF_DIRECTORY)
def person(request, user_id: int):
    person = queries.open_staff_record(scope_for(request.user), user_id)
    return render(request, "core/person.html", {"person": person, "roles": queries.roles_of(person)})


@staff_view(Permission.VIEW_AREAS)
def areas(request):
    boroughs = queries.areas_listing(scope_for(request.user))
    return render(request, "core/areas.html", {"boroughs": boroughs})


@staff_view(Permission.VIEW_AREAS)
def area(request, code: str):
    scope = scope_for(request.user)
    area = queries.area_by_code(scope, code)
    return render(
        request,
        "core/area.html",
        {
            "area": area,
            "children": queries.areas_listing(scope, parent_code=area.code),
            "figures": queries.population_figures_of(area, ordered=True),
        },
    )


@staff_view(Permission.SEARCH_AUDIT_TRAIL)
def audit_search(request):
    scope = scope_for(request.user)
    form = AuditSearchForm(request.GET or None)
    page = None
    if form.is_bound and form.is_valid():
        queries.record_audit_search(scope, form.cleaned_data)
        events = queries.audit_search_results(scope, **form.cleaned_data)
        page = Paginator(events, 50).get_page(request.GET.get("page"))
    elif not form.is_bound:
        queries.record_audit_search(scope, {})
        page = Paginator(queries.audit_search_results(scope), 50).get_page(1)
    return render(request, "core/audit_search.html", {"form": form, "page": page})
