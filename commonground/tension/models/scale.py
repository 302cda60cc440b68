from django.db import models


class TensionLevel(models.Model):
    """One step of the tension scale. The scale is reference data: the partnership may rename the
    levels or use five instead of six (the shipped default, seeded by migration 0002). Ranks start
    at 1 (normal) and go upward; a higher rank is more tension."""

    rank = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=60)
    description = models.CharField(max_length=300, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.CheckConstraint(condition=models.Q(rank__gte=1), name="tension_level_rank_from_1")
        ]

    def __str__(self) -> str:
        return f"{self.rank} {self.name}"
