"""After screening: information requests to partner agencies, the multi-agency panel (agenda,
attendance, the vulnerability factors as professional judgement, the decision), the consented
support plan, exit with its reviews, and transfer to another borough."""

from django.conf import settings
from django.db import models


class RequestDirection(models.TextChoices):
    TO_AGENCY = "to_agency", "From the coordinator to an agency"
    TO_COORDINATOR = "to_coordinator", "From an agency to the coordinator"


class InformationRequest(models.Model):
    """A question about a case between the coordinator and a partner agency, answered in the system.

    Most go from the coordinator to a named agency (`TO_AGENCY`); an agency that is part of the case
    (asked about it already, or at a panel where it was discussed) may ask the coordinator
    (`TO_COORDINATOR`). `agency` is the partner agency either way; `sent_by` whoever asked. The
    agency's staff see this request and its thread only, never the rest of the case. The answer
    may be amended: each version is an `InformationAnswerRevision`, `answer` is the latest."""

    referral = models.ForeignKey(
        "safeguarding.Referral", on_delete=models.CASCADE, related_name="information_requests"
    )
    direction = models.CharField(
        max_length=20, choices=RequestDirection.choices, default=RequestDirection.TO_AGENCY
    )
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="information_requests")
    question = models.TextField()
    due_on = models.DateField()
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    last_chased_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        if self.direction == RequestDirection.TO_COORDINATOR:
            return f"Question from {self.agency} about referral {self.referral_id}"
        return f"Request to {self.agency} about referral {self.referral_id}"


class InformationAnswerRevision(models.Model):
    """One version of a request's answer: the first, then each amendment with its reason. Never
    changed afterwards (only erased under retention, with the rest of the case)."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="answer_revisions")
    answer = models.TextField()
    reason = models.TextField(blank=True, help_text="Why the answer was amended; blank for the first answer.")
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self) -> str:
        return f"Answer to {self.request}, {self.written_at:%d %B %Y %H:%M}"


class InformationRequestMessage(models.Model):
    """A follow-up in a request's thread, from either side."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="messages")
    body = models.TextField()
    from_coordinator = models.BooleanField(help_text="Written by the coordinator's side, else the agency's.")
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self) -> str:
        return f"Message on {self.request}"


class VulnerabilityFactor(models.Model):
    """Reference data: the factors of the Vulnerability Assessment Framework (or its successor),
    discussed by the panel as professional judgement. Never added up into a score."""

    class Dimension(models.TextChoices):
        ENGAGEMENT = "engagement", "Engagement"
        INTENT = "intent", "Intent"
        CAPABILITY = "capability", "Capability"

    framework = models.CharField(max_length=60, default="Vulnerability Assessment Framework")
    dimension = models.CharField(max_length=20, choices=Dimension.choices)
    label = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "label"], name="one_factor_per_framework")
        ]

    def __str__(self) -> str:
        return self.label


class PanelMeeting(models.Model):
    borough = models.ForeignKey("core.Area", on_delete=models.PROTECT, related_name="+")
    meets_on = models.DateField()
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    location = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-meets_on"]

    def __str__(self) -> str:
        return f"{self.borough} panel, {self.meets_on:%d %B %Y}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="agenda")
    referral = models.ForeignKey(
        "safeguarding.Referral", on_delete=models.PROTECT, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "referral"], name="a_referral_once_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: referral {self.referral_id}"


class Attendance(models.Model):
    """Who came, for which agency, and whether they could decide for it; apologies are kept too."""

    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="attendance")
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True)
    is_decision_maker = models.BooleanField(default=False)
    attended = models.BooleanField(default=True, help_text="Unticked: sent apologies.")

    class Meta:
        ordering = ["agency__name", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency})"


class FactorJudgement(models.TextChoices):
    PRESENT = "present", "Present"
    NOT_PRESENT = "not_present", "Not present"
    NOT_KNOWN = "not_known", "Not known"


