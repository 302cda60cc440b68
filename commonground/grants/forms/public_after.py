"""The group's pages after sending: a reply in the message thread, withdrawing, and the monitoring
report after the event."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from commonground.grants.forms.public_fields import LongText, Money, Text
from commonground.grants.models import MonitoringReport
from commonground.reports.photos import MAX_BYTES, PhotoRefused, clean_photo

PHOTOS = 3


class ReplyForm(forms.Form):
    body = LongText(
        label=_("Your reply"),
        max_length=5000,
        required_message=_("Enter your reply"),
    )


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, withdraw this application"),
        error_messages={"required": _("Confirm that you want to withdraw the application")},
    )


class MonitoringForm(forms.Form):
    attendance = forms.IntegerField(
        label=_("How many people came?"),
        min_value=0,
        max_value=1_000_000,
        error_messages={
            "required": _("Enter how many people came"),
            "invalid": _("Enter a number, like 80"),
            "min_value": _("Enter a number, 0 or more"),
            "max_value": _("Enter a number less than 1,000,000"),
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
    )
    what_happened = LongText(
        label=_("What happened at the event?"),
        help_text=_("What went well, what did not, and what people said"),
        max_length=10000,
        required_message=_("Enter what happened at the event"),
    )
    amount_spent = Money(
        label=_("How much of the grant did you spend, in £?"),
        required_message=_("Enter how much of the grant you spent"),
    )
    spend_notes = LongText(
        label=_("How the spending differed from your budget (if it did)"),
        max_length=5000,
    )

    def __init__(self, *args, report: MonitoringReport, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = [str(c) for c in report.application.grant_round.participation_categories or []]
        for number, category in enumerate(self.categories, start=1):
            self.fields[f"category_{number}"] = forms.IntegerField(
                label=_("How many people came from this group: %(category)s?") % {"category": category},
                min_value=0,
                max_value=1_000_000,
                required=False,
                error_messages={
                    "invalid": _("Enter a number, like 20"),
                    "min_value": _("Enter a number, 0 or more"),
                    "max_value": _("Enter a number less than 1,000,000"),
                },
                widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
            )
        for number in range(1, PHOTOS + 1):
            self.fields[f"photo_{number}"] = forms.FileField(
                label=_("Photo %(number)d (optional)") % {"number": number},
                help_text=_("A JPG, PNG or WEBP, smaller than 10MB"),
                required=False,
            )
            self.fields[f"caption_{number}"] = Text(
                label=_("What the photo shows (optional)"), max_length=200
            )
            self.fields[f"consent_{number}"] = forms.BooleanField(
                label=_("The people shown agreed to this photo being shared publicly"),
                required=False,
            )

    def participation(self) -> dict[str, int]:
        return {
            category: cast(int, self.cleaned_data[f"category_{number}"])
            for number, category in enumerate(self.categories, start=1)
            if self.cleaned_data.get(f"category_{number}") is not None
        }

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        for number in range(1, PHOTOS + 1):
            upload = cleaned.get(f"photo_{number}")
            if not upload:
                continue
            try:
                cleaned[f"photo_{number}"] = clean_photo(upload.read(MAX_BYTES + 1))
            except PhotoRefused as refused:
                self.add_error(f"photo_{number}", str(refused))
        return cleaned
