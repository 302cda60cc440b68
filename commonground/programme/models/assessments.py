"""A borough's self-assessment for a period: per dimension a level with reasons, evidence and next
steps; then the combined authority's moderation. Statuses and moves: assessment_workflow.py.

`version` goes up by one on every edit: an edit names the version it started from and is refused
if someone else saved in between (as casework does for referrals)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from commonground.programme import assessment_workflow as workflow
from commonground.programme.models.frameworks import LEVEL_IN_RANGE


class AssessmentStatus(models.TextChoices):
    DRAFT = workflow.DRAFT, workflow.STATUS_LABELS[workflow.DRAFT]
    SUBMITTED = workflow.SUBMITTED, workflow.STATUS_LABELS[workflow.SUBMITTED]
    MODERATED = workflow.MODERATED, workflow.STATUS_LABELS[workflow.MODERATED]


class BoroughAssessment(models.Model):
    borough = models.ForeignKey("core.Area", on_delete=models.PROTECT, related_name="programme_assessments")
    framework = models.ForeignKey(
        "programme.FrameworkVersion", on_delete=models.PROTECT, related_name="assessments"
    )
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["borough", "-period_start"]
        indexes = [
            # All boroughs side by side for one period.
            models.Index(fields=["period_start", "borough"], name="assessment_by_period"),
        ]
        constraints = [
            # A borough's history reads this index too (borough, then periods in order).
            models.UniqueConstraint(
                fields=["borough", "period_start"], name="one_assessment_per_borough_period"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="assessment_period_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(status=AssessmentStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="submitted_assessment_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=AssessmentStatus.MODERATED) | Q(moderated_by__isnull=False),
                name="moderated_assessment_names_moderator",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.borough} self-assessment {self.period_start} to {self.period_end}"


class DimensionScore(models.Model):
    assessment = models.ForeignKey(BoroughAssessment, on_delete=models.CASCADE, related_name="scores")
    dimension = models.ForeignKey("programme.Dimension", on_delete=models.PROTECT, related_name="scores")
    level = models.PositiveSmallIntegerField()
    reasons = models.TextField()

    class Meta:
        ordering = ["assessment", "dimension__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "dimension"], name="one_score_per_dimension"),
            models.CheckConstraint(condition=LEVEL_IN_RANGE, name="score_level_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment}: {self.dimension} at {self.level}"


class EvidenceKind(models.TextChoices):
    TEXT = "text", "Text"
    LINK = "link", "Link"
    FILE = "file", "File"


class AssessmentEvidence(models.Model):
    """Evidence for one score: words, a link, or a file checked by its content (PDF, Word/ODT,
    image) before it is stored."""

    score = models.ForeignKey(DimensionScore, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=10, choices=EvidenceKind.choices, default=EvidenceKind.TEXT)
    text = models.TextField(blank=True)
    url = models.URLField(max_length=500, blank=True)
    file = models.FileField(upload_to="programme-evidence/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["score", "added_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=EvidenceKind.TEXT) & ~Q(text=""))
                | (Q(kind=EvidenceKind.LINK) & ~Q(url=""))
                | (Q(kind=EvidenceKind.FILE) & ~Q(file="") & Q(size__isnull=False)),
                name="evidence_carries_its_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} evidence for {self.score}"


class NextStep(models.Model):
    """What the borough will do to reach the level above on one dimension."""

    score = models.ForeignKey(DimensionScore, on_delete=models.CASCADE, related_name="next_steps")
    position = models.PositiveSmallIntegerField(default=1)
    text = models.TextField()

    class Meta:
        ordering = ["score", "position"]

    def __str__(self) -> str:
        return f"Next step for {self.score}"


class ModerationOutcome(models.TextChoices):
    AGREED = "agreed", "Agreed"
    ADJUSTED = "adjusted", "Adjusted"


class Moderation(models.Model):
    """The moderator's view of one score; the borough sees both. An adjustment always says why."""

    score = models.OneToOneField(DimensionScore, on_delete=models.CASCADE, related_name="moderation")
    outcome = models.CharField(
        max_length=10, choices=ModerationOutcome.choices, default=ModerationOutcome.AGREED
    )
    level = models.PositiveSmallIntegerField()
    reason = models.TextField(blank=True)
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    moderated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=LEVEL_IN_RANGE, name="moderated_level_1_to_5"),
            models.CheckConstraint(
                condition=Q(outcome=ModerationOutcome.AGREED) | ~Q(reason=""),
                name="adjusted_level_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Moderation of {self.score}: {self.level}"
