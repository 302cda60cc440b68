from django.conf import settings
from django.db import models
from django.utils import timezone

from commonground.core.roles import Permission, Role


class Capability(models.Model):
    """Holds no rows: it is where Django keeps the permissions of the `Permission` enum,
    so that roles (groups) can be given them in the admin."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [(permission.value, permission.label) for permission in Permission]

    def __str__(self) -> str:
        return "capability"


class RoleGrantStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a second administrator"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class RoleGrantRequest(models.Model):
    """A request to give someone a powerful role (`core.roles.ROLES_NEEDING_TWO_ADMINISTRATORS`).
    One administrator asks; the role is given only when a different administrator approves (never
    the person receiving it)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="role_requests")
    role = models.CharField(max_length=40, choices=Role.choices)
    reason = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=RoleGrantStatus.choices, default=RoleGrantStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(status="pending"),
                name="one_pending_request_per_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} for {self.user}"
