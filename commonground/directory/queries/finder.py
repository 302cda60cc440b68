"""What the public finders and the open data read: entries shown to the public, nearest first or by
borough, with their opening hours and languages, in a constant number of queries.

Nobody's scope applies here: everything read is what the partnership publishes. The rule for what
is published is `listing_rules.shown_to_public` (published, and the latest audit meets the
standard), read through `queries.public.publicly_listed`. The contact's name is never read here.

Nearest first: the coordinates of every public entry of the kind are read in one narrow query
(primary key, latitude, longitude), the haversine distance is worked out in Python and the page
shown is then read in full. A bounding box would save reading far-away rows, but the finder must
always name the nearest places even when none is close, so a box would need widening and retrying;
the public entries are hundreds at most (5,000 read in a few milliseconds, benchmarks/directory_finder.py).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, QuerySet

from commonground.core.models import Area, AreaLevel, Postcode
from commonground.directory.distance import Near, Point, nearest_first
from commonground.directory.models import DirectoryEntry, EntryKind, Language, OpeningHours
from commonground.directory.opening_hours import LONDON
from commonground.directory.queries.public import publicly_listed

RESULTS_SHOWN = 20


def listed_entries(kind: str | None = None) -> QuerySet[DirectoryEntry]:
    """Entries shown to the public (`queries.public.publicly_listed`), with their hours and languages,
    never their contact's name, and their areas without the boundaries (which only maps need)."""
    return publicly_listed(kind).defer("contact_name", "created_by", "borough__boundary", "ward__boundary")


def boroughs() -> list[Area]:
    """The boroughs, with their boundaries, for the borough list and the map."""
    return list(Area.objects.filter(level=AreaLevel.BOROUGH).order_by("name"))


def languages() -> list[Language]:
    return list(Language.objects.order_by("position", "name"))


def postcode_point(postcode: str) -> Point | None:
    """Where a (normalised) postcode is, if it is in the postcode table with a position."""
    row = Postcode.objects.filter(postcode=postcode, latitude__isnull=False, longitude__isnull=False).first()
    if row is None or row.latitude is None or row.longitude is None:
        return None
    return Point(row.latitude, row.longitude)


def open_at(rows: QuerySet[DirectoryEntry], moment: datetime) -> QuerySet[DirectoryEntry]:
    """Entries with an opening that holds the moment, in London time (a range never passes midnight:
    the database refuses one that closes before it opens)."""
    local = moment.astimezone(LONDON)
    now = local.time().replace(second=0, microsecond=0)
    opening = OpeningHours.objects.filter(
        entry=OuterRef("pk"), weekday=local.weekday(), opens_at__lte=now, closes_at__gt=now
    )
    return rows.filter(Exists(opening))


@dataclass(frozen=True)
class Search:
    kind: str
    point: Point | None = None
    borough_code: str = ""
    open_at: datetime | None = None
    language_code: str = ""
    step_free: bool = False


@dataclass(frozen=True)
class Shown:
    entry: DirectoryEntry
    km: float | None  # from the postcode searched; None when searched by borough


@dataclass(frozen=True)
class Found:
    """The entries shown (at most RESULTS_SHOWN, numbered in this order) and how many matched."""

    shown: list[Shown]
    total: int


def _filtered(search: Search) -> QuerySet[DirectoryEntry]:
    rows = listed_entries(search.kind)
    if search.borough_code:
        rows = rows.filter(borough__code=search.borough_code)
    if search.language_code:
        rows = rows.filter(Exists(Language.objects.filter(entries=OuterRef("pk"), code=search.language_code)))
    if search.step_free:
        rows = rows.filter(step_free_access=True)
    if search.open_at is not None:
        rows = open_at(rows, search.open_at)
    return rows


def nearest(rows: QuerySet[DirectoryEntry], point: Point) -> list[Near[int]]:
    """Every row's id with its distance from the point, nearest first (rows without a position left out)."""
    positions = (
        rows.filter(latitude__isnull=False, longitude__isnull=False)
        .order_by()
        .values_list("pk", "latitude", "longitude")
    )
    ranked = nearest_first(
        [(pk, Point(lat, lon)) for pk, lat, lon in positions if lat is not None and lon is not None],
        point,
        lambda row: row[1],
    )
    return [Near(item=near.item[0], km=near.km) for near in ranked]


def find(search: Search, *, limit: int = RESULTS_SHOWN) -> Found:
    """The entries matching the search: nearest first with a point, otherwise by name."""
    rows = _filtered(search)
    if search.point is not None:
        ranked = nearest(rows, search.point)
        page = ranked[:limit]
        by_id = {e.pk: e for e in listed_entries(search.kind).filter(pk__in=[n.item for n in page])}
        shown = [Shown(entry=by_id[near.item], km=near.km) for near in page if near.item in by_id]
        return Found(shown=shown, total=len(ranked))
    first = list(rows[:limit])
    return Found(shown=[Shown(entry=entry, km=None) for entry in first], total=rows.count())


def public_entry(kind: str, entry_id: int) -> DirectoryEntry | None:
    """One entry shown to the public, with its details; None when hidden or missing."""
    return listed_entries(kind).filter(pk=entry_id).first()


def kinds() -> Sequence[str]:
    return EntryKind.values
