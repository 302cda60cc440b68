"""Retention of safeguarding casework: a referral past its retention period is listed for a data
protection officer, who confirms the erasure of its personal data or holds it (with a reason and a
date, for example during litigation). Only the anonymous statistical facts stay on the referral;
the age band at referral is kept here, because the date of birth goes."""

from django.conf import settings
from django.db import models


class AgeBand(models.TextChoices):
    """The bands of the Home Office's published Prevent statistics."""

    UNDER_11 = "10_or_under", "10 or under"
    FROM_11_TO_15 = "11_to_15", "11 to 15"
    FROM_16_TO_17 = "16_to_17", "16 to 17"
    FROM_18_TO_24 = "18_to_24", "18 to 24"
    FROM_25 = "25_or_over", "25 or over"


class RetentionReview(models.Model):
    referral = models.OneToOneField(
        "safeguarding.Referral", on_delete=models.CASCADE, related_name="retention_review"
    )
    found_at = models.DateTimeField()
    due_since = models.DateField(help_text="The day the retention period ended.")
    rule = models.CharField(max_length=300, help_text="The retention period applied, in words.")
    age_band = models.CharField(max_length=20, choices=AgeBand.choices, blank=True)
    held_until = models.DateField(null=True, blank=True)
    hold_reason = models.TextField(blank=True)
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    erasure_reason = models.TextField(blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_since", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(erased_at__isnull=True) | models.Q(confirmed_by__isnull=False),
                name="erasure_confirmed_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"Retention review of referral {self.referral_id}"
