"""Which programme records are past their retention period (see actions/retention.py). The sweep
runs as the system, over every record: retention applies whoever may see them."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from commonground.core.legal_holds import exclude_held
from commonground.programme.models import Briefing, RefresherReminder


def briefings_past_retention(now: datetime | None = None) -> QuerySet[Briefing]:
    cutoff = (now or timezone.now()) - timedelta(days=settings.BRIEFING_RETENTION_DAYS)
    return exclude_held(Briefing.objects.filter(expires_at__lt=cutoff).order_by("pk"))


def reminders_past_retention(now: datetime | None = None) -> QuerySet[RefresherReminder]:
    cutoff = (now or timezone.now()) - timedelta(days=settings.REFRESHER_REMINDER_RETENTION_DAYS)
    return RefresherReminder.objects.filter(sent_at__lt=cutoff)
