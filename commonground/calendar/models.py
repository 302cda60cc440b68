"""Events on the public #WeStandTogether calendar: gatherings that bring communities together,
some funded by community grants (linked by `source_reference`, the grant application's reference,
never a foreign key), some added by the programme team. An event reaches the public only once
published, and publishing needs the organiser's consent recorded (the database refuses otherwise).

Retention: past events stay in the public archive indefinitely. They name organisations (never a
private individual) and public venues, so they hold no personal data to expire; the staff member
who added an event is kept as the record of who published it, like any other audited record."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commonground.calendar import workflow


class EventKind(models.TextChoices):
    COMMUNITY_GATHERING = "community_gathering", _("Community gathering")
    FAITH_OPEN_DAY = "faith_open_day", _("Faith open day")
    ARTS_AND_CULTURE = "arts_and_culture", _("Arts and culture")
    SPORT = "sport", _("Sport")
    FOOD_AND_SHARED_MEAL = "food_and_shared_meal", _("Food and shared meal")
    YOUTH = "youth", _("Youth")
    VIGIL_OR_REMEMBRANCE = "vigil_or_remembrance", _("Vigil or remembrance")
    TALK_OR_WORKSHOP = "talk_or_workshop", _("Talk or workshop")
    OTHER = "other", _("Other")


class EventStatus(models.TextChoices):
    DRAFT = workflow.DRAFT, _("Draft")
    PUBLISHED = workflow.PUBLISHED, _("Published")
    CANCELLED = workflow.CANCELLED, _("Cancelled")


# The statuses the public sees: a cancelled event stays, marked, so that people who planned to go
# (and calendars subscribed to the feeds) learn of it.
PUBLIC_STATUSES = (EventStatus.PUBLISHED, EventStatus.CANCELLED)


class EventQuerySet(models.QuerySet):
    def public(self) -> "EventQuerySet":
        """Events the public may see: published or cancelled after publication, consent recorded."""
        return self.filter(status__in=PUBLIC_STATUSES, consent_recorded_at__isnull=False)


class Event(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=30, choices=EventKind.choices, default=EventKind.COMMUNITY_GATHERING)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    venue_name = models.CharField(max_length=200)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    borough = models.ForeignKey("core.Area", on_delete=models.PROTECT, related_name="calendar_events")
    # An organisation's name: the calendar never names a private individual.
    organiser = models.CharField(max_length=200)
    website = models.URLField(max_length=500, blank=True)
    booking_link = models.URLField(max_length=500, blank=True)
    accessibility = models.TextField(blank=True)
    is_free = models.BooleanField(default=True)
    cost = models.CharField(max_length=200, blank=True, help_text="What it costs, when it is not free.")
    status = models.CharField(max_length=10, choices=EventStatus.choices, default=workflow.INITIAL)
    consent_recorded_at = models.DateTimeField(null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    consent_source = models.CharField(max_length=300, blank=True)
    # A grant application's reference (or another system's), so a funded event is found again
    # without this app knowing about grants.
    source_reference = models.CharField(max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # Bumped on every change: iCalendar's SEQUENCE, and the check against a stale edit.
    version = models.PositiveIntegerField(default=1)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="calendar_event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(status=workflow.PUBLISHED) | Q(consent_recorded_at__isnull=False),
                name="calendar_published_event_has_consent",
            ),
            models.UniqueConstraint(
                fields=["source_reference"],
                condition=~Q(source_reference=""),
                name="calendar_one_event_per_source_reference",
            ),
        ]
        indexes = [
            # The public list and the feeds: by status, in date order.
            models.Index(fields=["status", "starts_at"], name="calendar_status_starts"),
            models.Index(fields=["status", "ends_at"], name="calendar_status_ends"),
            # The borough filter and the borough feeds.
            models.Index(fields=["borough", "status", "starts_at"], name="calendar_borough_starts"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%Y-%m-%d})"

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES and self.consent_recorded_at is not None

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED
