"""The alert subscription form: which areas, from which level, incident spikes, email."""

from typing import cast

from django import forms

from commonground.core.access import Scope
from commonground.tension.forms.assessments import AreaChoiceField, LevelChoiceField
from commonground.tension.queries import assessments as queries

YES_NO = [("yes", "Yes"), ("no", "No")]


class SubscriptionForm(forms.Form):
    area = AreaChoiceField(
        label="Area",
        queryset=None,
        to_field_name="code",
        required=False,
        empty_label="All the areas I cover",
        help_text="Following a borough includes its wards.",
        error_messages={"invalid_choice": "Select an area you cover"},
    )
    minimum_level = LevelChoiceField(
        label="Tell me when an assessment rises to this level or above",
        queryset=queries.active_levels(),
        to_field_name="rank",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select the level from which you want to be told",
            "invalid_choice": "Select a level on the tension scale",
        },
    )
    include_incident_spikes = forms.ChoiceField(
        label="Also tell me when incidents are well above their usual level?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        initial="yes",
        error_messages={"required": "Select yes if you want to be told about incident spikes"},
    )
    by_email = forms.ChoiceField(
        label="Email me as well as showing alerts here?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        initial="yes",
        error_messages={"required": "Select yes if you want alerts by email"},
    )

    def __init__(self, scope: Scope, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["area"]).queryset = queries.assessable_areas(scope)

    def subscription(self) -> dict:
        data = self.cleaned_data
        return {
            "area": data["area"],
            "minimum_level": data["minimum_level"],
            "include_incident_spikes": data["include_incident_spikes"] == "yes",
            "by_email": data["by_email"] == "yes",
        }
