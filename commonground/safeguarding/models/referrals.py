"""Safeguarding casework (Prevent and Channel): referrals, the police gateway check, the
coordinator's screening decision, and equality monitoring kept apart from every decision screen.

Stages follow the Channel duty guidance (see ../shared/guides/domain.md section 1): each step is a
recorded row with who, when, the decision and its reasons."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from commonground.core import person_keys
from commonground.reports import references


class ReferringSector(models.TextChoices):
    EDUCATION = "education", "Education"
    POLICE = "police", "Police"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    HEALTH = "health", "Health"
    COMMUNITY = "community", "Community"
    FAMILY_AND_FRIENDS = "family_and_friends", "Family and friends"
    PRISONS_PROBATION = "prisons_probation", "Prisons or probation"
    OTHER = "other", "Other"


class ConcernType(models.TextChoices):
    """The categories of the Home Office's published Prevent statistics."""

    ISLAMIST = "islamist", "Islamist"
    EXTREME_RIGHT_WING = "extreme_right_wing", "Extreme right-wing"
    CONFLICTED = "conflicted", "Conflicted"
    MIXED_UNCLEAR_UNSTABLE = "mixed_unclear_unstable", "Mixed, unclear or unstable"
    NO_IDEOLOGY = "no_ideology", "No ideology: vulnerability present but no counter-terrorism risk"
    SCHOOL_MASSACRE = "school_massacre", "School massacre or violence fixation"
    OTHER = "other", "Other"


class PersonAware(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_ASKED = "not_asked", "Not yet asked"


class ReferralStatus(models.TextChoices):
    TO_SCREEN = "to_screen", "To screen"
    WITH_POLICE = "with_police", "With the police for their assessment"
    INFORMATION_GATHERING = "information_gathering", "Information gathering"
    POLICE_LED = "police_led", "Police-led case management"
    SIGNPOSTED = "signposted", "Signposted to other services"
    NO_FURTHER_ACTION = "no_further_action", "No further action"
    AT_PANEL = "at_panel", "On a panel agenda"
    ADOPTED = "adopted", "Adopted as a Channel case"
    NOT_ADOPTED = "not_adopted", "Not adopted: signposted to other support"
    EXITED = "exited", "Support ended"


def new_referral_reference() -> str:
    """A referral's reference to quote (SG-7K3M-9Q2X): random, so it says nothing of how many
    referrals the partnership holds, unlike the row's number. It opens nothing."""
    return references.new_reference(prefix="SG")


class Referral(models.Model):
    """A person referred because someone is worried they are being drawn into extremism.

    `version` goes up by one on every edit: an edit names the version it started from, and is
    refused if someone else saved in between (see actions/editing.py)."""

    # The person referred
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    other_names = models.CharField(max_length=200, blank=True, help_text="Other names or spellings used.")
    date_of_birth = models.DateField(null=True, blank=True)
    age_years = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Age when referred, where the date of birth is not known."
    )
    gender = models.CharField(max_length=60, blank=True)
    borough = models.ForeignKey("core.Area", on_delete=models.PROTECT, related_name="+")
    ward = models.ForeignKey("core.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    address = models.TextField(blank=True)
    language = models.CharField(max_length=100, blank=True)
    interpreter_needed = models.BooleanField(default=False)

    # Who referred
    referrer_name = models.CharField(max_length=200)
    referrer_role = models.CharField(max_length=200, blank=True)
    referrer_agency_name = models.CharField(max_length=200, blank=True)
    referrer_agency = models.ForeignKey(
        "core.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    referring_sector = models.CharField(max_length=30, choices=ReferringSector.choices)
    referrer_contact = models.CharField(max_length=200, help_text="Telephone or email.")
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # The concern
    concern = models.TextField(help_text="In the referrer's own words.")
    concern_type = models.CharField(max_length=30, choices=ConcernType.choices)
    action_already_taken = models.TextField(blank=True)
    person_aware = models.CharField(max_length=20, choices=PersonAware.choices)
    safeguarding_lead_consulted = models.BooleanField()

    reference = models.CharField(max_length=12, unique=True, default=new_referral_reference, editable=False)
    received_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=30, choices=ReferralStatus.choices, default=ReferralStatus.TO_SCREEN)
    version = models.PositiveIntegerField(default=1)
    # A public "worried about someone" report that led to this referral.
    source_report = models.ForeignKey(
        "reports.Report", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # The name key for the subject access search (core/person_keys.py), set by save().
    search_name = models.CharField(max_length=12, blank=True, editable=False)

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["borough", "status", "received_at"]),
            models.Index(fields=["date_of_birth"]),
            models.Index(fields=["search_name"], name="referral_search_name"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_of_birth__isnull=False) | Q(age_years__isnull=False),
                name="referral_has_date_of_birth_or_age",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral {self.pk}"

    def save(self, *args, **kwargs):
        self.search_name = person_keys.name_key_of(self.first_name, self.last_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"first_name", "last_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


# The fields an edit may change; the conflict check names them with these labels.
EDITABLE_FIELDS = {
    "first_name": "First name",
    "last_name": "Last name",
    "other_names": "Other names",
    "date_of_birth": "Date of birth",
    "age_years": "Age",
    "gender": "Gender",
    "borough": "Borough",
    "ward": "Ward",
    "address": "Address",
    "language": "Language",
    "interpreter_needed": "Interpreter needed",
    "referrer_name": "Referrer's name",
    "referrer_role": "Referrer's role",
    "referrer_agency_name": "Referrer's organisation",
    "referring_sector": "Referring sector",
    "referrer_contact": "Referrer's contact details",
    "concern": "The concern",
    "concern_type": "Type of concern",
    "action_already_taken": "What has already been done",
    "person_aware": "Whether the person knows about the referral",
    "safeguarding_lead_consulted": "Safeguarding lead consulted",
}


class ScreeningOutcome(models.TextChoices):
    PROCEED = "proceed", "Proceed to information gathering"
    NOT_APPROPRIATE = "not_appropriate", "Not appropriate for Channel: signpost to other services"
    PASSED_TO_POLICE = "passed_to_police", "Pass to the police for their assessment"
    NO_FURTHER_ACTION = "no_further_action", "No further action"


class ScreeningDecision(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="screening_decisions")
    decision = models.CharField(max_length=30, choices=ScreeningOutcome.choices)
    reasons = models.TextField()
    signposted_to = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(reasons=""), name="screening_has_reasons"),
            models.CheckConstraint(
                condition=~Q(decision="not_appropriate") | ~Q(signposted_to=""),
                name="not_appropriate_names_signposting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} ({self.referral})"


class GatewayOutcome(models.TextChoices):
    """Outcomes of the police gateway assessment (stage 2)."""

    NO_FURTHER_ACTION = "no_further_action", "No further action"
    SIGNPOSTED = "signposted", "Signpost to other services"
    POLICE_LED = "police_led", "Police-led case management (counter-terrorism risk)"
    PASSED_TO_CHANNEL = "passed_to_channel", "Passed to the council for Channel"


class GatewayCheck(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="gateway_checks")
    outcome = models.CharField(max_length=30, choices=GatewayOutcome.choices)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.referral})"


