"""What the tension dashboard shows: the wards of one borough (or all), and the area of the trend."""

from typing import cast

from django import forms

from commonground.tension.queries import dashboard as queries

CHOOSE_BOROUGH = "Choose a borough from the list"
CHOOSE_AREA = "Choose one of your areas from the list"


class DashboardForm(forms.Form):
    """What the dashboard shows: the wards of one borough (or all), and the area of the trend."""

    borough = forms.ChoiceField(
        label="Show the wards of", required=False, error_messages={"invalid_choice": CHOOSE_BOROUGH}
    )
    area = forms.ChoiceField(
        label="Show the trend for", required=False, error_messages={"invalid_choice": CHOOSE_AREA}
    )

    def __init__(self, *args, choices: queries.DashboardChoices, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["borough"]).choices = [
            ("", "All of Greater Manchester"),
            *((area.code, area.name) for area in choices.boroughs),
        ]
        cast(forms.ChoiceField, self.fields["area"]).choices = [
            ("", "Your first borough"),
            *choices.trend_groups,
        ]
