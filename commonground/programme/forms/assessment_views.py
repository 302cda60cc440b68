"""Choosing the period to read: all boroughs side by side, or what moves one borough up."""

from datetime import date
from typing import cast

from django import forms

CHOOSE_PERIOD = "Choose a period from the list"


class PeriodForm(forms.Form):
    period = forms.ChoiceField(
        label="Period", required=False, error_messages={"invalid_choice": CHOOSE_PERIOD}
    )

    def __init__(self, *args, periods: list[tuple[str, str]], **kwargs):
        """`periods`: (the start date in ISO form, its label), newest first."""
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["period"]).choices = [("", "The newest period"), *periods]

    def chosen_start(self) -> date | None:
        """The period chosen, or None for the newest (also when the choice was not valid)."""
        if not self.is_valid() or not self.cleaned_data["period"]:
            return None
        return date.fromisoformat(self.cleaned_data["period"])
