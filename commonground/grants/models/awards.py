"""The panel's decision (award in full or in part, or decline, always with reasons), the payments
made against an award, and the group's monitoring report after the event."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from commonground.grants.models.applications import GrantApplication


class DecisionOutcome(models.TextChoices):
    AWARD = "award", "Award"
    DECLINE = "decline", "Decline"


class PanelDecision(models.Model):
    application = models.OneToOneField(GrantApplication, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(max_length=10, choices=DecisionOutcome.choices)
    amount_awarded = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    reasons = models.TextField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)
    applicant_told_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-decided_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(outcome=DecisionOutcome.AWARD) & Q(amount_awarded__gt=0))
                | (Q(outcome=DecisionOutcome.DECLINE) & Q(amount_awarded__isnull=True)),
                name="award_has_amount_decline_has_none",
            ),
            models.CheckConstraint(condition=~Q(reasons=""), name="decision_has_reasons"),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} for {self.application_id}"


class Payment(models.Model):
    decision = models.ForeignKey(PanelDecision, on_delete=models.PROTECT, related_name="payments")
    paid_on = models.DateField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decision", "paid_on", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="payment_positive")]

    def __str__(self) -> str:
        return f"{self.amount} on {self.paid_on}"


class MonitoringReport(models.Model):
    """What the group tells us after the event. Created, due, when the award is made."""

    application = models.OneToOneField(GrantApplication, on_delete=models.PROTECT, related_name="monitoring")
    due_on = models.DateField()
    attendance = models.PositiveIntegerField(null=True, blank=True)
    # Counts by the round's participation categories: {"Young people": 40, ...}
    participation = models.JSONField(default=dict, blank=True)
    what_happened = models.TextField(blank=True)
    amount_spent = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    spend_notes = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on"]
        indexes = [models.Index(fields=["submitted_at", "due_on"])]

    def __str__(self) -> str:
        return f"Monitoring report for {self.application_id}"


class MonitoringPhoto(models.Model):
    report = models.ForeignKey(MonitoringReport, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to="grants/monitoring/%Y/%m/")
    caption = models.CharField(max_length=200, blank=True)
    # The group confirms the people shown agreed to the photo being shared publicly.
    consent_to_publish = models.BooleanField(default=False)
    uploaded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Photo {self.pk} of {self.report_id}"
