"""Safeguarding forms: the referral (one page in sections, for professionals), its edit form, the
coordinator's list filter, and the gateway check and screening decision. GOV.UK wording."""

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from commonground.core.form_helpers import DATE_FORMATS, add_action_errors
from commonground.safeguarding import queries
from commonground.safeguarding.actions.referrals import (
    MAX_AGE,
    EqualityAnswers,
    ReferralDetails,
    check_details,
)
from commonground.safeguarding.matching import normalise, whole_years_between
from commonground.safeguarding.models import (
    EDITABLE_FIELDS,
    ConcernType,
    EthnicGroup,
    GatewayOutcome,
    PersonAware,
    ReferralStatus,
    ReferringSector,
    Religion,
    ScreeningOutcome,
)

YES_NO = [("yes", "Yes"), ("no", "No")]


def text_field(label, required=True, message="", max_length=200, rows=0, **kwargs):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=widget,
        error_messages={
            "required": message,
            "max_length": f"{label} must be {max_length} characters or fewer",
        },
        **kwargs,
    )


class ReferralForm(forms.Form):
    """Referral details: the person, the referrer and the concern. Drives `ReferralDetails`."""

    # The person
    first_name = text_field("First name", message="Enter their first name", max_length=100)
    last_name = text_field("Last name", message="Enter their last name", max_length=100)
    other_names = text_field("Other names or spellings (optional)", required=False)
    date_of_birth = forms.DateField(
        label="Date of birth",
        required=False,
        input_formats=DATE_FORMATS,
        help_text="For example, 27/3/2011. If you do not know it, give their age instead.",
        error_messages={"invalid": "Enter the date of birth as day/month/year, for example 27/3/2011"},
    )
    age_years = forms.IntegerField(
        label="Age in years (if you do not know their date of birth)",
        required=False,
        min_value=0,
        max_value=MAX_AGE,
        error_messages={
            "invalid": "Enter the age as a whole number, for example 15",
            "min_value": f"Age must be between 0 and {MAX_AGE}",
            "max_value": f"Age must be between 0 and {MAX_AGE}",
        },
    )
    gender = text_field("Gender (optional)", required=False, max_length=60)
    borough = forms.ModelChoiceField(
        label="Borough where they live",
        queryset=queries.boroughs_for_referral(),
        to_field_name="code",
        empty_label="Select a borough",
        error_messages={"required": "Select the borough where the person lives"},
    )
    ward = forms.ModelChoiceField(
        label="Ward (optional)",
        queryset=queries.wards_for_referral(),
        to_field_name="code",
        required=False,
        empty_label="Not known",
    )
    address = text_field("Address (optional)", required=False, max_length=500, rows=3)
    language = text_field("First language (optional)", required=False, max_length=100)
    interpreter_needed = forms.BooleanField(label="They need an interpreter", required=False)

    # The referrer
    referrer_name = text_field("Your name", message="Enter the referrer's name")
    referrer_role = text_field("Your role (optional)", required=False)
    referrer_agency_name = text_field("Your organisation (optional)", required=False)
    referring_sector = forms.ChoiceField(
        label="Sector",
        choices=ReferringSector.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the sector you work in"},
    )
    referrer_contact = text_field(
        "Your telephone number or email address",
        message="Enter a telephone number or email address for the referrer",
    )

    # The concern
    concern = text_field(
        "Describe the concern in your own words",
        message="Describe the concern",
        max_length=10000,
        rows=8,
        help_text=(
            "How the concern arose, what happened, what the person has said or done, any interest in "
            "extremist groups, ideologies or violence, worrying use of the internet, and what you fear may happen."
        ),
    )
    concern_type = forms.ChoiceField(
        label="Type of concern",
        choices=ConcernType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of concern"},
    )
    action_already_taken = text_field(
        "What has already been done (optional)", required=False, max_length=5000, rows=4
    )
    person_aware = forms.ChoiceField(
        label="Does the person know about this referral and agree to it being discussed?",
        choices=PersonAware.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the person knows about the referral"},
    )
    safeguarding_lead_consulted = forms.ChoiceField(
        label="Have you discussed this with your organisation's safeguarding lead?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you discussed this with your safeguarding lead"},
    )

    def clean_date_of_birth(self):
        born = self.cleaned_data.get("date_of_birth")
        if born is not None:
            today = timezone.localdate()
            if born > today:
                raise ValidationError("Date of birth must be today or in the past")
            if whole_years_between(born, today) > MAX_AGE:
                raise ValidationError(f"Date of birth must be less than {MAX_AGE + 1} years ago")
        return born

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        dob_given = cleaned.get("date_of_birth") or "date_of_birth" in self.errors
        if not dob_given and cleaned.get("age_years") is None and "age_years" not in self.errors:
            self.add_error("date_of_birth", "Enter their date of birth or, if you do not know it, their age")
        if not self.errors:
            # The action's own checks (a ward outside the borough, for example), shown on the form.
            try:
                check_details(self.details(), timezone.localdate())
            except ValidationError as error:
                add_action_errors(self, error)
        return cleaned

    def details(self) -> ReferralDetails:
        data = dict(self.cleaned_data)
        data["safeguarding_lead_consulted"] = data["safeguarding_lead_consulted"] == "yes"
        return ReferralDetails(**{name: data[name] for name in ReferralDetails.__dataclass_fields__})


