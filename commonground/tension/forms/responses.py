"""Forms for response actions: creating one (with a quick choice of due time), updating its
status, completing it with evidence, and the period of the report per agency. GOV.UK wording."""

from datetime import date, datetime, time, timedelta
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from commonground.core.access import Scope
from commonground.core.form_helpers import DATE_FORMATS
from commonground.core.models import Agency
from commonground.tension.actions.responses import UPDATABLE_STATUSES
from commonground.tension.forms.assessments import AreaChoiceField, PlainSelect
from commonground.tension.models import ActionStatus
from commonground.tension.queries import assessments as assessment_queries
from commonground.tension.queries import responses as queries

DUE_CHOICES = [
    ("24h", "Within 24 hours"),
    ("48h", "Within 48 hours"),
    ("week", "Within a week"),
    ("date", "By a date"),
]
DUE_DELTAS = {"24h": timedelta(hours=24), "48h": timedelta(hours=48), "week": timedelta(days=7)}
# An action due "by a date" is due at the end of that working day.
END_OF_DAY = time(17, 0)


class ResponseActionForm(forms.Form):
    area = AreaChoiceField(
        label="Area",
        queryset=None,
        to_field_name="code",
        empty_label="Select a borough or ward",
        error_messages={
            "required": "Select the borough or ward the action is in",
            "invalid_choice": "Select a borough or ward in your areas",
        },
    )
    description = forms.CharField(
        label="What needs to be done",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, remove the graffiti on the Union Street underpass. Describe places, never name a person.",
        error_messages={
            "required": "Enter what needs to be done",
            "max_length": "What needs to be done must be 5000 characters or fewer",
        },
    )
    owner_agency: "forms.ModelChoiceField[Agency]" = forms.ModelChoiceField(
        label="Agency responsible",
        queryset=None,
        widget=PlainSelect,
        empty_label="Select an agency",
        error_messages={
            "required": "Select the agency responsible",
            "invalid_choice": "Select an agency from the list",
        },
    )
    due = forms.ChoiceField(
        label="When must it be done?",
        choices=DUE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select when the action must be done"},
    )
    due_on = forms.DateField(
        label="Date (if by a date)",
        required=False,
        input_formats=DATE_FORMATS,
        help_text="For example, 27/11/2026. Due by 5pm that day.",
        error_messages={"invalid": "Enter the date as day/month/year, for example 27/11/2026"},
    )
    tension_report = forms.CharField(
        label="Tension report it responds to (optional)",
        required=False,
        max_length=12,
        help_text="The report's reference, for example TR-7KQ2M9.",
    )
    assessment = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, scope: Scope, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope = scope
        cast(forms.ModelChoiceField, self.fields["area"]).queryset = assessment_queries.assessable_areas(
            scope
        )
        cast(forms.ModelChoiceField, self.fields["owner_agency"]).queryset = queries.owner_agencies(scope)

    def clean_tension_report(self):
        reference = self.cleaned_data["tension_report"].strip()
        if not reference:
            return None
        report = queries.linkable_report(self.scope, reference)
        if report is None:
            raise ValidationError("There is no tension report with that reference in your areas")
        return report

    def clean_assessment(self):
        return queries.linkable_assessment(self.scope, self.cleaned_data["assessment"])

    def clean(self):
        data = super().clean() or self.cleaned_data
        choice = data.get("due")
        if choice == "date":
            day: date | None = data.get("due_on")
            if day is None and "due_on" not in self.errors:
                self.add_error("due_on", "Enter the date the action must be done by")
            elif day is not None and day < timezone.localdate():
                self.add_error("due_on", "The date must be today or in the future")
            elif day is not None:
                data["due_at"] = timezone.make_aware(datetime.combine(day, END_OF_DAY))
        elif choice in DUE_DELTAS:
            data["due_at"] = timezone.now() + DUE_DELTAS[choice]
        return data

    def action(self) -> dict:
        data = self.cleaned_data
        return {
            "area": data["area"],
            "description": data["description"],
            "owner_agency": data["owner_agency"],
            "due_at": data["due_at"],
            "tension_report": data["tension_report"],
            "assessment": data["assessment"],
        }


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=[(value, label) for value, label in ActionStatus.choices if value in UPDATABLE_STATUSES],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the action's status",
            "invalid_choice": "Select the action's status",
        },
    )


class CompleteForm(forms.Form):
    evidence = forms.CharField(
        label="What shows it was done",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, graffiti removed 14:20, photo on the council's job log 88213.",
        error_messages={
            "required": "Describe what shows the action was done",
            "max_length": "What shows it was done must be 5000 characters or fewer",
        },
    )


class PeriodForm(forms.Form):
    since = forms.DateField(
        label="From",
        input_formats=DATE_FORMATS,
        error_messages={"invalid": "Enter the date as day/month/year, for example 1/10/2026"},
    )
    until = forms.DateField(
        label="To",
        input_formats=DATE_FORMATS,
        error_messages={"invalid": "Enter the date as day/month/year, for example 31/10/2026"},
    )

    def clean(self):
        data = super().clean() or self.cleaned_data
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", "The end of the period must be on or after its start")
        return data
