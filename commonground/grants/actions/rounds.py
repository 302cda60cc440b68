"""Grant rounds, run by the grants officers: a round's details (budget, the most one application may
ask for, dates, boroughs, monitoring categories and due days, the disagreement threshold, whether it
is published), its weighted criteria and its own questions. Each write audited in its transaction."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from commonground.core import audit
from commonground.core.access import scope_for
from commonground.core.models import Area, AuditAction, User
from commonground.core.roles import Permission
from commonground.grants.actions.staff_rows import locked_round
from commonground.grants.models import Criterion, GrantRound, PanelDecision, RoundQuestion

ROUND_FIELDS = (
    "name",
    "slug",
    "summary",
    "budget",
    "maximum_award",
    "opens_on",
    "closes_on",
    "participation_categories",
    "monitoring_due_days",
    "disagreement_threshold",
    "published",
)


@dataclass(frozen=True)
class RoundDetails:
    name: str
    slug: str
    summary: str
    budget: Decimal
    maximum_award: Decimal
    opens_on: date
    closes_on: date
    boroughs: list[Area] = field(default_factory=list)
    participation_categories: list[str] = field(default_factory=list)
    monitoring_due_days: int = 28
    disagreement_threshold: int = 20
    published: bool = False


def _checked(details: RoundDetails) -> RoundDetails:
    errors: dict[str, str] = {}
    if not details.name.strip():
        errors["name"] = "Enter the round's name"
    if not details.slug.strip():
        errors["slug"] = "Enter the round's short name for its address"
    if details.budget <= 0:
        errors["budget"] = "Enter a budget of more than £0"
    if details.maximum_award <= 0:
        errors["maximum_award"] = "Enter a maximum award of more than £0"
    elif details.maximum_award > details.budget:
        errors["maximum_award"] = "The maximum award cannot be more than the round's budget"
    if details.closes_on < details.opens_on:
        errors["closes_on"] = "The closing date must be on or after the opening date"
    if not details.boroughs:
        errors["boroughs"] = "Select at least one borough the round covers"
    if not 0 <= details.disagreement_threshold <= 100:
        errors["disagreement_threshold"] = "Enter a threshold from 0 to 100 percentage points"
    if errors:
        raise ValidationError(errors)
    categories = [c.strip() for c in details.participation_categories if c.strip()]
    return RoundDetails(
        **{
            **details.__dict__,
            "name": details.name.strip(),
            "slug": details.slug.strip().lower(),
            "summary": details.summary.strip(),
            "participation_categories": list(dict.fromkeys(categories)),
        }
    )


def _slug_taken() -> ValidationError:
    return ValidationError({"slug": "Another round already uses this short name: choose another"})


def create_round(*, actor: User, details: RoundDetails) -> GrantRound:
    scope_for(actor).require(Permission.MANAGE_GRANTS)
    details = _checked(details)
    if GrantRound.objects.filter(slug=details.slug).exists():
        raise _slug_taken()
    try:
        with transaction.atomic():
            grant_round = GrantRound.objects.create(
                created_by=actor, **{name: getattr(details, name) for name in ROUND_FIELDS}
            )
            grant_round.boroughs.set(details.boroughs)
            audit.record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=grant_round,
                changes={"name": grant_round.name, "budget": grant_round.budget},
            )
    except IntegrityError as error:
        raise _slug_taken() from error
    return grant_round


def edit_round(*, actor: User, grant_round: GrantRound, details: RoundDetails) -> GrantRound:
    scope = scope_for(actor)
    scope.require(Permission.MANAGE_GRANTS)
    details = _checked(details)
    if GrantRound.objects.filter(slug=details.slug).exclude(pk=grant_round.pk).exists():
        raise _slug_taken()
    with transaction.atomic():
        current = locked_round(scope, grant_round.pk)
        awarded = sum(
            (d.amount_awarded or 0 for d in _decisions_of(current)),
            Decimal(0),
        )
        if details.budget < awarded:
            raise ValidationError(
                {"budget": f"The budget cannot be less than the £{awarded:,.2f} already awarded"}
            )
        changes = {
            name: [getattr(current, name), getattr(details, name)]
            for name in ROUND_FIELDS
            if getattr(current, name) != getattr(details, name)
        }
        for name in changes:
            setattr(current, name, getattr(details, name))
        if changes:
            current.save(update_fields=list(changes))
        before = set(current.boroughs.values_list("pk", flat=True))
        after = {area.pk for area in details.boroughs}
        if before != after:
            current.boroughs.set(details.boroughs)
            changes["boroughs"] = [sorted(before), sorted(after)]
        if changes:
            audit.record(actor=actor, action=AuditAction.UPDATE, obj=current, changes=changes)
    return current


def _decisions_of(grant_round: GrantRound):
    return PanelDecision.objects.filter(application__grant_round=grant_round, amount_awarded__isnull=False)


def add_criterion(
    *, actor: User, grant_round: GrantRound, title: str, weight: int, guidance: str = ""
) -> Criterion:
    scope = scope_for(actor)
    scope.require(Permission.MANAGE_GRANTS)
    errors = {}
    if not title.strip():
        errors["title"] = "Enter what assessors score"
    if not 1 <= weight <= 10:
        errors["weight"] = "Enter a weight from 1 to 10"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = locked_round(scope, grant_round.pk)
        if current.applications.filter(assessments__isnull=False).exists():
            raise ValidationError("Criteria cannot change once assessors have started scoring this round")
        criterion = Criterion.objects.create(
            grant_round=current,
            title=title.strip(),
            weight=weight,
            guidance=guidance.strip(),
            position=current.criteria.count() + 1,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=criterion,
            changes={"round": current.pk, "title": criterion.title, "weight": weight},
        )
    return criterion


def add_question(
    *, actor: User, grant_round: GrantRound, text: str, hint: str = "", required: bool = True
) -> RoundQuestion:
    scope = scope_for(actor)
    scope.require(Permission.MANAGE_GRANTS)
    if not text.strip():
        raise ValidationError({"text": "Enter the question"})
    with transaction.atomic():
        current = locked_round(scope, grant_round.pk)
        question = RoundQuestion.objects.create(
            grant_round=current,
            text=text.strip(),
            hint=hint.strip(),
            required=required,
            position=current.questions.count() + 1,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=question,
            changes={"round": current.pk, "text": question.text},
        )
    return question
