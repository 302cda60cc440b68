"""Alerts about rising tension: who subscribed to which areas, what was raised, who was told.
Each alert has a key naming the change it reports, so a task run twice alerts nobody twice."""

from django.conf import settings
from django.db import models


class AlertKind(models.TextChoices):
    LEVEL_RAISED = "level_raised", "Tension level raised"
    INCIDENTS_ABOVE_BASELINE = "incidents_above_baseline", "Incidents above their baseline"


class AlertSubscription(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tension_alerts"
    )
    # Blank: every area the user may see.
    area = models.ForeignKey("core.Area", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    # Alert when an assessment rises to this level or above.
    minimum_level = models.ForeignKey("TensionLevel", on_delete=models.PROTECT, related_name="+")
    include_incident_spikes = models.BooleanField(default=True)
    by_email = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "area"],
                condition=models.Q(area__isnull=False),
                name="one_subscription_per_user_and_area",
            ),
            # "All my areas" has no area; a partial constraint works on SQLite and PostgreSQL alike.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(area__isnull=True),
                name="one_all_areas_subscription_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} from {self.minimum_level} in {self.area or 'all areas in scope'}"


class Alert(models.Model):
    kind = models.CharField(max_length=30, choices=AlertKind.choices)
    area = models.ForeignKey("core.Area", on_delete=models.PROTECT, related_name="+")
    # The change reported, e.g. "level_raised:E08000004:2026-11-16:5". Unique: once per change.
    change_key = models.CharField(max_length=120, unique=True)
    summary = models.CharField(max_length=300)
    assessment = models.ForeignKey(
        "TensionAssessment", null=True, blank=True, on_delete=models.SET_NULL, related_name="alerts"
    )
    details = models.JSONField(default=dict, blank=True)
    raised_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-raised_at"]

    def __str__(self) -> str:
        return self.summary


class AlertDelivery(models.Model):
    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    emailed_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-alert__raised_at"]
        constraints = [
            models.UniqueConstraint(fields=["alert", "user"], name="one_delivery_per_alert_and_user")
        ]

    def __str__(self) -> str:
        return f"{self.alert} to {self.user}"


class ReportDistribution(models.Model):
    """The weekly tension report sent to one recipient for one week: sent once, audited."""

    week_starting_on = models.DateField()
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["week_starting_on", "recipient"], name="one_weekly_report_per_recipient"
            )
        ]

    def __str__(self) -> str:
        return f"Weekly report of {self.week_starting_on} to {self.recipient}"
