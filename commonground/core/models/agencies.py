from django.db import models


class AgencyKind(models.TextChoices):
    COMBINED_AUTHORITY = "combined_authority", "Combined authority"
    COUNCIL = "council", "Council"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    YOUTH_SERVICE = "youth_service", "Youth service"
    VOLUNTARY_COMMUNITY_FAITH = "voluntary_community_faith", "Voluntary, community or faith organisation"
    REPORTING_CENTRE = "reporting_centre", "Third-party hate crime reporting centre"
    OTHER = "other", "Other"


class Agency(models.Model):
    """A partner organisation. The areas it serves bound what its staff may see."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=40, choices=AgencyKind.choices)
    areas = models.ManyToManyField(
        "core.Area",
        related_name="agencies",
        help_text="The areas this agency serves. Serving a borough covers its wards; "
        "serving the combined authority covers every borough.",
    )
    contact_email = models.EmailField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name
