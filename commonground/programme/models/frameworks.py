"""The self-assessment framework as versioned reference data: a version holds dimensions, and each
dimension five level descriptors. A partnership changes the wording by making a new version; an
assessment keeps the version it was made against, so old scores never change meaning."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

LEVELS = (1, 2, 3, 4, 5)
LEVEL_IN_RANGE = Q(level__gte=1, level__lte=5)


class FrameworkVersion(models.Model):
    """One version of the framework. `key` names the framework ("ni35-neutral"), `number` the
    version within it; exactly one version per framework is the one offered for new assessments."""

    key = models.SlugField(max_length=60)
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    source = models.TextField(blank=True, help_text="Where the wording comes from, and its licence.")
    is_current = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["key", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["key", "number"], name="one_framework_version_per_number"),
            models.UniqueConstraint(
                fields=["key"], condition=Q(is_current=True), name="one_current_version_per_framework"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="framework_version_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.number})"


class Dimension(models.Model):
    """One thing a borough scores itself on, within one framework version."""

    framework = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="dimensions")
    key = models.SlugField(max_length=60, help_text="Stable across versions, so levels compare over time.")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    source_title = models.CharField(
        max_length=300, blank=True, help_text="The original wording, if reworded."
    )

    class Meta:
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "key"], name="one_dimension_per_key_and_version"),
            models.UniqueConstraint(
                fields=["framework", "position"], name="one_dimension_per_position_and_version"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class LevelDescriptor(models.Model):
    """What a borough at `level` on one dimension looks like, with the source's own words kept."""

    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="descriptors")
    level = models.PositiveSmallIntegerField()
    text = models.TextField()
    source_text = models.TextField(blank=True, help_text="The original wording, if reworded.")

    class Meta:
        ordering = ["dimension", "level"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "level"], name="one_descriptor_per_level"),
            models.CheckConstraint(condition=LEVEL_IN_RANGE, name="descriptor_level_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.dimension} level {self.level}"
