"""Public statistics, no sign-in: the latest edition, each edition by quarter and revision, the
methodology, CSV and JSON downloads of each table, and the archive. Only published editions exist
here: a draft, or an edition awaiting approval, answers 404. Everything shown is the frozen,
disclosure-controlled content of the edition, whoever asks."""

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from commonground.insights import presentation, published_words
from commonground.insights.queries import editions as queries


def _chart_words() -> presentation.ChartWords:
    # Translated when the page is drawn, in the reader's language; the figures are the same in all.
    return presentation.ChartWords(
        hate_incidents=_("Hate incidents"),
        by_borough=_("Hate incidents by borough, {period}"),
        by_borough_desc=_("Rounded to the nearest 5; suppressed figures are shown as no data."),
        borough=_("Borough"),
        by_month=_("Hate incidents by month, {period}"),
        by_month_desc=_("Rounded to the nearest 5."),
        month=_("Month"),
    )


def _suppression_note() -> str:
    return _(
        "[c] marks a figure suppressed to protect confidentiality: a small count, or one from which a small "
        "count could be worked out. Counts are rounded to the nearest 5, and totals are rounded from their "
        "true values, so they may not equal the sum of their parts."
    )


def _edition_context(request, edition) -> dict:
    newest = queries.newest_revision_of(edition)
    tables = queries.tables_of(edition)
    # The edition stores its titles and headings in English; the page shows them in the reader's
    # language, while the downloads and the API keep them as published.
    words = published_words.translated_table_words()
    return {
        "edition": edition,
        "newest": newest if newest.pk != edition.pk else None,
        "headlines": [{**h, "label": words.get(h["label"], h["label"])} for h in edition.headlines],
        "charts": presentation.edition_charts(
            tables, period_label=edition.quarter_label, words=_chart_words()
        ),
        "tables": [presentation.display_table(t, words) for t in tables],
        "suppression_note": _suppression_note(),
        "licence_name": presentation.LICENCE_NAME,
        "licence_url": presentation.LICENCE_URL,
    }


@require_safe
def latest(request):
    edition = queries.latest_published()
    context = _edition_context(request, edition) if edition else {"edition": None}
    return render(request, "insights/public/latest.html", context)


@require_safe
def archive(request):
    return render(request, "insights/public/archive.html", {"editions": queries.published_editions()})


@require_safe
def methodology(request):
    return render(request, "insights/public/methodology.html", {"latest": queries.latest_published()})


@require_safe
def edition(request, slug: str, revision: int | None = None):
    found = queries.published_edition_or_404(slug, revision)
    return render(request, "insights/public/edition.html", _edition_context(request, found))


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def table_csv(request, slug: str, revision: int, table: str):
    found = queries.published_edition_or_404(slug, revision)
    frozen = queries.table_of_or_404(found, table)
    url = request.build_absolute_uri(
        reverse("insights:public-edition-revision", kwargs={"slug": found.slug, "revision": found.revision})
    )
    text = presentation.table_csv(
        table=frozen, edition_label=found.quarter_label, revision=found.revision, edition_url=url
    )
    filename = f"{found.slug}-revision-{found.revision}-{frozen['name']}.csv"
    return _download(text.encode("utf-8"), "text/csv; charset=utf-8", filename)


@require_safe
def table_json(request, slug: str, revision: int, table: str):
    found = queries.published_edition_or_404(slug, revision)
    frozen = queries.table_of_or_404(found, table)
    document = presentation.table_json(table=frozen, edition=presentation.edition_summary(found))
    filename = f"{found.slug}-revision-{found.revision}-{frozen['name']}.json"
    content = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    return _download(content, "application/json", filename)
