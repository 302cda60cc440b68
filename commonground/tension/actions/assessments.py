"""Recording a tension assessment, and amending one with its history kept.

A period already assessed (the week, for a weekly assessment; the trigger event, for an ad hoc
one) is never assessed twice: `record_assessment` raises `AlreadyAssessed` naming the existing
assessment, which is then amended. Amending needs a reason, bumps the revision and keeps every
version as an `AssessmentRevision`; the revision the analyst started from guards against two
analysts amending at once (`ConflictError`). When an assessment becomes its area's current one at
a higher level than before, subscribers are alerted (`actions.alerts.raise_level_alert`).
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from commonground.core import access, audit, policy
from commonground.core.access import Scope, scope_for
from commonground.core.conflicts import ConflictError
from commonground.core.models import Area, AreaLevel, AuditAction, User
from commonground.core.roles import Permission
from commonground.tension.actions.alerts import raise_level_alert
from commonground.tension.baseline import week_starting
from commonground.tension.models import (
    AssessmentKind,
    AssessmentRevision,
    Confidence,
    Direction,
    Indicator,
    TensionAssessment,
    TensionLevel,
    TriggerEvent,
)
from commonground.tension.queries.assessments import current_assessment_of

FUTURE_WEEK = "You cannot assess a week that has not started"
ALREADY_ASSESSED = "This week has already been assessed"
ALREADY_ASSESSED_EVENT = "This area has already been assessed after this trigger event"


@dataclass
class AssessmentDetails:
    """The analyst's judgement: what an amendment may change."""

    level: TensionLevel | None
    direction: str
    confidence: str
    rationale: str
    indicators: list[str] = field(default_factory=list)
    recommended_actions: str = ""


class AlreadyAssessed(Exception):
    """The period is assessed already: amend `existing` instead. Nothing was saved."""

    def __init__(self, existing: TensionAssessment, message: str = ALREADY_ASSESSED):
        self.existing = existing
        super().__init__(message)


def check_details(details: AssessmentDetails) -> TensionLevel:
    """The level of valid details; otherwise a ValidationError naming each problem."""
    errors: dict[str, str] = {}
    level = details.level
    if level is None or not level.is_active:
        errors["level"] = "Select a level on the tension scale"
    if details.direction not in Direction.values:
        errors["direction"] = "Select whether tension is rising, stable or falling"
    if details.confidence not in Confidence.values:
        errors["confidence"] = "Select how confident you are in this assessment"
    if not details.rationale.strip():
        errors["rationale"] = "Explain the reasons for this assessment"
    unknown = [value for value in details.indicators if value not in Indicator.values]
    if unknown:
        errors["indicators"] = "Select indicators from the list"
    if errors or level is None:
        raise ValidationError(errors)
    return level


def _check_period(
    scope: Scope, *, area: Area, week_starting_on: date, kind: str, trigger_event: TriggerEvent | None
) -> None:
    errors: dict[str, str] = {}
    if area.level not in (AreaLevel.BOROUGH, AreaLevel.WARD) or not scope.covers_area(area):
        errors["area"] = "Select a borough or ward in your areas"
    if week_starting_on.weekday() != 0:
        errors["week"] = "The week must start on a Monday"
    elif week_starting_on > week_starting(timezone.localdate()):
        errors["week"] = FUTURE_WEEK
    if kind not in AssessmentKind.values:
        errors["kind"] = "Select whether this is the weekly assessment or an ad hoc one"
    elif kind == AssessmentKind.AD_HOC:
        if trigger_event is None:
            errors["trigger_event"] = "Select the trigger event this assessment follows"
        elif not access.visible(scope, TriggerEvent).filter(pk=trigger_event.pk).exists():
            errors["trigger_event"] = "Select a trigger event from the list"
    if errors:
        raise ValidationError(errors)


def _snapshot(assessment: TensionAssessment, *, actor: User, reason: str = "") -> AssessmentRevision:
    return AssessmentRevision.objects.create(
        assessment=assessment,
        revision=assessment.revision,
        level=assessment.level,
        direction=assessment.direction,
        confidence=assessment.confidence,
        rationale=assessment.rationale,
        indicators=list(assessment.indicators),
        recommended_actions=assessment.recommended_actions,
        amendment_reason=reason,
        recorded_by=actor,
        recorded_at=assessment.assessed_at,
    )


def _alert_if_raised(actor: User, assessment: TensionAssessment, previous_rank: int | None) -> None:
    current = current_assessment_of(assessment.area)
    if current is not None and current.pk == assessment.pk:
        raise_level_alert(actor=actor, assessment=assessment, previous_rank=previous_rank)


