"""Assessing an application: assessors assigned by the grants officer, a declaration of interest by
each before they may score (a declared conflict bars them), and their scores against the round's
weighted criteria with comments."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from commonground.grants.models.applications import GrantApplication
from commonground.grants.models.rounds import Criterion


class AssessorAssignment(models.Model):
    application = models.ForeignKey(GrantApplication, on_delete=models.CASCADE, related_name="assignments")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application", "assigned_at"]
        constraints = [
            models.UniqueConstraint(fields=["application", "assessor"], name="assessor_assigned_once"),
        ]

    def __str__(self) -> str:
        return f"Assessor {self.assessor_id} on {self.application_id}"


class ConflictDeclaration(models.Model):
    application = models.ForeignKey(GrantApplication, on_delete=models.CASCADE, related_name="declarations")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    has_conflict = models.BooleanField()
    details = models.TextField(blank=True)
    declared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application", "declared_at"]
        constraints = [
            models.UniqueConstraint(fields=["application", "assessor"], name="one_declaration_per_assessor"),
            models.CheckConstraint(
                condition=Q(has_conflict=False) | ~Q(details=""), name="conflict_has_details"
            ),
        ]

    def __str__(self) -> str:
        return f"Declaration by {self.assessor_id} on {self.application_id}"


class Assessment(models.Model):
    application = models.ForeignKey(GrantApplication, on_delete=models.CASCADE, related_name="assessments")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(blank=True)
    # Weighted total as a percentage of the most possible (0 to 100), kept when the scores are sent.
    weighted_total = models.DecimalField(max_digits=5, decimal_places=1)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application", "submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["application", "assessor"], name="one_assessment_per_assessor"),
        ]

    def __str__(self) -> str:
        return f"Assessment by {self.assessor_id} of {self.application_id}"


class CriterionScore(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["assessment", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(condition=Q(score__lte=5), name="score_0_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score}"
