"""Action plans (per borough, or the combined authority's own) for a period: objectives linked to
the self-assessment's dimensions, and actions with an owner, resources, a due date and a status."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "In progress"
    CLOSED = "closed", "Closed"


class ActionPlan(models.Model):
    # A borough, or the combined authority for its own plan.
    area = models.ForeignKey("core.Area", on_delete=models.PROTECT, related_name="programme_plans")
    title = models.CharField(max_length=200)
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area", "-period_start"]
        constraints = [
            models.UniqueConstraint(fields=["area", "period_start"], name="one_plan_per_area_period"),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="plan_period_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.area}, {self.period_start} to {self.period_end})"


class Objective(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="objectives")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    # By dimension, so an objective follows a dimension across framework versions via its key.
    dimensions = models.ManyToManyField("programme.Dimension", blank=True, related_name="objectives")

    class Meta:
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return self.title


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


OPEN_ACTION_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)


class PlanAction(models.Model):
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    resources = models.TextField(blank=True)
    start_on = models.DateField(null=True, blank=True)
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED)
    done_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            # "Waiting for you": a person's, and an agency's, open actions by due date.
            models.Index(fields=["owner_person", "status", "due_on"], name="plan_action_owner_due"),
            models.Index(fields=["owner_agency", "status", "due_on"], name="plan_action_agency_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_on__isnull=True) | Q(due_on__gte=F("start_on")),
                name="plan_action_due_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status=ActionStatus.DONE) | Q(done_on__isnull=False),
                name="done_plan_action_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:60]