def _existing(area: Area, week_starting_on: date, kind: str, trigger_event) -> TensionAssessment | None:
    if kind == AssessmentKind.AD_HOC:
        return TensionAssessment.objects.filter(area=area, kind=kind, trigger_event=trigger_event).first()
    return TensionAssessment.objects.filter(area=area, kind=kind, week_starting_on=week_starting_on).first()


def record_assessment(
    *,
    actor: User,
    area: Area,
    week_starting_on: date,
    kind: str,
    details: AssessmentDetails,
    trigger_event: TriggerEvent | None = None,
) -> TensionAssessment:
    """Record the assessment of an area for a week (or after a trigger event)."""
    scope = scope_for(actor)
    scope.require(Permission.ASSESS_TENSION)
    _check_period(scope, area=area, week_starting_on=week_starting_on, kind=kind, trigger_event=trigger_event)
    level = check_details(details)
    if kind == AssessmentKind.WEEKLY:
        trigger_event = None
    message = ALREADY_ASSESSED_EVENT if kind == AssessmentKind.AD_HOC else ALREADY_ASSESSED
    with transaction.atomic():
        existing = _existing(area, week_starting_on, kind, trigger_event)
        if existing is not None:
            raise AlreadyAssessed(existing, message)
        previous = current_assessment_of(area)
        try:
            with transaction.atomic():
                assessment = TensionAssessment.objects.create(
                    area=area,
                    week_starting_on=week_starting_on,
                    kind=kind,
                    trigger_event=trigger_event,
                    level=level,
                    direction=details.direction,
                    confidence=details.confidence,
                    rationale=details.rationale.strip(),
                    indicators=list(details.indicators),
                    recommended_actions=details.recommended_actions.strip(),
                    assessed_by=actor,
                    assessed_at=timezone.now(),
                    revision=1,
                )
        except IntegrityError:
            # Another analyst saved the same period a moment ago.
            existing = _existing(area, week_starting_on, kind, trigger_event)
            if existing is None:
                raise
            raise AlreadyAssessed(existing, message) from None
        _snapshot(assessment, actor=actor)
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=assessment,
            changes={
                "area": area.code,
                "week_starting_on": week_starting_on,
                "kind": kind,
                "trigger_event": trigger_event.pk if trigger_event else None,
                "level": level.rank,
                "direction": details.direction,
                "confidence": details.confidence,
            },
        )
        _alert_if_raised(actor, assessment, previous.level.rank if previous else None)
    return assessment


def amend_assessment(
    *,
    actor: User,
    assessment: TensionAssessment,
    expected_revision: int,
    details: AssessmentDetails,
    reason: str,
) -> TensionAssessment:
    """Change an assessment. `expected_revision` is the revision the analyst started from: if
    someone amended it since, raise ConflictError and change nothing."""
    scope = scope_for(actor)
    scope.require(Permission.ASSESS_TENSION)
    with transaction.atomic():
        current = policy.row_to_act_on(
            access.visible(scope, TensionAssessment.objects.select_for_update()),
            assessment.pk,
            "That assessment is outside your areas.",
        )
        if current.revision != expected_revision:
            raise ConflictError(TensionAssessment.objects.select_related("assessed_by").get(pk=current.pk))
        if not reason.strip():
            raise ValidationError({"reason": "Explain why you are amending this assessment"})
        level = check_details(details)
        before = _values(current)
        was_current = current_assessment_of(current.area)
        previous_rank = was_current.level.rank if was_current else None
        current.level = level
        current.direction = details.direction
        current.confidence = details.confidence
        current.rationale = details.rationale.strip()
        current.indicators = list(details.indicators)
        current.recommended_actions = details.recommended_actions.strip()
        current.assessed_by = actor
        current.assessed_at = timezone.now()
        current.revision += 1
        current.save()
        _snapshot(current, actor=actor, reason=reason.strip())
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={
                **audit.diff(before, _values(current)),
                "revision": [expected_revision, current.revision],
            },
            reason=reason.strip(),
        )
        _alert_if_raised(actor, current, previous_rank)
    return current


def _values(assessment: TensionAssessment) -> dict:
    return {
        "level": assessment.level.rank,
        "direction": assessment.direction,
        "confidence": assessment.confidence,
        "rationale": assessment.rationale,
        "indicators": sorted(assessment.indicators),
        "recommended_actions": assessment.recommended_actions,
    }