class FactorDiscussion(models.Model):
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="factor_discussions")
    factor = models.ForeignKey(VulnerabilityFactor, on_delete=models.PROTECT, related_name="+")
    judgement = models.CharField(max_length=20, choices=FactorJudgement.choices)
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["factor__order"]
        constraints = [
            models.UniqueConstraint(fields=["agenda_item", "factor"], name="one_judgement_per_factor")
        ]

    def __str__(self) -> str:
        return f"{self.factor}: {self.judgement}"


class PanelOutcome(models.TextChoices):
    ADOPT = "adopt", "Adopt as a Channel case"
    NOT_ADOPT = "not_adopt", "Do not adopt: signpost to other support"
    REVIEW_NEXT = "review_next", "Review at the next panel"


class ConsentGivenBy(models.TextChoices):
    PERSON = "person", "The person"
    PARENT_OR_GUARDIAN = "parent_or_guardian", "A parent or guardian"


class PanelDecision(models.Model):
    agenda_item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(max_length=20, choices=PanelOutcome.choices)
    reasons = models.TextField()
    signposted_to = models.CharField(max_length=300, blank=True)
    consent_given_by = models.CharField(max_length=30, choices=ConsentGivenBy.choices, blank=True)
    consent_given_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="adopt")
                | (models.Q(consent_given_on__isnull=False) & ~models.Q(consent_given_by="")),
                name="adoption_needs_recorded_consent",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="not_adopt") | ~models.Q(signposted_to=""),
                name="not_adopting_names_where_signposted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.agenda_item})"


class InterventionKind(models.TextChoices):
    MENTORING = "mentoring", "Mentoring (including ideological mentoring)"
    EDUCATION = "education", "Education or training"
    HEALTH = "health", "Health, including mental health"
    HOUSING = "housing", "Housing"
    EMPLOYMENT = "employment", "Employment"
    FAMILY_SUPPORT = "family_support", "Family support"
    OTHER = "other", "Other support"


class InterventionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    ACTIVE = "active", "Under way"
    COMPLETED = "completed", "Completed"
    STOPPED = "stopped", "Stopped"


class Intervention(models.Model):
    referral = models.ForeignKey(
        "safeguarding.Referral", on_delete=models.CASCADE, related_name="interventions"
    )
    kind = models.CharField(max_length=30, choices=InterventionKind.choices)
    provider = models.CharField(max_length=200)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField()
    due_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=InterventionStatus.choices, default=InterventionStatus.PLANNED
    )

    class Meta:
        ordering = ["starts_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.provider}"


class ProgressNote(models.Model):
    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="notes")
    note = models.TextField()
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self) -> str:
        return f"Note on {self.intervention}"


class PlanAction(models.Model):
    referral = models.ForeignKey(
        "safeguarding.Referral", on_delete=models.CASCADE, related_name="plan_actions"
    )
    description = models.CharField(max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description


class CaseEvent(models.Model):
    """Consent withdrawn, support ended, transferred: the milestones of a case, each with reasons."""

    class Kind(models.TextChoices):
        CONSENT_WITHDRAWN = "consent_withdrawn", "Consent withdrawn"
        EXITED = "exited", "Support ended"
        TRANSFERRED = "transferred", "Transferred to another borough"

    referral = models.ForeignKey(
        "safeguarding.Referral", on_delete=models.CASCADE, related_name="case_events"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    happened_on = models.DateField()
    reasons = models.TextField()
    from_borough = models.ForeignKey(
        "core.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_borough = models.ForeignKey(
        "core.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["happened_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.happened_on})"


class ExitReview(models.Model):
    """The reviews 6 and 12 months after support ends, scheduled when the case is closed."""

    referral = models.ForeignKey(
        "safeguarding.Referral", on_delete=models.CASCADE, related_name="exit_reviews"
    )
    months_after_exit = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(fields=["referral", "months_after_exit"], name="one_review_per_interval")
        ]

    def __str__(self) -> str:
        return f"{self.months_after_exit}-month review of referral {self.referral_id}"
