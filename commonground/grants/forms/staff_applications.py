"""Forms for checking applications, asking the group a question, assigning assessors, the
assessor's declaration and scores, moderation, the panel's decision and payments."""

from typing import cast

from django import forms

from commonground.core.form_helpers import date_field
from commonground.core.models import User
from commonground.grants.models import Criterion, DecisionOutcome, GrantRound
from commonground.grants.models.applications import ApplicationStatus


class FilterForm(forms.Form):
    round = forms.TypedChoiceField(label="Round", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label="Status", required=False)

    def __init__(self, data, *, rounds: list[GrantRound]):
        super().__init__(data)
        round_field = cast(forms.ChoiceField, self.fields["round"])
        status_field = cast(forms.ChoiceField, self.fields["status"])
        round_field.choices = [("", "All rounds")] + [(r.pk, r.name) for r in rounds]
        status_field.choices = [("", "Any status")] + [
            (s.value, s.label) for s in ApplicationStatus if s != ApplicationStatus.DRAFT
        ]

    def chosen(self) -> tuple[int | None, str]:
        if not self.is_valid():
            return None, ""
        return self.cleaned_data["round"], self.cleaned_data["status"] or ""


class DuplicateCheckForm(forms.Form):
    finding = forms.ChoiceField(
        label="Is this application a duplicate?",
        choices=[("not_duplicate", "Checked: not a duplicate"), ("duplicate", "Duplicate")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it is a duplicate"},
    )
    note = forms.CharField(
        label="Note",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you compared, and what you found",
        error_messages={"required": "Enter a note saying what you checked"},
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label="Your message to the group",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="The group is emailed that a message is waiting, without its words, and signs in to read it",
        error_messages={
            "required": "Enter your message to the group",
            "max_length": "Your message must be 5000 characters or fewer",
        },
    )


class _AssessorChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name() or obj.username
        return f"{name}, {obj.agency.name}" if obj.agency_id else name


class AssignForm(forms.Form):
    assessors = _AssessorChoice(
        label="Assessors",
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select the assessors",
            "invalid_choice": "Select assessors from the list",
        },
    )

    def __init__(self, data=None, *, choices):
        super().__init__(data)
        cast(_AssessorChoice, self.fields["assessors"]).queryset = choices


class DeclarationForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label="Do you have a conflict of interest in this application?",
        choices=[("no", "No"), ("yes", "Yes")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text="For example, you or someone close to you is involved with the group or its event",
        error_messages={"required": "Select yes if you have a conflict of interest"},
    )
    details = forms.CharField(
        label="If yes, what is it? (optional if no)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ScoresForm(forms.Form):
    comment = forms.CharField(
        label="Overall comment",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter an overall comment: the panel reads your reasons"},
    )

    def __init__(self, data=None, *, criteria: list[Criterion]):
        super().__init__(data)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=f"{criterion.title} (weight {criterion.weight})",
                choices=[(str(n), str(n)) for n in range(6)],
                coerce=int,
                widget=forms.RadioSelect,
                help_text=criterion.guidance or "0 is not met at all, 5 is fully met",
                error_messages={"required": f"Enter a score for {criterion.title}"},
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=f"Your reasons for the score for {criterion.title}",
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"required": f"Enter your reasons for the score for {criterion.title}"},
            )
        # The overall comment last.
        self.fields["comment"] = self.fields.pop("comment")

    def criterion_fields(self):
        return [(self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def scores(self) -> dict[int, tuple[int, str]]:
        data = self.cleaned_data
        return {c.pk: (data[f"score_{c.pk}"], data[f"comment_{c.pk}"]) for c in self.criteria}


class ModerationForm(forms.Form):
    note = forms.CharField(
        label="Moderation note",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="How the difference between the assessors' scores was looked at and resolved",
        error_messages={"required": "Enter the moderation note: how the difference was resolved"},
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="The panel's decision",
        choices=[("award_full", "Award in full"), ("award_part", "Award in part"), ("decline", "Decline")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select award in full, award in part, or decline"},
    )
    amount = forms.DecimalField(
        label="Amount awarded in part (£)",
        required=False,
        max_digits=12,
        decimal_places=2,
        help_text="Only for an award in part",
        error_messages={
            "invalid": "Enter the amount in pounds, for example 750 or 750.50",
            "max_digits": "The amount is too large",
            "max_decimal_places": "Enter the amount in pounds and pence, for example 750.50",
            "max_whole_digits": "The amount is too large",
        },
    )
    reasons = forms.CharField(
        label="The panel's reasons",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="The group is emailed the decision with these reasons",
        error_messages={"required": "Enter the panel's reasons: the group is told them"},
    )

    def clean(self):
        data = super().clean() or {}
        if data.get("outcome") == "award_part" and data.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", "Enter the amount awarded in part")
        return data

    def decision(self) -> dict:
        data = self.cleaned_data
        outcome = data["outcome"]
        return {
            "outcome": DecisionOutcome.DECLINE if outcome == "decline" else DecisionOutcome.AWARD,
            "amount": data["amount"] if outcome == "award_part" else None,
            "reasons": data["reasons"],
        }


class PaymentForm(forms.Form):
    paid_on = date_field(
        "Date paid",
        invalid="Enter the date paid as day/month/year, for example 27/3/2026",
        required_message="Enter the date paid",
    )
    amount = forms.DecimalField(
        label="Amount (£)",
        max_digits=12,
        decimal_places=2,
        error_messages={
            "required": "Enter the amount paid",
            "invalid": "Enter the amount in pounds, for example 750 or 750.50",
            "max_digits": "The amount is too large",
            "max_decimal_places": "Enter the amount in pounds and pence, for example 750.50",
            "max_whole_digits": "The amount is too large",
        },
    )
