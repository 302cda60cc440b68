"""A community group's application to a round: the organisation, the event, the budget, the answers
to the round's questions and the declarations. A draft keeps what was typed, step by step."""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from commonground.grants.models.applicants import Applicant
from commonground.grants.models.rounds import GrantRound, RoundQuestion


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    IN_ASSESSMENT = "in_assessment", "Being assessed"
    AWARDED = "awarded", "Awarded"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class OrganisationType(models.TextChoices):
    REGISTERED_CHARITY = "registered_charity", "Registered charity"
    CIO = "cio", "Charitable incorporated organisation (CIO)"
    COMMUNITY_INTEREST_COMPANY = "cic", "Community interest company"
    COMPANY_LIMITED_BY_GUARANTEE = "clg", "Company limited by guarantee"
    COMMUNITY_GROUP = "community_group", "Constituted community group"
    FAITH_GROUP = "faith_group", "Faith group or place of worship"
    SCHOOL = "school", "School or college"
    OTHER = "other", "Other"


class DuplicateCheck(models.TextChoices):
    NOT_DUPLICATE = "not_duplicate", "Checked: not a duplicate"
    DUPLICATE = "duplicate", "Duplicate"


class GrantApplication(models.Model):
    grant_round = models.ForeignKey(GrantRound, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(Applicant, on_delete=models.PROTECT, related_name="applications")
    reference = models.CharField(max_length=20, unique=True)
    status = models.CharField(
        max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    # What the person typed, by question page, until they send it (as the report line keeps answers).
    draft_answers = models.JSONField(default=dict, blank=True)
    # The organisation
    organisation_name = models.CharField(max_length=200, blank=True)
    organisation_type = models.CharField(max_length=30, choices=OrganisationType.choices, blank=True)
    charity_number = models.CharField(max_length=20, blank=True)
    company_number = models.CharField(max_length=20, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    borough = models.ForeignKey(
        "core.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The event
    event_title = models.CharField(max_length=200, blank=True)
    event_description = models.TextField(blank=True)
    event_starts_at = models.DateTimeField(null=True, blank=True)
    event_ends_at = models.DateTimeField(null=True, blank=True)
    event_venue = models.CharField(max_length=300, blank=True)
    event_postcode = models.CharField(max_length=8, blank=True)
    communities = models.TextField(blank=True, help_text="Who it brings together, and how.")
    expected_attendance = models.PositiveIntegerField(null=True, blank=True)
    accessibility = models.TextField(blank=True)
    # The budget: the total asked for; its lines are BudgetLines and must add up to it.
    amount_requested = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    # The declarations
    declared_true = models.BooleanField(default=False)
    consents_to_calendar = models.BooleanField(
        default=False, help_text="The group agrees to the event appearing on the public calendar."
    )
    # A likely duplicate (same organisation, same round, similar event) is flagged, never refused.
    possible_duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    duplicate_checked_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The grants officer's finding on a flagged application, with their note: a person's check,
    # never an automatic refusal.
    duplicate_check = models.CharField(max_length=20, choices=DuplicateCheck.choices, blank=True)
    duplicate_check_note = models.TextField(blank=True)
    duplicate_checked_at = models.DateTimeField(null=True, blank=True)
    # Two assessors' weighted totals too far apart: waits for moderation before the panel.
    scores_disagree = models.BooleanField(default=False)
    moderation_note = models.TextField(blank=True)
    moderated_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["grant_round", "status"]),
            models.Index(fields=["applicant", "-created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ApplicationStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="sent_application_has_date",
            ),
            models.CheckConstraint(
                condition=Q(event_ends_at__isnull=True)
                | Q(event_starts_at__isnull=True)
                | Q(event_ends_at__gte=models.F("event_starts_at")),
                name="application_event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(amount_requested__isnull=True) | Q(amount_requested__gt=0),
                name="application_amount_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class BudgetLine(models.Model):
    application = models.ForeignKey(GrantApplication, on_delete=models.CASCADE, related_name="budget_lines")
    item = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["application", "position", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="budget_line_positive")]

    def __str__(self) -> str:
        return f"{self.item}: {self.amount}"


class ApplicationAnswer(models.Model):
    application = models.ForeignKey(GrantApplication, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(RoundQuestion, on_delete=models.PROTECT, related_name="+")
    answer = models.TextField()

    class Meta:
        ordering = ["application", "question__position"]
        constraints = [
            models.UniqueConstraint(fields=["application", "question"], name="one_answer_per_question"),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question_id}"


class ApplicationMessage(models.Model):
    """A question from the grants team and the group's answer, in one thread per application."""

    application = models.ForeignKey(GrantApplication, on_delete=models.CASCADE, related_name="messages")
    # Set for the team's messages; empty for the applicant's own.
    staff_author = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["application", "created_at", "pk"]

    def __str__(self) -> str:
        return f"Message on {self.application_id}"

    @property
    def from_team(self) -> bool:
        return self.staff_author_id is not None
