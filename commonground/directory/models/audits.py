"""Audits of directory entries: the checklist (reference data), each audit with a finding per item,
its result and the actions it asks for."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from commonground.directory.models.entries import AuditResult, DirectoryEntry, EntryKind

__all__ = ["Audit", "AuditAction", "AuditChecklistItem", "AuditFinding"]


class AuditChecklistItem(models.Model):
    """One thing an auditor checks, for one kind of entry. Retired items stay (old findings name
    them) but are no longer asked."""

    key = models.SlugField(max_length=60, unique=True)
    text = models.CharField(max_length=300)
    applies_to = models.CharField(max_length=20, choices=EntryKind.choices)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["applies_to", "position", "key"]

    def __str__(self) -> str:
        return self.text


class Audit(models.Model):
    """A visit or check of an entry against the checklist. Its date is never in the future (the
    action refuses one)."""

    entry = models.ForeignKey(DirectoryEntry, on_delete=models.CASCADE, related_name="audits")
    audited_on = models.DateField()
    auditor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(max_length=20, choices=AuditResult.choices)
    summary = models.TextField(blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["entry", "-audited_on", "-pk"]
        indexes = [models.Index(fields=["entry", "-audited_on"], name="directory_audit_latest")]

    def __str__(self) -> str:
        return f"Audit of {self.entry} on {self.audited_on}"


class AuditFinding(models.Model):
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="findings")
    item = models.ForeignKey(AuditChecklistItem, on_delete=models.PROTECT, related_name="+")
    met = models.BooleanField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["audit", "item__position"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "item"], name="directory_one_finding_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item}: {'met' if self.met else 'not met'}"


class AuditAction(models.Model):
    """Something the place must do after an audit, by a date; open until marked done."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["audit", "due_on", "pk"]
        indexes = [models.Index(fields=["done_on", "due_on"], name="directory_action_open")]

    def __str__(self) -> str:
        return self.description[:60]
