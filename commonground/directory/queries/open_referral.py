"""What the Open Referral UK (HSDS 3.0) open data reads: the entries shown to the public, a page at
a time, nearest first from a postcode, and the organisations that run them. Constant query counts:
a page costs the count, the rows and their two prefetches (plus the postcode and the combined
authority's name), however many entries there are."""

from dataclasses import dataclass

from django.db.models import QuerySet

from commonground.core.models import Area, AreaLevel
from commonground.directory.distance import Point
from commonground.directory.models import DirectoryEntry
from commonground.directory.queries.finder import listed_entries, nearest


@dataclass(frozen=True)
class EntriesPage:
    entries: list[DirectoryEntry]
    total: int


def _rows(
    kind: str | None, borough_code: str, organisation_names: list[str] | None
) -> QuerySet[DirectoryEntry]:
    rows = listed_entries(kind)
    if borough_code:
        rows = rows.filter(borough__code=borough_code)
    if organisation_names is not None:
        rows = rows.filter(organisation_name__in=organisation_names)
    return rows


def entries_page(
    *,
    kind: str | None,
    borough_code: str,
    point: Point | None,
    organisation_names: list[str] | None,
    page: int,
    per_page: int,
) -> EntriesPage:
    """A page of public entries: nearest first from `point`, otherwise by organisation and place."""
    rows = _rows(kind, borough_code, organisation_names)
    start = (page - 1) * per_page
    if point is not None:
        ranked = nearest(rows, point)
        ids = [near.item for near in ranked[start : start + per_page]]
        by_id = {entry.pk: entry for entry in listed_entries(kind).filter(pk__in=ids)}
        return EntriesPage(entries=[by_id[pk] for pk in ids if pk in by_id], total=len(ranked))
    return EntriesPage(entries=list(rows[start : start + per_page]), total=rows.count())


def entry(entry_id: int) -> DirectoryEntry | None:
    return listed_entries().filter(pk=entry_id).first()


def organisation_names() -> list[str]:
    """The names of the organisations with at least one public entry, in order."""
    names = listed_entries().order_by("organisation_name").values_list("organisation_name", flat=True)
    return list(dict.fromkeys(names.distinct()))


def region_name() -> str:
    """The combined authority's name: the region of every address."""
    region = Area.objects.filter(level=AreaLevel.COMBINED_AUTHORITY).only("name").first()
    return region.name if region is not None else ""
