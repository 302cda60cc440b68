"""Telling data protection officers when a subject access request nears its deadline: once per
request and deadline (an extension moves the deadline and tells them again). The notice names the
request by number, never the person."""

from datetime import datetime

from django.urls import reverse
from django.utils import timezone

from commonground.core import policy
from commonground.core.models import NotificationKind
from commonground.core.notifications import Notice, notify_many
from commonground.core.roles import Permission
from commonground.governance.queries.requests import due_soon


def subject_access_due_sweep(now: datetime) -> int:
    requests = list(due_soon(timezone.localdate(now)).values_list("pk", "due_on"))
    if not requests:
        return 0
    officers = list(policy.who_may(Permission.HANDLE_SUBJECT_ACCESS).values_list("pk", flat=True))
    return notify_many(
        (
            user_id,
            Notice(
                kind=NotificationKind.SUBJECT_ACCESS_DUE,
                item_key=f"governance.subjectaccessrequest:{pk}:{due:%Y-%m-%d}",
                subject=f"Subject access request {pk} is due on {due:%-d %B %Y}",
                url=reverse("governance:request", args=[pk]),
            ),
        )
        for pk, due in requests
        for user_id in officers
    )
