"""The public calendar's filter: a GET form by borough and kind, which works without JavaScript.
A value that is not on the list is shown as an error and the calendar shown unfiltered."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from commonground.calendar.models import EventKind
from commonground.calendar.queries import public as queries


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of event"),
        required=False,
        choices=[("", _("All kinds of event")), *EventKind.choices],
        error_messages={"invalid_choice": _("Select a kind of event from the list")},
    )

    def __init__(self, data=None, **kwargs: Any):
        super().__init__(data, **kwargs)
        boroughs = {area.code: area for area in queries.boroughs()}
        self.fields = {
            "borough": forms.TypedChoiceField(
                label=_("Borough"),
                required=False,
                choices=[("", _("All boroughs")), *((code, area.name) for code, area in boroughs.items())],
                coerce=boroughs.get,
                empty_value=None,
                error_messages={"invalid_choice": _("Select a borough from the list")},
            ),
            **self.fields,
        }

    def filters(self) -> queries.Filters:
        if not self.is_valid():
            return queries.Filters()
        return queries.Filters(borough=self.cleaned_data["borough"], kind=self.cleaned_data["kind"])
