"""Information governance: subject access requests, the records chosen for each, what was
disclosed (the disclosure log), and legal holds that keep a record from erasure."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from commonground.governance import deadlines, workflow


class RequestStatus(models.TextChoices):
    OPEN = workflow.OPEN, "Open"
    ANSWERED = workflow.ANSWERED, "Answered"
    WITHDRAWN = workflow.WITHDRAWN, "Withdrawn"


class SubjectAccessRequest(models.Model):
    """A person's request for their data (and, if they ask, its erasure or restriction)."""

    subject_name = models.CharField(max_length=200, help_text="The data subject's name as given.")
    contact = models.CharField(max_length=300, help_text="How to reach them: address, email or phone.")
    received_on = models.DateField()
    description = models.TextField(blank=True, help_text="What the person asked for, in their words.")
    extension_months = models.PositiveSmallIntegerField(default=0)
    extension_reason = models.TextField(blank=True)
    due_on = models.DateField(editable=False)
    status = models.CharField(max_length=20, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(extension_months__lte=deadlines.MAX_EXTENSION_MONTHS),
                name="sar_extension_at_most_two",
            ),
            models.CheckConstraint(
                condition=Q(extension_months=0) | ~Q(extension_reason=""), name="sar_extension_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"Subject access request {self.pk}"

    def save(self, *args, **kwargs):
        self.due_on = deadlines.due_on(self.received_on, self.extension_months)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"received_on", "extension_months"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "due_on"}
        super().save(*args, **kwargs)


class ChosenRecord(models.Model):
    """One record the officer chose as the person's, from a search, with what became of it."""

    class Outcome(models.TextChoices):
        CHOSEN = "chosen", "Chosen"
        ERASED = "erased", "Erased"
        RESTRICTED = "restricted", "Restricted"
        KEPT = "kept", "Kept, with the reason"

    request = models.ForeignKey(SubjectAccessRequest, on_delete=models.CASCADE, related_name="records")
    ref = models.CharField(max_length=100, help_text='"app.model:id"')
    source = models.CharField(max_length=100)
    label = models.CharField(max_length=300)
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    chosen_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.CHOSEN)
    outcome_reason = models.TextField(blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["source", "pk"]
        constraints = [models.UniqueConstraint(fields=["request", "ref"], name="sar_record_chosen_once")]

    def __str__(self) -> str:
        return f"{self.source}: {self.label}"


class Disclosure(models.Model):
    """The disclosure log: what records were disclosed, when, by whom and why."""

    request = models.ForeignKey(SubjectAccessRequest, on_delete=models.PROTECT, related_name="disclosures")
    refs = models.JSONField(help_text='The records disclosed, each "app.model:id".')
    document = models.CharField(max_length=20)
    reason = models.TextField()
    disclosed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    disclosed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-disclosed_at", "-pk"]

    def __str__(self) -> str:
        return f"Disclosure {self.pk}"


class LegalHold(models.Model):
    """A record that must not be erased (litigation, an inquiry) until the hold is lifted."""

    ref = models.CharField(max_length=100, db_index=True)
    reason = models.TextField()
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-placed_at"]

    def __str__(self) -> str:
        return f"Legal hold on {self.ref}"
