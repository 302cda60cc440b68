"""Forms of Prevent across the boroughs: the quarter to show, and a target for one measure."""

from decimal import Decimal
from typing import cast

from django import forms

from commonground.insights import prevent_targets
from commonground.insights.quarters import Quarter


class QuarterForm(forms.Form):
    quarter = forms.ChoiceField(
        label="Quarter",
        required=False,
        error_messages={"invalid_choice": "Choose one of the quarters listed"},
    )

    def __init__(self, *args, quarters: list[Quarter], default: Quarter, **kwargs):
        super().__init__(*args, **kwargs)
        self.default = default
        cast(forms.ChoiceField, self.fields["quarter"]).choices = [
            (q.slug, f"{q.label} (so far)" if i == 0 else q.label) for i, q in enumerate(quarters)
        ]
        self.fields["quarter"].initial = default.slug

    def chosen_quarter(self) -> Quarter:
        """The quarter chosen, or the last complete one when none is."""
        return Quarter.from_slug(self.cleaned_data["quarter"]) or self.default


class PreventTargetForm(forms.Form):
    measure = forms.ChoiceField(
        label="Measure",
        choices=[("", "Select a measure"), *((m.key, m.label) for m in prevent_targets.MEASURES)],
        error_messages={"required": "Select a measure", "invalid_choice": "Select a measure"},
    )
    direction = forms.ChoiceField(
        label="Is a higher or a lower figure better?",
        choices=list(prevent_targets.DIRECTIONS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether higher or lower is better"},
    )
    green = forms.DecimalField(
        label="Green threshold",
        help_text="In the measure's own unit: per 100,000 residents, per cent or days. A figure at or "
        "beyond it (in the better direction) is green.",
        max_digits=9,
        decimal_places=2,
        min_value=Decimal(0),
        error_messages={
            "required": "Enter the green threshold",
            "invalid": "Enter the green threshold as a number, like 75 or 2.5",
            "min_value": "The green threshold must be 0 or more",
        },
    )
    amber = forms.DecimalField(
        label="Amber threshold",
        help_text="A figure between the amber and green thresholds is amber; beyond amber, red.",
        max_digits=9,
        decimal_places=2,
        min_value=Decimal(0),
        error_messages={
            "required": "Enter the amber threshold",
            "invalid": "Enter the amber threshold as a number, like 60 or 4",
            "min_value": "The amber threshold must be 0 or more",
        },
    )
    reason = forms.CharField(
        label="Why this target?",
        help_text="Shown beside every figure it colours: where the target comes from and what it means.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Explain the target"},
    )

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        green, amber, direction = (cleaned.get(k) for k in ("green", "amber", "direction"))
        if green is not None and amber is not None and direction:
            for field, message in prevent_targets.threshold_errors(
                green=float(green), amber=float(amber), direction=direction
            ).items():
                self.add_error(field, message)
        return cleaned
