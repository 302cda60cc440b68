"""Self-assessment summaries for a partner system: one row per dimension of each assessment of the
boroughs an agency serves (a combined authority covers them all). A token has no user scope: the
agency's areas are its scope, as for the tension levels. Levels only, no reasons and no evidence."""

from dataclasses import dataclass

from django.db.models import Q

from commonground.core.models import Agency, Area
from commonground.programme.models import DimensionScore


@dataclass(frozen=True)
class SummaryPage:
    count: int
    rows: list[dict]


def boroughs_covered_by_agency(agency: Agency) -> list[Area]:
    """The boroughs an agency serves, directly or below one of its areas; none once it is inactive."""
    if not agency.is_active:
        return []
    served = agency.areas.values("pk")
    return list(
        Area.objects.boroughs()
        .filter(Q(pk__in=served) | Q(parent__in=served))
        .defer("boundary")
        .order_by("code")
    )


def assessment_summaries(boroughs: list[Area], *, limit: int, offset: int) -> SummaryPage:
    """One page of rows (borough code, period, dimension key, level, moderated level or None,
    status), by borough code, then period, then dimension. Two queries: the count and the page."""
    scores = DimensionScore.objects.filter(assessment__borough__in=[b.pk for b in boroughs])
    count = scores.count()
    rows = list(
        scores.order_by(
            "assessment__borough__code", "assessment__period_start", "dimension__position", "pk"
        ).values(
            "assessment__borough__code",
            "assessment__period_start",
            "assessment__period_end",
            "dimension__key",
            "level",
            "moderation__level",
            "assessment__status",
        )[offset : offset + limit]
    )
    return SummaryPage(
        count=count,
        rows=[
            {
                "borough_code": row["assessment__borough__code"],
                "period_start": row["assessment__period_start"],
                "period_end": row["assessment__period_end"],
                "dimension_key": row["dimension__key"],
                "level": row["level"],
                "moderated_level": row["moderation__level"],
                "status": row["assessment__status"],
            }
            for row in rows
        ],
    )


__all__ = ["SummaryPage", "assessment_summaries", "boroughs_covered_by_agency"]
