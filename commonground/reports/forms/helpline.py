"""The helpline's forms: the call log (a report made in the same step when the caller agrees), a
call-back attempt and finding a caller's report. GOV.UK wording for labels, hints and errors."""

from typing import cast

from django import forms

from commonground.core.form_helpers import parse_day
from commonground.reports import queries
from commonground.reports.caller_lookup import CallerDetail
from commonground.reports.forms.recording import BoroughChoiceField, ReportDetailsForm
from commonground.reports.models import (
    AdviceScript,
    CallBackOutcome,
    CallerType,
    CallOutcome,
    CallTopic,
    ReporterRole,
)

REPORT_CREATED_NEEDS_A_REPORT = (
    "To record that a report was created, tick “Create a report from this call” and give its details"
)


# How a caller is involved, as the report records it.
_REPORTER_ROLE_OF_CALLER = {CallerType.VICTIM: ReporterRole.VICTIM, CallerType.WITNESS: ReporterRole.WITNESS}


class _AdviceScriptField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.title


class HelplineCallForm(ReportDetailsForm):
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
    borough = BoroughChoiceField(
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
            day = parse_day(cleaned["value"])
            if day is None:
                self.add_error("value", "Enter the date as day/month/year, for example 1/11/2026")
            else:
                cleaned["value"] = day
        return cleaned
