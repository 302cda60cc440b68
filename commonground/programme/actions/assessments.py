"""Starting, completing and submitting a borough's self-assessment.

A borough programme lead (COMPLETE_SELF_ASSESSMENTS, the borough in their areas) starts one for a
borough and period (one a period: `AlreadyAssessed` names the existing one), answers each dimension
of its framework version with a level, reasons, next steps and evidence, and submits it. Every save
names the assessment's `version` it started from: a save after someone else's is refused with
`ConflictError` naming the dimensions they changed. Moderators who may moderate it are told of a
submission (`core.policy.who_may`); moderating is `assessment_moderation.py`."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from commonground.core import access, audit, policy
from commonground.core.access import Scope, scope_for
from commonground.core.actions.moves import make_move, require_move
from commonground.core.conflicts import ConflictError
from commonground.core.models import Area, AreaLevel, AuditAction, AuditEvent, NotificationKind, User
from commonground.core.notifications import Notice, item_key, notify_people
from commonground.core.roles import Permission
from commonground.programme import assessment_workflow as workflow
from commonground.programme import framework
from commonground.programme.documents import CheckedDocument
from commonground.programme.models import (
    AssessmentEvidence,
    BoroughAssessment,
    Dimension,
    DimensionScore,
    EvidenceKind,
    NextStep,
)
from commonground.programme.queries import assessments as queries

OUT_OF_REACH = "That self-assessment is outside your areas."
ALREADY_ASSESSED = "This borough already has a self-assessment for a period starting on that day"
LEVEL_MESSAGE = "Select a level from 1 to 5"
OWN_BOROUGH = "You cannot moderate your own borough's self-assessment: another moderator will do it"

# Notice kinds (stored as text; the notice names the borough and period, never the answers).
SUBMITTED_NOTICE = NotificationKind.SELF_ASSESSMENT_SUBMITTED
MODERATED_NOTICE = NotificationKind.SELF_ASSESSMENT_MODERATED


class AlreadyAssessed(Exception):
    """The borough has an assessment for that period: open `existing` instead. Nothing was saved."""

    def __init__(self, existing: BoroughAssessment):
        self.existing = existing
        super().__init__(ALREADY_ASSESSED)


@dataclass
class DimensionAnswer:
    """The borough's answer on one dimension, and any evidence added with this save."""

    level: int | None
    reasons: str = ""
    next_steps: list[str] = field(default_factory=list)
    evidence_text: str = ""
    evidence_url: str = ""
    evidence_file: CheckedDocument | None = None
    evidence_file_name: str = ""


def assessment_to_act_on(scope: Scope, assessment: BoroughAssessment) -> BoroughAssessment:
    """The assessment locked for this change, if it is in the actor's scope; refused alike if
    missing or someone else's."""
    return policy.row_to_act_on(
        access.visible(scope, BoroughAssessment.objects.select_for_update().select_related("borough")),
        assessment.pk,
        OUT_OF_REACH,
    )


def _require_own_area(scope: Scope, borough: Area) -> None:
    if borough.level != AreaLevel.BOROUGH or not scope.covers_area(borough):
        raise PermissionDenied(OUT_OF_REACH)


# --- Starting one ------------------------------------------------------------------------------------


def start_assessment(
    *, actor: User, borough: Area, period_start: date, period_end: date
) -> BoroughAssessment:
    """A draft self-assessment of `borough` for the period, against the current framework version."""
    scope = scope_for(actor)
    scope.require(Permission.COMPLETE_SELF_ASSESSMENTS)
    if borough.level != AreaLevel.BOROUGH or not scope.covers_area(borough):
        raise ValidationError({"borough": "Select a borough in your areas"})
    if period_end < period_start:
        raise ValidationError({"period_end": "The period must end on or after the day it starts"})
    version = queries.current_framework()
    if version is None:
        raise ValidationError("There is no self-assessment framework to assess against yet.")
    with transaction.atomic():
        existing = BoroughAssessment.objects.filter(borough=borough, period_start=period_start).first()
        if existing is not None:
            raise AlreadyAssessed(existing)
        try:
            with transaction.atomic():
                assessment = BoroughAssessment.objects.create(
                    borough=borough,
                    framework=version,
                    period_start=period_start,
                    period_end=period_end,
                    created_by=actor,
                )
        except IntegrityError:
            # Someone started the same borough and period a moment ago.
            existing = BoroughAssessment.objects.filter(borough=borough, period_start=period_start).first()
            if existing is None:
                raise
            raise AlreadyAssessed(existing) from None
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=assessment,
            changes={
                "borough": borough.code,
                "period_start": period_start,
                "period_end": period_end,
                "framework": f"{version.key} v{version.number}",
            },
        )
    return assessment


