"""Reads for completing and moderating a borough's self-assessment, each starting from the user's
scope: the list, one assessment's page (every dimension of its framework version with the borough's
answer and the moderator's), an evidence file (its opening audited), and what waits for whom."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.audit_reads import record_read
from commonground.core.models import Area, AreaLevel, User
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingItem
from commonground.programme import assessment_workflow as workflow
from commonground.programme.models import (
    AssessmentEvidence,
    AssessmentStatus,
    BoroughAssessment,
    Dimension,
    DimensionScore,
    EvidenceKind,
    FrameworkVersion,
    LevelDescriptor,
)


def current_framework() -> FrameworkVersion | None:
    """The framework version offered for new assessments (reference data, not scoped)."""
    return FrameworkVersion.objects.filter(is_current=True).order_by("key", "-number").first()


def boroughs_to_assess(scope: Scope) -> QuerySet[Area]:
    """The boroughs in the user's areas, by name."""
    return Area.objects.boroughs().filter(pk__in=scope.area_ids).defer("boundary").order_by("name")


def assessments_visible_to(scope: Scope) -> QuerySet[BoroughAssessment]:
    """Every self-assessment in scope, latest period first, then by borough."""
    return (
        access.visible(scope, BoroughAssessment)
        .select_related("borough", "framework")
        .defer("borough__boundary")
        .order_by("-period_start", "borough__name")
    )


def existing_assessment(scope: Scope, borough: Area, period_start: date) -> BoroughAssessment | None:
    """The assessment already made for this borough and period (one a period), if the user sees it."""
    return access.visible(scope, BoroughAssessment).filter(borough=borough, period_start=period_start).first()


def assessment_for(scope: Scope, assessment_id: int) -> BoroughAssessment:
    """One assessment in scope; out of scope answers 404 like a missing one."""
    return access.get_visible_or_404(
        scope,
        BoroughAssessment.objects.select_related(
            "borough", "framework", "created_by", "submitted_by", "moderated_by"
        ).defer("borough__boundary"),
        pk=assessment_id,
    )


@dataclass
class DimensionRow:
    """One dimension on the assessment's page: what each level looks like, and the answers."""

    dimension: Dimension
    descriptors: list[LevelDescriptor]
    score: DimensionScore | None
    evidence: list[AssessmentEvidence] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)

    @property
    def moderation(self):
        return getattr(self.score, "moderation", None) if self.score else None

    @property
    def missing(self) -> list[str]:
        """What submitting still needs here, in words."""
        if self.score is None:
            return ["a level", "the reasons"]
        return [] if self.score.reasons.strip() else ["the reasons"]

    @property
    def level_above(self) -> LevelDescriptor | None:
        if self.score is None:
            return None
        return next((d for d in self.descriptors if d.level == self.score.level + 1), None)


def dimension_rows(scope: Scope, assessment: BoroughAssessment) -> list[DimensionRow]:
    """Every dimension of the assessment's framework version, in order, with the borough's score,
    its evidence and next steps and any moderation: the scores read through the user's scope."""
    dimensions = Dimension.objects.filter(framework=assessment.framework_id).prefetch_related(
        Prefetch("descriptors", queryset=LevelDescriptor.objects.order_by("level"))
    )
    scores = {
        score.dimension_id: score
        for score in access.visible(scope, DimensionScore)
        .filter(assessment=assessment)
        .select_related("moderation", "moderation__moderator")
        .prefetch_related("evidence", "next_steps")
    }
    rows = []
    for dimension in dimensions:
        score = scores.get(dimension.pk)
        rows.append(
            DimensionRow(
                dimension=dimension,
                descriptors=list(dimension.descriptors.all()),
                score=score,
                evidence=list(score.evidence.all()) if score else [],
                next_steps=[step.text for step in score.next_steps.all()] if score else [],
            )
        )
    return rows


