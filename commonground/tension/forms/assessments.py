"""Forms for tension assessments: recording one (area, week, kind, the judgement) and amending
one (the judgement, a reason, and the revision it started from). GOV.UK wording."""

from datetime import date
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from commonground.core.access import Scope
from commonground.core.form_helpers import DATE_FORMATS, parse_day
from commonground.tension.actions.assessments import FUTURE_WEEK, AssessmentDetails
from commonground.tension.baseline import week_starting
from commonground.tension.models import (
    AssessmentKind,
    Confidence,
    Direction,
    Indicator,
    TensionAssessment,
    TriggerEvent,
)
from commonground.tension.queries import assessments as queries


class PlainSelect(forms.Select):
    """A select whose options are written out here rather than through a template per option:
    the default takes tens of milliseconds for the two hundred wards of Greater Manchester."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        attributes = flatatt(self.build_attrs(self.attrs, {**(attrs or {}), "name": name}))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(option), " selected" if str(option) in chosen else "", label)
                for option, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", attributes, options)


class LevelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, level) -> str:
        return f"{level.rank} {level.name}" + (f": {level.description}" if level.description else "")


class AreaChoiceField(forms.ModelChoiceField):
    widget = PlainSelect

    def label_from_instance(self, area) -> str:
        return f"{area.name} (ward in {area.parent.name})" if area.level == "ward" else area.name


def _text(
    label: str, *, required: bool = True, message: str = "", max_length: int = 10000, rows: int = 5, **kw
):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": message,
            "max_length": f"{label} must be {max_length} characters or fewer",
        },
        **kw,
    )


class JudgementForm(forms.Form):
    """What an analyst judges, in a new assessment and in an amendment."""

    level = LevelChoiceField(
        label="Tension level",
        queryset=queries.active_levels(),
        to_field_name="rank",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select a level on the tension scale",
            "invalid_choice": "Select a level on the tension scale",
        },
    )
    direction = forms.ChoiceField(
        label="Direction",
        choices=Direction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether tension is rising, stable or falling"},
    )
    confidence = forms.ChoiceField(
        label="Confidence in this assessment",
        choices=Confidence.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how confident you are in this assessment"},
    )
    rationale = _text(
        "Rationale",
        message="Explain the reasons for this assessment",
        rows=6,
        help_text="What the evidence shows and why you chose this level. Describe places and communities, never name a person.",
    )
    indicators = forms.MultipleChoiceField(
        label="Indicators considered (optional)",
        choices=Indicator.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select indicators from the list"},
    )
    recommended_actions = _text("Recommended actions (optional)", required=False, rows=4)

    def details(self) -> AssessmentDetails:
        data = self.cleaned_data
        return AssessmentDetails(
            level=data["level"],
            direction=data["direction"],
            confidence=data["confidence"],
            rationale=data["rationale"],
            indicators=list(data["indicators"]),
            recommended_actions=data["recommended_actions"],
        )


class AssessmentForm(JudgementForm):
    area = AreaChoiceField(
        label="Area",
        queryset=None,
        to_field_name="code",
        empty_label="Select a borough or ward",
        error_messages={
            "required": "Select the borough or ward you are assessing",
            "invalid_choice": "Select a borough or ward in your areas",
        },
    )
    week = forms.DateField(
        label="Week",
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y"),
        help_text="Any day in the week, for example 16/11/2026. Weeks start on a Monday.",
        error_messages={
            "required": "Enter a day in the week you are assessing",
            "invalid": "Enter the date as day/month/year, for example 16/11/2026",
        },
    )
    kind = forms.ChoiceField(
        label="Kind of assessment",
        choices=AssessmentKind.choices,
        widget=forms.RadioSelect,
        initial=AssessmentKind.WEEKLY,
        error_messages={"required": "Select whether this is the weekly assessment or an ad hoc one"},
    )
    trigger_event: "forms.ModelChoiceField[TriggerEvent]" = forms.ModelChoiceField(
        label="Trigger event (for an ad hoc assessment)",
        queryset=None,
        widget=PlainSelect,
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Select a trigger event from the list"},
    )

    field_order = ["area", "week", "kind", "trigger_event"]

    def __init__(self, scope: Scope, data=None, **kwargs):
        if data is not None:
            data = _with_week_normalised(data)
        super().__init__(data, **kwargs)
        cast(forms.ModelChoiceField, self.fields["area"]).queryset = queries.assessable_areas(scope)
        cast(
            forms.ModelChoiceField, self.fields["trigger_event"]
        ).queryset = queries.trigger_events_to_assess(scope)

    def clean_week(self) -> date:
        monday = week_starting(self.cleaned_data["week"])
        if monday > week_starting(timezone.localdate()):
            raise ValidationError(FUTURE_WEEK)
        return monday

    def clean(self):
        data = super().clean() or self.cleaned_data
        if data.get("kind") == AssessmentKind.AD_HOC and not data.get("trigger_event"):
            self.add_error("trigger_event", "Select the trigger event this assessment follows")
        return data


def _with_week_normalised(data):
    """The week as typed becomes its Monday, shown back to the analyst."""
    week = data.get("week", "")
    day = parse_day(week) if isinstance(week, str) else None
    if day is None:
        return data
    data = data.copy()
    data["week"] = week_starting(day).strftime("%d/%m/%Y")
    return data


class AmendAssessmentForm(JudgementForm):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    reason = _text(
        "Reason for amending",
        message="Explain why you are amending this assessment",
        max_length=2000,
        rows=3,
        help_text="For example, new information from the neighbourhood team. The earlier version is kept.",
    )

    @staticmethod
    def initial_for(assessment: TensionAssessment) -> dict:
        return {
            "level": assessment.level.rank,
            "direction": assessment.direction,
            "confidence": assessment.confidence,
            "rationale": assessment.rationale,
            "indicators": list(assessment.indicators),
            "recommended_actions": assessment.recommended_actions,
            "revision": assessment.revision,
        }
