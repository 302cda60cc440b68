"""Reads of retention reviews: data protection officers only (ACCESS_OUTSIDE_SCOPE), every borough.
The list shows no name: the statistical facts, the period applied and the date it ended.
Also which referrals are past their period (the rules are in actions/retention.py's docstring),
asked by the daily task that lists them for review."""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from commonground.core import access, waiting
from commonground.core.access import Scope
from commonground.core.legal_holds import held_pks
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingItem, WaitingList
from commonground.safeguarding import panel_rules
from commonground.safeguarding.models import (
    AgeBand,
    CaseEvent,
    GatewayOutcome,
    PanelOutcome,
    Referral,
    ReferralStatus,
    RetentionReview,
    ScreeningOutcome,
)

# Statuses in which a referral ended without becoming a Channel case, and the steps that end it.
ENDED_WITHOUT_CASE = [ReferralStatus.NO_FURTHER_ACTION, ReferralStatus.SIGNPOSTED, ReferralStatus.NOT_ADOPTED]
ENDING_SCREENING = [ScreeningOutcome.NO_FURTHER_ACTION, ScreeningOutcome.NOT_APPROPRIATE]
ENDING_GATEWAY = [GatewayOutcome.NO_FURTHER_ACTION, GatewayOutcome.SIGNPOSTED]
ENDING_CASE_EVENTS = [CaseEvent.Kind.EXITED, CaseEvent.Kind.CONSENT_WITHDRAWN]


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


def age_band(age: int | None) -> str:
    if age is None:
        return ""
    if age <= 10:
        return AgeBand.UNDER_11
    if age <= 15:
        return AgeBand.FROM_11_TO_15
    if age <= 17:
        return AgeBand.FROM_16_TO_17
    if age <= 24:
        return AgeBand.FROM_18_TO_24
    return AgeBand.FROM_25


def age_band_at_referral(referral: Referral) -> str:
    received_on = timezone.localtime(referral.received_at).date()
    return age_band(
        panel_rules.age_on(
            received_on,
            date_of_birth=referral.date_of_birth,
            age_years=referral.age_years,
            age_given_on=received_on,
        )
    )


def _local_date(value) -> date:
    return timezone.localtime(value).date() if hasattr(value, "tzinfo") else value


def _ended_without_case() -> list[tuple[Referral, date, str]]:
    days = settings.SAFEGUARDING_RETENTION_NO_FURTHER_ACTION_DAYS
    referrals = Referral.objects.filter(status__in=ENDED_WITHOUT_CASE).annotate(
        screened=Max(
            "screening_decisions__decided_at", filter=Q(screening_decisions__decision__in=ENDING_SCREENING)
        ),
        checked=Max("gateway_checks__recorded_at", filter=Q(gateway_checks__outcome__in=ENDING_GATEWAY)),
        panel=Max(
            "agenda_items__decision__decided_at",
            filter=Q(agenda_items__decision__outcome=PanelOutcome.NOT_ADOPT),
        ),
    )
    found: list[tuple[Referral, date, str]] = []
    for referral in referrals:
        decided = [
            _local_date(d) for d in (referral.screened, referral.checked, referral.panel) if d is not None
        ]
        if not decided:
            continue  # no recorded decision ended it: nothing to count from
        decided_on = max(decided)
        rule = (
            f"{referral.get_status_display()}: kept {days} days from the decision on {decided_on:%d %B %Y} "
            "(SAFEGUARDING_RETENTION_NO_FURTHER_ACTION_DAYS)"
        )
        found.append((referral, decided_on + timedelta(days=days), rule))
    return found


def _cases_ended() -> list[tuple[Referral, date, str]]:
    days = settings.SAFEGUARDING_RETENTION_CASE_DAYS
    referrals = Referral.objects.filter(status=ReferralStatus.EXITED).annotate(
        exited=Max("case_events__happened_on", filter=Q(case_events__kind__in=ENDING_CASE_EVENTS))
    )
    return [
        (
            referral,
            referral.exited + timedelta(days=days),
            f"Channel case: kept {days} days from the exit on {referral.exited:%d %B %Y} "
            "(SAFEGUARDING_RETENTION_CASE_DAYS)",
        )
        for referral in referrals
        if referral.exited is not None
    ]


def past_retention(today: date | None = None) -> list[tuple[Referral, date, str]]:
    """Every referral whose retention period ended before `today`: (referral, due since, rule)."""
    today = today or timezone.localdate()
    held = held_pks("safeguarding.referral")
    return [row for row in _ended_without_case() + _cases_ended() if row[1] < today and row[0].pk not in held]