def dimension_row(scope: Scope, assessment: BoroughAssessment, dimension_id: int) -> DimensionRow:
    """One dimension of the assessment's framework; a dimension of another framework answers 404."""
    for row in dimension_rows(scope, assessment):
        if row.dimension.pk == dimension_id:
            return row
    raise Http404("Not found")


def evidence_for(scope: Scope, evidence_id: int) -> AssessmentEvidence:
    """An item of evidence in scope, with its assessment; 404 outside."""
    return access.get_visible_or_404(
        scope, AssessmentEvidence.objects.select_related("score__assessment"), pk=evidence_id
    )


def open_evidence_file(scope: Scope, evidence_id: int) -> AssessmentEvidence:
    """An evidence file, after the same check as its assessment's page (out of scope answers 404
    like a missing one); each opening is audited."""
    evidence = access.get_visible_or_404(
        scope,
        AssessmentEvidence.objects.select_related("score__assessment"),
        pk=evidence_id,
        kind=EvidenceKind.FILE,
    )
    record_read(
        scope=scope,
        obj=evidence,
        subject=evidence.score.assessment,
        reason="Self-assessment evidence file opened",
    )
    return evidence


# --- Who moderates what -----------------------------------------------------------------------------


def own_borough_ids(user: User) -> frozenset[int]:
    """The boroughs a person's own areas are (their active agency's, and any given to them), a ward
    counting as its borough: the boroughs they may not moderate. The combined authority is none."""
    direct = set(user.additional_areas.values_list("pk", flat=True))
    agency = user.agency
    if agency is not None and agency.is_active:
        direct |= set(agency.areas.values_list("pk", flat=True))
    areas = Area.objects.filter(pk__in=direct)
    boroughs = set(areas.filter(level=AreaLevel.BOROUGH).values_list("pk", flat=True))
    boroughs |= set(areas.filter(level=AreaLevel.WARD).values_list("parent_id", flat=True))
    return frozenset(boroughs)


def may_moderate(scope: Scope, assessment: BoroughAssessment) -> bool:
    return scope.can(Permission.MODERATE_SELF_ASSESSMENTS) and workflow.may_moderate(
        assessment.borough_id, own_borough_ids(scope.user)
    )


def people_of_borough(borough: Area) -> Q:
    """A condition on `User`: their own areas are `borough` or one of its wards."""
    own = Q(pk=borough.pk) | Q(parent_id=borough.pk)
    in_borough = Area.objects.filter(own).values("pk")
    return Q(agency__areas__in=in_borough) | Q(additional_areas__in=in_borough)


def awaiting_moderation(scope: Scope) -> QuerySet[BoroughAssessment]:
    """Submitted assessments in scope that this moderator may moderate (not their own borough's)."""
    if not scope.can(Permission.MODERATE_SELF_ASSESSMENTS):
        return BoroughAssessment.objects.none()
    return (
        assessments_visible_to(scope)
        .filter(status=AssessmentStatus.SUBMITTED)
        .exclude(borough__in=own_borough_ids(scope.user))
        .order_by("submitted_at")
    )


def drafts_of_own_boroughs(scope: Scope) -> QuerySet[BoroughAssessment]:
    """Draft assessments of the boroughs that are this person's own, oldest first."""
    return (
        assessments_visible_to(scope)
        .filter(status=AssessmentStatus.DRAFT, borough__in=own_borough_ids(scope.user))
        .order_by("period_start")
    )


# --- Waiting for you (the staff home) ------------------------------------------------------------------


def _listed(assessments) -> list[WaitingItem]:
    return [
        WaitingItem(
            label=f"{a.borough.name}, {a.period_start:%-d %B %Y} to {a.period_end:%-d %B %Y}",
            url=reverse("programme:assessment-detail", args=[a.pk]),
        )
        for a in assessments[:20]
    ]


def waiting_for_moderation(scope: Scope) -> list[WaitingItem]:
    return _listed(awaiting_moderation(scope))


def waiting_drafts(scope: Scope) -> list[WaitingItem]:
    return _listed(drafts_of_own_boroughs(scope))
