"""Reads of retention reviews: data protection officers only (ACCESS_OUTSIDE_SCOPE), every borough.
The list shows no name: the statistical facts, the period applied and the date it ended."""

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from commonground.core import access, waiting
from commonground.core.access import Scope
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingItem, WaitingList
from commonground.safeguarding.models import RetentionReview


def _reviews(scope: Scope) -> QuerySet[RetentionReview]:
    return access.visible(scope, RetentionReview).select_related(
        "referral__borough", "held_by", "confirmed_by"
    )


def reviews_to_confirm(scope: Scope) -> QuerySet[RetentionReview]:
    """Past retention, not erased, and not held (or held until a day that has passed)."""
    today = timezone.localdate()
    return (
        _reviews(scope)
        .filter(erased_at__isnull=True)
        .filter(Q(held_until__isnull=True) | Q(held_until__lt=today))
        .order_by("due_since", "pk")
    )


def reviews_held(scope: Scope) -> QuerySet[RetentionReview]:
    today = timezone.localdate()
    return _reviews(scope).filter(erased_at__isnull=True, held_until__gte=today).order_by("held_until", "pk")


def reviews_erased(scope: Scope) -> QuerySet[RetentionReview]:
    return _reviews(scope).filter(erased_at__isnull=False).order_by("-erased_at")


def review_for(scope: Scope, review_id: int) -> RetentionReview:
    """One review for a data protection officer; 404 for anyone else, like a missing one."""
    return access.get_visible_or_404(scope, _reviews(scope), pk=review_id)


def records_past_retention_to_confirm(scope: Scope) -> list[WaitingItem]:
    return [
        WaitingItem(
            label=f"Referral {review.referral_id}: {review.referral.get_status_display()}",
            url=reverse("safeguarding:retention-confirm", args=[review.pk]),
            detail=f"{review.referral.borough} · past retention since {review.due_since:%d %B %Y}",
        )
        for review in reviews_to_confirm(scope)[:20]
    ]


def register_waiting_list() -> None:
    waiting.register(
        WaitingList(
            title="Records past retention to confirm",
            permission=Permission.ACCESS_OUTSIDE_SCOPE,
            items_for=records_past_retention_to_confirm,
            empty_text="No record is waiting for its erasure to be confirmed.",
        )
    )
