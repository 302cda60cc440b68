"""A grant round: its budget, the most one application may ask for, its dates, the boroughs it
covers, the weighted criteria assessors score against, the questions applicants answer, and the
categories of people its monitoring reports count."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone


class GrantRound(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True, help_text="Part of the round's public address.")
    summary = models.TextField(help_text="What the round funds, shown to applicants.")
    budget = models.DecimalField(max_digits=12, decimal_places=2)
    maximum_award = models.DecimalField(
        max_digits=12, decimal_places=2, help_text="The most one application may ask for."
    )
    opens_on = models.DateField()
    closes_on = models.DateField()
    boroughs = models.ManyToManyField("core.Area", related_name="+")
    # The categories a monitoring report counts people by (e.g. "Young people", "Faith groups").
    participation_categories = models.JSONField(default=list, blank=True)
    # A funded group reports back this many days after its event ends.
    monitoring_due_days = models.PositiveSmallIntegerField(default=28)
    # Weighted totals (0 to 100) of two assessors further apart than this go to moderation.
    disagreement_threshold = models.PositiveSmallIntegerField(default=20)
    published = models.BooleanField(default=False, help_text="Shown to applicants between its dates.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opens_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="round_closes_after_opening"
            ),
            models.CheckConstraint(condition=Q(budget__gt=0), name="round_budget_positive"),
            models.CheckConstraint(
                condition=Q(maximum_award__gt=0) & Q(maximum_award__lte=F("budget")),
                name="round_maximum_within_budget",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    """One thing assessors score (0 to 5), with its weight and guidance for assessors."""

    grant_round = models.ForeignKey(GrantRound, on_delete=models.CASCADE, related_name="criteria")
    title = models.CharField(max_length=200)
    guidance = models.TextField(blank=True)
    weight = models.PositiveSmallIntegerField(default=1)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["grant_round", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=1) & Q(weight__lte=10), name="criterion_weight_1_to_10"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class RoundQuestion(models.Model):
    """A question of the round's own, asked beside the standard ones."""

    grant_round = models.ForeignKey(GrantRound, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=300)
    hint = models.CharField(max_length=500, blank=True)
    required = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["grant_round", "position", "pk"]

    def __str__(self) -> str:
        return self.text
