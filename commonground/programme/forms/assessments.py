"""Forms for starting, completing, submitting and moderating a borough's self-assessment."""

from datetime import date
from typing import cast

from django import forms
from django.core.exceptions import ValidationError

from commonground.core.form_helpers import date_field, pick_field
from commonground.programme.actions.assessments import LEVEL_MESSAGE, DimensionAnswer
from commonground.programme.documents import MAX_BYTES, CheckedDocument, DocumentRefused, check_document
from commonground.programme.framework import LEVELS
from commonground.programme.models import LevelDescriptor

NO_EVIDENCE_IN_NAMES = "Describe what was done and by which service. Do not name anyone."


def _text(label: str, *, required=False, message="", max_length=10000, rows=4, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": message,
            "max_length": f"{label} must be {max_length} characters or fewer",
        },
    )


class StartAssessmentForm(forms.Form):
    period_start = date_field(
        "Period starts",
        invalid="Enter the day the period starts as day/month/year, for example 1/4/2026",
        required_message="Enter the day the period starts",
        help_text="For example, 1/4/2026",
    )
    period_end = date_field(
        "Period ends",
        invalid="Enter the day the period ends as day/month/year, for example 31/3/2027",
        required_message="Enter the day the period ends",
        help_text="For example, 31/3/2027",
    )

    def __init__(self, boroughs, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields = {
            "borough": pick_field(
                "Borough",
                boroughs,
                lambda area: area.name,
                message="Select a borough in your areas",
                empty="Select a borough",
            ),
            **self.fields,
        }

    def clean(self):
        data = super().clean() or self.cleaned_data
        start, end = data.get("period_start"), data.get("period_end")
        if isinstance(start, date) and isinstance(end, date) and end < start:
            self.add_error("period_end", "The period must end on or after the day it starts")
        return data


class VersionForm(forms.Form):
    """The assessment version the person started from: a later save by someone else is a conflict."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class DimensionForm(VersionForm):
    """The borough's answer on one dimension, with evidence to add."""

    level = forms.TypedChoiceField(
        label="Level",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": LEVEL_MESSAGE, "invalid_choice": LEVEL_MESSAGE},
    )
    reasons = _text(
        "Why this level",
        rows=6,
        help_text="What the partnership in the borough does now that shows this level. "
        + NO_EVIDENCE_IN_NAMES,
    )
    next_steps = _text(
        "Next steps to reach the level above (optional)",
        rows=4,
        help_text="One step on each line.",
    )
    evidence_text = _text(
        "Evidence in words (optional)", rows=3, help_text="For example, what a review or survey found."
    )
    evidence_url = forms.URLField(
        label="Link to evidence (optional)",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="A published report or page, starting with https://",
        error_messages={
            "invalid": "Enter a link starting with https://, for example https://example.org/report",
            "max_length": "The link must be 500 characters or fewer",
        },
    )
    evidence_file = forms.FileField(
        label="Evidence file (optional)",
        required=False,
        help_text="A PDF, a Word or OpenDocument text file, or a photo, smaller than 10MB.",
        error_messages={"invalid": "The selected file could not be read: choose it again"},
    )

    def __init__(self, descriptors: list[LevelDescriptor], data=None, files=None, **kwargs):
        super().__init__(data, files, **kwargs)
        texts = {d.level: d.text for d in descriptors}
        cast(forms.ChoiceField, self.fields["level"]).choices = [
            (level, f"Level {level}: {texts.get(level, '')}".rstrip(": ")) for level in LEVELS
        ]
        self.checked_file: CheckedDocument | None = None

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if not upload:
            return None
        if upload.size > MAX_BYTES:
            # Refused before it is read into memory.
            raise ValidationError("The file must be smaller than 10MB")
        try:
            self.checked_file = check_document(upload.read())
        except DocumentRefused as refused:
            raise ValidationError(str(refused)) from None
        return upload

    def answer(self) -> DimensionAnswer:
        data = self.cleaned_data
        upload = data.get("evidence_file")
        return DimensionAnswer(
            level=data["level"],
            reasons=data["reasons"],
            next_steps=data["next_steps"].splitlines(),
            evidence_text=data["evidence_text"],
            evidence_url=data["evidence_url"],
            evidence_file=self.checked_file,
            evidence_file_name=upload.name if upload else "",
        )

    @staticmethod
    def initial_for(row, version: int) -> dict:
        if row.score is None:
            return {"version": version}
        return {
            "version": version,
            "level": row.score.level,
            "reasons": row.score.reasons,
            "next_steps": "\n".join(row.next_steps),
        }


class ModerationForm(forms.Form):
    level = forms.TypedChoiceField(
        label="Moderated level",
        coerce=int,
        widget=forms.RadioSelect,
        help_text="Choose the borough's own level to agree it, or another level to adjust it.",
        error_messages={"required": LEVEL_MESSAGE, "invalid_choice": LEVEL_MESSAGE},
    )
    reason = _text(
        "Reason for the moderated level",
        rows=4,
        help_text="Needed when you change the borough's level: the borough reads it beside their own.",
    )

    def __init__(self, descriptors: list[LevelDescriptor], borough_level: int, data=None, **kwargs):
        super().__init__(data, **kwargs)
        texts = {d.level: d.text for d in descriptors}
        theirs = " (the borough's level)"
        cast(forms.ChoiceField, self.fields["level"]).choices = [
            (level, f"Level {level}{theirs if level == borough_level else ''}: {texts.get(level, '')}")
            for level in LEVELS
        ]
