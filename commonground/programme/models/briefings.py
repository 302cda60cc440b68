"""Briefings passed down to local leaders (a police local risk profile, a national alert): a
handling marking, an audience by roles, agencies and boroughs, attachments, an expiry, and a read
receipt per reader. Out of the audience a briefing is "not found"; after its expiry only its author
and the data protection officers may open it."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone


class HandlingMarking(models.TextChoices):
    OFFICIAL = "official", "OFFICIAL"
    OFFICIAL_SENSITIVE = "official_sensitive", "OFFICIAL-SENSITIVE"


class BriefingStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent"


class Briefing(models.Model):
    title = models.CharField(max_length=200)
    body = models.TextField()
    marking = models.CharField(
        max_length=20, choices=HandlingMarking.choices, default=HandlingMarking.OFFICIAL
    )
    status = models.CharField(max_length=10, choices=BriefingStatus.choices, default=BriefingStatus.DRAFT)
    # The audience: someone is in it when they match every part that is set (roles are groups).
    audience_roles = models.ManyToManyField("auth.Group", blank=True, related_name="+")
    audience_agencies = models.ManyToManyField("core.Agency", blank=True, related_name="+")
    audience_boroughs = models.ManyToManyField("core.Area", blank=True, related_name="+")
    expires_at = models.DateTimeField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "expires_at"], name="briefing_open"),
            models.Index(fields=["author", "-created_at"], name="briefing_author"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=BriefingStatus.DRAFT) | Q(sent_at__isnull=False),
                name="sent_briefing_has_date",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")), name="briefing_expires_after_creation"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class BriefingAttachment(models.Model):
    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="briefings/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["briefing", "added_at"]

    def __str__(self) -> str:
        return self.original_name


class BriefingReceipt(models.Model):
    """Who opened a briefing, first and last; each open is also in the audit trail."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="receipts")
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    first_opened_at = models.DateTimeField(default=timezone.now)
    last_opened_at = models.DateTimeField(default=timezone.now)
    times_opened = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["briefing", "first_opened_at"]
        constraints = [
            models.UniqueConstraint(fields=["briefing", "reader"], name="one_receipt_per_reader"),
        ]

    def __str__(self) -> str:
        return f"{self.reader} opened {self.briefing}"


class BriefingChase(models.Model):
    """The author reminding someone in the audience who has not yet opened the briefing."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="chases")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    chased_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    chased_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["briefing", "-chased_at"]

    def __str__(self) -> str:
        return f"Chase {self.person} for {self.briefing}"
