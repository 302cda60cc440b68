"""Retention of programme records: a briefing expired more than two years ago is deleted with its
attachments (files removed from storage), receipts and chases; a younger one stays. Refresher
reminders older than a year go. Each deletion is in the audit trail as the system's."""

from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.programme.actions.retention import apply_retention
from commonground.programme.models import (
    Briefing,
    BriefingAttachment,
    BriefingReceipt,
    BriefingStatus,
    Course,
    RefresherReminder,
)
from tests.factories import BOLTON, GREATER_MANCHESTER, staff

pytestmark = pytest.mark.django_db


def briefing_expired(days_ago: int, author) -> Briefing:
    now = timezone.now()
    briefing = Briefing.objects.create(
        title=f"Expired {days_ago} days ago",
        body="b",
        author=author,
        status=BriefingStatus.SENT,
        created_at=now - timedelta(days=days_ago + 30),
        sent_at=now - timedelta(days=days_ago + 30),
        expires_at=now - timedelta(days=days_ago),
    )
    return briefing


def test_a_long_expired_briefing_goes_with_its_files_and_receipts(settings, files_of_this_test):
    author = staff(Role.PROGRAMME_MANAGER, GREATER_MANCHESTER)
    reader = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    old = briefing_expired(2 * 365 + 1, author)
    attachment = BriefingAttachment(
        briefing=old, original_name="profile.pdf", content_type="application/pdf", size=4
    )
    attachment.file.save("profile.pdf", ContentFile(b"%PDF"), save=True)
    stored = attachment.file.name
    BriefingReceipt.objects.create(briefing=old, reader=reader)
    recent = briefing_expired(30, author)

    result = apply_retention()

    assert result.briefings_deleted == 1
    assert list(Briefing.objects.all()) == [recent]
    assert not BriefingReceipt.objects.exists() and not BriefingAttachment.objects.exists()
    assert not attachment.file.storage.exists(stored)
    event = AuditEvent.objects.get(action=AuditAction.ERASE, object_id=str(old.pk))
    assert event.actor is None and "730 days" in event.reason


def test_old_refresher_reminders_go_and_recent_ones_stay():
    person = staff(Role.PARTNER_OFFICER, BOLTON)
    course = Course.objects.get(key="prevent-awareness")
    old = RefresherReminder.objects.create(
        person=person, course=course, due_on=date(2024, 1, 1), sent_at=timezone.now() - timedelta(days=400)
    )
    recent = RefresherReminder.objects.create(person=person, course=course, due_on=date(2026, 12, 20))

    assert apply_retention().reminders_deleted == 1
    assert list(RefresherReminder.objects.all()) == [recent]
    assert not RefresherReminder.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(action=AuditAction.ERASE, reason__startswith="1 refresher").exists()


def test_nothing_due_changes_nothing():
    assert apply_retention().__dict__ == {"briefings_deleted": 0, "reminders_deleted": 0}
    assert not AuditEvent.objects.filter(action=AuditAction.ERASE).exists()
