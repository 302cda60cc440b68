"""Emergency ("break-glass") access to a record outside one's scope, failed attempts to open a
record out of scope, and a data protection officer's review of staff access (issue 17, parts 5
and 6). These review staff access to records; none of them scores a member of the public."""

from django.conf import settings
from django.db import models


class BreakGlassOutcome(models.TextChoices):
    APPROPRIATE = "appropriate", "Appropriate"
    NOT_APPROPRIATE = "not_appropriate", "Not appropriate"


class BreakGlassAccess(models.Model):
    """One record opened in an emergency by one person, with their reason, for an hour; then the
    data protection officer's review of it (an outcome, a note, who and when)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The record: its model ("safeguarding.referral"), its primary key and its reference as typed.
    record_type = models.CharField(max_length=100)
    record_pk = models.PositiveBigIntegerField()
    record_reference = models.CharField(max_length=40)
    reason = models.TextField()
    opened_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    outcome = models.CharField(max_length=20, choices=BreakGlassOutcome.choices, blank=True)
    review_note = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "expires_at"], name="break_glass_active"),
            models.Index(fields=["opened_at"], name="break_glass_opened"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("opened_at")),
                name="break_glass_ends_after_it_opens",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="")
                | models.Q(reviewed_at__isnull=False, reviewed_by__isnull=False),
                name="break_glass_outcome_has_its_reviewer",
            ),
        ]

    def __str__(self) -> str:
        return f"Emergency access to {self.record_reference}"


class OutOfScopeAttempt(models.Model):
    """A member of staff asked for a record that exists but is outside their scope: they saw an
    ordinary "not found" page, and the data protection officer's access review lists it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    record_type = models.CharField(max_length=100)
    record_pk = models.CharField(max_length=64)
    path = models.CharField(max_length=500)
    attempted_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-attempted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.record_type}:{self.record_pk} asked for out of scope"


class ReviewItem(models.TextChoices):
    """What the access review counts for each member of staff and week (break-glass uses are
    reviewed one by one, with an outcome, on `BreakGlassAccess`)."""

    RECORDS_OPENED = "records_opened", "Personal records opened"
    OUT_OF_HOURS = "out_of_hours", "Access outside working hours"
    OUTSIDE_SCOPE = "outside_scope", "Access outside normal scope"
    EXPORTS = "exports", "Exports"
    FAILED_ATTEMPTS = "failed_attempts", "Failed attempts to open records out of scope"


class AccessReviewMark(models.Model):
    """One item of one person's week marked as reviewed by a data protection officer, with a note."""

    staff_member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    week_starting = models.DateField()
    item = models.CharField(max_length=30, choices=ReviewItem.choices)
    note = models.TextField()
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField()

    class Meta:
        ordering = ["-week_starting", "staff_member_id", "item"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff_member", "week_starting", "item"], name="access_review_one_mark_per_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_item_display()} reviewed for the week of {self.week_starting}"
