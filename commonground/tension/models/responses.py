"""Response actions: what a partner agency will do about tension in an area, by when."""

from django.conf import settings
from django.db import models


class ActionStatus(models.TextChoices):
    OPEN = "open", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class ResponseAction(models.Model):
    area = models.ForeignKey("core.Area", on_delete=models.PROTECT, related_name="tension_actions")
    description = models.TextField(help_text="What to do, for example: remove the graffiti on the underpass.")
    owner_agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="tension_actions")
    due_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    tension_report = models.ForeignKey(
        "TensionReport", null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    assessment = models.ForeignKey(
        "TensionAssessment", null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    completion_evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["due_at"]
        indexes = [models.Index(fields=["status", "due_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="done")
                | (models.Q(completed_at__isnull=False) & ~models.Q(completion_evidence="")),
                name="done_action_has_completion_and_evidence",
            )
        ]

    def __str__(self) -> str:
        return self.description[:60]
