"""The weekly tension report as a file: the same content as the page (one shared template), set
for print with the protective marking on every page, rendered by WeasyPrint to PDF. Nothing here
reads the database: it takes what `queries.weekly.weekly_report` gathered.

WeasyPrint is imported inside `pdf_from_html`, so web workers that never produce a PDF do not load
it, and it is given a URL fetcher that allows no protocol: the document never fetches anything.
"""

from django.template.loader import render_to_string

from commonground.tension.queries.weekly import WeeklyReport

PROTECTIVE_MARKING = "OFFICIAL-SENSITIVE"
PDF_TEMPLATE = "tension/weekly/pdf.html"


def weekly_report_html(report: WeeklyReport) -> str:
    return render_to_string(PDF_TEMPLATE, {"report": report, "marking": PROTECTIVE_MARKING})


def pdf_from_html(html: str) -> bytes:
    # Imported here: WeasyPrint and its font stack cost every web worker memory if loaded at start.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()


def weekly_report_pdf(report: WeeklyReport) -> bytes:
    return pdf_from_html(weekly_report_html(report))


def weekly_report_filename(report: WeeklyReport) -> str:
    return f"tension-weekly-report-{report.week_starting_on:%Y-%m-%d}.pdf"
