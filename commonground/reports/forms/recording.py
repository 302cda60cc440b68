"""Recording reports for someone: the details a helpline advisor or a reporting centre worker
enters for a report, and the reporting centre's entry form (forms.helpline has the helpline's call
log, call-backs and finding a caller's report). GOV.UK wording for labels, hints and errors."""

from typing import cast

from django import forms

from commonground.core.form_helpers import DATE_FORMATS
from commonground.core.models import Area
from commonground.reports import queries
from commonground.reports.actions.submission import ReportAnswers
from commonground.reports.models import (
    HostilityStrand,
    PoliceReported,
    ReporterRole,
    ReportKind,
    SharingPartner,
    TensionCategory,
)


class BoroughChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(queryset=Area.objects.boroughs().order_by("name"), to_field_name="code", **kwargs)


class ReportDetailsForm(forms.Form):
    """What the person agreed to share, as a helpline advisor or reporting centre worker enters it."""

    kind = forms.ChoiceField(
        label="What kind of report is it?",
        choices=ReportKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of report it is"},
    )
    description = forms.CharField(
        label="What happened",
        help_text="Only what the person agreed to share.",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Enter what happened",
            "max_length": "What happened must be 10000 characters or fewer",
        },
    )
    happened_on = forms.DateField(
        label="When it happened (optional)",
        help_text="For example, 27/3/2026",
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": "Enter the date as day/month/year, for example 27/3/2026"},
    )
    is_online = forms.BooleanField(label="It happened online", required=False)
    online_platform = forms.CharField(
        label="Website or app (optional)", help_text="For example, Facebook", required=False, max_length=100
    )
    street = forms.CharField(
        label="Street or place (optional)",
        help_text="For example, the bus station on Moor Lane",
        required=False,
        max_length=200,
    )
    strands = forms.ModelMultipleChoiceField(
        label="What they think it was motivated by (optional)",
        queryset=HostilityStrand.objects.none(),  # the strands active today, set per form
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    reported_to_police = forms.ChoiceField(
        label="Have they already told the police? (optional)",
        choices=PoliceReported.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    contact_name = forms.CharField(label="Their name (optional)", required=False, max_length=200)
    contact_email = forms.EmailField(
        label="Their email address (optional)",
        help_text="They will get an email with the reference and a private link to follow the report.",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.org"},
    )
    contact_phone = forms.CharField(label="Their phone number (optional)", required=False, max_length=40)
    share_with_police = forms.BooleanField(
        label="They agreed to the report being shared with the police", required=False
    )
    urgent = forms.BooleanField(
        label="This is urgent",
        help_text="Someone is at risk of harm soon. Triage is then due within 1 hour.",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["strands"]).queryset = queries.active_strands()

    def report_answers(self, *, borough_code: str, reporter_role: str = "") -> ReportAnswers:
        data = self.cleaned_data
        return ReportAnswers(
            kind=data["kind"],
            description=data["description"].strip(),
            borough_code="" if data["is_online"] else borough_code,
            street="" if data["is_online"] else data["street"],
            is_online=data["is_online"],
            online_platform=data["online_platform"] if data["is_online"] else "",
            happened_on=data["happened_on"],
            reporter_role=reporter_role,
            strand_codes=[strand.code for strand in data["strands"]],
            reported_to_police=data["reported_to_police"],
            contact_name=data["contact_name"].strip(),
            contact_email=data["contact_email"].strip(),
            contact_phone=data["contact_phone"].strip(),
            share_with=[SharingPartner.POLICE] if data["share_with_police"] else [],
            urgent=data["urgent"],
        )


class OnBehalfReportForm(ReportDetailsForm):
    """A reporting centre's entry of a hate incident or tension report for someone."""

    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    reporter_role = forms.ChoiceField(
        label="How is the person involved?",
        choices=[(ReporterRole.VICTIM, "It happened to them"), (ReporterRole.WITNESS, "They saw it happen")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the person is involved"},
    )
    borough = BoroughChoiceField(
        label="Borough where it happened",
        help_text="Leave as it is if it happened online.",
        required=False,
        empty_label="Select a borough",
        error_messages={"invalid_choice": "Select a borough from the list"},
    )
    tension_category = forms.ChoiceField(
        label="What kind of tension is it? (optional)",
        choices=TensionCategory.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    consent_to_share = forms.BooleanField(
        label="The person agreed to this report being shared with Common Ground partners",
        error_messages={
            "required": "Confirm the person agreed to this report being shared with Common Ground partners"
        },
    )

    field_order = [
        "kind",
        "reporter_role",
        "description",
        "happened_on",
        "is_online",
        "online_platform",
        "borough",
        "street",
        "strands",
        "tension_category",
        "reported_to_police",
        "contact_name",
        "contact_email",
        "contact_phone",
        "consent_to_share",
        "share_with_police",
        "urgent",
    ]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "report-%s")
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [
            (ReportKind.HATE_INCIDENT, ReportKind.HATE_INCIDENT.label),
            (ReportKind.COMMUNITY_TENSION, ReportKind.COMMUNITY_TENSION.label),
        ]
        self.fields["contact_name"].label = "The person's name (optional)"
        self.fields["contact_email"].label = "The person's email address (optional)"
        self.fields["contact_phone"].label = "The person's phone number (optional)"
        self.fields[
            "share_with_police"
        ].label = "The person agreed to the report being shared with the police"

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        if not cleaned.get("is_online") and not cleaned.get("borough") and "borough" not in self.errors:
            self.add_error("borough", "Select the borough where it happened, or tick “It happened online”")
        return cleaned

    def answers(self) -> ReportAnswers:
        borough = self.cleaned_data["borough"]
        answers = self.report_answers(
            borough_code=borough.code if borough else "", reporter_role=self.cleaned_data["reporter_role"]
        )
        # "Common Ground partners": victim support and the council; the police only if ticked too.
        answers.share_with = [SharingPartner.VICTIM_SUPPORT, SharingPartner.COUNCIL, *answers.share_with]
        if answers.kind == ReportKind.COMMUNITY_TENSION:
            answers.tension_category = self.cleaned_data["tension_category"]
        return answers
