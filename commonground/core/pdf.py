"""PDFs from our own HTML, for every app that produces a document (panel packs, subject access
exports, the weekly tension report, the quarterly statistics report).

WeasyPrint is given a URL fetcher that allows no protocol at all, so a document never makes an
outside request: no fonts, images or stylesheets from anywhere, and no `file:` reads of the server's
disk. Our templates carry their print CSS inline and their charts as inline SVG, so they need none.
"""


def pdf_from_html(html: str) -> bytes:
    """A PDF of `html`, fetching nothing from outside."""
    # Imported here: WeasyPrint and its font stack cost every web worker ~35 MiB if loaded at start.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()