class NewReferralForm(ReferralForm):
    """A new referral, with the optional equality monitoring section."""

    ethnic_group = forms.ChoiceField(
        label="Ethnic group (optional)",
        required=False,
        choices=[("", "Not given"), *EthnicGroup.choices],
    )
    religion = forms.ChoiceField(
        label="Religion (optional)", required=False, choices=[("", "Not given"), *Religion.choices]
    )
    # Set once the possible-duplicates check has been shown for these name and age details; a
    # change to them after the check means checking again before sending.
    checked = forms.CharField(required=False, widget=forms.HiddenInput)

    def fingerprint(self) -> str:
        data = self.cleaned_data
        return "|".join(
            [
                normalise(data["first_name"]),
                normalise(data["last_name"]),
                str(data["date_of_birth"] or ""),
                str(data["age_years"] if data["age_years"] is not None else ""),
            ]
        )

    def equality(self) -> EqualityAnswers:
        return EqualityAnswers(
            ethnic_group=self.cleaned_data.get("ethnic_group", ""),
            religion=self.cleaned_data.get("religion", ""),
        )


class EditReferralForm(ReferralForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = text_field("Reason for the change (optional)", required=False, max_length=2000, rows=2)

    @staticmethod
    def initial_for(referral) -> dict:
        initial = {name: getattr(referral, name) for name in EDITABLE_FIELDS}
        initial["borough"] = referral.borough.code
        initial["ward"] = referral.ward.code if referral.ward else None
        initial["date_of_birth"] = (
            referral.date_of_birth.strftime("%d/%m/%Y") if referral.date_of_birth else ""
        )
        initial["safeguarding_lead_consulted"] = "yes" if referral.safeguarding_lead_consulted else "no"
        initial["version"] = referral.version
        return initial


class ListFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *ReferralStatus.choices]
    )


class _StepForm(forms.Form):
    """A recorded step's form. Every outcome is accepted when posted, so an outcome the referral's
    status does not allow is refused by the action with its reason, not as an invalid choice."""

    outcome_field = ""

    def offer_only(self, outcomes: list[str]) -> None:
        """Show only the outcomes the referral's status allows (`workflow.allowed`)."""
        field = cast(forms.ChoiceField, self.fields[self.outcome_field])
        # Django stores choices as a list of pairs; the stubs type the attribute as anything it accepts.
        offered = cast(list[tuple[str, str]], field.choices)
        field.choices = [(value, label) for value, label in offered if value in outcomes]


class GatewayCheckForm(_StepForm):
    outcome_field = "outcome"
    outcome = forms.ChoiceField(
        label="Outcome of the police gateway assessment",
        choices=GatewayOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome of the police gateway assessment"},
    )
    notes = text_field("Notes (optional)", required=False, max_length=5000, rows=3)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "gateway-%s")
        super().__init__(*args, **kwargs)


class ScreeningDecisionForm(_StepForm):
    outcome_field = "decision"
    decision = forms.ChoiceField(
        label="Screening decision",
        choices=ScreeningOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a screening decision"},
    )
    reasons = text_field(
        "Reasons for the decision", message="Give the reasons for the decision", max_length=5000, rows=4
    )
    signposted_to = text_field(
        "Services the person was signposted to",
        required=False,
        max_length=2000,
        rows=2,
        help_text="Needed if the referral is not appropriate for Channel, for example children's social care or early help.",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "screening-%s")
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        if cleaned.get("decision") == ScreeningOutcome.NOT_APPROPRIATE and not cleaned.get("signposted_to"):
            self.add_error("signposted_to", "Name the services the person was signposted to")
        return cleaned
