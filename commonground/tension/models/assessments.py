"""Assessments of tension per area: weekly, and ad hoc after a trigger event. An assessment for
a period already assessed is amended, never duplicated; every version is kept as a revision."""

from django.conf import settings
from django.db import models


class AssessmentKind(models.TextChoices):
    WEEKLY = "weekly", "Weekly assessment"
    AD_HOC = "ad_hoc", "Ad hoc, after a trigger event"


class Direction(models.TextChoices):
    RISING = "rising", "Rising"
    STABLE = "stable", "Stable"
    FALLING = "falling", "Falling"


class Confidence(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class Indicator(models.TextChoices):
    """Indicators used in practice (CLG guidance and police community tension summaries)."""

    CRIME_STATISTICS = "crime_statistics", "Police and council statistics"
    COMMUNITY_INTELLIGENCE = (
        "community_intelligence",
        "Community intelligence (wardens, workers, councillors)",
    )
    HATE_INCIDENTS = "hate_incidents", "Racially or religiously motivated incidents and graffiti"
    DISPUTES = "disputes", "Disputes between groups"
    TRIGGER_EVENTS = "trigger_events", "Local, national or international trigger events"
    EXTREMIST_ACTIVITY = "extremist_activity", "Far-right or other extremist visits, leafleting or activity"
    PLANNING = "planning", "Planning applications for community buildings"
    ANTISOCIAL_BEHAVIOUR = "antisocial_behaviour", "Anti-social behaviour hot spots"
    RUMOUR = "rumour", "Rumour and social media"
    TRUST = "trust", "Trust in local institutions"
    ECONOMIC_CHANGE = "economic_change", "Economic change"
    MEDIA = "media", "Media reports"


class TensionAssessment(models.Model):
    """The current version of one assessment: an area, a week (starting on a Monday), a level on
    the partnership's scale, with the analyst's reasons. A professional judgement, never computed."""

    area = models.ForeignKey("core.Area", on_delete=models.PROTECT, related_name="tension_assessments")
    week_starting_on = models.DateField()
    kind = models.CharField(max_length=10, choices=AssessmentKind.choices, default=AssessmentKind.WEEKLY)
    trigger_event = models.ForeignKey(
        "TriggerEvent", null=True, blank=True, on_delete=models.PROTECT, related_name="assessments"
    )
    level = models.ForeignKey("TensionLevel", on_delete=models.PROTECT, related_name="+")
    direction = models.CharField(max_length=10, choices=Direction.choices)
    confidence = models.CharField(max_length=10, choices=Confidence.choices)
    rationale = models.TextField()
    indicators = models.JSONField(default=list, blank=True)  # Indicator values considered
    recommended_actions = models.TextField(blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField()
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-week_starting_on", "-assessed_at"]
        indexes = [
            models.Index(fields=["area", "-week_starting_on", "-assessed_at"], name="assessment_latest")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "week_starting_on"],
                condition=models.Q(kind="weekly"),
                name="one_weekly_assessment_per_area_and_week",
            ),
            models.UniqueConstraint(
                fields=["area", "trigger_event"],
                condition=models.Q(kind="ad_hoc"),
                name="one_ad_hoc_assessment_per_area_and_event",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="weekly", trigger_event__isnull=True)
                | models.Q(kind="ad_hoc", trigger_event__isnull=False),
                name="ad_hoc_assessment_names_its_event",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} week of {self.week_starting_on}: {self.level}"


class AssessmentRevision(models.Model):
    """Every version of an assessment as it was saved, the first included."""

    assessment = models.ForeignKey(TensionAssessment, on_delete=models.CASCADE, related_name="revisions")
    revision = models.PositiveIntegerField()
    level = models.ForeignKey("TensionLevel", on_delete=models.PROTECT, related_name="+")
    direction = models.CharField(max_length=10, choices=Direction.choices)
    confidence = models.CharField(max_length=10, choices=Confidence.choices)
    rationale = models.TextField()
    indicators = models.JSONField(default=list, blank=True)
    recommended_actions = models.TextField(blank=True)
    amendment_reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["assessment", "-revision"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "revision"], name="one_row_per_assessment_revision")
        ]

    def __str__(self) -> str:
        return f"{self.assessment} (revision {self.revision})"
