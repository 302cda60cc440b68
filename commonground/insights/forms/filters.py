"""The filters of the staff dashboards (GET): a period, a borough and ward in the user's scope, a
kind of report, a hostility strand and a type of concern. A reversed or absurd period is refused
with a message, and the form is shown back."""

from datetime import date

from django import forms
from django.utils import timezone

from commonground.core.form_helpers import date_field
from commonground.insights.queries.dashboards.filters import (
    CONCERN_CHOICES,
    KIND_CHOICES,
    FilterChoices,
    Filters,
    default_period,
)

EARLIEST = date(2000, 1, 1)
LONGEST_YEARS = 10
REVERSED = "The start date must be before the end date"
TOO_EARLY = "Enter a date from 1 January 2000"
TOO_LATE = "Enter an end date no later than the end of next year"
TOO_LONG = f"Choose a period of {LONGEST_YEARS} years or less"
WARD_OUTSIDE = "Choose a ward in the borough you chose, or choose all wards"


def _choice(label: str, choices, *, empty: str, message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", empty), *choices],
        error_messages={"invalid_choice": message},
    )


class DashboardFilterForm(forms.Form):
    """Build with `request.GET` and the user's `FilterChoices`; `filters()` once valid."""

    def __init__(self, data=None, *, choices: FilterChoices, fields=None, **kwargs):
        super().__init__(data, **kwargs)
        self.choices = choices
        self._boroughs = {area.code: area for area in choices.boroughs}
        self._wards = {area.code: area for area in choices.wards}
        self._strands = {strand.code: strand for strand in choices.strands}
        all_fields = {
            "date_from": date_field(
                "From",
                required=False,
                invalid="Enter the start date as day/month/year, for example 1/4/2026",
                help_text="For example, 1/4/2026. Leave empty for the last 12 months.",
            ),
            "date_to": date_field(
                "To",
                required=False,
                invalid="Enter the end date as day/month/year, for example 30/6/2026",
                help_text="For example, 30/6/2026. Leave empty for the last 12 months.",
            ),
            "borough": _choice(
                "Borough",
                [(code, area.name) for code, area in self._boroughs.items()],
                empty="All your boroughs",
                message="Choose one of your boroughs from the list",
            ),
            "ward": _choice(
                "Ward",
                [(code, f"{area.name} ({self._parent_name(area)})") for code, area in self._wards.items()],
                empty="All wards",
                message="Choose one of your wards from the list",
            ),
            "kind": _choice(
                "What to count",
                KIND_CHOICES,
                empty="Hate incidents and tension reports",
                message="Choose what to count from the list",
            ),
            "strand": _choice(
                "Hostility strand",
                [(code, strand.label) for code, strand in self._strands.items()],
                empty="All strands",
                message="Choose a strand from the list",
            ),
            "concern_type": _choice(
                "Type of concern",
                CONCERN_CHOICES,
                empty="All types of concern",
                message="Choose a type of concern from the list",
            ),
        }
        keep = fields or list(all_fields)
        self.fields.update({name: all_fields[name] for name in keep})

    def _parent_name(self, ward) -> str:
        parent = next((b for b in self.choices.boroughs if b.pk == ward.parent_id), None)
        return parent.name if parent else ""

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        default_from, default_to = default_period()
        date_from = cleaned.get("date_from") or default_from
        date_to = cleaned.get("date_to") or default_to
        if "date_from" not in self.errors and "date_to" not in self.errors:
            latest = date(timezone.localdate().year + 1, 12, 31)
            if date_from < EARLIEST:
                self.add_error("date_from", TOO_EARLY)
            elif date_to < EARLIEST:
                self.add_error("date_to", TOO_EARLY)
            elif date_to > latest:
                self.add_error("date_to", TOO_LATE)
            elif date_from > date_to:
                self.add_error("date_from", REVERSED)
            elif (date_to - date_from).days > 366 * LONGEST_YEARS:
                self.add_error("date_from", TOO_LONG)
        cleaned["date_from"], cleaned["date_to"] = date_from, date_to
        borough = self._boroughs.get(cleaned.get("borough") or "")
        ward = self._wards.get(cleaned.get("ward") or "")
        if ward is not None:
            if borough is None:
                borough = next((b for b in self.choices.boroughs if b.pk == ward.parent_id), None)
            elif ward.parent_id != borough.pk:
                self.add_error("ward", WARD_OUTSIDE)
        cleaned["borough_area"], cleaned["ward_area"] = borough, ward
        return cleaned

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            date_from=data["date_from"],
            date_to=data["date_to"],
            borough=data["borough_area"],
            ward=data["ward_area"],
            kind=data.get("kind") or "",
            strand=self._strands.get(data.get("strand") or ""),
            concern_type=data.get("concern_type") or "",
        )


def default_filters() -> Filters:
    date_from, date_to = default_period()
    return Filters(date_from=date_from, date_to=date_to)


class FairnessFilterForm(DashboardFilterForm):
    """The dashboard filters, and which equality monitoring answer to group referrals by."""

    def __init__(self, data=None, *, choices: FilterChoices, groupings: dict[str, str], **kwargs):
        super().__init__(
            data, choices=choices, fields=["date_from", "date_to", "borough", "concern_type"], **kwargs
        )
        self.fields["grouping"] = forms.ChoiceField(
            label="Group referrals by",
            required=False,
            choices=list(groupings.items()),
            error_messages={"invalid_choice": "Choose how to group referrals from the list"},
        )

    def grouping(self) -> str:
        return self.cleaned_data.get("grouping") or "ethnic_broad"
