"""The weekly tension report as a file: the same content as the page (one shared template), set
for print with the protective marking on every page, rendered by WeasyPrint to PDF. Nothing here
reads the database: it takes what `queries.weekly.weekly_report` gathered.

`core.pdf.pdf_from_html` renders it and never fetches anything from outside.
"""

from django.template.loader import render_to_string

from commonground.core.pdf import pdf_from_html
from commonground.tension.queries.weekly import WeeklyReport

PROTECTIVE_MARKING = "OFFICIAL-SENSITIVE"
PDF_TEMPLATE = "tension/weekly/pdf.html"


def weekly_report_html(report: WeeklyReport) -> str:
    return render_to_string(PDF_TEMPLATE, {"report": report, "marking": PROTECTIVE_MARKING})


def weekly_report_pdf(report: WeeklyReport) -> bytes:
    return pdf_from_html(weekly_report_html(report))


def weekly_report_filename(report: WeeklyReport) -> str:
    return f"tension-weekly-report-{report.week_starting_on:%Y-%m-%d}.pdf"
