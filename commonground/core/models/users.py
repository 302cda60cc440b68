from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A member of staff of one partner agency. Roles are Django groups (see core.roles)."""

    agency = models.ForeignKey(
        "core.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    job_title = models.CharField(max_length=120, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    # A wider scope than the agency's own areas, granted by an administrator (never by oneself).
    additional_areas = models.ManyToManyField(
        "core.Area",
        blank=True,
        related_name="staff_with_additional_scope",
        help_text="Areas beyond the agency's own that this person may see.",
    )

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username