PREFER_NOT_TO_SAY = ("prefer_not_to_say", "Prefer not to say")


class EthnicGroup(models.TextChoices):
    """Census 2021 (England and Wales) ethnic groups."""

    ASIAN_BANGLADESHI = "asian_bangladeshi", "Asian or Asian British: Bangladeshi"
    ASIAN_CHINESE = "asian_chinese", "Asian or Asian British: Chinese"
    ASIAN_INDIAN = "asian_indian", "Asian or Asian British: Indian"
    ASIAN_PAKISTANI = "asian_pakistani", "Asian or Asian British: Pakistani"
    ASIAN_OTHER = "asian_other", "Asian or Asian British: any other Asian background"
    BLACK_AFRICAN = "black_african", "Black, Black British, Caribbean or African: African"
    BLACK_CARIBBEAN = "black_caribbean", "Black, Black British, Caribbean or African: Caribbean"
    BLACK_OTHER = "black_other", "Black, Black British, Caribbean or African: any other Black background"
    MIXED_WHITE_ASIAN = "mixed_white_asian", "Mixed or multiple: White and Asian"
    MIXED_WHITE_BLACK_AFRICAN = "mixed_white_black_african", "Mixed or multiple: White and Black African"
    MIXED_WHITE_BLACK_CARIBBEAN = (
        "mixed_white_black_caribbean",
        "Mixed or multiple: White and Black Caribbean",
    )
    MIXED_OTHER = "mixed_other", "Mixed or multiple: any other mixed or multiple background"
    WHITE_BRITISH = "white_british", "White: English, Welsh, Scottish, Northern Irish or British"
    WHITE_IRISH = "white_irish", "White: Irish"
    WHITE_GYPSY_TRAVELLER = "white_gypsy_traveller", "White: Gypsy or Irish Traveller"
    WHITE_ROMA = "white_roma", "White: Roma"
    WHITE_OTHER = "white_other", "White: any other White background"
    OTHER_ARAB = "other_arab", "Other ethnic group: Arab"
    OTHER_ANY = "other_any", "Other ethnic group: any other ethnic group"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class Religion(models.TextChoices):
    """Census 2021 (England and Wales) religion question."""

    NO_RELIGION = "no_religion", "No religion"
    CHRISTIAN = "christian", "Christian"
    BUDDHIST = "buddhist", "Buddhist"
    HINDU = "hindu", "Hindu"
    JEWISH = "jewish", "Jewish"
    MUSLIM = "muslim", "Muslim"
    SIKH = "sikh", "Sikh"
    OTHER = "other", "Any other religion"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class EqualityMonitoring(models.Model):
    """Special category data, kept apart from the referral: used only for monitoring, never shown
    on a screen where a decision is made about the person."""

    referral = models.OneToOneField(Referral, on_delete=models.CASCADE, related_name="equality_monitoring")
    ethnic_group = models.CharField(max_length=40, choices=EthnicGroup.choices, blank=True)
    religion = models.CharField(max_length=40, choices=Religion.choices, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "equality monitoring"
        verbose_name_plural = "equality monitoring"

    def __str__(self) -> str:
        return f"Equality monitoring ({self.referral})"
