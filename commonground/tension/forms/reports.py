"""Forms for tension reports and trigger events, in GOV.UK wording: the report form (with the
warning not to name anyone and the question that sends a worry about a person to safeguarding),
the reports list filter, and the trigger event form."""

from datetime import datetime
from typing import TYPE_CHECKING, cast

from django import forms
from django.utils import timezone

from commonground.core.form_helpers import date_field
from commonground.tension.actions.events import TriggerEventDetails
from commonground.tension.actions.reports import ReportDetails
from commonground.tension.models import (
    ExpectedImpact,
    HandlingCode,
    InformationAssessment,
    Marking,
    ReportCategory,
    SourceEvaluation,
    SourceType,
    TensionType,
    TriggerEventKind,
    TriggerEventReach,
)
from commonground.tension.queries.reports import Places

YES_NO = [("yes", "Yes"), ("no", "No")]
TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M", "%H:%M:%S"]

# The source a report most likely comes from, given the reporter's kind of agency.
SOURCE_FOR_AGENCY_KIND = {
    "police": SourceType.NEIGHBOURHOOD_POLICE,
    "council": SourceType.COUNCIL,
    "combined_authority": SourceType.COUNCIL,
    "education": SourceType.SCHOOL,
    "housing": SourceType.HOUSING,
    "youth_service": SourceType.YOUTH,
    "voluntary_community_faith": SourceType.COMMUNITY,
}


def _choice(label, choices, message, widget=forms.RadioSelect, **kwargs):
    return forms.ChoiceField(
        label=label, choices=choices, widget=widget, error_messages={"required": message}, **kwargs
    )


# The mixin is used with forms.Form; the type checker is told so, the class itself stays a plain mixin.
if TYPE_CHECKING:
    _FormBase = forms.Form
else:
    _FormBase = object


class AreasMixin(_FormBase):
    """Boroughs as checkboxes and wards as checkboxes grouped by borough (the user's own first)."""

    def _set_area_choices(self, places: Places) -> None:
        self.places = places
        cast(forms.ChoiceField, self.fields["boroughs"]).choices = [
            (area.code, area.name) for area in places.boroughs
        ]
        cast(forms.ChoiceField, self.fields["wards"]).choices = [
            (ward.code, ward.name) for group in places.groups for ward in group.wards
        ]

    def ward_groups(self):
        """For the template: each borough's wards with whether each is ticked, open where ticked or own."""
        chosen = set(self["wards"].value() or [])
        return [
            {
                "borough": group.borough,
                "own": group.own,
                "open": group.own or any(ward.code in chosen for ward in group.wards),
                "wards": [
                    {"code": ward.code, "name": ward.name, "checked": ward.code in chosen}
                    for ward in group.wards
                ],
            }
            for group in self.places.groups
        ]

    def chosen_areas(self) -> list:
        codes = [*self.cleaned_data.get("boroughs", []), *self.cleaned_data.get("wards", [])]
        return [self.places.by_code[code] for code in dict.fromkeys(codes)]


