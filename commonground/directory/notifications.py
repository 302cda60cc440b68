"""Telling auditors when an entry of their boroughs falls overdue for audit: once per entry and
latest audit (a new audit that later falls overdue tells them again). The notice names the place,
which is public, never a person."""

from datetime import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from commonground.core import policy
from commonground.core.models import NotificationKind
from commonground.core.notifications import Notice, notify_many
from commonground.core.roles import Permission
from commonground.directory import listing_rules
from commonground.directory.models import DirectoryEntry
from commonground.directory.queries.staff import audit_period_days


def overdue_audits_sweep(now: datetime) -> int:
    today = timezone.localdate(now)
    boundary = listing_rules.audited_before_which_is_overdue(today, audit_period_days())
    overdue = list(
        DirectoryEntry.objects.filter(published=True, borough__isnull=False)
        .filter(Q(latest_audit_on__lte=boundary) | Q(latest_audit_on__isnull=True))
        .order_by("pk")
        .values_list("pk", "borough_id", "latest_audit_on", "organisation_name", "place_name")
    )
    auditors_of: dict[int, list[int]] = {}
    for borough_id in {row[1] for row in overdue}:
        auditors_of[borough_id] = list(
            policy.who_may(Permission.AUDIT_DIRECTORY_ENTRIES, area=borough_id).values_list("pk", flat=True)
        )
    return notify_many(
        (
            user_id,
            Notice(
                kind=NotificationKind.DIRECTORY_AUDIT_OVERDUE,
                item_key=f"directory.directoryentry:{pk}:{audited_on or 'never'}",
                subject=f"{', '.join(n for n in (organisation, place) if n)} is overdue for its audit",
                url=reverse("directory:staff-entry", args=[pk]),
            ),
        )
        for pk, borough_id, audited_on, organisation, place in overdue
        for user_id in auditors_of[borough_id]
    )
