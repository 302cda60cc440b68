"""Forms for action plans: a plan (area and period), an objective (with the dimensions it serves),
an action (with its version, for edits) and a status step. GOV.UK wording."""

from typing import cast

from django import forms

from commonground.core.access import Scope
from commonground.core.form_helpers import date_field, pick_field
from commonground.programme.actions.plans import ActionDetails
from commonground.programme.models import ActionPlan, PlanAction
from commonground.programme.queries import plans as queries

INVALID_DATE = "Enter the date as day/month/year, for example 27/3/2026"


def text(label: str, *, required: bool, message: str = "", rows: int = 0, max_length: int = 5000, **kwargs):
    errors = {"max_length": f"{label} must be {max_length} characters or fewer"}
    if message:
        errors["required"] = message
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput,
        error_messages=errors,
        **kwargs,
    )


def describe_person(person) -> str:
    name = person.get_full_name() or person.username
    return f"{name}, {person.agency.name}" if person.agency_id else name


def day(day_value) -> str:
    return day_value.strftime("%d/%m/%Y") if day_value else ""


def owner_fields(scope: Scope, *, person_label: str = "Owner (optional)") -> dict:
    return {
        "owner_person": pick_field(
            person_label,
            queries.people_to_choose(scope).select_related("agency"),
            describe_person,
            message="Select a member of staff from the list",
            required=False,
            empty="No one person",
            help_text="It waits on their home page as it falls due",
        ),
        "owner_agency": pick_field(
            "Agency that owns it",
            queries.agencies_to_choose(),
            str,
            message="Select an agency from the list",
            required=False,
            empty="Select an agency",
            help_text="Leave empty to use the owner's own agency",
        ),
    }


class PlanForm(forms.Form):
    title = text("Title", required=True, message="Enter the plan's title", max_length=200)
    period_start = date_field(
        "Start of the period", invalid=INVALID_DATE, required_message="Enter the start date"
    )
    period_end = date_field("End of the period", invalid=INVALID_DATE, required_message="Enter the end date")

    def __init__(self, data=None, *, scope: Scope, **kwargs):
        super().__init__(data, **kwargs)
        self.fields = {
            "area": pick_field(
                "Area",
                queries.areas_to_choose(scope),
                lambda area: area.name,
                message="Select the borough the plan is for",
                empty="Select an area",
                help_text="A borough you work in, or the combined authority for its own plan",
            ),
            **self.fields,
        }


class EditPlanForm(forms.Form):
    title = text("Title", required=True, message="Enter the plan's title", max_length=200)
    period_start = date_field(
        "Start of the period", invalid=INVALID_DATE, required_message="Enter the start date"
    )
    period_end = date_field("End of the period", invalid=INVALID_DATE, required_message="Enter the end date")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @staticmethod
    def initial_for(plan: ActionPlan) -> dict:
        return {
            "title": plan.title,
            "period_start": day(plan.period_start),
            "period_end": day(plan.period_end),
            "version": plan.version,
        }


class ObjectiveForm(forms.Form):
    title = text("Objective", required=True, message="Enter the objective", max_length=300)
    description = text("Description (optional)", required=False, rows=3)
    dimensions = forms.ModelMultipleChoiceField(
        label="Dimensions it serves",
        queryset=queries.dimensions_to_choose(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The parts of the self-assessment this objective improves. Select all that apply.",
        error_messages={"invalid_choice": "Select dimensions from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelMultipleChoiceField, self.fields["dimensions"]
        ).queryset = queries.dimensions_to_choose()


class ActionForm(forms.Form):
    description = text("What will be done", required=True, message="Enter what will be done", rows=3)
    resources = text(
        "Resources (optional)",
        required=False,
        rows=2,
        help_text="Money, staff time or anything else it needs",
    )
    start_on = date_field("Start date (optional)", invalid=INVALID_DATE, required=False)
    due_on = date_field("Due date", invalid=INVALID_DATE, required_message="Enter the date the action is due")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *, scope: Scope, **kwargs):
        super().__init__(data, **kwargs)
        self.fields = {
            "description": self.fields["description"],
            **owner_fields(scope),
            "resources": self.fields["resources"],
            "start_on": self.fields["start_on"],
            "due_on": self.fields["due_on"],
            "version": self.fields["version"],
        }

    @staticmethod
    def initial_for(action: PlanAction) -> dict:
        return {
            "description": action.description,
            "owner_person": action.owner_person_id or "",
            "owner_agency": action.owner_agency_id,
            "resources": action.resources,
            "start_on": day(action.start_on),
            "due_on": day(action.due_on),
            "version": action.version,
        }

    def details(self) -> ActionDetails:
        data = self.cleaned_data
        return ActionDetails(
            description=data["description"],
            owner_agency=data["owner_agency"],
            owner_person=data["owner_person"],
            resources=data["resources"],
            start_on=data["start_on"],
            due_on=data["due_on"],
        )
