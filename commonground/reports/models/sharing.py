"""Sharing a report: the reporter's consents, what was shared with which team and on what basis,
and the decisions to share without consent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commonground.reports.models.reports import Report, SharingPartner, Team


class ConsentRecord(models.Model):
    """Consent to share a report with a named partner: given or withdrawn, each change kept."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="consents")
    partner = models.CharField(max_length=30, choices=SharingPartner.choices)
    given = models.BooleanField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.report} {self.partner}: {'given' if self.given else 'withdrawn'}"


class ShareBasis(models.TextChoices):
    CONSENT = "consent", _("The reporter agreed")
    WITHOUT_CONSENT = "without_consent", _("Shared without consent, for a lawful reason")


class LawfulBasis(models.TextChoices):
    RISK_TO_LIFE = "risk_to_life", _("To protect someone's life (vital interests)")
    CHILD_SAFETY = "child_safety", _("To keep a child safe (safeguarding children)")


class ShareRecord(models.Model):
    """When a report reached a partner team that needs consent, on what basis, and when that
    ended (consent withdrawn). The partner keeps only what it had already acted on."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="share_records")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="share_records")
    basis = models.CharField(max_length=20, choices=ShareBasis.choices)
    shared_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["shared_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "team"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_open_share_per_team",
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} shared with {self.team}"


class SharingDecision(models.Model):
    """A triage officer's decision to share a report with a partner without the reporter's
    consent, where the law allows it. Each one is listed for the data protection officer."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sharing_decisions")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    lawful_basis = models.CharField(max_length=30, choices=LawfulBasis.choices)
    reason = models.TextField()
    reporter_told = models.BooleanField()
    not_told_because = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.report} shared with {self.team} without consent"
