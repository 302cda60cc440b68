"""Forms of emergency ("break-glass") access and of the data protection officer's access review."""

from django import forms

from commonground.core.form_helpers import date_field
from commonground.core.models import BreakGlassOutcome, ReviewItem


class BreakGlassForm(forms.Form):
    reference = forms.CharField(
        label="Reference of the record",
        max_length=40,
        help_text="For example, SG-7K3M-9Q2X for a safeguarding referral",
        error_messages={"required": "Enter the reference of the record you need to open"},
    )
    reason = forms.CharField(
        label="Why do you need to open it now?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Say what the emergency is. The record's owners are told at once, the reason is kept in the "
        "audit trail, and a data protection officer reviews every emergency access.",
        error_messages={"required": "Give the reason you need to open this record in an emergency"},
    )


class WeekForm(forms.Form):
    week = date_field(
        "Week including",
        required_message="Enter a date in the week to review",
        invalid="Enter the date as day/month/year, for example 27/3/2026",
        help_text="Any day of the week, for example 27/3/2026",
    )


class MarkReviewedForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    week = forms.DateField(widget=forms.HiddenInput)
    item = forms.ChoiceField(choices=ReviewItem.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label="Note",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Write a note of what you found"},
    )


class BreakGlassReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Was the emergency access appropriate?",
        choices=BreakGlassOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the emergency access was appropriate"},
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What you checked. Required when the access was not appropriate.",
    )

    def clean(self):
        cleaned = super().clean() or {}
        if (
            cleaned.get("outcome") == BreakGlassOutcome.NOT_APPROPRIATE
            and not cleaned.get("note", "").strip()
        ):
            self.add_error("note", "Say why the emergency access was not appropriate")
        return cleaned
