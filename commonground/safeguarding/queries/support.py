"""Reads of the support part of casework: an adopted case's plan, its end, its exit reviews and
the coordinator's "Reviews due" list. Each starts from the user's scope (see scoping.py)."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.audit_reads import record_read
from commonground.core.models import Area, User
from commonground.core.queries import staff_visible_to
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingItem
from commonground.safeguarding.models import (
    CaseEvent,
    ExitReview,
    Intervention,
    PlanAction,
    ProgressNote,
    Referral,
    ReferralStatus,
)
from commonground.safeguarding.scoping import managed_referrals

# A review shows on the staff home from this many days before it is due, and until it is done.
REVIEWS_DUE_WITHIN_DAYS = 14


@dataclass(frozen=True)
class SupportPlan:
    referral: Referral
    interventions: list[Intervention]
    actions: list[PlanAction]
    events: list[CaseEvent]
    exit_reviews: list[ExitReview]

    @property
    def is_adopted(self) -> bool:
        return self.referral.status == ReferralStatus.ADOPTED

    @property
    def has_ended(self) -> bool:
        return self.referral.status == ReferralStatus.EXITED

    @property
    def ended_by(self) -> CaseEvent | None:
        """Why support stopped: the consent withdrawal or exit that ended it."""
        ending = [
            e for e in self.events if e.kind in (CaseEvent.Kind.CONSENT_WITHDRAWN, CaseEvent.Kind.EXITED)
        ]
        return ending[-1] if ending else None

    @property
    def transfers(self) -> list[CaseEvent]:
        return [e for e in self.events if e.kind == CaseEvent.Kind.TRANSFERRED]


def _case(scope: Scope, referral_id: int) -> Referral:
    if not scope.can(Permission.MANAGE_CASES):
        raise Http404("Not found")
    return access.get_visible_or_404(
        scope, managed_referrals(scope, Referral.objects.select_related("borough")), pk=referral_id
    )


def support_case_for(scope: Scope, referral_id: int) -> Referral:
    """A case to change (for a form posted to it), without recording an opening. 404 if out of scope."""
    return _case(scope, referral_id)


def open_support_plan(scope: Scope, referral_id: int) -> SupportPlan:
    """A case's support plan for its page; each opening is audited. Out of scope answers 404."""
    referral = _case(scope, referral_id)
    interventions = (
        access.visible(scope, Intervention)
        .filter(referral=referral)
        .select_related("owner")
        .prefetch_related(
            Prefetch(
                "notes",
                queryset=ProgressNote.objects.select_related("written_by").order_by("written_at", "pk"),
            )
        )
    )
    plan = SupportPlan(
        referral=referral,
        interventions=list(interventions),
        actions=list(access.visible(scope, PlanAction).filter(referral=referral).select_related("owner")),
        events=list(
            access.visible(scope, CaseEvent)
            .filter(referral=referral)
            .select_related("from_borough", "to_borough", "recorded_by")
        ),
        exit_reviews=list(
            access.visible(scope, ExitReview).filter(referral=referral).select_related("completed_by")
        ),
    )
    record_read(scope=scope, obj=referral, subject=referral, changes={"page": "support plan"})
    return plan


def exit_review_for(scope: Scope, referral: Referral, review_id: int) -> ExitReview:
    return access.get_visible_or_404(scope, ExitReview.objects.filter(referral=referral), pk=review_id)


def owners_for(scope: Scope) -> QuerySet[User]:
    """Who may own an intervention or action: active colleagues in the coordinator's directory."""
    return staff_visible_to(scope).order_by("first_name", "last_name", "username")


def boroughs_to_transfer_to(referral: Referral) -> QuerySet[Area]:
    return Area.objects.boroughs().exclude(pk=referral.borough_id).order_by("name")


def exit_reviews_due(scope: Scope) -> list[WaitingItem]:
    """Exit reviews not yet done that are due within 14 days or overdue, on cases in scope."""
    if not scope.can(Permission.MANAGE_CASES):
        return []
    today = timezone.localdate()
    reviews = (
        access.visible(scope, ExitReview)
        .filter(completed_at__isnull=True, due_on__lte=today + timedelta(days=REVIEWS_DUE_WITHIN_DAYS))
        .select_related("referral__borough")
        .order_by("due_on", "pk")
    )
    return [
        WaitingItem(
            label=f"{review.months_after_exit}-month exit review: referral {review.referral_id}",
            url=reverse("safeguarding:complete-exit-review", args=[review.referral_id, review.pk]),
            detail=f"{review.referral.borough} · due {review.due_on.day} {review.due_on:%b %Y}",
            overdue=review.due_on < today,
        )
        for review in reviews[:20]
    ]


__all__ = [
    "REVIEWS_DUE_WITHIN_DAYS",
    "SupportPlan",
    "boroughs_to_transfer_to",
    "exit_review_for",
    "exit_reviews_due",
    "open_support_plan",
    "owners_for",
    "support_case_for",
]
