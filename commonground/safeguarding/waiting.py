"""Safeguarding's lists on the staff home page: reviews due, referrals waiting for a screening
decision, information requests to answer (for an agency) and agencies' questions (for coordinators)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from commonground.core import waiting
from commonground.core.access import Scope
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingItem, WaitingList
from commonground.safeguarding import queries
from commonground.safeguarding.models import ReferralStatus
from commonground.safeguarding.queries import (
    SCREENING_OVERDUE_DAYS,
    questions_from_agencies_to_answer,
    referrals_visible_to,
)


def referrals_to_screen(scope: Scope) -> list[WaitingItem]:
    overdue_before = timezone.now() - timedelta(days=SCREENING_OVERDUE_DAYS)
    referrals = referrals_visible_to(scope, status=ReferralStatus.TO_SCREEN).order_by("received_at")
    return [
        WaitingItem(
            label=f"Referral {referral.pk}: {referral.get_concern_type_display()}",
            url=reverse("safeguarding:referral", args=[referral.pk]),
            detail=f"{referral.borough} · received {timezone.localtime(referral.received_at):%d %b %H:%M}",
            overdue=referral.received_at < overdue_before,
        )
        for referral in referrals[:20]
    ]


def information_requests_to_answer(scope: Scope) -> list[WaitingItem]:
    return queries.information_requests_to_answer(scope)


def questions_from_agencies(scope: Scope) -> list[WaitingItem]:
    return questions_from_agencies_to_answer(scope)


def exit_reviews_due(scope: Scope) -> list[WaitingItem]:
    return queries.exit_reviews_due(scope)


def register_lists() -> None:
    waiting.register(
        WaitingList(
            title="Reviews due",
            permission=Permission.MANAGE_CASES,
            items_for=exit_reviews_due,
            empty_text="No exit review is due in the next 14 days.",
        )
    )
    waiting.register(
        WaitingList(
            title="Referrals to screen",
            permission=Permission.SCREEN_REFERRALS,
            items_for=referrals_to_screen,
            empty_text="No referral is waiting to be screened.",
        )
    )
    waiting.register(
        WaitingList(
            title="Information requests to answer",
            permission=Permission.ANSWER_INFORMATION_REQUESTS,
            items_for=information_requests_to_answer,
            empty_text="No information request is waiting for your agency.",
        )
    )
    waiting.register(
        WaitingList(
            title="Questions from agencies",
            permission=Permission.MANAGE_CASES,
            items_for=questions_from_agencies,
            empty_text="No partner agency is waiting for your answer.",
        )
    )
