"""The weekly report's choice of week: any day of a week that has started (blank for last week)."""

from django import forms
from django.core.exceptions import ValidationError

from commonground.tension.queries import weekly as queries


class WeekForm(forms.Form):
    week = forms.CharField(
        label="Week",
        required=False,
        max_length=10,
        help_text="Any day of the week, for example 16/11/2026. Leave blank for last week.",
    )

    def clean_week(self):
        text = self.cleaned_data["week"]
        if not text:
            return queries.last_complete_week()
        try:
            return queries.parse_week(text)
        except ValidationError as error:
            raise ValidationError(error.messages[0]) from None
