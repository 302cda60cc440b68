"""The spike detection page's choice of method."""

from django import forms

from commonground.insights.queries import spikes as queries


class MethodForm(forms.Form):
    method = forms.ChoiceField(
        label="Method",
        required=False,
        choices=list(queries.METHODS.items()),
        error_messages={"invalid_choice": "Choose a method from the list"},
    )
