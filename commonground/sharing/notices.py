"""Telling data protection officers when a sharing agreement's review is near or past: once per
agreement and review date (a new review date tells them again)."""

from datetime import datetime

from django.urls import reverse
from django.utils import timezone

from commonground.core import policy
from commonground.core.models import NotificationKind
from commonground.core.notifications import Notice, notify_many
from commonground.core.roles import Permission
from commonground.sharing.queries import agreements_due_for_review


def agreement_review_due_sweep(now: datetime) -> int:
    agreements = agreements_due_for_review(timezone.localdate(now))
    if not agreements:
        return 0
    officers = list(policy.who_may(Permission.MANAGE_SHARING_AGREEMENTS).values_list("pk", flat=True))
    return notify_many(
        (
            user_id,
            Notice(
                kind=NotificationKind.AGREEMENT_REVIEW_DUE,
                item_key=f"sharing.sharingagreement:{agreement.pk}:{agreement.review_on:%Y-%m-%d}",
                subject=f"The sharing agreement “{agreement.title}” is due for review on "
                f"{agreement.review_on:%-d %B %Y}",
                url=reverse("sharing:agreement", args=[agreement.pk]),
            ),
        )
        for agreement in agreements
        for user_id in officers
    )
