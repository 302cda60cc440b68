"""Public statistics editions. An edition freezes the disclosure-controlled tables of one quarter;
it is drafted by staff, approved by a data protection officer and then published. A published
edition never changes: a correction is a new revision of the same quarter, with a note."""

from django.conf import settings
from django.db import models

from commonground.insights import prevent_targets


class EditionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
    APPROVED = "approved", "Approved, not yet published"
    PUBLISHED = "published", "Published"


class PublishedEditionError(Exception):
    """Raised on any attempt to change or delete a published edition."""


class EditionQuerySet(models.QuerySet):
    def published(self) -> "EditionQuerySet":
        return self.filter(status=EditionStatus.PUBLISHED)

    def update(self, **kwargs):
        if self.filter(status=EditionStatus.PUBLISHED).exists():
            raise PublishedEditionError("A published edition never changes; publish a correction instead.")
        return super().update(**kwargs)

    def delete(self):
        if self.filter(status=EditionStatus.PUBLISHED).exists():
            raise PublishedEditionError("A published edition is never deleted.")
        return super().delete()


class StatisticsEdition(models.Model):
    period_start = models.DateField(help_text="The first day of the quarter.")
    period_end = models.DateField(help_text="The last day of the quarter.")
    revision = models.PositiveSmallIntegerField(default=1)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    correction_note = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=EditionStatus.choices, default=EditionStatus.DRAFT)
    # The frozen, disclosure-controlled content: headline figures and tables exactly as published.
    headlines = models.JSONField(default=list, blank=True)
    tables = models.JSONField(default=list, blank=True)
    quality_note = models.TextField(blank=True)
    content_sha256 = models.CharField(max_length=64, blank=True)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    prepared_at = models.DateTimeField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approval_note = models.TextField(blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["period_start", "revision"], name="one_edition_per_quarter_revision"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gt=models.F("period_start")), name="edition_period_is_forward"
            ),
            models.CheckConstraint(
                condition=models.Q(revision=1, supersedes__isnull=True)
                | (models.Q(revision__gt=1, supersedes__isnull=False) & ~models.Q(correction_note="")),
                name="correction_names_what_it_corrects_and_why",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published")
                | models.Q(approved_by__isnull=False, published_at__isnull=False),
                name="published_edition_was_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quarter_label} (revision {self.revision})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == EditionStatus.PUBLISHED:
                raise PublishedEditionError(
                    "A published edition never changes; publish a correction instead."
                )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.status == EditionStatus.PUBLISHED:
            raise PublishedEditionError("A published edition is never deleted.")
        return super().delete(*args, **kwargs)

    @property
    def quarter_label(self) -> str:
        return f"{self.period_start:%B} to {self.period_end:%B %Y}"

    @property
    def slug(self) -> str:
        quarter = (self.period_start.month - 1) // 3 + 1
        return f"{self.period_start.year}-q{quarter}"


class TableWithdrawal(models.Model):
    """A table taken down from a published edition after publication, because a later audit found
    that small numbers could be worked out from it.

    The edition itself never changes (its content and fingerprint stay as approved); from the
    moment of withdrawal the table's figures are served nowhere, and `note` is shown in their place.
    """

    edition = models.ForeignKey(StatisticsEdition, on_delete=models.PROTECT, related_name="withdrawals")
    table_name = models.CharField(max_length=100)
    # Shown to the public in place of the table.
    note = models.TextField()
    # Staff only: what the audit found (the ranges it names are themselves disclosive).
    reasons = models.JSONField(default=list, blank=True)
    # Empty when the re-audit withdrew it (`manage.py reaudit_editions`, run by an operator).
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField()

    class Meta:
        ordering = ["withdrawn_at"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "table_name"], name="one_withdrawal_per_table"),
            models.CheckConstraint(condition=~models.Q(note=""), name="withdrawal_says_why"),
        ]

    def __str__(self) -> str:
        return f"{self.table_name} withdrawn from {self.edition}"


class PreventTarget(models.Model):
    """A red, amber and green target for one measure of Prevent across the boroughs, set by the
    programme team with its reason. Never edited: a change is a new row, so the history stays and
    the newest row for a measure is the one in force."""

    measure = models.CharField(max_length=40, choices=[(m.key, m.label) for m in prevent_targets.MEASURES])
    green_threshold = models.DecimalField(max_digits=9, decimal_places=2)
    amber_threshold = models.DecimalField(max_digits=9, decimal_places=2)
    direction = models.CharField(max_length=10, choices=list(prevent_targets.DIRECTIONS.items()))
    reason = models.TextField(help_text="Why this target: shown beside every cell it colours.")
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField()

    class Meta:
        ordering = ["measure", "-set_at", "-pk"]
        indexes = [models.Index(fields=["measure", "-set_at"])]

    def __str__(self) -> str:
        return f"Target for {self.get_measure_display()} set {self.set_at:%d %B %Y}"
