"""An edition's frozen content as people and programs read it: GOV.UK tables, SVG charts, CSV and
JSON downloads (pure: takes what the edition stores, reads nothing else).

Everything here starts from the disclosure-controlled tables frozen in the edition, so a page, a
download, the API and the quarterly PDF all show the same figures. Suppressed entries are `None`
in the stored tables: "[c]" in tables and CSV, `null` with a marker in JSON.
"""

import csv
import io
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from commonground.core.charts import BarSeries, Chart, Series, bar_chart, line_chart
from commonground.core.charts.bars import NO_VALUE
from commonground.insights.disclosure import SUPPRESSED

LICENCE_NAME = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
ATTRIBUTION = (
    "Source: the Common Ground partnership. Contains public sector information licensed under the "
    + (f"{LICENCE_NAME}.")
)
SUPPRESSION_NOTE = (
    "[c] marks a figure suppressed to protect confidentiality: a small count, or one from which a small "
    "count could be worked out. Counts are rounded to the nearest 5, and totals are rounded from their "
    "true values, so they may not equal the sum of their parts."
)
# Characters that make a spreadsheet read a cell as a formula (or a DDE command, "|"), compared after
# NFKC normalisation so that full-width forms (U+FF1D "=", U+FF0B "+" and so on) count too. Spreadsheets skip
# leading spaces before a formula, so the first character after any whitespace is the one checked.
FORMULA_START = frozenset("=+-@|\u2212")
# Control characters that end or split a cell in some spreadsheets when they come first.
CELL_BREAKING_START = ("\t", "\r", "\n")


def display(value: Any) -> str:
    if value is None:
        return SUPPRESSED
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


@dataclass(frozen=True)
class DisplayTable:
    name: str
    caption: str
    description: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    withheld: bool
    note: str


def display_table(table: dict, words: Mapping[str, str] | None = None) -> DisplayTable:
    """The table for a page. `words` maps the stored English titles and headings to the reader's
    language; a stored word it does not list (a borough, a month) is shown as it is."""
    words = words or {}

    def say(text: str) -> str:
        return words.get(text, text)

    rows = tuple(
        (say(label), *(display(v) for v in values))
        for label, values in zip(table["rows"], table["cells"], strict=True)
    )
    return DisplayTable(
        name=table["name"],
        caption=say(table["title"]),
        description=say(table["description"]),
        headers=(say(table["row_header"]), *(say(c) for c in table["columns"])),
        rows=rows,
        withheld=table["withheld"],
        note=say(table["note"]),
    )


def _find(tables: list[dict], name: str) -> dict | None:
    return next((t for t in tables if t["name"] == name and not t["withheld"]), None)


def _without_total(table: dict) -> tuple[list[str], list[Any]]:
    pairs = [(r, c[0]) for r, c in zip(table["rows"], table["cells"], strict=True) if r != "Total"]
    return [r for r, _ in pairs], [v for _, v in pairs]


@dataclass(frozen=True)
class ChartWords:
    """The words on the charts, in English unless the caller passes them translated."""

    hate_incidents: str = "Hate incidents"
    by_borough: str = "Hate incidents by borough, {period}"
    by_borough_desc: str = "Rounded to the nearest 5; suppressed figures are shown as no data."
    borough: str = "Borough"
    by_month: str = "Hate incidents by month, {period}"
    by_month_desc: str = "Rounded to the nearest 5."
    month: str = "Month"


