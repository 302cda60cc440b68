"""Self-assessments made directly with the models, for the tests of reading them (history, side by
side, what moves a borough up) and the API: starting and moderating one is another part's."""

from datetime import date, datetime, time

from django.utils import timezone

from commonground.core.models import Area
from commonground.core.roles import Role
from commonground.programme.models import (
    AssessmentStatus,
    BoroughAssessment,
    Dimension,
    DimensionScore,
    FrameworkVersion,
    Moderation,
    ModerationOutcome,
)
from tests.factories import GREATER_MANCHESTER, staff


def dimensions() -> list[Dimension]:
    return list(Dimension.objects.filter(framework__is_current=True).order_by("position"))


def assessment(
    code: str,
    year: int,
    *,
    levels: list[int],
    moderated: list[int | None] | None = None,
    author=None,
    moderator=None,
) -> BoroughAssessment:
    """The borough's assessment for April `year` to March `year + 1`, one level per dimension in
    order; `moderated` makes it moderated (None for a dimension: no moderation of that score)."""
    author = author or staff(Role.BOROUGH_PROGRAMME_LEAD, code)
    submitted_at = timezone.make_aware(datetime.combine(date(year + 1, 4, 10), time(10)))
    fields = {"status": AssessmentStatus.SUBMITTED, "submitted_by": author, "submitted_at": submitted_at}
    if moderated is not None:
        moderator = moderator or staff(Role.PROGRAMME_MANAGER, GREATER_MANCHESTER)
        fields |= {
            "status": AssessmentStatus.MODERATED,
            "moderated_by": moderator,
            "moderated_at": submitted_at,
        }
    made = BoroughAssessment.objects.create(
        borough=Area.objects.get(code=code),
        framework=FrameworkVersion.objects.get(is_current=True),
        period_start=date(year, 4, 1),
        period_end=date(year + 1, 3, 31),
        created_by=author,
        **fields,
    )
    for i, (dimension, level) in enumerate(zip(dimensions(), levels, strict=False)):
        score = DimensionScore.objects.create(
            assessment=made, dimension=dimension, level=level, reasons="Because of what we did."
        )
        agreed = moderated[i] if moderated is not None else None
        if agreed is not None:
            Moderation.objects.create(
                score=score,
                outcome=ModerationOutcome.AGREED if agreed == level else ModerationOutcome.ADJUSTED,
                level=agreed,
                reason="" if agreed == level else "The evidence shows a different level.",
                moderator=fields["moderated_by"],
            )
    return made
