"""Forms for grant rounds: a round's details, a criterion, a question. GOV.UK wording."""

from django import forms

from commonground.core.form_helpers import date_field
from commonground.grants.actions.rounds import RoundDetails
from commonground.grants.models import GrantRound
from commonground.grants.queries.staff_rounds import boroughs_to_choose


def _money(label: str, message: str, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=12,
        decimal_places=2,
        min_value=0,
        help_text=help_text,
        error_messages={
            "required": message,
            "invalid": f"{label} must be an amount in pounds, for example 2500 or 2500.50",
            "min_value": f"{label} must be more than £0",
            "max_digits": f"{label} is too large",
            "max_decimal_places": f"{label} must be in pounds and pence, for example 2500.50",
            "max_whole_digits": f"{label} is too large",
        },
    )


class RoundForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter the round's name"}
    )
    slug = forms.SlugField(
        label="Short name for its address",
        max_length=80,
        help_text="Lower-case letters, numbers and hyphens, for example we-stand-together-2026",
        error_messages={
            "required": "Enter the round's short name for its address",
            "invalid": "The short name may use only lower-case letters, numbers and hyphens",
        },
    )
    summary = forms.CharField(
        label="Summary",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="What the round funds, shown to applicants",
        error_messages={"required": "Enter a summary of what the round funds"},
    )
    budget = _money("Budget", "Enter the round's budget")
    maximum_award = _money(
        "Maximum award", "Enter the most one application may ask for", "The most one application may ask for"
    )
    opens_on = date_field(
        "Opening date",
        invalid="Enter the opening date as day/month/year, for example 27/3/2026",
        required_message="Enter the opening date",
    )
    closes_on = date_field(
        "Closing date",
        invalid="Enter the closing date as day/month/year, for example 27/4/2026",
        required_message="Enter the closing date",
    )
    boroughs = forms.ModelMultipleChoiceField(
        label="Boroughs covered",
        queryset=boroughs_to_choose(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one borough the round covers"},
    )
    participation_categories = forms.CharField(
        label="Participation categories for monitoring (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One per line, for example Young people. Funded groups count attendance by these.",
    )
    monitoring_due_days = forms.IntegerField(
        label="Monitoring report due (days after the event)",
        min_value=1,
        max_value=365,
        initial=28,
        error_messages={
            "required": "Enter how many days after the event the monitoring report is due",
            "invalid": "Enter a whole number of days, for example 28",
            "min_value": "Enter at least 1 day",
            "max_value": "Enter 365 days or fewer",
        },
    )
    disagreement_threshold = forms.IntegerField(
        label="Disagreement threshold (percentage points)",
        min_value=0,
        max_value=100,
        initial=20,
        help_text="Two assessors' totals further apart than this need a moderation note",
        error_messages={
            "required": "Enter the disagreement threshold",
            "invalid": "Enter a whole number, for example 20",
            "min_value": "Enter a threshold from 0 to 100",
            "max_value": "Enter a threshold from 0 to 100",
        },
    )
    published = forms.BooleanField(label="Published: shown to applicants between its dates", required=False)

    @staticmethod
    def initial_for(grant_round: GrantRound) -> dict:
        return {
            "name": grant_round.name,
            "slug": grant_round.slug,
            "summary": grant_round.summary,
            "budget": grant_round.budget,
            "maximum_award": grant_round.maximum_award,
            "opens_on": grant_round.opens_on.strftime("%d/%m/%Y"),
            "closes_on": grant_round.closes_on.strftime("%d/%m/%Y"),
            "boroughs": list(grant_round.boroughs.all()),
            "participation_categories": "\n".join(grant_round.participation_categories),
            "monitoring_due_days": grant_round.monitoring_due_days,
            "disagreement_threshold": grant_round.disagreement_threshold,
            "published": grant_round.published,
        }

    def details(self) -> RoundDetails:
        data = self.cleaned_data
        return RoundDetails(
            name=data["name"],
            slug=data["slug"],
            summary=data["summary"],
            budget=data["budget"],
            maximum_award=data["maximum_award"],
            opens_on=data["opens_on"],
            closes_on=data["closes_on"],
            boroughs=list(data["boroughs"]),
            participation_categories=data["participation_categories"].splitlines(),
            monitoring_due_days=data["monitoring_due_days"],
            disagreement_threshold=data["disagreement_threshold"],
            published=data["published"],
        )


class CriterionForm(forms.Form):
    title = forms.CharField(
        label="What assessors score",
        max_length=200,
        error_messages={"required": "Enter what assessors score"},
    )
    weight = forms.IntegerField(
        label="Weight",
        min_value=1,
        max_value=10,
        help_text="From 1 to 10: how much this criterion counts towards the total",
        error_messages={
            "required": "Enter a weight from 1 to 10",
            "invalid": "Enter a weight from 1 to 10",
            "min_value": "Enter a weight from 1 to 10",
            "max_value": "Enter a weight from 1 to 10",
        },
    )
    guidance = forms.CharField(
        label="Guidance for assessors (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What a high and a low score look like",
    )


class QuestionForm(forms.Form):
    text = forms.CharField(
        label="Question", max_length=300, error_messages={"required": "Enter the question"}
    )
    hint = forms.CharField(label="Hint (optional)", required=False, max_length=500)
    required = forms.BooleanField(label="Applicants must answer it", required=False, initial=True)
