from django.db import models


class ScheduledRun(models.Model):
    """One firing of a scheduled task. The unique slot stops two schedulers enqueuing it twice."""

    task_name = models.CharField(max_length=200)
    slot_at = models.DateTimeField(help_text="The scheduled time this run is for.")
    enqueued_at = models.DateTimeField(auto_now_add=True)
    task_result_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-slot_at"]
        constraints = [models.UniqueConstraint(fields=["task_name", "slot_at"], name="one_run_per_slot")]

    def __str__(self) -> str:
        return f"{self.task_name} @ {self.slot_at:%Y-%m-%d %H:%M}"
