"""Checking and assessing applications.

The grants officer records their check of an application flagged as a possible duplicate (never an
automatic refusal), and assigns assessors, which sends the application for assessment. Each
assessor declares any conflict of interest before scoring; a declared conflict bars them from
scoring it (the officer sees the declaration and may assign another). An assessor scores each
criterion 0 to 5 with a comment; the weighted totals come from `grants.scoring`, and two totals
further apart than the round's threshold mark the application as waiting for a moderation note,
which the officer or the panel records. Each write audited in its transaction; notices on commit."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.core import audit, policy
from commonground.core.access import scope_for
from commonground.core.actions.moves import make_move, require_move
from commonground.core.models import AuditAction, NotificationKind, User
from commonground.core.roles import Permission
from commonground.grants import scoring, workflow
from commonground.grants.actions.staff_rows import (
    application_notice,
    locked_application,
    officers_and_panel,
    tell,
)
from commonground.grants.models import (
    ApplicationStatus,
    Assessment,
    AssessorAssignment,
    ConflictDeclaration,
    CriterionScore,
    DuplicateCheck,
    GrantApplication,
)

ASSESSORS_PER_APPLICATION = 2
CONFLICT_BARS_SCORING = (
    "You declared a conflict of interest in this application, so you cannot score it. "
    "The grants officer will ask another assessor."
)


def record_duplicate_check(
    *, actor: User, application: GrantApplication, is_duplicate: bool, note: str
) -> GrantApplication:
    """The officer's finding on a possible duplicate, with a note. A finding of "duplicate" refuses
    nothing by itself: the panel declines, with reasons, if it should be declined."""
    scope = scope_for(actor)
    scope.require(Permission.MANAGE_GRANTS)
    if not note.strip():
        raise ValidationError({"note": "Enter a note saying what you checked"})
    with transaction.atomic():
        current = locked_application(scope, application.pk)
        if current.status == ApplicationStatus.DRAFT:
            raise ValidationError("A draft has not been sent yet, so it cannot be checked")
        finding = DuplicateCheck.DUPLICATE if is_duplicate else DuplicateCheck.NOT_DUPLICATE
        before = current.duplicate_check
        current.duplicate_check = finding
        current.duplicate_check_note = note.strip()
        current.duplicate_checked_by = actor
        current.duplicate_checked_at = timezone.now()
        current.save(
            update_fields=[
                "duplicate_check",
                "duplicate_check_note",
                "duplicate_checked_by",
                "duplicate_checked_at",
            ]
        )
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={
                "duplicate_check": [before, finding],
                "possible_duplicate_of": current.possible_duplicate_of_id,
            },
        )
    return current


def assign_assessors(
    *, actor: User, application: GrantApplication, assessors: list[User]
) -> GrantApplication:
    """Assign assessors. A submitted application needs two and moves to "being assessed"; one being
    assessed may have another added (say, in place of an assessor who declared a conflict). Each
    assessor is told it waits for their score."""
    scope = scope_for(actor)
    scope.require(Permission.MANAGE_GRANTS)
    chosen = list(dict.fromkeys(assessors))
    if not chosen:
        raise ValidationError({"assessors": "Select the assessors"})
    eligible = set(
        policy.who_may(Permission.ASSESS_GRANT_APPLICATIONS)
        .filter(pk__in=[a.pk for a in chosen])
        .values_list("pk", flat=True)
    )
    if any(a.pk not in eligible for a in chosen):
        raise ValidationError({"assessors": "Select people who assess grant applications"})
    with transaction.atomic():
        current = locked_application(scope, application.pk)
        already = set(current.assignments.values_list("assessor_id", flat=True))
        if any(a.pk in already for a in chosen):
            raise ValidationError({"assessors": "One of them is already assessing this application"})
        if current.status == ApplicationStatus.SUBMITTED:
            if len(already) + len(chosen) < ASSESSORS_PER_APPLICATION:
                raise ValidationError(
                    {"assessors": f"Select {ASSESSORS_PER_APPLICATION} different assessors"}
                )
            require_move(current, workflow.APPLICATION, workflow.START_ASSESSMENT, error_field="assessors")
        elif current.status != ApplicationStatus.IN_ASSESSMENT:
            raise ValidationError({"assessors": "Assessors are assigned only before the panel decides"})
        AssessorAssignment.objects.bulk_create(
            AssessorAssignment(application=current, assessor=a, assigned_by=actor) for a in chosen
        )
        moved = None
        if current.status == ApplicationStatus.SUBMITTED:
            moved = make_move(current, workflow.APPLICATION, workflow.START_ASSESSMENT)
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={
                "assessors_assigned": [a.pk for a in chosen],
                **({"status": list(moved)} if moved else {}),
            },
        )
        tell(
            policy.who_may(
                Permission.ASSESS_GRANT_APPLICATIONS,
                among=User.objects.filter(pk__in=[a.pk for a in chosen]),
            ),
            application_notice(
                current, NotificationKind.GRANT_APPLICATION_TO_SCORE, "A grant application to score"
            ),
        )
    return current


def _assessor_application(actor: User, application: GrantApplication) -> tuple:
    scope = scope_for(actor)
    scope.require(Permission.ASSESS_GRANT_APPLICATIONS)
    current = locked_application(scope, application.pk)
    if not current.assignments.filter(assessor=actor).exists():
        # The scope reaches it through another role (a grants officer who also assesses): still not theirs to score.
        raise PermissionDenied("That grant application was not found.")
    return scope, current


def declare_interest(
    *, actor: User, application: GrantApplication, has_conflict: bool, details: str = ""
) -> ConflictDeclaration:
    """An assessor's declaration, made once, before scoring. A conflict needs its details; the
    officer finds it on their home page ("needs another assessor") and on the application's page."""
    details = details.strip()
    if has_conflict and not details:
        raise ValidationError({"details": "Say what your conflict of interest is"})
    with transaction.atomic():
        _scope, current = _assessor_application(actor, application)
        if current.declarations.filter(assessor=actor).exists():
            raise ValidationError("You have already declared your interests in this application")
        if current.status != ApplicationStatus.IN_ASSESSMENT:
            raise ValidationError("This application is no longer being assessed")
        declaration = ConflictDeclaration.objects.create(
            application=current,
            assessor=actor,
            has_conflict=has_conflict,
            details=details if has_conflict else "",
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=declaration,
            changes={"application": current.pk, "has_conflict": has_conflict},
        )
    return declaration


