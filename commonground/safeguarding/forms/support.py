"""Forms of the support part of casework: an intervention and its status and progress notes, a
plan action, the end of support (consent withdrawn or exit), an exit review and a transfer to
another borough. GOV.UK wording."""

from typing import cast

from django import forms

from commonground.core.form_helpers import date_field
from commonground.core.models import Area
from commonground.safeguarding import queries
from commonground.safeguarding.forms.referrals import text_field
from commonground.safeguarding.models import InterventionKind, InterventionStatus

INVALID_DATE = "Enter the date as day/month/year, for example 27/3/2026"


class _OwnerChoice(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        name = user.get_full_name() or user.get_username()
        return f"{name} ({user.agency})" if user.agency_id else name


def _owner_field() -> _OwnerChoice:
    return _OwnerChoice(
        label="Owner",
        queryset=None,
        empty_label="Select who owns it",
        error_messages={
            "required": "Select who owns this",
            "invalid_choice": "Select an owner from the list",
        },
    )


class InterventionForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of support",
        choices=InterventionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of support"},
    )
    provider = text_field(
        "Provider",
        message="Enter who provides the support",
        help_text="For example, a Home Office intervention provider, a college or a health service.",
    )
    owner = _owner_field()
    starts_on = date_field(
        "Start date", required_message="Enter the date the support starts", invalid=INVALID_DATE
    )
    due_on = date_field(
        "Due date", required_message="Enter the date the support is due to end", invalid=INVALID_DATE
    )

    def __init__(self, *args, scope, **kwargs):
        kwargs.setdefault("auto_id", "intervention-%s")
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = queries.owners_for(scope)

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        starts_on, due_on = cleaned.get("starts_on"), cleaned.get("due_on")
        if starts_on and due_on and due_on < starts_on:
            self.add_error("due_on", "The due date must be the same as or after the start date")
        return cleaned


class InterventionStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=InterventionStatus.choices,
        error_messages={"required": "Select the status of the support"},
    )


class ProgressNoteForm(forms.Form):
    note = text_field("Progress note", message="Enter the progress note", max_length=5000, rows=3)


class PlanActionForm(forms.Form):
    description = text_field("Action", message="Describe the action", max_length=300)
    owner = _owner_field()
    due_on = date_field("Due date", required_message="Enter the date the action is due", invalid=INVALID_DATE)

    def __init__(self, *args, scope, **kwargs):
        kwargs.setdefault("auto_id", "action-%s")
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = queries.owners_for(scope)


class EndOfSupportForm(forms.Form):
    happened_on = date_field("Date", required_message="Enter the date", invalid=INVALID_DATE)
    reasons = text_field("Reasons", message="Give the reasons", max_length=5000, rows=5)

    def __init__(
        self, *args, date_label: str, date_message: str, reasons_label: str, reasons_message: str, **kw
    ):
        super().__init__(*args, **kw)
        self.fields["happened_on"].label = date_label
        self.fields["happened_on"].error_messages["required"] = date_message
        self.fields["reasons"].label = reasons_label
        self.fields["reasons"].error_messages["required"] = reasons_message


class ExitReviewForm(forms.Form):
    outcome = text_field(
        "Outcome of the review",
        message="Enter the outcome of the review",
        max_length=5000,
        rows=5,
        help_text="How the person is doing, any new concern, and whether a further review is needed.",
    )


class TransferForm(forms.Form):
    to_borough: "forms.ModelChoiceField[Area]" = forms.ModelChoiceField(
        label="Borough the case is moving to",
        queryset=None,
        to_field_name="code",
        empty_label="Select a borough",
        error_messages={
            "required": "Select the borough the case is moving to",
            "invalid_choice": "Select the borough the case is moving to",
        },
    )
    happened_on = date_field(
        "Date of the transfer", required_message="Enter the date of the transfer", invalid=INVALID_DATE
    )
    handover_note = text_field(
        "Handover note",
        message="Write a handover note for the new borough's coordinator",
        max_length=10000,
        rows=8,
        help_text="What the new coordinator needs to know: the support under way, risks, and who to contact.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["to_borough"]).queryset = queries.boroughs_to_transfer_to(
            referral
        )
