"""What the public reads: a report through its private status link, and the public pages and
strands of the reporting forms."""

from django.db.models import QuerySet
from django.utils import timezone

from commonground.reports import references
from commonground.reports.models import ContentPage, HostilityStrand, Report


def report_by_status_secret(secret: str) -> Report | None:
    if not secret or len(secret) > 100:
        return None
    return report_by_status_secret_hash(references.secret_hash(secret))


def report_by_status_secret_hash(secret_hash: str) -> Report | None:
    """The report a browser holds after opening its status link (its session keeps only the hash)."""
    if not secret_hash or len(secret_hash) != 64:
        return None
    return (
        Report.objects.select_related("borough", "ward")
        .prefetch_related("status_changes", "messages", "strands")
        .filter(status_secret_hash=secret_hash)
        .first()
    )


def active_strands() -> QuerySet[HostilityStrand]:
    today = timezone.localdate()
    return HostilityStrand.objects.exclude(active_from__gt=today).exclude(active_until__lt=today)


def content_page(slug: str, language: str) -> ContentPage | None:
    """The page in the reader's language, or in English where it has not been translated yet."""
    pages = {page.language: page for page in ContentPage.objects.filter(slug=slug)}
    return pages.get(language) or pages.get("en")


def content_pages(language: str) -> list[ContentPage]:
    by_slug: dict[str, ContentPage] = {}
    for page in ContentPage.objects.order_by("slug"):
        if page.language == language or (page.language == "en" and page.slug not in by_slug):
            by_slug[page.slug] = page
    return list(by_slug.values())


def status_page_lists(report: Report) -> tuple[QuerySet, QuerySet]:
    """What the reporter's status page lists: the status changes, and the thread of messages."""
    return report.status_changes.all(), report.messages.all()