class TensionReportForm(AreasMixin, forms.Form):
    about_person = _choice(
        "Is this about a particular person you are worried about?",
        YES_NO,
        "Select yes if this is about a particular person you are worried about",
        help_text="For example, someone you think may be drawn into extremism or violence.",
    )
    boroughs = forms.MultipleChoiceField(
        label="Boroughs",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select every borough it concerns, or choose wards below. Your own areas are listed first.",
    )
    wards = forms.MultipleChoiceField(label="Wards", required=False, widget=forms.CheckboxSelectMultiple)
    observed_on = date_field(
        "Date observed",
        required_message="Enter the date it was observed",
        invalid="Date observed must be a real date, for example 27/3/2026",
    )
    observed_time = forms.TimeField(
        label="Time observed",
        input_formats=TIME_FORMATS,
        help_text="Use the 24-hour clock, for example 14:30. Give your best estimate.",
        error_messages={
            "required": "Enter the time it was observed",
            "invalid": "Enter the time as hours and minutes, for example 14:30",
        },
    )
    category = _choice("What is it about?", ReportCategory.choices, "Select what it is about")
    tension_type = _choice(
        "Type of tension information", TensionType.choices, "Select the type of tension information"
    )
    trigger_event = forms.TypedChoiceField(
        label="Is it a reaction to a trigger event? (optional)",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="Events in force in your areas in the last 30 days.",
        error_messages={"invalid_choice": "Select a trigger event from the list"},
    )
    description = forms.CharField(
        label="What was seen or heard",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        help_text="Where, what happened or is being said, and how people are reacting. "
        "Do not name or describe individuals.",
        error_messages={
            "required": "Describe what was seen or heard",
            "max_length": "Description must be 10,000 characters or fewer",
        },
    )
    source_type = _choice(
        "Source",
        SourceType.choices,
        "Select the source",
        widget=forms.Select,
        help_text="Who saw or heard it.",
    )
    source_evaluation = _choice(
        "Source evaluation", SourceEvaluation.choices, "Select how reliable the source is"
    )
    information_assessment = _choice(
        "Information assessment", InformationAssessment.choices, "Select how the information is known"
    )
    handling_code = _choice(
        "Handling code", HandlingCode.choices, "Select how it may be shared", initial=HandlingCode.SHARE
    )
    handling_conditions = forms.CharField(
        label="Conditions on sharing (for handling code 2)",
        required=False,
        max_length=300,
        error_messages={"max_length": "Conditions on sharing must be 300 characters or fewer"},
    )
    marking = _choice("Marking", Marking.choices, "Select the marking", initial=Marking.OFFICIAL)

    # Errors an action names by its own field names, shown on this form's fields.
    ACTION_FIELDS = {"areas": "boroughs", "observed_at": "observed_on"}

    def __init__(self, *args, places: Places, trigger_events=(), agency_kind: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self._set_area_choices(places)
        self.trigger_events = {event.pk: event for event in trigger_events}
        cast(forms.ChoiceField, self.fields["trigger_event"]).choices = [
            ("", "No, or not known"),
            *((event.pk, f"{event.title} ({event.starts_on:%-d %b %Y})") for event in trigger_events),
        ]
        if agency_kind in SOURCE_FOR_AGENCY_KIND and not self.is_bound:
            self.initial.setdefault("source_type", SOURCE_FOR_AGENCY_KIND[agency_kind])

    @property
    def is_about_a_person(self) -> bool:
        return self.data.get("about_person") == "yes"

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        if not cleaned.get("boroughs") and not cleaned.get("wards") and "boroughs" not in self.errors:
            self.add_error("boroughs", "Select at least one borough or ward")
        if (
            cleaned.get("handling_code") == HandlingCode.SHARE_WITH_CONDITIONS
            and not (cleaned.get("handling_conditions") or "").strip()
        ):
            self.add_error("handling_conditions", "Enter the conditions on sharing")
        observed_on, observed_time = cleaned.get("observed_on"), cleaned.get("observed_time")
        if observed_on and observed_time:
            cleaned["observed_at"] = timezone.make_aware(datetime.combine(observed_on, observed_time))
            if cleaned["observed_at"] > timezone.now():
                self.add_error("observed_on", "The date and time observed must be now or in the past")
        return cleaned

    def details(self) -> ReportDetails:
        data = self.cleaned_data
        return ReportDetails(
            areas=self.chosen_areas(),
            observed_at=data["observed_at"],
            category=data["category"],
            tension_type=data["tension_type"],
            description=data["description"],
            source_type=data["source_type"],
            source_evaluation=data["source_evaluation"],
            information_assessment=data["information_assessment"],
            handling_code=data["handling_code"],
            handling_conditions=data["handling_conditions"],
            marking=data["marking"],
            trigger_event=self.trigger_events.get(data["trigger_event"]),
        )


class ReportFilterForm(forms.Form):
    area = forms.ChoiceField(label="Area", required=False)
    category = forms.ChoiceField(
        label="Category", required=False, choices=[("", "Any category"), *ReportCategory.choices]
    )
    observed_from = date_field(
        "Observed from (optional)",
        invalid="Observed from must be a real date, for example 27/3/2026",
        required=False,
        help_text="For example, 1/3/2026",
    )
    observed_to = date_field(
        "Observed to (optional)",
        invalid="Observed to must be a real date, for example 27/3/2026",
        required=False,
        help_text="For example, 31/3/2026",
    )

    def __init__(self, *args, area_choices, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["area"]).choices = [("", "All your areas"), *area_choices]

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        start, end = cleaned.get("observed_from"), cleaned.get("observed_to")
        if start and end and end < start:
            self.add_error("observed_to", "The 'to' date must be the same as or after the 'from' date")
        return cleaned


class TriggerEventForm(AreasMixin, forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example, 'Verdict in the Bury Road attack trial'.",
        error_messages={
            "required": "Enter a short title for the event",
            "max_length": "Title must be 200 characters or fewer",
        },
    )
    kind = _choice("What kind of event is it?", TriggerEventKind.choices, "Select what kind of event it is")
    reach = _choice(
        "Reach", TriggerEventReach.choices, "Select whether the event is local, national or international"
    )
    starts_on = date_field(
        "Start date",
        required_message="Enter the start date",
        invalid="Start date must be a real date, for example 27/3/2026",
    )
    ends_on = date_field(
        "End date (optional)",
        invalid="End date must be a real date, for example 27/3/2026",
        required=False,
        help_text="Leave blank for a one-day event. For example, 29/3/2026",
    )
    expected_impact = _choice("Expected impact", ExpectedImpact.choices, "Select the expected impact")
    boroughs = forms.MultipleChoiceField(
        label="Boroughs likely to be affected",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Needed for a local event. Leave blank for a national or international event that "
        "may affect everywhere.",
    )
    wards = forms.MultipleChoiceField(
        label="Wards likely to be affected", required=False, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(
        label="Description (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text="What is happening and why it may raise tension. Do not name or describe individuals "
        "other than public figures.",
        error_messages={"max_length": "Description must be 5,000 characters or fewer"},
    )

    ACTION_FIELDS = {"areas": "boroughs"}

    def __init__(self, *args, places: Places, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_area_choices(places)

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", "The end date must be the same as or after the start date")
        if (
            cleaned.get("reach") == TriggerEventReach.LOCAL
            and not cleaned.get("boroughs")
            and not cleaned.get("wards")
        ):
            self.add_error("boroughs", "Select the boroughs or wards likely to be affected by a local event")
        return cleaned

    def details(self) -> TriggerEventDetails:
        data = self.cleaned_data
        return TriggerEventDetails(
            title=data["title"],
            kind=data["kind"],
            reach=data["reach"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            expected_impact=data["expected_impact"],
            areas=self.chosen_areas(),
            description=data["description"],
        )
