"""What partners see in an area (tension reports) and the events that may raise tension."""

from django.conf import settings
from django.db import models


class ReportCategory(models.TextChoices):
    PROTEST = "protest", "Protest or gathering"
    GRAFFITI = "graffiti", "Graffiti, stickers or leaflets"
    ONLINE = "online", "Online content"
    DISORDER = "disorder", "Violence or disorder"
    RUMOUR = "rumour", "Rumour or misinformation"
    HATE_INCIDENTS = "hate_incidents", "Hate incidents"
    EXTREMIST_ACTIVITY = "extremist_activity", "Far-right or other extremist activity"
    DISPUTE = "dispute", "Dispute between groups"
    TRIGGER_EVENT = "trigger_event", "Reaction to a trigger event"
    OTHER = "other", "Something else"


class SourceType(models.TextChoices):
    NEIGHBOURHOOD_POLICE = "neighbourhood_police", "Neighbourhood police"
    COUNCIL = "council", "Council officer or warden"
    COUNCILLOR = "councillor", "Councillor's casework"
    HOUSING = "housing", "Housing provider"
    SCHOOL = "school", "School or college"
    YOUTH = "youth", "Youth service"
    FAITH = "faith", "Faith group"
    COMMUNITY = "community", "Community group or worker"
    MEDIA = "media", "Media or social media monitoring"
    REPORT_LINE = "report_line", "The public report line"
    OTHER = "other", "Other"


class TensionType(models.TextChoices):
    """How the police classify tension information."""

    EVIDENCED = "evidenced", "Evidenced (something has happened)"
    EXPERIENCED = "experienced", "Experienced (felt or reported by the community)"
    POTENTIAL = "potential", "Potential (could happen)"


# The 3x5x2 grading of source and information (source evaluation, intelligence assessment,
# handling code). The labels are the partnership's to edit here if its agreement words them differently.
class SourceEvaluation(models.TextChoices):
    RELIABLE = "1", "1 — Reliable"
    UNTESTED = "2", "2 — Untested"
    NOT_RELIABLE = "3", "3 — Not reliable"


class InformationAssessment(models.TextChoices):
    KNOWN_DIRECTLY = "A", "A — Known directly to the source"
    KNOWN_INDIRECTLY_CORROBORATED = "B", "B — Known indirectly, corroborated"
    KNOWN_INDIRECTLY = "C", "C — Known indirectly"
    NOT_KNOWN = "D", "D — Not known"
    SUSPECTED_FALSE = "E", "E — Suspected to be false"


class HandlingCode(models.TextChoices):
    SHARE = "1", "1 — May be shared with partners"
    SHARE_WITH_CONDITIONS = "2", "2 — May be shared only with the conditions stated"


class Marking(models.TextChoices):
    OFFICIAL = "official", "OFFICIAL"
    OFFICIAL_SENSITIVE = "official_sensitive", "OFFICIAL-SENSITIVE"


class TensionReport(models.Model):
    """An observation about an area, never about a person: forms warn against naming anyone, and
    a worry about a person goes to safeguarding instead."""

    reference = models.CharField(max_length=12, unique=True, editable=False)
    areas = models.ManyToManyField("core.Area", related_name="tension_reports")
    observed_at = models.DateTimeField()
    submitted_at = models.DateTimeField(auto_now_add=True, db_index=True)
    category = models.CharField(max_length=30, choices=ReportCategory.choices)
    tension_type = models.CharField(max_length=20, choices=TensionType.choices, default=TensionType.EVIDENCED)
    description = models.TextField()
    source_type = models.CharField(max_length=30, choices=SourceType.choices)
    source_evaluation = models.CharField(max_length=1, choices=SourceEvaluation.choices)
    information_assessment = models.CharField(max_length=1, choices=InformationAssessment.choices)
    handling_code = models.CharField(max_length=1, choices=HandlingCode.choices, default=HandlingCode.SHARE)
    handling_conditions = models.CharField(max_length=300, blank=True)
    marking = models.CharField(max_length=20, choices=Marking.choices, default=Marking.OFFICIAL)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitting_agency = models.ForeignKey(
        "core.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="tension_reports"
    )
    # Set when the report came from the public report line (a community tension report there).
    report_line_reference = models.CharField(max_length=12, blank=True, db_index=True)
    # Idempotency key for partner systems submitting through the API.
    submission_key = models.CharField(max_length=100, unique=True, null=True, blank=True, editable=False)
    trigger_event = models.ForeignKey(
        "TriggerEvent", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )

    class Meta:
        ordering = ["-observed_at"]
        indexes = [models.Index(fields=["observed_at"]), models.Index(fields=["category", "observed_at"])]

    def __str__(self) -> str:
        return self.reference


class TriggerEventKind(models.TextChoices):
    ATTACK = "attack", "An attack or serious incident"
    COURT_CASE = "court_case", "A court case or verdict"
    MARCH = "march", "A march, protest or rally"
    ANNIVERSARY = "anniversary", "An anniversary"
    ELECTION = "election", "An election or campaign"
    RELIGIOUS_FESTIVAL = "festival", "A religious or cultural festival"
    MEDIA = "media", "A media story"
    OTHER = "other", "Something else"


class TriggerEventReach(models.TextChoices):
    LOCAL = "local", "Local"
    NATIONAL = "national", "National"
    INTERNATIONAL = "international", "International"


class ExpectedImpact(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class TriggerEvent(models.Model):
    """A local, national or international event that may raise tension, in force between its
    dates. Areas likely affected may be none (a national event) or several."""

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=TriggerEventKind.choices)
    reach = models.CharField(max_length=20, choices=TriggerEventReach.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text="Blank for a one-day event.")
    expected_impact = models.CharField(max_length=10, choices=ExpectedImpact.choices)
    areas = models.ManyToManyField("core.Area", blank=True, related_name="trigger_events")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="trigger_event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title
