"""Retention of programme records, enforced by the software.

- A briefing that expired more than BRIEFING_RETENTION_DAYS ago (default 2 years) is deleted with
  its attachments (removed from storage), read receipts and chases. Its title and audience were
  only ever needed while it was current; the audit trail keeps that it existed and who opened it.
- A refresher reminder older than REFRESHER_REMINDER_RETENTION_DAYS (default 1 year) is deleted:
  it exists only so a refresher is reminded once, and that refresher is long past.
Training records, plans, assessments, the forum and lessons are the partnership's record of its own
work and are kept; a person's training record goes with their account. Each deletion is audited by
the system actor in its own transaction. Run daily by the worker."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction

from commonground.core import audit
from commonground.core.models import AuditAction
from commonground.programme.models import Briefing
from commonground.programme.queries.retention import briefings_past_retention, reminders_past_retention


@dataclass(frozen=True)
class RetentionResult:
    briefings_deleted: int
    reminders_deleted: int


def delete_briefing(briefing: Briefing) -> None:
    with transaction.atomic():
        for attachment in briefing.attachments.all():
            attachment.file.delete(save=False)
        audit.record(
            actor=None,
            action=AuditAction.ERASE,
            obj=briefing,
            reason=f"Expired more than {settings.BRIEFING_RETENTION_DAYS} days ago",
        )
        # Attachments, receipts and chases go with it (their foreign keys cascade).
        briefing.delete()


def apply_retention(now: datetime | None = None) -> RetentionResult:
    briefings = list(briefings_past_retention(now))
    for briefing in briefings:
        delete_briefing(briefing)
    with transaction.atomic():
        reminders = reminders_past_retention(now)
        count = reminders.count()
        if count:
            reminders.delete()
            audit.record(
                actor=None,
                action=AuditAction.ERASE,
                reason=(
                    f"{count} refresher reminder(s) older than "
                    f"{settings.REFRESHER_REMINDER_RETENTION_DAYS} days"
                ),
            )
    return RetentionResult(briefings_deleted=len(briefings), reminders_deleted=count)
