"""What moves a borough up: for one of its self-assessments, per dimension the level that stands,
the descriptor of the level above (framework.py's rule) beside the borough's own evidence and next
steps. Read through the reader's scope, in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.models import Area
from commonground.core.roles import Permission
from commonground.programme import assessment_workflow, framework
from commonground.programme.models import (
    AssessmentEvidence,
    BoroughAssessment,
    DimensionScore,
    LevelDescriptor,
    Moderation,
    NextStep,
)
from commonground.programme.queries.assessment_views import Cell, Column


@dataclass(frozen=True)
class Evidence:
    kind: str
    text: str
    url: str
    name: str


@dataclass(frozen=True)
class Step:
    """One dimension: where the borough stands, what the next level looks like, and its own
    evidence and next steps."""

    column: Column
    cell: Cell
    current_descriptor: str
    next_level: int | None
    next_descriptor: str | None
    evidence: list[Evidence]
    next_steps: list[str]


@dataclass(frozen=True)
class MovingUp:
    borough: Area
    assessments: list[BoroughAssessment]  # newest first, for the period picker
    assessment: BoroughAssessment | None
    steps: list[Step]

    @property
    def status_label(self) -> str:
        if self.assessment is None:
            return ""
        return assessment_workflow.STATUS_LABELS.get(self.assessment.status, self.assessment.status)


def assessments_of(scope: Scope, borough: Area) -> list[BoroughAssessment]:
    """The borough's assessments, newest first (for a period picker). One query."""
    scope.require(Permission.VIEW_PROGRAMME)
    return list(
        access.visible(scope, BoroughAssessment)
        .filter(borough=borough)
        .select_related("framework")
        .order_by("-period_start")
    )


def moving_up(
    scope: Scope,
    borough: Area,
    *,
    period_start: date | None = None,
    assessments: list[BoroughAssessment] | None = None,
) -> MovingUp:
    """For the borough's assessment of one period (the newest by default): per dimension the level
    that stands, the descriptor of the level above beside the borough's evidence and next steps.
    Seven queries at most. `assessments`: the borough's, if the caller has read them already."""
    scope.require(Permission.VIEW_PROGRAMME)
    assessments = assessments_of(scope, borough) if assessments is None else assessments
    chosen = next((a for a in assessments if a.period_start == period_start), None) if period_start else None
    assessment = chosen or (assessments[0] if assessments and period_start is None else None)
    if assessment is None:
        return MovingUp(borough=borough, assessments=assessments, assessment=None, steps=[])
    scores = list(
        access.visible(scope, DimensionScore)
        .filter(assessment=assessment)
        .select_related("dimension")
        .order_by("dimension__position")
    )
    descriptors: dict[int, dict[int, str]] = defaultdict(dict)
    for dimension_id, level, text in LevelDescriptor.objects.filter(
        dimension__framework=assessment.framework_id
    ).values_list("dimension_id", "level", "text"):
        descriptors[dimension_id][level] = text
    moderated = dict(
        access.visible(scope, Moderation)
        .filter(score__assessment=assessment)
        .values_list("score_id", "level")
    )
    evidence: dict[int, list[Evidence]] = defaultdict(list)
    for item in access.visible(scope, AssessmentEvidence).filter(score__assessment=assessment):
        evidence[item.score_id].append(
            Evidence(
                kind=item.kind,
                text=item.text,
                # Only a web address becomes a link: anything else is shown as words.
                url=item.url if item.url.lower().startswith(("https://", "http://")) else "",
                name=item.original_name,
            )
        )
    next_steps: dict[int, list[str]] = defaultdict(list)
    for score_id, text in (
        access.visible(scope, NextStep).filter(score__assessment=assessment).values_list("score_id", "text")
    ):
        next_steps[score_id].append(text)
    steps = []
    for score in scores:
        cell = Cell(level=score.level, moderated_level=moderated.get(score.pk))
        levels = descriptors[score.dimension_id]
        target = framework.next_level(cell.agreed_level)
        steps.append(
            Step(
                column=Column(key=score.dimension.key, title=score.dimension.title),
                cell=cell,
                current_descriptor=levels.get(cell.agreed_level, ""),
                next_level=target,
                # The rule says what moves a borough up: the descriptor of the level above.
                next_descriptor=framework.what_moves_up(levels, cell.agreed_level)
                if target in levels
                else None,
                evidence=evidence[score.pk],
                next_steps=next_steps[score.pk],
            )
        )
    return MovingUp(borough=borough, assessments=assessments, assessment=assessment, steps=steps)
