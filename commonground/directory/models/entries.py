"""A directory entry (a reporting centre or a meeting space), its languages and its opening hours."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

__all__ = ["AuditResult", "DirectoryEntry", "EntryKind", "Language", "OpeningHours", "Weekday"]


class EntryKind(models.TextChoices):
    REPORTING_CENTRE = "reporting_centre", "Hate crime reporting centre"
    MEETING_SPACE = "meeting_space", "Community meeting space"


class AuditResult(models.TextChoices):
    # The values are those of `listing_rules` (a test holds them equal).
    MEETS = "meets", "Meets the standard"
    MEETS_WITH_ACTIONS = "meets_with_actions", "Meets the standard, with actions"
    DOES_NOT_MEET = "does_not_meet", "Does not meet the standard"


class Language(models.Model):
    """A language staff at a place can speak with a visitor (reference data, seeded)."""

    code = models.CharField(max_length=12, unique=True, help_text="ISO 639 code, for example 'ur'.")
    name = models.CharField(max_length=80)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class DirectoryEntry(models.Model):
    """A place in one of the public finders. It is shown to the public only while it is published
    and its latest audit meets the standard (`listing_rules.shown_to_public`)."""

    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    organisation_name = models.CharField(max_length=200)
    place_name = models.CharField(
        max_length=200, blank=True, help_text="The building or room, if not the organisation's."
    )
    description = models.TextField(blank=True)
    address_lines = models.TextField(help_text="One line of the address per line, without the postcode.")
    postcode = models.CharField(max_length=8, help_text="Upper case, single space: 'BL2 6PN'.")
    # Both set from the postcode (core.Postcode), which is what scopes the entry to a borough.
    borough = models.ForeignKey(
        "core.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="directory_entries"
    )
    ward = models.ForeignKey("core.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    # A named contact may be a person: the only personal data an entry can hold (never the public's).
    contact_name = models.CharField(max_length=120, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    languages = models.ManyToManyField(Language, blank=True, related_name="entries")
    step_free_access = models.BooleanField(default=False)
    hearing_loop = models.BooleanField(default=False)
    accessible_toilet = models.BooleanField(default=False)
    quiet_room = models.BooleanField(default=False)
    british_sign_language = models.BooleanField(default=False)
    # Meeting spaces only: how many people, and what it costs (no amount: free, or ask).
    capacity = models.PositiveIntegerField(null=True, blank=True)
    cost_per_hour = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    cost_note = models.CharField(max_length=200, blank=True)
    opening_hours_note = models.CharField(
        max_length=200, blank=True, help_text="For example, 'Closed on bank holidays'."
    )
    published = models.BooleanField(
        default=True, help_text="Withdrawn entries are never shown to the public."
    )
    # The latest audit (by date) copied onto the entry by the action that records audits, so that
    # "shown to the public" and "overdue for audit" are plain indexed columns: the public finder
    # filters thousands of entries in one query, with no per-entry subquery over the audits.
    latest_audit_on = models.DateField(null=True, blank=True)
    latest_audit_result = models.CharField(max_length=20, choices=AuditResult.choices, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation_name", "place_name", "pk"]
        verbose_name_plural = "directory entries"
        indexes = [
            models.Index(fields=["kind", "published", "latest_audit_result"], name="directory_entry_listed"),
            models.Index(fields=["borough", "kind"], name="directory_entry_borough"),
            models.Index(fields=["latest_audit_on"], name="directory_entry_audited"),
        ]
        constraints = [
            # A meeting space says how many it holds; nobody books a room for none.
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1), name="directory_capacity_positive"
            ),
            models.CheckConstraint(
                condition=~Q(kind=EntryKind.MEETING_SPACE) | Q(capacity__isnull=False),
                name="directory_space_has_capacity",
            ),
            models.CheckConstraint(
                condition=Q(cost_per_hour__isnull=True) | Q(cost_per_hour__gte=0),
                name="directory_cost_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_name}, {self.place_name}" if self.place_name else self.organisation_name

    @property
    def name(self) -> str:
        return str(self)

    @property
    def address(self) -> list[str]:
        return [line.strip() for line in self.address_lines.splitlines() if line.strip()]


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class OpeningHours(models.Model):
    """One range of opening on one day of the week. A day may have several (closed for lunch); a day
    with none is closed."""

    entry = models.ForeignKey(DirectoryEntry, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens_at = models.TimeField()
    closes_at = models.TimeField()

    class Meta:
        ordering = ["entry", "weekday", "opens_at"]
        verbose_name_plural = "opening hours"
        constraints = [
            models.CheckConstraint(condition=Q(weekday__lte=6), name="directory_weekday_0_to_6"),
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="directory_closes_after_opens"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M} to {self.closes_at:%H:%M}"
