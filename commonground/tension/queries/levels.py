"""Current tension levels for partner systems (GET /api/v1/tension/levels).

An area's current level is its assessment with the latest `week_starting_on`, the latest
`assessed_at` breaking ties (so an ad hoc assessment made after the week's weekly one wins).
Read in one query: each area carries a correlated subquery that walks the `assessment_latest`
index (area, -week_starting_on, -assessed_at) and stops at its first row."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import JSONObject
from django.utils.dateparse import parse_date, parse_datetime

from commonground.core.models import Agency, Area, AreaLevel
from commonground.tension.models import TensionAssessment


@dataclass(frozen=True)
class CurrentLevel:
    area_code: str
    area_name: str
    area_level: str
    level_rank: int | None = None
    level_name: str | None = None
    direction: str | None = None
    week_starting_on: date | None = None
    assessed_at: datetime | None = None


def areas_covered_by_agency(agency: Agency) -> QuerySet[Area]:
    """The boroughs and wards an agency serves, each area it serves expanded downward (a borough
    covers its wards, the combined authority everything)."""
    served = agency.areas.values("pk")
    return Area.objects.filter(
        Q(pk__in=served) | Q(parent__in=served) | Q(parent__parent__in=served),
        level__in=(AreaLevel.BOROUGH, AreaLevel.WARD),
    )


def current_levels(areas: QuerySet[Area]) -> list[CurrentLevel]:
    """The current level of each of `areas` (boroughs first, then wards, each by name); areas
    never assessed come back with no level. One query."""
    latest = (
        TensionAssessment.objects.filter(area=OuterRef("pk"))
        .order_by("-week_starting_on", "-assessed_at")
        .values(
            current=JSONObject(
                rank="level__rank",
                name="level__name",
                direction="direction",
                week_starting_on="week_starting_on",
                assessed_at="assessed_at",
            )
        )[:1]
    )
    rows = (
        areas.annotate(current=Subquery(latest))
        .order_by("level", "name")  # "borough" sorts before "ward"
        .values_list("code", "name", "level", "current")
    )
    return [_current_level(code, name, level, current) for code, name, level, current in rows]


def _current_level(code: str, name: str, level: str, current: dict | None) -> CurrentLevel:
    if not current:
        return CurrentLevel(area_code=code, area_name=name, area_level=level)
    return CurrentLevel(
        area_code=code,
        area_name=name,
        area_level=level,
        level_rank=current["rank"],
        level_name=current["name"],
        direction=current["direction"],
        week_starting_on=parse_date(current["week_starting_on"]),
        assessed_at=parse_datetime(current["assessed_at"]),
    )