def edition_charts(tables: list[dict], *, period_label: str, words: ChartWords | None = None) -> list[Chart]:
    """The bar chart of incidents by borough and the line by month, each with its table."""
    words = words or ChartWords()
    charts = []
    by_borough = _find(tables, "hate-incidents-by-borough")
    if by_borough:
        boroughs, values = _without_total(by_borough)
        charts.append(
            bar_chart(
                boroughs,
                [BarSeries(words.hate_incidents, values)],
                title=words.by_borough.format(period=period_label),
                desc=words.by_borough_desc,
                category_label=words.borough,
                value_label=words.hate_incidents,
                horizontal=True,
                chart_id="incidents-by-borough",
            )
        )
    by_month = _find(tables, "hate-incidents-by-month")
    if by_month:
        months, values = _without_total(by_month)
        points = [
            (datetime.strptime(label, "%B %Y").date(), value)
            for label, value in zip(months, values, strict=True)
        ]
        charts.append(
            line_chart(
                [Series(words.hate_incidents, points)],
                title=words.by_month.format(period=period_label),
                desc=words.by_month_desc,
                x_label=words.month,
                y_label=words.hate_incidents,
                chart_id="incidents-by-month",
            )
        )
    return [_marked_suppressed(chart) for chart in charts]


def _marked_suppressed(chart: Chart) -> Chart:
    """The chart's table with a suppressed value shown as [c], as in every other table."""
    rows = tuple(tuple(SUPPRESSED if cell == NO_VALUE else cell for cell in row) for row in chart.table.rows)
    return replace(chart, table=replace(chart.table, rows=rows))


# --- Downloads -------------------------------------------------------------------------------------


def starts_like_formula(text: str) -> bool:
    if text.startswith(CELL_BREAKING_START):
        return True
    first = text.lstrip()[:1]
    return bool(first) and unicodedata.normalize("NFKC", first)[:1] in FORMULA_START


def safe_cell(value: Any) -> str:
    """A CSV cell a spreadsheet will not run: text starting like a formula gets an apostrophe."""
    text = SUPPRESSED if value is None else str(value)
    return "'" + text if starts_like_formula(text) else text


def table_csv(*, table: dict, edition_label: str, revision: int, edition_url: str) -> str:
    """The table as CSV, after comment lines naming the edition, the licence and the attribution."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    # Comment lines, written as they are: a "#" never starts a formula, and quoting them would hide
    # the "#" from tools that skip comments.
    for line in (
        f"# {table['title']}. Common Ground statistics, {edition_label}, revision {revision}.",
        f"# {ATTRIBUTION} {LICENCE_URL}",
        f"# {SUPPRESSION_NOTE}",
        f"# Edition: {edition_url}",
    ):
        out.write(" ".join(line.split()) + "\r\n")
    if table["withheld"]:
        writer.writerow([safe_cell(table["note"])])
        return out.getvalue()
    writer.writerow([safe_cell(h) for h in (table["row_header"], *table["columns"])])
    for label, values in zip(table["rows"], table["cells"], strict=True):
        writer.writerow([safe_cell(label), *(safe_cell(v) for v in values)])
    return out.getvalue()


def table_json(*, table: dict, edition: dict) -> dict:
    """The table as open data: licence, edition and revision, and each suppressed entry marked."""
    rows = []
    for label, values in zip(table["rows"], table["cells"], strict=True):
        rows.append(
            {
                "label": label,
                "values": [
                    {"column": column, "value": value, "suppressed": value is None}
                    for column, value in zip(table["columns"], values, strict=True)
                ],
            }
        )
    return {
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL, "attribution": ATTRIBUTION},
        "edition": edition,
        "table": {
            "name": table["name"],
            "title": table["title"],
            "description": table["description"],
            "kind": table["kind"],
            "row_header": table["row_header"],
            "columns": table["columns"],
            "withheld": table["withheld"],
            "note": table["note"],
            "suppression_marker": SUPPRESSED,
            "suppression_note": SUPPRESSION_NOTE,
            "rounding_base": table["policy"]["rounding_base"],
            "rows": rows,
        },
    }


def edition_summary(edition) -> dict:
    """What identifies an edition in downloads and the API."""
    return {
        "slug": edition.slug,
        "revision": edition.revision,
        "period": {"start": edition.period_start.isoformat(), "end": edition.period_end.isoformat()},
        "title": edition.quarter_label,
        "published_at": edition.published_at.isoformat() if edition.published_at else None,
        "content_sha256": edition.content_sha256,
        "correction_note": edition.correction_note,
    }
