"""Moderating a borough's submitted self-assessment: a moderator (MODERATE_SELF_ASSESSMENTS, the
borough in their areas, never their own borough: `assessment_workflow.may_moderate`) agrees or
adjusts each dimension's level, an adjustment with its reason. The last dimension moderated makes
the assessment moderated, and the borough's leads are told (`core.policy.who_may`)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from commonground.core import audit, policy
from commonground.core.access import scope_for
from commonground.core.actions.moves import make_move
from commonground.core.models import Area, AuditAction, User
from commonground.core.notifications import Notice, item_key, notify_people
from commonground.core.roles import Permission
from commonground.programme import assessment_workflow as workflow
from commonground.programme import framework
from commonground.programme.actions.assessments import (
    LEVEL_MESSAGE,
    MODERATED_NOTICE,
    OWN_BOROUGH,
    assessment_to_act_on,
)
from commonground.programme.models import (
    BoroughAssessment,
    Dimension,
    DimensionScore,
    Moderation,
    ModerationOutcome,
)
from commonground.programme.queries import assessments as queries


def leads_of(borough: Area):
    """The borough's programme leads: those who complete self-assessments covering it."""
    return policy.who_may(Permission.COMPLETE_SELF_ASSESSMENTS, area=borough)


def moderate_dimension(
    *, actor: User, assessment: BoroughAssessment, dimension: Dimension, level: int | None, reason: str = ""
) -> Moderation:
    """Agree the borough's level on one dimension (the same level) or adjust it (another level,
    with the reason). When every dimension is moderated the assessment becomes moderated and the
    borough's leads are told."""
    scope = scope_for(actor)
    scope.require(Permission.MODERATE_SELF_ASSESSMENTS)
    with transaction.atomic():
        current = assessment_to_act_on(scope, assessment)
        if not workflow.may_moderate(current.borough_id, queries.own_borough_ids(actor)):
            raise PermissionDenied(OWN_BOROUGH)
        if current.status != workflow.SUBMITTED:
            raise ValidationError("Only a self-assessment submitted for moderation can be moderated.")
        score = DimensionScore.objects.filter(assessment=current, dimension=dimension).first()
        if score is None:
            raise ValidationError("The borough has not scored this dimension.")
        if level is None or not framework.is_valid_level(level):
            raise ValidationError({"level": LEVEL_MESSAGE})
        outcome = ModerationOutcome.AGREED if level == score.level else ModerationOutcome.ADJUSTED
        if outcome == ModerationOutcome.ADJUSTED and not reason.strip():
            raise ValidationError({"reason": "Explain why you are changing the borough's level"})
        moderation, created = Moderation.objects.update_or_create(
            score=score,
            defaults={
                "outcome": outcome,
                "level": level,
                "reason": reason.strip(),
                "moderator": actor,
                "moderated_at": timezone.now(),
            },
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=moderation,
            subject=current,
            changes={
                "dimension": dimension.key,
                "outcome": outcome.value,
                "borough_level": score.level,
                "moderated_level": level,
            },
            reason=reason.strip(),
        )
        if not DimensionScore.objects.filter(assessment=current, moderation__isnull=True).exists():
            _finish_moderation(actor, current)
    return moderation


def _finish_moderation(actor: User, assessment: BoroughAssessment) -> None:
    assessment.moderated_by, assessment.moderated_at = actor, timezone.now()
    assessment.version += 1
    before, after = make_move(
        assessment, workflow.MACHINE, workflow.MODERATED, also=["moderated_by", "moderated_at", "version"]
    )
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=assessment,
        changes={"status": [before, after], "version": [assessment.version - 1, assessment.version]},
    )
    notify_people(
        leads_of(assessment.borough),
        Notice(
            kind=MODERATED_NOTICE,
            item_key=item_key(assessment),
            subject=f"The self-assessment for {assessment.borough.name} has been moderated",
            url=reverse("programme:assessment-detail", args=[assessment.pk]),
        ),
    )
