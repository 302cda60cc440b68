"""Forms for a directory entry: its details, opening hours as rows per day (several ranges a day),
withdrawing it, and the list's filters. Each bad answer gets its own message, next to the field,
and nothing typed is lost."""

from datetime import time
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from commonground.core.access import Scope
from commonground.directory.actions.entries import EntryDetails, HoursRange
from commonground.directory.models import DirectoryEntry, EntryKind, Language, Weekday
from commonground.directory.queries import staff as queries

# Ranges offered per day: a morning, an afternoon and an evening session.
RANGES_PER_DAY = 3
TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M", "%I:%M%p", "%I:%M %p", "%I%p", "%I %p"]
TIME_HINT = "24-hour clock, for example 09:00 or 17:30"

ACCESSIBILITY = [
    ("step_free_access", "Step-free access"),
    ("hearing_loop", "Hearing loop"),
    ("accessible_toilet", "Accessible toilet"),
    ("quiet_room", "Quiet room"),
    ("british_sign_language", "British Sign Language"),
]


def _text(
    label: str,
    *,
    required: bool = False,
    message: str = "",
    max_length: int = 200,
    rows: int = 0,
    hint: str = "",
):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length if not rows else None,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput,
        error_messages={
            "required": message,
            "max_length": f"{label.removesuffix(' (optional)')} must be {max_length} characters or fewer",
        },
    )


def _time(label: str, day: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        input_formats=TIME_FORMATS,
        error_messages={"invalid": f"Enter the time as hours and minutes, like 09:00 or 17:30 (on {day})"},
    )


def hours_field_names(weekday: int, index: int) -> tuple[str, str]:
    return f"hours_{weekday}_{index}_opens", f"hours_{weekday}_{index}_closes"


class EntryForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of place is it?",
        choices=EntryKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it is a reporting centre or a meeting space"},
    )
    organisation_name = _text("Organisation's name", required=True, message="Enter the organisation's name")
    place_name = _text(
        "Name of the place (optional)", hint="The building or room, if it is not the organisation's name"
    )
    description = _text(
        "Description (optional)", rows=4, max_length=4000, hint="What happens there, in plain words"
    )
    address_lines = _text(
        "Address",
        required=True,
        message="Enter the address",
        rows=3,
        max_length=500,
        hint="One line per line; the postcode goes below",
    )
    postcode = _text("Postcode", required=True, message="Enter the postcode", max_length=10)
    contact_name = _text("Contact name (optional)", max_length=120, hint="Shown to the public with the entry")
    phone = _text("Phone (optional)", max_length=40)
    email = forms.EmailField(
        label="Email (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.org"},
    )
    website = forms.URLField(
        label="Website (optional)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address like https://www.example.org"},
    )
    languages = forms.ModelMultipleChoiceField(
        label="Languages spoken (optional)",
        queryset=Language.objects.order_by("position", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select languages from the list"},
    )
    step_free_access = forms.BooleanField(label="Step-free access", required=False)
    hearing_loop = forms.BooleanField(label="Hearing loop", required=False)
    accessible_toilet = forms.BooleanField(label="Accessible toilet", required=False)
    quiet_room = forms.BooleanField(label="Quiet room", required=False)
    british_sign_language = forms.BooleanField(label="British Sign Language", required=False)
    capacity = forms.IntegerField(
        label="Capacity (meeting spaces)",
        required=False,
        help_text="How many people the space holds",
        error_messages={"invalid": "Enter the capacity as a whole number of people, like 40"},
    )
    cost_per_hour = forms.DecimalField(
        label="Cost per hour (meeting spaces, optional)",
        required=False,
        max_digits=8,
        decimal_places=2,
        help_text="In pounds, for example 15 or 12.50. Leave blank if it is free or people should ask",
        error_messages={
            "invalid": "Enter the cost per hour as a number of pounds, like 12.50",
            "max_decimal_places": "Enter the cost per hour to the nearest penny",
            "max_digits": "The cost per hour is too large",
            "max_whole_digits": "The cost per hour is too large",
        },
    )
    cost_note = _text("Note on cost (optional)", hint="For example, 'Free to community groups'")
    opening_hours_note = _text(
        "Note on opening hours (optional)", hint="For example, 'Closed on bank holidays'"
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *, entry: DirectoryEntry | None = None, **kwargs):
        if entry is not None and data is None:
            kwargs.setdefault("initial", initial_for(entry))
        super().__init__(data, **kwargs)
        for weekday in Weekday:
            for index in range(RANGES_PER_DAY):
                opens, closes = hours_field_names(weekday.value, index)
                self.fields[opens] = _time(f"{weekday.label} session {index + 1}: opens", weekday.label)
                self.fields[closes] = _time(f"{weekday.label} session {index + 1}: closes", weekday.label)

    def hours_days(self):
        """Per day: its name and its rows of (opens, closes) fields, for the template."""
        return [
            (
                weekday.label,
                [
                    tuple(self[name] for name in hours_field_names(weekday.value, index))
                    for index in range(RANGES_PER_DAY)
                ],
            )
            for weekday in Weekday
        ]

    def accessibility_fields(self):
        return [self[name] for name, _ in ACCESSIBILITY]

    def _named(self, names: str):
        return [self[name] for name in names.split()]

    def about_fields(self):
        return self._named("kind organisation_name place_name description address_lines postcode")

    def contact_fields(self):
        return self._named("contact_name phone email website")

    def space_fields(self):
        return self._named("capacity cost_per_hour cost_note")

    def clean_postcode(self) -> str:
        return self.cleaned_data["postcode"].strip().upper()

    def clean_capacity(self) -> int | None:
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and capacity < 1:
            raise ValidationError("The capacity must be 1 or more people")
        return capacity

    def clean_cost_per_hour(self) -> Decimal | None:
        cost = self.cleaned_data.get("cost_per_hour")
        if cost is not None and cost < 0:
            raise ValidationError("The cost per hour must be £0 or more, or left blank if it is free")
        return cost

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if (
            cleaned.get("kind") == EntryKind.MEETING_SPACE
            and cleaned.get("capacity") is None
            and "capacity" not in self.errors
        ):
            self.add_error("capacity", "Enter how many people the space holds")
        for weekday in Weekday:
            for index in range(RANGES_PER_DAY):
                opens_name, closes_name = hours_field_names(weekday.value, index)
                if opens_name in self.errors or closes_name in self.errors:
                    continue
                opens, closes = cleaned.get(opens_name), cleaned.get(closes_name)
                if opens is None and closes is None:
                    continue
                if opens is None:
                    self.add_error(opens_name, f"Enter the time it opens on {weekday.label}")
                elif closes is None:
                    self.add_error(closes_name, f"Enter the time it closes on {weekday.label}")
                elif closes <= opens:
                    self.add_error(
                        closes_name,
                        f"On {weekday.label}, the closing time ({closes:%H:%M}) must be after the opening "
                        f"time ({opens:%H:%M})",
                    )
        return cleaned

    def opening_hours(self) -> tuple[HoursRange, ...]:
        ranges = []
        for weekday in Weekday:
            for index in range(RANGES_PER_DAY):
                opens_name, closes_name = hours_field_names(weekday.value, index)
                opens: time | None = self.cleaned_data.get(opens_name)
                closes: time | None = self.cleaned_data.get(closes_name)
                if opens is not None and closes is not None:
                    ranges.append(HoursRange(weekday=weekday.value, opens_at=opens, closes_at=closes))
        return tuple(ranges)

    def details(self) -> EntryDetails:
        data = self.cleaned_data
        return EntryDetails(
            kind=data["kind"],
            organisation_name=data["organisation_name"],
            place_name=data["place_name"],
            description=data["description"],
            address_lines=data["address_lines"],
            postcode=data["postcode"],
            contact_name=data["contact_name"],
            phone=data["phone"],
            email=data["email"],
            website=data["website"],
            languages=tuple(data["languages"]),
            step_free_access=data["step_free_access"],
            hearing_loop=data["hearing_loop"],
            accessible_toilet=data["accessible_toilet"],
            quiet_room=data["quiet_room"],
            british_sign_language=data["british_sign_language"],
            capacity=data["capacity"],
            cost_per_hour=data["cost_per_hour"],
            cost_note=data["cost_note"],
            opening_hours=self.opening_hours(),
            opening_hours_note=data["opening_hours_note"],
        )


def initial_for(entry: DirectoryEntry) -> dict[str, object]:
    initial: dict[str, object] = {
        name: getattr(entry, name)
        for name in [
            "kind",
            "organisation_name",
            "place_name",
            "description",
            "address_lines",
            "postcode",
            "contact_name",
            "phone",
            "email",
            "website",
            "capacity",
            "cost_per_hour",
            "cost_note",
            "opening_hours_note",
            "version",
        ]
    }
    initial.update({name: getattr(entry, name) for name, _ in ACCESSIBILITY})
    initial["languages"] = list(entry.languages.all())
    used: dict[int, int] = {}
    for each in entry.opening_hours.all():
        index = used.get(each.weekday, 0)
        if index >= RANGES_PER_DAY:
            continue
        used[each.weekday] = index + 1
        opens, closes = hours_field_names(each.weekday, index)
        initial[opens] = each.opens_at.strftime("%H:%M")
        initial[closes] = each.closes_at.strftime("%H:%M")
    return initial


class WithdrawForm(forms.Form):
    reason = _text(
        "Why is it withdrawn?",
        required=True,
        message="Say why the entry is withdrawn",
        rows=3,
        max_length=1000,
        hint="For example, 'The centre has closed'. Kept in the audit trail",
    )


class FilterForm(forms.Form):
    """The list's filters (from the query string): a bad value is ignored, never an error page."""

    kind = forms.ChoiceField(label="Kind", choices=[("", "Both kinds"), *EntryKind.choices], required=False)
    borough = forms.TypedChoiceField(
        label="Borough", choices=[], coerce=int, required=False, empty_value=None
    )
    overdue = forms.BooleanField(label="Overdue for audit", required=False)
    hidden = forms.BooleanField(label="Hidden from the public", required=False)

    def __init__(self, data=None, *, scope: Scope, **kwargs):
        super().__init__(data, **kwargs)
        borough_field = self.fields["borough"]
        if isinstance(borough_field, forms.TypedChoiceField):
            borough_field.choices = [("", "All your boroughs")] + [
                (str(area.pk), area.name) for area in queries.boroughs_for(scope)
            ]

    def filters(self) -> queries.EntryFilters:
        if not self.is_valid():
            return queries.EntryFilters()
        data = self.cleaned_data
        return queries.EntryFilters(
            kind=data["kind"], borough_id=data["borough"], overdue=data["overdue"], hidden=data["hidden"]
        )
