"""Recording reports for someone: the helpline call log (a report made in the same step when the
caller agrees) and the reporting centre's entry form. GOV.UK wording for labels, hints and errors."""

from datetime import datetime
from typing import cast

from django import forms

from commonground.core.forms import DATE_FORMATS
from commonground.core.models import Area
from commonground.reports import queries
from commonground.reports.actions.submission import ReportAnswers
from commonground.reports.caller_lookup import CallerDetail
from commonground.reports.models import (
    AdviceScript,
    CallBackOutcome,
    CallerType,
    CallOutcome,
    CallTopic,
    HostilityStrand,
    PoliceReported,
    ReporterRole,
    ReportKind,
    SharingPartner,
    TensionCategory,
)

REPORT_CREATED_NEEDS_A_REPORT = (
    "To record that a report was created, tick “Create a report from this call” and give its details"
)


class _BoroughChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(queryset=Area.objects.boroughs().order_by("name"), to_field_name="code", **kwargs)


class _ReportDetailsForm(forms.Form):
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


# How a caller is involved, as the report records it.
_REPORTER_ROLE_OF_CALLER = {CallerType.VICTIM: ReporterRole.VICTIM, CallerType.WITNESS: ReporterRole.WITNESS}


class _AdviceScriptField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.title


class HelplineCallForm(_ReportDetailsForm):
    """One page, built for speed while on the phone. The report section is used only when the
    advisor ticks "Create a report from this call"."""

    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    caller_type = forms.ChoiceField(
        label="Who is calling?",
        choices=CallerType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who is calling"},
    )
    language = forms.CharField(
        label="Language of the call",
        initial="English",
        max_length=60,
        error_messages={"required": "Enter the language of the call"},
    )
    interpreter_used = forms.BooleanField(label="An interpreter was used", required=False)
    topic = forms.ChoiceField(
        label="What is the call about?",
        choices=CallTopic.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the call is about"},
    )
    borough = _BoroughChoiceField(
        label="Borough (optional)",
        help_text=(
            "Where it happened, or where the caller lives. Needed for a report, unless it happened online."
        ),
        required=False,
        empty_label="Not known",
        error_messages={"invalid_choice": "Select a borough from the list"},
    )
    advice_given = _AdviceScriptField(
        label="Advice given",
        help_text="Tick each piece of advice you gave.",
        queryset=AdviceScript.objects.none(),  # the active scripts, set per form
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        help_text="If you create a report below, the outcome is recorded as “Report created”.",
        choices=CallOutcome.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    signposted_to = forms.CharField(
        label="Service signposted to",
        help_text="Needed when the outcome is “Signposted to a named service”. For example, Victim Support.",
        required=False,
        max_length=200,
    )
    duration_minutes = forms.IntegerField(
        label="Length of the call, in minutes",
        min_value=1,
        max_value=600,
        error_messages={
            "required": "Enter the length of the call in minutes",
            "invalid": "The length of the call must be a number of minutes, like 15",
            "min_value": "The length of the call must be at least 1 minute",
            "max_value": "The length of the call must be 600 minutes or fewer",
        },
    )
    notes = forms.CharField(
        label="Notes (optional)", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    create_report = forms.BooleanField(label="Create a report from this call", required=False)

    field_order = [
        "caller_type",
        "language",
        "interpreter_used",
        "topic",
        "borough",
        "advice_given",
        "outcome",
        "signposted_to",
        "duration_minutes",
        "notes",
        "create_report",
        "kind",
        "description",
        "happened_on",
        "is_online",
        "online_platform",
        "street",
        "strands",
        "reported_to_police",
        "contact_name",
        "contact_email",
        "contact_phone",
        "share_with_police",
        "urgent",
    ]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "call-%s")
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["advice_given"]).queryset = queries.active_advice_scripts()
        # The report's questions are asked only when a report is created.
        for name in ("kind", "description"):
            self.fields[name].required = False
        self.fields["kind"].label = "What kind of report is it?"
        self.fields["description"].label = "What the caller agreed to share"
        self.fields[
            "description"
        ].help_text = "Only what the caller agreed to share, in their words where you can."

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        if cleaned.get("create_report"):
            if not cleaned.get("kind") and "kind" not in self.errors:
                self.add_error("kind", "Select what kind of report it is")
            if not (cleaned.get("description") or "").strip() and "description" not in self.errors:
                self.add_error("description", "Enter what the caller agreed to share")
            if not cleaned.get("is_online") and not cleaned.get("borough") and "borough" not in self.errors:
                self.add_error(
                    "borough", "Select the borough where it happened, or tick “It happened online”"
                )
        else:
            if not cleaned.get("outcome") and "outcome" not in self.errors:
                self.add_error("outcome", "Select the outcome of the call")
            elif cleaned.get("outcome") == CallOutcome.REPORT_CREATED:
                self.add_error("outcome", REPORT_CREATED_NEEDS_A_REPORT)
        signposted = cleaned.get("outcome") == CallOutcome.SIGNPOSTED and not cleaned.get("create_report")
        if signposted and not (cleaned.get("signposted_to") or "").strip():
            self.add_error("signposted_to", "Enter the name of the service you signposted the caller to")
        return cleaned

    def call_arguments(self) -> dict:
        """The keyword arguments of `log_call`, from what the advisor entered."""
        data = self.cleaned_data
        borough = data["borough"]
        report = None
        if data["create_report"]:
            report = self.report_answers(
                borough_code=borough.code if borough else "",
                reporter_role=_REPORTER_ROLE_OF_CALLER.get(data["caller_type"], ReporterRole.ON_BEHALF),
            )
        return {
            "caller_type": data["caller_type"],
            "language": data["language"].strip(),
            "interpreter_used": data["interpreter_used"],
            "topic": data["topic"],
            "borough_code": borough.code if borough else "",
            "advice_given": list(data["advice_given"]),
            "outcome": CallOutcome.REPORT_CREATED if report else data["outcome"],
            "signposted_to": data["signposted_to"].strip(),
            "duration_minutes": data["duration_minutes"],
            "notes": data["notes"].strip(),
            "report": report,
            "submission_key": f"helpline:{data['submission_key']}" if data["submission_key"] else None,
        }


