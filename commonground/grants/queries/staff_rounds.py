"""Reads of grant rounds for staff, from the reader's scope: the rounds with their money at a
glance, and one round's page (its criteria, questions and applications by status)."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.models import Area
from commonground.core.models.places import AreaLevel
from commonground.grants import budget
from commonground.grants.models import (
    ApplicationStatus,
    Criterion,
    DecisionOutcome,
    GrantApplication,
    GrantRound,
    PanelDecision,
    Payment,
    RoundQuestion,
)


def rounds(scope: Scope) -> QuerySet[GrantRound]:
    return access.visible(scope, GrantRound).annotate(
        sent=Count("applications", filter=~Q(applications__status=ApplicationStatus.DRAFT))
    )


def round_or_404(scope: Scope, round_id: int) -> GrantRound:
    return access.get_visible_or_404(scope, GrantRound, pk=round_id)


def round_money(grant_round: GrantRound) -> budget.RoundMoney:
    """Budget, awarded, paid and remaining, summed in the database (two queries)."""
    awarded = PanelDecision.objects.filter(
        application__grant_round=grant_round, outcome=DecisionOutcome.AWARD
    ).aggregate(total=Sum("amount_awarded"))["total"]
    paid = Payment.objects.filter(decision__application__grant_round=grant_round).aggregate(
        total=Sum("amount")
    )["total"]
    return budget.RoundMoney(
        budget=grant_round.budget, awarded=awarded or budget.ZERO, paid=paid or budget.ZERO
    )


@dataclass(frozen=True)
class StatusGroup:
    status: str
    label: str
    applications: list[GrantApplication]


@dataclass(frozen=True)
class RoundPage:
    grant_round: GrantRound
    money: budget.RoundMoney
    boroughs: list[Area]
    criteria: list[Criterion]
    questions: list[RoundQuestion]
    by_status: list[StatusGroup]


def open_round(scope: Scope, round_id: int) -> RoundPage:
    """A round's page. Its applications are listed by reference, organisation and event: a group's
    details, not a person's, so no read is audited here (the application's own page is)."""
    grant_round = round_or_404(scope, round_id)
    applications = list(
        access.visible(scope, GrantApplication)
        .filter(grant_round=grant_round)
        .exclude(status=ApplicationStatus.DRAFT)
        .select_related("decision")
        .order_by("reference")
    )
    by_status = [
        StatusGroup(
            status=status.value,
            label=status.label,
            applications=[a for a in applications if a.status == status.value],
        )
        for status in ApplicationStatus
        if status != ApplicationStatus.DRAFT
    ]
    return RoundPage(
        grant_round=grant_round,
        money=round_money(grant_round),
        boroughs=list(grant_round.boroughs.order_by("name")),
        criteria=list(access.visible(scope, Criterion).filter(grant_round=grant_round)),
        questions=list(access.visible(scope, RoundQuestion).filter(grant_round=grant_round)),
        by_status=[group for group in by_status if group.applications],
    )


def boroughs_to_choose() -> QuerySet[Area]:
    return Area.objects.filter(level=AreaLevel.BOROUGH).order_by("name")