# --- Answering a dimension ------------------------------------------------------------------------------


def _check_answer(answer: DimensionAnswer) -> int:
    errors: dict[str, str] = {}
    if not framework.is_valid_level(answer.level):
        errors["level"] = LEVEL_MESSAGE
    if answer.evidence_url and not answer.evidence_url.lower().startswith(("https://", "http://")):
        errors["evidence_url"] = "Enter a link starting with https://"
    if errors:
        raise ValidationError(errors)
    return int(answer.level)  # type: ignore[arg-type]


class AssessmentConflict(ConflictError):
    """Someone else saved the assessment after this edit began: `changed` names the dimensions."""

    def __init__(self, changed: dict[str, str], current_version: int):
        super().__init__(changed, current_version)
        self.args = (
            "Someone else saved this self-assessment while you were editing it: "
            + ", ".join(changed.values()),
        )


def _check_version(current: BoroughAssessment, expected_version: int) -> None:
    if current.version != expected_version:
        raise AssessmentConflict(_changed_since(current, expected_version), current.version)


def save_dimension(
    *,
    actor: User,
    assessment: BoroughAssessment,
    dimension: Dimension,
    expected_version: int,
    answer: DimensionAnswer,
) -> DimensionScore:
    """Save the borough's answer on one dimension of a draft, adding any evidence given. Refused
    with ConflictError if someone saved the assessment after `expected_version`."""
    scope = scope_for(actor)
    scope.require(Permission.COMPLETE_SELF_ASSESSMENTS)
    with transaction.atomic():
        current = assessment_to_act_on(scope, assessment)
        _require_own_area(scope, current.borough)
        if current.status not in workflow.EDITABLE:
            raise ValidationError("This self-assessment has been submitted: it can no longer be changed.")
        if dimension.framework_id != current.framework_id:
            raise ValidationError("That dimension is not part of this assessment's framework.")
        _check_version(current, expected_version)
        level = _check_answer(answer)
        score = DimensionScore.objects.filter(assessment=current, dimension=dimension).first()
        before = {"level": score.level} if score else {}
        reasons_before = score.reasons if score else ""
        if score is None:
            score = DimensionScore.objects.create(
                assessment=current, dimension=dimension, level=level, reasons=answer.reasons.strip()
            )
        else:
            score.level, score.reasons = level, answer.reasons.strip()
            score.save(update_fields=["level", "reasons"])
        steps = [text.strip() for text in answer.next_steps if text.strip()]
        NextStep.objects.filter(score=score).delete()
        NextStep.objects.bulk_create(
            NextStep(score=score, position=position, text=text) for position, text in enumerate(steps, 1)
        )
        added = _add_evidence(actor, score, answer)
        current.version += 1
        current.save(update_fields=["version", "updated_at"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={
                "dimensions": [dimension.key],
                # The level, not the borough's words: those stay on the assessment.
                **audit.diff(before, {"level": score.level}),
                "reasons_changed": reasons_before != score.reasons,
                "next_steps": len(steps),
                "evidence_added": added,
                "version": [expected_version, current.version],
            },
        )
    return score


def _add_evidence(actor: User, score: DimensionScore, answer: DimensionAnswer) -> list[str]:
    added = []
    if answer.evidence_text.strip():
        AssessmentEvidence.objects.create(
            score=score, kind=EvidenceKind.TEXT, text=answer.evidence_text.strip(), added_by=actor
        )
        added.append(EvidenceKind.TEXT.value)
    if answer.evidence_url.strip():
        AssessmentEvidence.objects.create(
            score=score, kind=EvidenceKind.LINK, url=answer.evidence_url.strip(), added_by=actor
        )
        added.append(EvidenceKind.LINK.value)
    checked = answer.evidence_file
    if checked is not None:
        evidence = AssessmentEvidence(
            score=score,
            kind=EvidenceKind.FILE,
            original_name=(answer.evidence_file_name or f"evidence.{checked.extension}")[:255],
            content_type=checked.content_type,
            size=checked.size,
            added_by=actor,
        )
        # The stored name is ours, never the one sent: only the checked extension is kept.
        evidence.file.save(f"evidence.{checked.extension}", ContentFile(checked.content), save=False)
        evidence.save()
        added.append(EvidenceKind.FILE.value)
    return added


def remove_evidence(*, actor: User, evidence: AssessmentEvidence, expected_version: int) -> None:
    """Take an item of evidence off a draft (a wrong file, an old link). A stale version is a
    conflict, like any other save."""
    scope = scope_for(actor)
    scope.require(Permission.COMPLETE_SELF_ASSESSMENTS)
    with transaction.atomic():
        item = policy.row_to_act_on(
            access.visible(scope, AssessmentEvidence).select_related("score__dimension", "score__assessment"),
            evidence.pk,
            "That evidence is outside your areas.",
        )
        current = assessment_to_act_on(scope, item.score.assessment)
        _require_own_area(scope, current.borough)
        if current.status not in workflow.EDITABLE:
            raise ValidationError("This self-assessment has been submitted: it can no longer be changed.")
        _check_version(current, expected_version)
        dimension = item.score.dimension
        details = {"dimension": dimension.key, "kind": item.kind, "name": item.original_name or item.url}
        audit.record(actor=actor, action=AuditAction.DELETE, obj=item, subject=current, changes=details)
        stored = item.file.name if item.kind == EvidenceKind.FILE else ""
        item.delete()
        if stored:
            # The file goes once the removal is committed; a rolled-back removal keeps it.
            transaction.on_commit(lambda: AssessmentEvidence.file.field.storage.delete(stored))
        current.version += 1
        current.save(update_fields=["version", "updated_at"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={
                "dimensions": [dimension.key],
                "evidence_removed": [item.kind],
                "version": [expected_version, current.version],
            },
        )


def _changed_since(assessment: BoroughAssessment, version: int) -> dict[str, str]:
    """The dimensions saved after `version`, read back from the audit trail, by title."""
    events = AuditEvent.objects.filter(
        object_type=audit.object_type_of(assessment),
        object_id=str(assessment.pk),
        action=AuditAction.UPDATE,
    ).order_by("sequence")
    keys: list[str] = []
    for event in events:
        versions = event.changes.get("version") or [0, 0]
        if versions[0] >= version:
            keys.extend(key for key in event.changes.get("dimensions", []) if key not in keys)
    titles = dict(Dimension.objects.filter(framework=assessment.framework_id).values_list("key", "title"))
    return {key: titles.get(key, key) for key in keys} or {"assessment": "the self-assessment"}


# --- Submitting --------------------------------------------------------------------------------------


def submit_assessment(
    *, actor: User, assessment: BoroughAssessment, expected_version: int
) -> BoroughAssessment:
    """Send a complete draft for moderation: every dimension needs a level and reasons (the refusal
    names those that do not). Moderators who may moderate it are told."""
    scope = scope_for(actor)
    scope.require(Permission.COMPLETE_SELF_ASSESSMENTS)
    with transaction.atomic():
        current = assessment_to_act_on(scope, assessment)
        _require_own_area(scope, current.borough)
        require_move(current, workflow.MACHINE, workflow.SUBMITTED)
        _check_version(current, expected_version)
        missing = [
            f"{row.dimension.title} needs {' and '.join(row.missing)}"
            for row in queries.dimension_rows(scope, current)
            if row.missing
        ]
        if missing:
            raise ValidationError(["Complete every dimension before you submit.", *missing])
        current.submitted_by, current.submitted_at = actor, timezone.now()
        current.version += 1
        before, after = make_move(
            current, workflow.MACHINE, workflow.SUBMITTED, also=["submitted_by", "submitted_at", "version"]
        )
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"status": [before, after], "version": [expected_version, current.version]},
        )
        notify_people(
            moderators_of(current.borough),
            Notice(
                kind=SUBMITTED_NOTICE,
                item_key=item_key(current),
                subject=f"A self-assessment for {current.borough.name} is waiting for moderation",
                url=reverse("programme:assessment-detail", args=[current.pk]),
            ),
        )
    return current


def moderators_of(borough: Area):
    """Those who may moderate `borough`'s self-assessment: the permission covering it, and the
    borough not their own."""
    return policy.who_may(Permission.MODERATE_SELF_ASSESSMENTS, area=borough).exclude(
        queries.people_of_borough(borough)
    )
