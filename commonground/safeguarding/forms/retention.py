"""Forms of retention for the data protection officer: confirming an erasure and holding a record,
each with its reason for the audit trail."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from commonground.core.form_helpers import date_field


class ConfirmErasureForm(forms.Form):
    reason = forms.CharField(
        label="Why may this record be erased now?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, checked: no complaint, litigation or request is open. The reason is kept "
        "in the audit trail.",
        error_messages={"required": "Give the reason for confirming the erasure"},
    )


class HoldForm(forms.Form):
    reason = forms.CharField(
        label="Why must the record be kept?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, litigation or a subject access request. The reason is kept in the audit trail.",
        error_messages={"required": "Give the reason the record must be kept"},
    )
    held_until = date_field(
        "Keep the record until",
        required_message="Enter the date to keep the record until",
        invalid="Enter the date to keep the record until as day/month/year, for example 27/3/2027",
        help_text="For example, 27/3/2027",
    )

    def clean_held_until(self):
        held_until = self.cleaned_data["held_until"]
        if held_until <= timezone.localdate():
            raise ValidationError("The date to keep the record until must be in the future")
        return held_until
