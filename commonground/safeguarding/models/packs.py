"""A panel pack prepared in the background: large packs are rendered by the worker, kept in the
database (never under a URL of their own) for their reader alone, and deleted a day after."""

from django.conf import settings
from django.db import models

__all__ = ["PanelPackFile"]


class PanelPackFile(models.Model):
    class Status(models.TextChoices):
        PREPARING = "preparing", "Being prepared"
        READY = "ready", "Ready"
        FAILED = "failed", "Could not be prepared"

    meeting = models.ForeignKey("safeguarding.PanelMeeting", on_delete=models.CASCADE, related_name="+")
    # The pack holds the cases this person may see: only they may download it.
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    requested_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PREPARING)
    # The referrals in the pack, in agenda order: the pack is out of date once the agenda differs.
    referral_ids = models.JSONField(default=list)
    ready_at = models.DateTimeField(null=True, blank=True)
    pdf = models.BinaryField(default=b"")

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"Panel pack of meeting {self.meeting_id} ({self.get_status_display()})"
