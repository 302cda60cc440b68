"""Demo self-assessments, clearly synthetic, made through the actions by the demo accounts: Bolton,
Oldham and Bury moderated over two or three years (so a borough's history and the boroughs side by
side show something), Oldham's latest submitted and waiting for moderation, and Bolton's current
year a draft. Bolton's are completed by its programme lead (`borough-lead`); Oldham's and Bury's by
the combined authority's programme team (`programme`), who moderates them all. Running it again
adds nothing."""

from datetime import date

from commonground.core.models import Area, User
from commonground.programme.actions.assessment_moderation import moderate_dimension
from commonground.programme.actions.assessments import (
    DimensionAnswer,
    save_dimension,
    start_assessment,
    submit_assessment,
)
from commonground.programme.models import BoroughAssessment, Dimension

BOLTON, OLDHAM, BURY = "E08000001", "E08000004", "E08000002"

# (borough, first year of the April-to-March period, what becomes of it, the borough's starting level)
PLAN = [
    (BOLTON, 2023, "moderated", 2),
    (BOLTON, 2024, "moderated", 2),
    (BOLTON, 2025, "moderated", 3),
    (BOLTON, 2026, "draft", 3),
    (OLDHAM, 2023, "moderated", 1),
    (OLDHAM, 2024, "moderated", 2),
    (OLDHAM, 2025, "submitted", 2),
    (BURY, 2024, "moderated", 3),
    (BURY, 2025, "moderated", 3),
]


def _level(base: int, position: int, year: int) -> int:
    """A made-up level: the borough's base, varied by dimension, rising a little over the years."""
    return max(1, min(5, base + (position + year) % 3 - 1 + (year - 2023) // 2))


def _answer(dimension: Dimension, level: int, borough: str, year: int) -> DimensionAnswer:
    return DimensionAnswer(
        level=level,
        reasons=(
            f"Demo reasons ({borough}, {year}): the partnership meets quarterly on "
            f"“{dimension.title.lower()}”, with partners' reports and a community survey."
        ),
        next_steps=[
            "Agree a shared plan with the voluntary sector (demo)",
            "Review progress at the partnership forum each quarter (demo)",
        ],
        evidence_text=f"Demo evidence: minutes of the {year} partnership meetings.",
        evidence_url="https://example.org/demo-partnership-report" if dimension.position == 1 else "",
    )


def _one(borough: Area, year: int, outcome: str, base: int, lead: User, moderator: User) -> None:
    start, end = date(year, 4, 1), date(year + 1, 3, 31)
    if BoroughAssessment.objects.filter(borough=borough, period_start=start).exists():
        return
    assessment = start_assessment(actor=lead, borough=borough, period_start=start, period_end=end)
    dimensions = list(Dimension.objects.filter(framework=assessment.framework).order_by("position"))
    # A draft is part done: the first dimensions answered, the rest still to do.
    answered = dimensions[:2] if outcome == "draft" else dimensions
    for dimension in answered:
        assessment.refresh_from_db()
        save_dimension(
            actor=lead,
            assessment=assessment,
            dimension=dimension,
            expected_version=assessment.version,
            answer=_answer(dimension, _level(base, dimension.position, year), borough.name, year),
        )
    if outcome == "draft":
        return
    assessment.refresh_from_db()
    submit_assessment(actor=lead, assessment=assessment, expected_version=assessment.version)
    if outcome == "submitted":
        return
    for dimension in dimensions:
        theirs = _level(base, dimension.position, year)
        # The moderator marks one dimension a year down, with a reason; agrees the rest.
        adjusted = dimension.position == (year % len(dimensions)) + 1 and theirs > 1
        moderate_dimension(
            actor=moderator,
            assessment=assessment,
            dimension=dimension,
            level=theirs - 1 if adjusted else theirs,
            reason="Demo moderation: the evidence shows plans more than practice yet." if adjusted else "",
        )


def load() -> None:
    lead = User.objects.filter(username="borough-lead").first()
    programme = User.objects.filter(username="programme").first()
    if programme is None or not Dimension.objects.filter(framework__is_current=True).exists():
        return
    areas = {area.code: area for area in Area.objects.filter(code__in=[BOLTON, OLDHAM, BURY])}
    for code, year, outcome, base in PLAN:
        completed_by = lead if code == BOLTON and lead is not None else programme
        _one(areas[code], year, outcome, base, completed_by, programme)
