"""The application's question pages, in the GOV.UK Design System's words. Each form takes the
round (`grant_round=`) so that its choices and limits are the round's."""

import re
from datetime import date, datetime, time
from decimal import Decimal
from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commonground.core.form_helpers import DATE_FORMATS
from commonground.core.models import Area
from commonground.core.places_files import normalise_postcode
from commonground.core.queries import ward_for_postcode
from commonground.grants.forms.public_fields import LongText, Money, Text
from commonground.grants.models import GrantRound, OrganisationType

PUBLIC_DATE_FORMATS = [*DATE_FORMATS, "%d.%m.%Y"]
CHARITY_NUMBER = re.compile(r"^\d{6,8}$")
COMPANY_NUMBER = re.compile(r"^[A-Z0-9]{8}$")
CHARITY_TYPES = {OrganisationType.REGISTERED_CHARITY, OrganisationType.CIO}
COMPANY_TYPES = {OrganisationType.COMMUNITY_INTEREST_COMPANY, OrganisationType.COMPANY_LIMITED_BY_GUARANTEE}
BUDGET_LINES = 6


class StepForm(forms.Form):
    def __init__(self, *args, grant_round: GrantRound, **kwargs):
        super().__init__(*args, **kwargs)
        self.grant_round = grant_round


def _compact(value: str) -> str:
    return re.sub(r"[\s-]+", "", value or "").upper()


class OrganisationForm(StepForm):
    organisation_name = Text(
        label=_("What is your organisation called?"),
        max_length=200,
        required_message=_("Enter the name of your organisation"),
    )
    organisation_type = forms.ChoiceField(
        label=_("What type of organisation is it?"),
        choices=OrganisationType.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the type of organisation"),
            "invalid_choice": _("Select the type of organisation"),
        },
    )
    charity_number = Text(
        label=_("Registered charity number (if you have one)"),
        help_text=_("6 to 8 digits, for example 1234567"),
        max_length=20,
    )
    company_number = Text(
        label=_("Company number (if you have one)"),
        help_text=_("8 characters, for example 01234567 or SC123456"),
        max_length=20,
    )

    def clean_charity_number(self) -> str:
        value = _compact(self.cleaned_data["charity_number"])
        if value and not CHARITY_NUMBER.match(value):
            raise forms.ValidationError(_("A charity number is 6 to 8 digits, for example 1234567"))
        return value

    def clean_company_number(self) -> str:
        value = _compact(self.cleaned_data["company_number"])
        if value and not COMPANY_NUMBER.match(value):
            raise forms.ValidationError(
                _("A company number is 8 letters or digits, for example 01234567 or SC123456")
            )
        return value

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        kind = cleaned.get("organisation_type")
        if (
            kind in CHARITY_TYPES
            and not cleaned.get("charity_number")
            and "charity_number" not in self.errors
        ):
            self.add_error("charity_number", _("Enter your registered charity number"))
        if (
            kind in COMPANY_TYPES
            and not cleaned.get("company_number")
            and "company_number" not in self.errors
        ):
            self.add_error("company_number", _("Enter your company number"))
        return cleaned


