"""Projects under a plan's objective: milestones, budget and spend by quarter, red/amber/green
status updates (each with its reason and date), risks, and evaluations with their report."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone


class Project(models.Model):
    objective = models.ForeignKey("programme.Objective", on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    lead_agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    lead_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    start_on = models.DateField()
    end_on = models.DateField()
    # The date of the latest status update, kept here so the "not updated for 6 weeks" list is one
    # indexed read (project_rules.is_stale decides).
    status_updated_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["objective", "title"]
        indexes = [models.Index(fields=["status_updated_on"], name="project_status_updated")]
        constraints = [
            models.CheckConstraint(condition=Q(end_on__gte=F("start_on")), name="project_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title


class Rag(models.TextChoices):
    GREEN = "green", "Green: on track"
    AMBER = "amber", "Amber: at risk"
    RED = "red", "Red: off track"


class ProjectStatusUpdate(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="status_updates")
    rag = models.CharField(max_length=10, choices=Rag.choices)
    reason = models.TextField()
    as_of = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["project", "-as_of", "-recorded_at"]
        indexes = [models.Index(fields=["project", "-as_of"], name="project_status_latest")]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="project_status_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.rag} on {self.as_of}"


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["project", "due_on"]
        indexes = [models.Index(fields=["owner_person", "done_on", "due_on"], name="milestone_owner_due")]

    def __str__(self) -> str:
        return self.title


class QuarterBudget(models.Model):
    """Budget and spend for one quarter (identified by its first day). Spend above budget is
    allowed and reported (project_rules.overspend), never refused."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="quarters")
    quarter_start = models.DateField()
    budget = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    spend = models.DecimalField(max_digits=12, decimal_places=2, default=0)

    class Meta:
        ordering = ["project", "quarter_start"]
        constraints = [
            models.UniqueConstraint(fields=["project", "quarter_start"], name="one_budget_per_quarter"),
            models.CheckConstraint(
                condition=Q(budget__gte=0, spend__gte=0), name="budget_and_spend_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} quarter from {self.quarter_start}"


class RiskStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class ProjectRisk(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="risks")
    description = models.TextField()
    likelihood = models.PositiveSmallIntegerField()
    impact = models.PositiveSmallIntegerField()
    mitigation = models.TextField(blank=True)
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN)

    class Meta:
        ordering = ["project", "-impact", "-likelihood"]
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=5, impact__gte=1, impact__lte=5),
                name="risk_scores_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:60]


class ProjectEvaluation(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="evaluations")
    evaluated_on = models.DateField()
    method = models.TextField()
    findings = models.TextField()
    changes_made = models.TextField(help_text="What changed as a result.")
    report = models.FileField(upload_to="programme-evaluations/%Y/%m/", blank=True)
    report_name = models.CharField(max_length=255, blank=True)
    report_content_type = models.CharField(max_length=100, blank=True)
    report_size = models.PositiveIntegerField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["project", "-evaluated_on"]

    def __str__(self) -> str:
        return f"Evaluation of {self.project} ({self.evaluated_on})"
