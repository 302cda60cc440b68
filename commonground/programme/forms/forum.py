"""Forms for the partnership forum: a meeting's record (with its version, for edits), an attendee
(a member of staff, or a guest by name and agency) and an action agreed. GOV.UK wording."""

from datetime import datetime

from django import forms
from django.utils import timezone

from commonground.core.access import Scope
from commonground.core.form_helpers import date_field, pick_field
from commonground.programme.actions.forum import MeetingDetails
from commonground.programme.models import ForumMeeting
from commonground.programme.queries import forum as queries


def _text(label: str, *, required: bool, message: str = "", rows: int = 0, max_length: int = 20000, **kwargs):
    errors = {"max_length": f"{label} must be {max_length} characters or fewer"}
    if message:
        errors["required"] = message
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput,
        error_messages=errors,
        **kwargs,
    )


def _person(person) -> str:
    name = person.get_full_name() or person.username
    return f"{name}, {person.agency.name}" if person.agency_id else name


class MeetingForm(forms.Form):
    held_on = date_field(
        "Date of the meeting",
        invalid="Enter the date as day/month/year, for example 27/3/2026",
        required_message="Enter the date of the meeting",
    )
    held_at_time = forms.TimeField(
        label="Start time",
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        help_text="For example, 10:00 or 14:30",
        error_messages={
            "required": "Enter the time the meeting starts",
            "invalid": "Enter the time as hours and minutes, for example 14:30",
        },
    )
    title = _text("Title", required=True, message="Enter the meeting's title", max_length=200)
    place = _text("Place (optional)", required=False, max_length=300, help_text="A venue or 'Online'")
    agenda = _text("Agenda (optional)", required=False, rows=6, help_text="One item per line")
    minutes = _text(
        "Minutes (optional)",
        required=False,
        rows=10,
        help_text="What was discussed and agreed. Describe concerns and practice, never name a person at risk.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @staticmethod
    def initial_for(meeting: ForumMeeting) -> dict:
        held_at = timezone.localtime(meeting.held_at)
        return {
            "held_on": held_at.date().strftime("%d/%m/%Y"),
            "held_at_time": held_at.strftime("%H:%M"),
            "title": meeting.title,
            "place": meeting.place,
            "agenda": meeting.agenda,
            "minutes": meeting.minutes,
            "version": meeting.version,
        }

    def details(self) -> MeetingDetails:
        data = self.cleaned_data
        held_at = timezone.make_aware(datetime.combine(data["held_on"], data["held_at_time"]))
        return MeetingDetails(
            held_at=held_at,
            title=data["title"],
            place=data["place"],
            agenda=data["agenda"],
            minutes=data["minutes"],
        )


class AttendeeForm(forms.Form):
    name = _text(
        "Or a guest's name",
        required=False,
        max_length=200,
        help_text="Someone without an account, for example a college's safeguarding lead",
    )

    def __init__(self, data=None, *, scope: Scope, **kwargs):
        super().__init__(data, **kwargs)
        self.fields = {
            "person": pick_field(
                "Member of staff",
                queries.people_to_choose(scope).select_related("agency"),
                _person,
                message="Select a member of staff from the list",
                required=False,
                empty="Select a member of staff",
                help_text="They attend for their own agency unless you choose another below",
            ),
            "name": self.fields["name"],
            "agency": pick_field(
                "Agency they attended for",
                queries.agencies_to_choose(),
                str,
                message="Select an agency from the list",
                required=False,
                empty="Select an agency",
                help_text="Needed for a guest",
            ),
        }

    def attendee(self) -> dict:
        data = self.cleaned_data
        return {"person": data["person"], "name": data["name"], "agency": data["agency"]}


class ActionForm(forms.Form):
    description = _text(
        "What was agreed", required=True, message="Enter what was agreed", rows=3, max_length=5000
    )
    due_on = date_field(
        "Due by",
        invalid="Enter the date as day/month/year, for example 27/3/2026",
        required_message="Enter the date the action is due",
    )

    def __init__(self, data=None, *, scope: Scope, **kwargs):
        super().__init__(data, **kwargs)
        self.fields = {
            "description": self.fields["description"],
            "owner_person": pick_field(
                "Owner (optional)",
                queries.people_to_choose(scope).select_related("agency"),
                _person,
                message="Select a member of staff from the list",
                required=False,
                empty="No one person",
                help_text="The action waits on their home page as it falls due",
            ),
            "owner_agency": pick_field(
                "Agency that owns it",
                queries.agencies_to_choose(),
                str,
                message="Select an agency from the list",
                required=False,
                empty="Select an agency",
                help_text="Leave empty to use the owner's own agency",
            ),
            "due_on": self.fields["due_on"],
        }

    def action(self) -> dict:
        data = self.cleaned_data
        return {
            "description": data["description"],
            "owner_person": data["owner_person"],
            "owner_agency": data["owner_agency"],
            "due_on": data["due_on"],
        }
