"""Writing a briefing: its words, marking, audience, expiry and attachments (each file checked by
content when it arrives; a refused one is named, and nothing else typed is lost)."""

from datetime import datetime, time

from django import forms
from django.utils import timezone

from commonground.core.form_helpers import date_field
from commonground.programme.actions.briefings import NO_AUDIENCE, Attachment
from commonground.programme.documents import ACCEPTED_HINT, DocumentRefused, check_document
from commonground.programme.models import HandlingMarking
from commonground.programme.queries import briefings as queries

MAX_ATTACHMENTS = 5


class MultipleFilesInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFilesField(forms.FileField):
    widget = MultipleFilesInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFilesField, self).clean(item, initial) for item in data if item]
        cleaned = super().clean(data, initial)
        return [cleaned] if cleaned else []


def _multiple(label: str, objects, describe, help_text: str = "") -> forms.TypedMultipleChoiceField:
    by_key = {str(obj.pk): obj for obj in objects}
    return forms.TypedMultipleChoiceField(
        label=label,
        choices=[(key, describe(obj)) for key, obj in by_key.items()],
        coerce=by_key.get,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


class BriefingForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="Seen only by the audience, once they have signed in: the notice never shows it",
        error_messages={
            "required": "Enter a title",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    body = forms.CharField(
        label="Briefing",
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": "Enter the briefing"},
    )
    marking = forms.ChoiceField(
        label="Handling marking",
        choices=HandlingMarking.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a handling marking"},
    )
    expires_on = date_field(
        "Open until",
        invalid="The date it closes must be a real date, like 27/3/2027",
        required_message="Enter the date it closes",
        help_text="After the end of this day only you and the data protection officers can open it. "
        "For example, 27/3/2027",
    )
    attachments = MultipleFilesField(
        label="Attachments (optional)",
        help_text=f"Up to {MAX_ATTACHMENTS} files: {ACCEPTED_HINT}, each smaller than 10MB",
        required=False,
        widget=MultipleFilesInput(attrs={"accept": ".pdf,.docx,.odt,image/jpeg,image/png"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"] = _multiple(
            "Roles", queries.audience_role_choices(), lambda group: group.name, "Leave empty for any role"
        )
        self.fields["agencies"] = _multiple(
            "Agencies", queries.audience_agency_choices(), str, "Leave empty for any agency"
        )
        self.fields["boroughs"] = _multiple(
            "Boroughs",
            queries.audience_borough_choices(),
            lambda area: area.name,
            "People whose areas cover one of them. Leave empty for any borough",
        )
        self._checked: list[Attachment] = []

    def clean_expires_on(self):
        day = self.cleaned_data["expires_on"]
        if day < timezone.localdate():
            raise forms.ValidationError("The date it closes must be today or in the future")
        return day

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(f"Attach up to {MAX_ATTACHMENTS} files")
        checked = []
        for upload in files:
            try:
                checked.append(Attachment(name=upload.name, document=check_document(upload.read())))
            except DocumentRefused as refusal:
                raise forms.ValidationError(f"{upload.name}: {refusal}") from refusal
        self._checked = checked
        return files

    def clean(self):
        cleaned = super().clean() or {}
        if not (cleaned.get("roles") or cleaned.get("agencies") or cleaned.get("boroughs")):
            self.add_error("roles", NO_AUDIENCE)
        return cleaned

    def briefing(self) -> dict:
        data = self.cleaned_data
        end_of_day = timezone.make_aware(datetime.combine(data["expires_on"], time(23, 59, 59)))
        return {
            "title": data["title"],
            "body": data["body"],
            "marking": data["marking"],
            "roles": data["roles"],
            "agencies": data["agencies"],
            "boroughs": data["boroughs"],
            "expires_at": end_of_day,
            "attachments": self._checked,
        }


class ChaseForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
