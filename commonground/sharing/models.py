"""Information sharing agreements and what was shared under each."""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Article6Basis(models.TextChoices):
    CONSENT = "consent", _("Article 6(1)(a): consent")
    CONTRACT = "contract", _("Article 6(1)(b): contract")
    LEGAL_OBLIGATION = "legal_obligation", _("Article 6(1)(c): legal obligation")
    VITAL_INTERESTS = "vital_interests", _("Article 6(1)(d): vital interests")
    PUBLIC_TASK = "public_task", _("Article 6(1)(e): public task")
    LEGITIMATE_INTERESTS = "legitimate_interests", _("Article 6(1)(f): legitimate interests")


class Article9Condition(models.TextChoices):
    EXPLICIT_CONSENT = "explicit_consent", _("Article 9(2)(a): explicit consent")
    EMPLOYMENT_SOCIAL_PROTECTION = (
        "employment",
        _("Article 9(2)(b): employment, social security and social protection"),
    )
    VITAL_INTERESTS = "vital_interests", _("Article 9(2)(c): vital interests")
    LEGAL_CLAIMS = "legal_claims", _("Article 9(2)(f): legal claims")
    SUBSTANTIAL_PUBLIC_INTEREST = (
        "substantial_public_interest",
        _("Article 9(2)(g): substantial public interest"),
    )
    HEALTH_SOCIAL_CARE = "health_social_care", _("Article 9(2)(h): health or social care")


class Schedule1Condition(models.TextChoices):
    STATUTORY_PURPOSES = "statutory_purposes", _("Schedule 1, paragraph 6: statutory and government purposes")
    EQUALITY = "equality", _("Schedule 1, paragraph 8: equality of opportunity or treatment")
    PREVENTING_CRIME = (
        "preventing_crime",
        _("Schedule 1, paragraph 10: preventing or detecting unlawful acts"),
    )
    SAFEGUARDING = (
        "safeguarding",
        _("Schedule 1, paragraph 18: safeguarding of children and individuals at risk"),
    )
    COUNSELLING = "counselling", _("Schedule 1, paragraph 17: counselling")


class DataCategory(models.TextChoices):
    SAFEGUARDING_CASES = "safeguarding_cases", _("safeguarding case details")
    PANEL_CASES = "panel_cases", _("panel case discussions")
    HATE_INCIDENT_REPORTS = "hate_incident_reports", _("hate incident reports")
    HELPLINE_CALLS = "helpline_calls", _("helpline calls")
    TENSION_MONITORING = "tension_monitoring", _("community tension monitoring")
    SPECIAL_CATEGORY = "special_category", _("special category data")


class SharingAgreement(models.Model):
    """An information sharing agreement between agencies: what it is for, its lawful basis, what
    data it covers and when it is in force. The software checks sharing against it."""

    title = models.CharField(max_length=200)
    purpose = models.TextField()
    article_6_basis = models.CharField(max_length=40, choices=Article6Basis.choices)
    article_9_condition = models.CharField(max_length=40, choices=Article9Condition.choices, blank=True)
    schedule_1_condition = models.CharField(max_length=40, choices=Schedule1Condition.choices, blank=True)
    categories = models.JSONField(default=list, help_text="The DataCategory values it covers.")
    parties = models.ManyToManyField("core.Agency", related_name="sharing_agreements")
    starts_on = models.DateField()
    review_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    signed_document = models.FileField(
        upload_to="sharing/agreements/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"])],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="sharing_agreement_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(review_on__gte=F("starts_on")),
                name="sharing_agreement_review_after_start",
            ),
            models.CheckConstraint(
                condition=(Q(article_9_condition="") & Q(schedule_1_condition=""))
                | (~Q(article_9_condition="") & ~Q(schedule_1_condition="")),
                name="sharing_agreement_special_conditions_together",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def category_labels(self) -> list[str]:
        return [
            str(DataCategory(category).label)
            for category in self.categories
            if category in DataCategory.values
        ]


class AgreementDisclosure(models.Model):
    """One thing shared under an agreement: from which agency to which, what kind of data, which
    record (named as the audit trail names it, with a reference people read), when and by whom."""

    agreement = models.ForeignKey(SharingAgreement, on_delete=models.PROTECT, related_name="disclosures")
    from_agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    to_agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    category = models.CharField(max_length=40, choices=DataCategory.choices)
    record_label = models.CharField(max_length=100)
    record_id = models.CharField(max_length=64)
    reference = models.CharField(max_length=200)
    shared_at = models.DateTimeField(auto_now_add=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, related_name="+", null=True, blank=True
    )

    class Meta:
        ordering = ["-shared_at", "-pk"]
        indexes = [models.Index(fields=["agreement", "shared_at"])]

    def __str__(self) -> str:
        return f"{self.reference} ({self.get_category_display()})"