class AddressForm(StepForm):
    address = LongText(
        label=_("What is your organisation's address?"),
        max_length=500,
        required_message=_("Enter your organisation's address"),
    )
    postcode = Text(
        label=_("Postcode"),
        help_text=_("For example, BL2 6PN"),
        max_length=10,
        required_message=_("Enter your organisation's postcode"),
    )
    borough = forms.ChoiceField(
        label=_("Borough"),
        help_text=_("Choose the borough if we cannot find your postcode"),
        required=False,
        choices=(),
        error_messages={"invalid_choice": _("Choose a borough from the list")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["borough"]).choices = [
            ("", _("Choose a borough")),
            *self.grant_round.boroughs.order_by("name").values_list("code", "name"),
        ]

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        raw = cleaned.get("postcode", "")
        if not raw:
            return cleaned
        postcode = normalise_postcode(raw)
        if postcode is None:
            self.add_error("postcode", _("Enter a full postcode, like BL2 6PN"))
            return cleaned
        cleaned["postcode"] = postcode
        ward = ward_for_postcode(postcode)
        borough = ward.parent if ward is not None else None
        if borough is not None:
            if not self.grant_round.boroughs.filter(pk=borough.pk).exists():
                self.add_error(
                    "postcode",
                    _("This postcode is in %(borough)s, which this round does not cover")
                    % {"borough": borough.name},
                )
            else:
                cleaned["borough"] = borough.code
        elif not cleaned.get("borough") and "borough" not in self.errors:
            self.add_error(
                "borough", _("We could not find this postcode. Check it, or choose the borough from the list")
            )
        return cleaned


class EventForm(StepForm):
    event_title = Text(
        label=_("What is the event called?"),
        max_length=200,
        required_message=_("Enter the name of the event"),
    )
    event_description = LongText(
        label=_("What will happen at the event?"),
        help_text=_("Tell us what people will do, in a few sentences"),
        max_length=5000,
        required_message=_("Enter what will happen at the event"),
    )


def _date_field(label, required_message):
    return forms.DateField(
        label=label,
        help_text=_("For example, 27/3/2027"),
        input_formats=PUBLIC_DATE_FORMATS,
        error_messages={
            "required": required_message,
            "invalid": _("Enter the date as day/month/year, for example 27/3/2027"),
        },
    )


def _time_field(label, required_message):
    return forms.TimeField(
        label=label,
        help_text=_("Use the 24-hour clock, for example 14:30"),
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        error_messages={"required": required_message, "invalid": _("Enter a time like 14:30")},
        widget=forms.TimeInput(attrs={"class": "govuk-input--width-5"}),
    )


class EventTimesForm(StepForm):
    starts_on = _date_field(_("What day does the event start?"), _("Enter the day the event starts"))
    starts_at = _time_field(_("What time does it start?"), _("Enter the time the event starts"))
    ends_on = _date_field(_("What day does it end?"), _("Enter the day the event ends"))
    ends_at = _time_field(_("What time does it end?"), _("Enter the time the event ends"))
    event_venue = Text(
        label=_("Where will it happen?"),
        help_text=_("The name and address of the place"),
        max_length=300,
        required_message=_("Enter where the event will happen"),
    )
    event_postcode = Text(label=_("Postcode of the place (if it has one)"), max_length=10)

    def clean_starts_on(self) -> date:
        value = self.cleaned_data["starts_on"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("The event must start today or later"))
        return value

    def clean_event_postcode(self) -> str:
        raw = self.cleaned_data["event_postcode"]
        if not raw:
            return ""
        postcode = normalise_postcode(raw)
        if postcode is None:
            raise forms.ValidationError(_("Enter a full postcode, like BL2 6PN"))
        return postcode

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        starts, ends = self.starts(cleaned), self.ends(cleaned)
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The event must end after it starts"))
        return cleaned

    @staticmethod
    def _moment(day: date | None, at: time | None) -> datetime | None:
        if day is None or at is None:
            return None
        return timezone.make_aware(datetime.combine(day, at))

    @classmethod
    def starts(cls, cleaned: dict) -> datetime | None:
        return cls._moment(cleaned.get("starts_on"), cleaned.get("starts_at"))

    @classmethod
    def ends(cls, cleaned: dict) -> datetime | None:
        return cls._moment(cleaned.get("ends_on"), cleaned.get("ends_at"))


class PeopleForm(StepForm):
    communities = LongText(
        label=_("Who will the event bring together, and how?"),
        help_text=_("For example, which communities or groups, and what they will do together"),
        max_length=5000,
        required_message=_("Enter who the event will bring together, and how"),
    )
    expected_attendance = forms.IntegerField(
        label=_("How many people do you expect?"),
        min_value=1,
        max_value=1_000_000,
        error_messages={
            "required": _("Enter how many people you expect"),
            "invalid": _("Enter a number, like 80"),
            "min_value": _("Enter a number of people, 1 or more"),
            "max_value": _("Enter a number of people less than 1,000,000"),
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
    )
    accessibility = LongText(
        label=_("How will you make the event accessible?"),
        help_text=_("For example, step-free access, quiet spaces, interpreters or childcare"),
        max_length=3000,
        required_message=_("Enter how you will make the event accessible"),
    )


class RoundQuestionsForm(StepForm):
    """The round's own questions, one field each (`question_<pk>`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in self.grant_round.questions.all():
            self.fields[f"question_{question.pk}"] = LongText(
                label=question.text,
                help_text=question.hint,
                max_length=5000,
                required_message=_("Answer this question") if question.required else "",
            )


class BudgetForm(StepForm):
    """What the money is for, line by line, and the total asked for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number in range(1, BUDGET_LINES + 1):
            self.fields[f"item_{number}"] = Text(
                label=_("Item %(number)d") % {"number": number}, max_length=200
            )
            self.fields[f"amount_{number}"] = Money(
                label=_("Cost of item %(number)d, in £") % {"number": number}
            )
        self.fields["amount_requested"] = Money(
            label=_("Total amount you are asking for, in £"),
            help_text=_("The most you can ask for is £%(maximum)s")
            % {"maximum": f"{self.grant_round.maximum_award:,.0f}"},
            required_message=_("Enter the total amount you are asking for"),
        )

    def lines(self) -> list[tuple[str, object]]:
        data = self.cleaned_data
        return [
            (data.get(f"item_{n}", ""), data.get(f"amount_{n}"))
            for n in range(1, BUDGET_LINES + 1)
            if data.get(f"item_{n}") or data.get(f"amount_{n}")
        ]

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if self.errors:
            return cleaned
        lines: list[Decimal] = []
        for n in range(1, BUDGET_LINES + 1):
            item, amount = cleaned.get(f"item_{n}"), cleaned.get(f"amount_{n}")
            if item and amount is None:
                self.add_error(f"amount_{n}", _("Enter the cost of item %(number)d") % {"number": n})
            elif amount is not None and not item:
                self.add_error(f"item_{n}", _("Enter what item %(number)d is") % {"number": n})
            elif item and amount is not None:
                lines.append(amount)
        if self.errors:
            return cleaned
        if not lines:
            self.add_error("item_1", _("Enter at least one item the money is for, with its cost"))
            return cleaned
        total = cleaned.get("amount_requested")
        if total is not None and sum(lines) != total:
            self.add_error(
                "amount_requested",
                _("The items add up to £%(sum)s, but the total is £%(total)s. Make them the same")
                % {"sum": f"{sum(lines):,.2f}", "total": f"{total:,.2f}"},
            )
        elif total is not None and total > self.grant_round.maximum_award:
            self.add_error(
                "amount_requested",
                _("The total must be £%(maximum)s or less, the most this round gives")
                % {"maximum": f"{self.grant_round.maximum_award:,.2f}"},
            )
        return cleaned


class DeclarationsForm(StepForm):
    declared_true = forms.BooleanField(
        label=_("I confirm that the information in this application is true and complete"),
        error_messages={"required": _("Confirm that the information is true to send your application")},
    )
    consents_to_calendar = forms.BooleanField(
        label=_("If the event is funded, it may appear on the public calendar of community events"),
        help_text=_("Optional. We show the event's name, day and place, never your contact details"),
        required=False,
    )


def borough_by_code(code: str) -> Area | None:
    return Area.objects.boroughs().filter(code=code).first() if code else None
