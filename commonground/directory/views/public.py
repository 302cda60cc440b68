"""The public finders: a start page, a finder per kind (search by postcode or borough, filters,
the list and its map) and each entry's page. Adapters only: reads in queries/finder.py, wording in
presentation.py."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from commonground.directory import presentation
from commonground.directory.forms.finder import FinderForm
from commonground.directory.queries import finder as queries


def _finder(slug: str) -> presentation.Finder:
    found = presentation.FINDERS.get(slug)
    if found is None:
        raise Http404("No such finder")
    return found


@require_safe
def start(request):
    return render(request, "directory/public/start.html", {"finders": presentation.FINDERS.values()})


@require_safe
def search(request, finder: str):
    kind = _finder(finder)
    boroughs = queries.boroughs()
    form = FinderForm(request.GET or None, boroughs=boroughs, languages=queries.languages())
    context = {"finder": kind, "form": form, "boroughs": boroughs, "results": None}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        point = queries.postcode_point(data["postcode"]) if data["postcode"] else None
        if data["postcode"] and point is None:
            form.postcode_not_known()
        else:
            now = timezone.now()
            found = queries.find(
                queries.Search(
                    kind=kind.kind,
                    point=point,
                    borough_code="" if point is not None else data["borough"],
                    open_at=now if data["open_now"] else None,
                    language_code=data["language"],
                    step_free=data["step_free"],
                )
            )
            results = presentation.results(found.shown, now)
            context |= {
                "results": results,
                "total": found.total,
                "by_postcode": point is not None,
                "chosen_borough": next((b for b in boroughs if b.code == data["borough"]), None),
                "map": presentation.results_map(
                    boroughs,
                    results,
                    point=point,
                    postcode=data["postcode"],
                    borough_code="" if point is not None else data["borough"],
                ),
            }
    return render(request, "directory/public/search.html", context)


@require_safe
def entry(request, finder: str, entry_id: int):
    kind = _finder(finder)
    shown = queries.public_entry(kind.kind, entry_id)
    if shown is None:
        raise Http404("No such place")
    return render(
        request,
        "directory/public/entry.html",
        {"finder": kind, "entry": shown, **presentation.entry_page(shown, timezone.now())},
    )