def submit_scores(
    *,
    actor: User,
    application: GrantApplication,
    scores: dict[int, tuple[int, str]],
    comment: str = "",
) -> Assessment:
    """An assessor's scores: for each of the round's criteria (by id) a score 0 to 5 and a comment.
    Refused to an assessor who has not declared their interests, or who declared a conflict."""
    with transaction.atomic():
        _scope, current = _assessor_application(actor, application)
        declaration = current.declarations.filter(assessor=actor).first()
        if declaration is None:
            raise ValidationError("Declare any conflict of interest before you score this application")
        if declaration.has_conflict:
            raise ValidationError(CONFLICT_BARS_SCORING)
        if current.status != ApplicationStatus.IN_ASSESSMENT:
            raise ValidationError("This application is no longer being assessed")
        if current.assessments.filter(assessor=actor).exists():
            raise ValidationError("You have already sent your scores for this application")
        criteria = list(current.grant_round.criteria.all())
        if not criteria:
            raise ValidationError("This round has no criteria to score against yet")
        errors = {}
        for criterion in criteria:
            given = scores.get(criterion.pk)
            if given is None:
                errors[f"score_{criterion.pk}"] = f"Enter a score for {criterion.title}"
            elif not scoring.LOWEST_SCORE <= given[0] <= scoring.HIGHEST_SCORE:
                errors[f"score_{criterion.pk}"] = f"Enter a score from 0 to 5 for {criterion.title}"
        if errors:
            raise ValidationError(errors)
        total = scoring.weighted_total((scores[c.pk][0], c.weight) for c in criteria)
        assessment = Assessment.objects.create(
            application=current, assessor=actor, comment=comment.strip(), weighted_total=total
        )
        CriterionScore.objects.bulk_create(
            CriterionScore(
                assessment=assessment,
                criterion=criterion,
                score=scores[criterion.pk][0],
                comment=scores[criterion.pk][1].strip(),
            )
            for criterion in criteria
        )
        totals = [Decimal(t) for t in current.assessments.values_list("weighted_total", flat=True)]
        disagree = scoring.totals_disagree(totals, current.grant_round.disagreement_threshold)
        if disagree and not current.scores_disagree:
            current.scores_disagree = True
            current.moderation_note = ""
            current.save(update_fields=["scores_disagree", "moderation_note"])
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=assessment,
            changes={"application": current.pk, "weighted_total": total, "scores_disagree": disagree},
        )
        if disagree:
            tell(
                officers_and_panel(),
                application_notice(
                    current, NotificationKind.GRANT_SCORES_DISAGREE, "Assessors' scores disagree"
                ),
            )
    return assessment


def record_moderation(*, actor: User, application: GrantApplication, note: str) -> GrantApplication:
    """The officer's or panel's note on two assessors' disagreement, which clears it for the panel."""
    scope = scope_for(actor)
    if not (scope.can(Permission.MANAGE_GRANTS) or scope.can(Permission.DECIDE_GRANTS)):
        raise PermissionDenied("Only the grants officers and the panel moderate scores.")
    if not note.strip():
        raise ValidationError({"note": "Enter the moderation note: how the difference was resolved"})
    with transaction.atomic():
        current = locked_application(scope, application.pk)
        if not current.scores_disagree:
            raise ValidationError("The assessors' scores of this application do not need moderation")
        if current.status != ApplicationStatus.IN_ASSESSMENT:
            raise ValidationError("The panel has already decided on this application")
        current.moderation_note = note.strip()
        current.moderated_by = actor
        current.moderated_at = timezone.now()
        current.save(update_fields=["moderation_note", "moderated_by", "moderated_at"])
        audit.record(actor=actor, action=AuditAction.UPDATE, obj=current, changes={"moderated": True})
    return current


def waits_for_moderation(application: GrantApplication) -> bool:
    return application.scores_disagree and not application.moderation_note
