"""Forms of the statistics editions pages (GOV.UK wording: one question, plain labels and errors)."""

from typing import cast

from django import forms

from commonground.insights.quarters import Quarter

QUALITY_NOTE_HINT = (
    "Plain English, for the public: anything that affects these figures, such as a change in how "
    "reports are recorded, a late batch of reports, or an outage of the report line."
)


class DraftForm(forms.Form):
    quarter = forms.ChoiceField(
        label="Which quarter is this edition for?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the quarter this edition is for",
            "invalid_choice": "Choose one of the quarters listed",
        },
    )
    quality_note = forms.CharField(
        label="Quality note (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=QUALITY_NOTE_HINT,
    )

    def __init__(self, *args, quarters, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["quarter"]).choices = [(q.slug, q.label) for q in quarters]

    def clean_quarter(self) -> Quarter:
        quarter = Quarter.from_slug(self.cleaned_data["quarter"])
        if quarter is None:
            raise forms.ValidationError("Choose one of the quarters listed")
        return quarter


class DraftChangesForm(forms.Form):
    quality_note = forms.CharField(
        label="Quality note",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=QUALITY_NOTE_HINT,
    )
    recount = forms.BooleanField(
        label="Count the figures again from the data as it is now",
        required=False,
    )


class DecisionForm(forms.Form):
    APPROVE, SEND_BACK = "approve", "send_back"
    decision = forms.ChoiceField(
        label="Do you approve this edition for publication?",
        widget=forms.RadioSelect,
        choices=[(APPROVE, "Yes, approve it"), (SEND_BACK, "No, send it back to the preparer")],
        error_messages={"required": "Choose whether you approve this edition"},
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="If you send it back, say what needs to change. The note is kept in the audit trail.",
    )

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        if cleaned.get("decision") == self.SEND_BACK and not cleaned.get("note", "").strip():
            self.add_error("note", "Say why the edition is being sent back")
        return cleaned


class CorrectionForm(forms.Form):
    correction_note = forms.CharField(
        label="What is being corrected, and why?",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="This note is published with the corrected edition.",
        error_messages={"required": "Say what is being corrected and why"},
    )
