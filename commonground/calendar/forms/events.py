"""Forms for the calendar's staff pages: an event (with its version, for edits), publishing with
the organiser's agreement, and the list's borough filter. GOV.UK wording."""

from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone

from commonground.calendar.actions.events import EventDetails
from commonground.calendar.models import Event, EventKind
from commonground.calendar.queries import staff as queries
from commonground.core.access import Scope
from commonground.core.form_helpers import date_field, pick_field

INVALID_DATE = "Enter the date as day/month/year, for example 27/3/2026"
TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M", "%H"]


def text(
    label: str, *, required: bool = False, message: str = "", rows: int = 0, max_length: int = 5000, **kwargs
):
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


def time_field(label: str, message: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        input_formats=TIME_FORMATS,
        help_text="Use the 24-hour clock, for example 18:30",
        error_messages={
            "required": message,
            "invalid": "Enter the time as hours and minutes, for example 18:30",
        },
    )


def link(label: str) -> forms.URLField:
    return forms.URLField(
        label=label,
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="For example, https://www.example.org/events",
        error_messages={
            "invalid": f"Enter the {label.split(' (')[0].lower()} as a web address, like https://www.example.org"
        },
    )


def _local(day, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


class EventForm(forms.Form):
    title = text("Title", required=True, message="Enter the event's title", max_length=200)
    kind = forms.ChoiceField(
        label="Kind of event",
        choices=[("", "Select the kind of event"), *EventKind.choices],
        error_messages={"required": "Select the kind of event", "invalid_choice": "Select the kind of event"},
    )
    description = text("Description (optional)", rows=4, help_text="What happens, and who it is for")
    start_day = date_field(
        "Start date", invalid=INVALID_DATE, required_message="Enter the date the event starts"
    )
    start_time = time_field("Start time", "Enter the time the event starts")
    end_day = date_field("End date", invalid=INVALID_DATE, required_message="Enter the date the event ends")
    end_time = time_field("End time", "Enter the time the event ends")
    venue_name = text("Venue", required=True, message="Enter the name of the venue", max_length=200)
    address = text("Address (optional)", max_length=300)
    postcode = text(
        "Postcode (optional)", max_length=10, help_text="We use it to find the borough. For example, BL2 6PN"
    )
    organiser = text(
        "Organiser",
        required=True,
        message="Enter the name of the organisation running the event",
        max_length=200,
        help_text="An organisation's name, never a private person's",
    )
    website = link("Website (optional)")
    booking_link = link("Booking link (optional)")
    accessibility = text(
        "Accessibility (optional)",
        rows=3,
        help_text="Step-free access, hearing loops, quiet spaces, British Sign Language",
    )
    is_free = forms.TypedChoiceField(
        label="Is the event free?",
        choices=[("yes", "Yes, it is free"), ("no", "No, there is a cost")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="yes",
        error_messages={"required": "Select whether the event is free"},
    )
    cost = text("Cost (if not free)", max_length=200, help_text="For example, £3, children free")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *, scope: Scope, **kwargs: Any):
        super().__init__(data, **kwargs)
        borough = pick_field(
            "Borough (if the postcode is not known)",
            queries.boroughs_to_choose(scope),
            lambda area: area.name,
            message="Select a borough from the list",
            required=False,
            empty="Select a borough",
            help_text="Only needed when the postcode is left out or we cannot find it",
        )
        names = list(self.fields)
        self.fields["borough"] = borough
        at = names.index("postcode") + 1
        self.order_fields([*names[:at], "borough", *names[at:]])

    @staticmethod
    def initial_for(event: Event) -> dict:
        starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
        return {
            "title": event.title,
            "kind": event.kind,
            "description": event.description,
            "start_day": starts.strftime("%d/%m/%Y"),
            "start_time": starts.strftime("%H:%M"),
            "end_day": ends.strftime("%d/%m/%Y"),
            "end_time": ends.strftime("%H:%M"),
            "venue_name": event.venue_name,
            "address": event.address,
            "postcode": event.postcode,
            "borough": event.borough_id,
            "organiser": event.organiser,
            "website": event.website,
            "booking_link": event.booking_link,
            "accessibility": event.accessibility,
            "is_free": "yes" if event.is_free else "no",
            "cost": event.cost,
            "version": event.version,
        }

    def details(self) -> EventDetails:
        data = self.cleaned_data
        return EventDetails(
            title=data["title"],
            kind=data["kind"],
            description=data["description"],
            starts_at=_local(data["start_day"], data["start_time"]),
            ends_at=_local(data["end_day"], data["end_time"]),
            venue_name=data["venue_name"],
            address=data["address"],
            postcode=data["postcode"],
            borough=data["borough"],
            organiser=data["organiser"],
            website=data["website"],
            booking_link=data["booking_link"],
            accessibility=data["accessibility"],
            is_free=data["is_free"],
            cost=data["cost"] if not data["is_free"] else "",
        )


# Where an action names a field the form splits in two.
ACTION_FIELD_ALIASES = {"starts_at": "start_day", "ends_at": "end_day"}


class PublishForm(forms.Form):
    organiser_agreed = forms.BooleanField(
        label="The organiser agreed to the event appearing on the public calendar",
        required=False,
    )
    consent_source = text(
        "How they agreed (optional)",
        max_length=300,
        help_text="For example, by email to the programme team on 3 March",
    )


class StaffFilterForm(forms.Form):
    def __init__(self, data=None, *, scope: Scope, **kwargs: Any):
        super().__init__(data, **kwargs)
        self.fields["borough"] = pick_field(
            "Borough",
            queries.boroughs_to_choose(scope),
            lambda area: area.name,
            message="Select a borough from the list",
            required=False,
            empty="All your boroughs",
        )
