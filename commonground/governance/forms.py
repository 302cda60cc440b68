"""The forms of information governance: a new request, the search (always with a reason), choosing
records, the export, an extension, erasure or restriction, closing a request, a legal hold."""

import re

from django import forms

from commonground.core.form_helpers import date_field
from commonground.governance.queries.search import REASON_REQUIRED


def _reason(
    label: str, required_message: str, help_text: str = "The reason is kept in the audit trail."
) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=help_text,
        error_messages={"required": required_message},
    )


class RequestForm(forms.Form):
    subject_name = forms.CharField(
        label="The person's name, as they gave it",
        max_length=200,
        error_messages={"required": "Enter the name the person gave"},
    )
    contact = forms.CharField(
        label="How to reach them",
        max_length=300,
        help_text="An address, email address or phone number.",
        error_messages={"required": "Enter how to reach the person"},
    )
    received_on = date_field(
        "The day the request arrived",
        invalid="Enter the day the request arrived as a date, for example 27/3/2026",
        required_message="Enter the date the request arrived",
    )
    description = forms.CharField(
        label="What they asked for (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="In their words: a copy of their data, its erasure, a restriction.",
    )


class SearchForm(forms.Form):
    name = forms.CharField(
        label="Name", required=False, max_length=200, help_text="Close spellings are found too."
    )
    date_of_birth = date_field(
        "Date of birth",
        invalid="Enter the date of birth as a date, for example 27/3/1990",
        required=False,
        help_text="For example, 27/3/1990",
    )
    email = forms.CharField(label="Email address", required=False, max_length=254)
    phone = forms.CharField(label="Phone number", required=False, max_length=40)
    reference = forms.CharField(
        label="Reference",
        required=False,
        max_length=30,
        help_text="A report's, referral's or application's reference.",
    )
    reason = _reason("Why are you searching?", REASON_REQUIRED)


REF = re.compile(r"^[a-z_]+\.[a-z]+:[0-9]+$")


class RefsField(forms.MultipleChoiceField):
    """Records named as the audit trail names them ("reports.report:12"); which exist, and what they
    are, the action asks the search (`describe_refs`)."""

    def valid_value(self, value) -> bool:
        return bool(REF.match(str(value)))


class ChooseForm(forms.Form):
    refs = RefsField(
        label="Records that are the person's",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one record",
            "invalid_choice": "Choose records from the search",
        },
    )


class ExportForm(forms.Form):
    reason = _reason("Why are you disclosing these records?", "Give the reason for this disclosure")
    format = forms.ChoiceField(choices=[("json", "JSON"), ("pdf", "PDF")], required=False)


class ExtendForm(forms.Form):
    months = forms.TypedChoiceField(
        label="Extend by",
        choices=[("1", "One month"), ("2", "Two months")],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose an extension of one or two months"},
    )
    reason = _reason(
        "Why does the request need longer?",
        "Give the reason for the extension (it is told to the person)",
        help_text="Complex or numerous requests only. Tell the person within the first month, with this reason.",
    )


class EraseForm(forms.Form):
    what = forms.ChoiceField(
        label="What did the person ask for?",
        choices=[
            ("erase", "Erasure of their data"),
            ("restrict", "Restriction: keep it, but use it for nothing else"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose erasure or restriction"},
    )
    reason = _reason(
        "Why are you erasing or restricting these records?", "Give the reason for the erasure or restriction"
    )


class CloseForm(forms.Form):
    step = forms.ChoiceField(
        label="How did the request end?",
        choices=[("answer", "Answered"), ("withdraw", "Withdrawn by the person")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the request was answered or withdrawn"},
    )
    reason = forms.CharField(
        label="Notes (optional)", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class HoldForm(forms.Form):
    ref = forms.CharField(
        label="The record to hold",
        max_length=100,
        help_text='As the audit trail names it, for example "safeguarding.referral:42".',
        error_messages={"required": "Choose a record to hold"},
    )
    reason = _reason("Why must it be kept?", "Give the reason for the legal hold")


class LiftHoldForm(forms.Form):
    reason = _reason("Why is the hold lifted?", "Give the reason for lifting the hold")