class OnBehalfReportForm(_ReportDetailsForm):
    """A reporting centre's entry of a hate incident or tension report for someone."""

    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    reporter_role = forms.ChoiceField(
        label="How is the person involved?",
        choices=[(ReporterRole.VICTIM, "It happened to them"), (ReporterRole.WITNESS, "They saw it happen")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the person is involved"},
    )
    borough = _BoroughChoiceField(
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


class CallBackAttemptForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What happened when you called?",
        choices=CallBackOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what happened when you called"},
    )


class FindCallerReportForm(forms.Form):
    """A caller's reference, and one detail they give that the report holds."""

    reference = forms.CharField(
        label="Reference the caller gives",
        max_length=20,
        help_text="For example, CG-7K2M-9QXP",
        error_messages={"required": "Enter the reference the caller gives"},
    )
    detail = forms.ChoiceField(
        label="Which detail did the caller give to confirm it is theirs?",
        choices=CallerDetail.CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which detail the caller gave"},
    )
    value = forms.CharField(
        label="What the caller said",
        max_length=200,
        help_text="A date as day/month/year, for example 1/11/2026",
        error_messages={"required": "Enter the detail the caller gave"},
    )

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        if cleaned.get("detail") == CallerDetail.DATE and cleaned.get("value"):
            for date_format in DATE_FORMATS:
                try:
                    cleaned["value"] = datetime.strptime(cleaned["value"].strip(), date_format).date()
                    break
                except ValueError:
                    continue
            else:
                self.add_error("value", "Enter the date as day/month/year, for example 1/11/2026")
        return cleaned
