"""Forms for a project and what is recorded about it: milestones, a quarter's budget and spend, a
red/amber/green status with its reason and date, a risk, and an evaluation with its report."""

from django import forms
from django.utils import timezone

from commonground.core.access import Scope
from commonground.core.form_helpers import date_field, pick_field
from commonground.programme.actions.projects import EvaluationDetails, ProjectDetails
from commonground.programme.documents import ACCEPTED_HINT
from commonground.programme.forms.plans import INVALID_DATE, describe_person, text
from commonground.programme.models import Rag
from commonground.programme.queries import plans as queries

SCORES = [(str(n), str(n)) for n in range(1, 6)]


def _person(scope: Scope, label: str):
    return pick_field(
        label,
        queries.people_to_choose(scope).select_related("agency"),
        describe_person,
        message="Select a member of staff from the list",
        required=False,
        empty="No one person",
    )


def _money(label: str, what: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text="In pounds, for example 2500 or 2500.50",
        error_messages={
            "required": f"Enter the {what}, or 0",
            "invalid": f"Enter the {what} as a number of pounds, for example 2500.50",
            "min_value": f"The {what} cannot be negative",
            "max_decimal_places": f"Enter the {what} to the nearest penny",
            "max_digits": f"The {what} is too large",
            "max_whole_digits": f"The {what} is too large",
        },
    )


class ProjectForm(forms.Form):
    title = text("Title", required=True, message="Enter the project's title", max_length=200)
    description = text("Description (optional)", required=False, rows=3)
    start_on = date_field("Start date", invalid=INVALID_DATE, required_message="Enter the start date")
    end_on = date_field("End date", invalid=INVALID_DATE, required_message="Enter the end date")

    def __init__(self, data=None, *, scope: Scope, **kwargs):
        super().__init__(data, **kwargs)
        self.fields = {
            "title": self.fields["title"],
            "description": self.fields["description"],
            "lead_person": _person(scope, "Lead (optional)"),
            "lead_agency": pick_field(
                "Lead agency",
                queries.agencies_to_choose(),
                str,
                message="Select an agency from the list",
                required=False,
                empty="Select an agency",
                help_text="Leave empty to use the lead's own agency",
            ),
            "start_on": self.fields["start_on"],
            "end_on": self.fields["end_on"],
        }

    def details(self) -> ProjectDetails:
        return ProjectDetails(**self.cleaned_data)


class MilestoneForm(forms.Form):
    title = text("Milestone", required=True, message="Enter the milestone", max_length=200)
    due_on = date_field("Due date", invalid=INVALID_DATE, required_message="Enter the date it is due")

    def __init__(self, data=None, *, scope: Scope, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["owner_person"] = _person(scope, "Owner (optional)")


class QuarterForm(forms.Form):
    quarter_of = date_field(
        "A day in the quarter",
        invalid=INVALID_DATE,
        required_message="Enter a day in the quarter, for example its first day",
        help_text="For example, 1/4/2026 for April to June 2026",
    )
    budget = _money("Budget", "budget")
    spend = _money("Spend", "spend")


class StatusForm(forms.Form):
    rag = forms.ChoiceField(
        label="Status",
        choices=Rag.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select red, amber or green",
            "invalid_choice": "Select red, amber or green",
        },
    )
    reason = text("Reason", required=True, message="Enter the reason for this status", rows=3)
    as_of = date_field(
        "Status as of", invalid=INVALID_DATE, required_message="Enter the date this status describes"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["as_of"].initial = timezone.localdate().strftime("%d/%m/%Y")


class RiskForm(forms.Form):
    description = text("Risk", required=True, message="Describe the risk", rows=3)
    likelihood = forms.TypedChoiceField(
        label="Likelihood, from 1 (rare) to 5 (almost certain)",
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the likelihood, from 1 to 5"},
    )
    impact = forms.TypedChoiceField(
        label="Impact, from 1 (minimal) to 5 (severe)",
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the impact, from 1 to 5"},
    )
    mitigation = text("Mitigation (optional)", required=False, rows=3)

    def __init__(self, data=None, *, scope: Scope, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["owner_person"] = _person(scope, "Owner (optional)")


class EvaluationForm(forms.Form):
    evaluated_on = date_field(
        "Date of the evaluation", invalid=INVALID_DATE, required_message="Enter the date"
    )
    method = text("Method", required=True, message="Enter how the project was evaluated", rows=3)
    findings = text("Findings", required=True, message="Enter what the evaluation found", rows=4)
    changes_made = text(
        "What changed as a result", required=True, message="Enter what changed as a result", rows=3
    )
    report = forms.FileField(
        label="Report (optional)",
        required=False,
        help_text=f"Up to 10MB: {ACCEPTED_HINT}",
        error_messages={"empty": "The selected file is empty"},
    )

    def details(self) -> EvaluationDetails:
        data = self.cleaned_data
        upload = data.get("report")
        return EvaluationDetails(
            evaluated_on=data["evaluated_on"],
            method=data["method"],
            findings=data["findings"],
            changes_made=data["changes_made"],
            report=upload.read() if upload else None,
            report_name=getattr(upload, "name", "") or "",
        )
