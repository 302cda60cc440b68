"""Forms of front-line training: adding a session, recording one person's attendance, and uploading
a trainer's attendance file. GOV.UK wording; nothing typed is lost when a form is shown again."""

from datetime import datetime, time

from django import forms
from django.utils import timezone

from commonground.core.form_helpers import date_field, pick_field
from commonground.programme.actions.training import SessionDetails
from commonground.programme.models import AttendanceStatus
from commonground.programme.training_import import MAX_BYTES

YES_NO = [("no", "No, in person"), ("yes", "Yes, online")]


def _time_field(label: str, message: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        help_text="24-hour clock, for example 09:30 or 14:00",
        error_messages={"required": message, "invalid": f"{label} must be a time like 09:30"},
    )


class SessionForm(forms.Form):
    ACTION_FIELDS = {"starts_at": "start_time", "ends_at": "end_time"}

    def __init__(self, *args, courses, trainers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"] = pick_field("Course", courses, str, message="Select the course")
        self.fields["day"] = date_field(
            "Date", invalid="The date must be a real date", required_message="Enter the date of the session"
        )
        self.fields["start_time"] = _time_field("Start time", "Enter when the session starts")
        self.fields["end_time"] = _time_field("End time", "Enter when the session ends")
        self.fields["online"] = forms.ChoiceField(
            label="Is the session online?",
            choices=YES_NO,
            widget=forms.RadioSelect,
            initial="no",
            error_messages={"required": "Select whether the session is online"},
        )
        self.fields["place"] = forms.CharField(
            label="Where is it held?",
            required=False,
            max_length=300,
            help_text="The venue and room. Leave blank for an online session.",
            error_messages={"max_length": "The place must be 300 characters or fewer"},
        )
        self.fields["capacity"] = forms.IntegerField(
            label="How many places?",
            error_messages={
                "required": "Enter how many people can attend",
                "invalid": "Enter the number of places as a whole number, like 20",
            },
        )
        self.fields["trainer"] = pick_field(
            "Trainer from the partnership",
            trainers,
            lambda person: person.get_full_name() or person.username,
            message="Select a trainer from the list",
            required=False,
            empty="Not from the partnership",
        )
        self.fields["trainer_name"] = forms.CharField(
            label="Or the trainer's name",
            required=False,
            max_length=200,
            help_text="A trainer from outside the partnership.",
            error_messages={"max_length": "The trainer's name must be 200 characters or fewer"},
        )

    def details(self) -> SessionDetails:
        data = self.cleaned_data

        def at(clock: time | None) -> datetime | None:
            day = data.get("day")
            if day is None or clock is None:
                return None
            return timezone.make_aware(datetime.combine(day, clock))

        return SessionDetails(
            course=data.get("course"),
            starts_at=at(data.get("start_time")),
            ends_at=at(data.get("end_time")),
            capacity=data.get("capacity"),
            online=data.get("online") == "yes",
            place=data.get("place", ""),
            trainer=data.get("trainer"),
            trainer_name=data.get("trainer_name", ""),
        )


class AttendanceForm(forms.Form):
    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"] = pick_field(
            "Person",
            people,
            lambda person: person.get_full_name() or person.username,
            message="Select a person of your agency",
        )
        self.fields["status"] = forms.ChoiceField(
            label="Attendance",
            choices=AttendanceStatus.choices,
            widget=forms.RadioSelect,
            error_messages={"required": "Select whether they were booked, attended, completed or absent"},
        )
        self.fields["completed_on"] = date_field(
            "Date completed",
            invalid="The completion date must be a real date",
            required=False,
            help_text="Only for a completion. Leave blank for the day the session ended.",
        )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Attendance file (CSV)",
        help_text=(
            "The first line names the columns: email or username, course, session date, and status or "
            "completed date."
        ),
        error_messages={"required": "Select the CSV file of attendance", "empty": "The file is empty"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"The file must be smaller than {MAX_BYTES // 1024} KB")
        return upload
