"""The quarterly report as a PDF, for the combined authority and the Home Office.

Built only from the edition's frozen figures (the same ones the public pages show), with its charts
as inline SVG. The figures are public, so every page is marked OFFICIAL. `core.pdf.pdf_from_html`
renders it and never makes an outside request. Producing the report is audited by
`queries.editions.edition_for_quarterly_report`.
"""

from datetime import datetime

from django.template.loader import render_to_string

from commonground.core.pdf import pdf_from_html
from commonground.insights import presentation
from commonground.insights.models import StatisticsEdition
from commonground.insights.queries import editions

PROTECTIVE_MARKING = "OFFICIAL"
TEMPLATE = "insights/editions/quarterly_report.html"


def report_html(edition: StatisticsEdition, *, produced_for: str, produced_at: datetime) -> str:
    tables = editions.tables_of(edition)
    return render_to_string(
        TEMPLATE,
        {
            "edition": edition,
            "marking": PROTECTIVE_MARKING,
            "produced_for": produced_for,
            "produced_at": produced_at,
            "headlines": edition.headlines,
            "charts": presentation.edition_charts(tables, period_label=edition.quarter_label),
            "tables": [presentation.display_table(t) for t in tables],
            "suppression_note": presentation.SUPPRESSION_NOTE,
            "attribution": presentation.ATTRIBUTION,
        },
    )


def report_pdf(edition: StatisticsEdition, *, produced_for: str, produced_at: datetime) -> bytes:
    return pdf_from_html(report_html(edition, produced_for=produced_for, produced_at=produced_at))


def report_filename(edition: StatisticsEdition) -> str:
    return f"common-ground-statistics-{edition.slug}-revision-{edition.revision}.pdf"
