from django.db import models

from commonground.core.roles import Permission


class Capability(models.Model):
    """Holds no rows: it is where Django keeps the permissions of the `Permission` enum,
    so that roles (groups) can be given them in the admin."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [(permission.value, permission.label) for permission in Permission]

    def __str__(self) -> str:
        return "capability"
