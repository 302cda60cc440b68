from django.conf import settings
from django.db import models


class ApiScope(models.TextChoices):
    """What an agency's API token may do. Later capabilities add their own scopes here."""

    AREAS_READ = "areas:read", "Read areas and populations"
    REPORTS_WRITE = "reports:write", "Submit reports from a partner reporting form"
    REFERRALS_WRITE = "referrals:write", "Submit safeguarding referrals from a partner system"
    TENSION_WRITE = "tension:write", "Submit tension reports and trigger events"
    TENSION_READ = "tension:read", "Read current tension levels for the areas the token covers"
    STATISTICS_READ = "statistics:read", "Read staff statistics (aggregates) for the areas the token covers"
    PROGRAMME_READ = "programme:read", "Read borough self-assessment levels for the areas the token covers"


class ApiToken(models.Model):
    """A partner system's key to the API. Only a hash of the secret is stored."""

    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(max_length=120, help_text="What uses this token, e.g. 'Police reporting form'.")
    key_prefix = models.CharField(max_length=12, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["agency", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency}, {self.key_prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
