"""Community grants as open data, no sign-in: a short page saying what is published and under
which licence, and the awarded grants as 360Giving JSON and CSV at stable addresses."""

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from commonground.grants.queries import open_data

JSON_FILENAME = "360giving-grants.json"
CSV_FILENAME = "360giving-grants.csv"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Open data: any site's scripts may read it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def about(request):
    return render(
        request,
        "grants/open_data/about.html",
        {
            "licence": open_data.licence(),
            "publisher": open_data.publisher(),
            "rounds": open_data.rounds_with_awards(),
        },
    )


@require_safe
def grants_json(request):
    content = json.dumps(open_data.package(), ensure_ascii=False, indent=2)
    return _download(content.encode("utf-8"), "application/json", JSON_FILENAME)


@require_safe
def grants_csv(request):
    # A byte order mark, so that spreadsheets read the names' accents as UTF-8.
    content = "\ufeff" + open_data.csv_text()
    return _download(content.encode("utf-8"), "text/csv; charset=utf-8", CSV_FILENAME)
