"""The public journeys' questions: one question per page, in the GOV.UK Design System's words.
Every free-text field refuses control characters; everything is shown escaped."""

import re
from datetime import date
from typing import TYPE_CHECKING, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commonground.core.form_helpers import DATE_FORMATS
from commonground.core.models import Area

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
from commonground.core.places_files import normalise_postcode
from commonground.core.queries import ward_for_postcode
from commonground.reports.models import (
    PoliceReported,
    ReporterRole,
    SharingPartner,
    TensionCategory,
    WorryRoute,
)
from commonground.reports.queries.status_page import active_strands

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Residents also write a date with dots (27.3.2026).
PUBLIC_DATE_FORMATS = [*DATE_FORMATS, "%d.%m.%Y"]


def no_control_characters(value: str) -> None:
    if CONTROL_CHARACTERS.search(value or ""):
        raise forms.ValidationError(
            _("Remove the unusual characters (such as control codes) from your answer")
        )


class Text(forms.CharField):
    def __init__(self, *, max_length: int, required_message: "StrOrPromise" = "", **kwargs):
        kwargs.setdefault("required", bool(required_message))
        super().__init__(
            max_length=max_length,
            validators=[no_control_characters],
            error_messages={
                "required": required_message,
                "max_length": _("Your answer must be %(limit_value)d characters or fewer"),
            },
            **kwargs,
        )


class LongText(Text):
    widget = forms.Textarea(attrs={"rows": 6})


def choice(choices, *, label, required_message, help_text="", multiple=False):
    field = forms.MultipleChoiceField if multiple else forms.ChoiceField
    widget = forms.CheckboxSelectMultiple if multiple else forms.RadioSelect
    return field(
        label=label,
        help_text=help_text,
        choices=choices,
        widget=widget,
        required=bool(required_message),
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


class ReporterRoleForm(forms.Form):
    reporter_role = choice(
        ReporterRole.choices,
        label=_("Who did this happen to?"),
        required_message=_("Select who this happened to"),
    )


class DescriptionForm(forms.Form):
    description = LongText(
        label=_("What happened?"),
        help_text=_(
            "Tell us what happened, in your own words. Do not include anyone's name unless you need to."
        ),
        max_length=10000,
        required_message=_("Enter what happened"),
    )


class TensionDescriptionForm(forms.Form):
    description = LongText(
        label=_("What did you see or hear?"),
        help_text=_(
            "For example, what the graffiti or leaflet says, or what people are saying. Do not name anyone."
        ),
        max_length=10000,
        required_message=_("Enter what you saw or heard"),
    )


class TensionCategoryForm(forms.Form):
    tension_category = choice(
        TensionCategory.choices, label=_("What is it about?"), required_message=_("Select what it is about")
    )


class WhenForm(forms.Form):
    happened_on = forms.DateField(
        label=_("When did it happen?"),
        help_text=_("For example, 27/3/2026. Leave this blank if you are not sure."),
        required=False,
        input_formats=PUBLIC_DATE_FORMATS,
        error_messages={"invalid": _("Enter the date as day/month/year, for example 27/3/2026")},
    )

    def clean_happened_on(self) -> date | None:
        value = self.cleaned_data["happened_on"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date must be today or in the past"))
        if value and value.year < 1900:
            raise forms.ValidationError(_("Enter a real date, for example 27/3/2026"))
        return value


class WhereTypeForm(forms.Form):
    where = choice(
        [("place", _("In a place, such as a street, shop or bus")), ("online", _("Online"))],
        label=_("Where did it happen?"),
        required_message=_("Select where it happened"),
    )


class PlaceForm(forms.Form):
    postcode = Text(
        label=_("Postcode"),
        help_text=_("If you know it. For example, BL2 6PN"),
        max_length=10,
    )
    borough = forms.ChoiceField(
        label=_("Or choose the area"),
        required=False,
        choices=(),
        error_messages={"invalid_choice": _("Select an area from the list")},
    )
    street = Text(
        label=_("Street or place (optional)"),
        help_text=_("For example, the name of a street, park, shop or bus route"),
        max_length=200,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["borough"]).choices = [
            ("", _("Choose an area")),
            *Area.objects.boroughs().order_by("name").values_list("code", "name"),
        ]

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        raw = cleaned.get("postcode", "")
        if raw:
            postcode = normalise_postcode(raw)
            if postcode is None:
                self.add_error("postcode", _("Enter a full postcode, like BL2 6PN"))
            else:
                cleaned["postcode"] = postcode
                # Never a silent blank: a postcode we cannot place needs the area chosen instead.
                if not cleaned.get("borough") and ward_for_postcode(postcode) is None:
                    self.add_error(
                        "postcode",
                        _("We could not find this postcode. Check it, or choose the area from the list"),
                    )
        if not raw and not cleaned.get("borough") and "borough" not in self.errors:
            self.add_error("borough", _("Enter a postcode or choose the area"))
        return cleaned


class OnlineForm(forms.Form):
    online_platform = Text(
        label=_("Which website or app?"),
        help_text=_("For example, the name of the social media site, game or messaging app"),
        max_length=100,
        required_message=_("Enter the website or app"),
    )
    online_link = forms.URLField(
        label=_("Link to the post or page (optional)"),
        help_text=_("Copy the address from your browser or app"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={
            "invalid": _("Enter a link in the right format, like https://example.com/post/123"),
            "max_length": _("The link must be %(limit_value)d characters or fewer"),
        },
    )


class StrandsForm(forms.Form):
    strand_codes = forms.MultipleChoiceField(
        label=_("Why do you think it happened?"),
        help_text=_(
            "Select all that apply. You do not need proof: what you, or anyone else, believe is what counts."
        ),
        widget=forms.CheckboxSelectMultiple,
        choices=(),
        error_messages={"required": _("Select at least one reason, or 'Something else'")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["strand_codes"]).choices = [
            (s.code, _(s.label)) for s in active_strands()
        ]


class PoliceForm(forms.Form):
    reported_to_police = choice(
        PoliceReported.choices,
        label=_("Have you told the police?"),
        required_message=_("Select whether you have told the police"),
    )


class SupportForm(forms.Form):
    wants_support = choice(
        [("yes", _("Yes, I would like support")), ("no", _("No, thank you"))],
        label=_("Would you like support?"),
        help_text=_("Free, confidential help from people trained to support those affected by hate."),
        required_message=_("Select whether you would like support"),
    )


class ShareForm(forms.Form):
    share_with = forms.MultipleChoiceField(
        label=_("Who may we share your report with?"),
        help_text=_(
            "Select all that apply. We share only with those you select, and only while you agree. "
            "You can change your mind at any time from your private link."
        ),
        widget=forms.CheckboxSelectMultiple,
        choices=SharingPartner.choices,
        required=False,
    )


class MultiplePhotosInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotosField(forms.FileField):
    widget = MultiplePhotosInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultiplePhotosField, self).clean(item, initial) for item in data]
        return super().clean(data, initial)


class PhotosForm(forms.Form):
    photos = MultiplePhotosField(
        label=_("Upload photos (optional)"),
        help_text=_("Up to 3 photos, each smaller than 10MB. We remove location details from photos."),
        required=False,
        widget=MultiplePhotosInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )


class EvidenceForm(forms.Form):
    """Checked by content when uploaded (evidence.py); the field shares the photo step's name so
    both steps keep their files the same way."""

    photos = MultiplePhotosField(
        label=_("Add photos, screenshots or documents (optional)"),
        help_text=_(
            "For example, a screenshot of an abusive post or message. Up to 5 files: photos, "
            "screenshots (JPG, PNG or WEBP) or PDFs, each smaller than 10MB. "
            "We remove location and other hidden details from them."
        ),
        required=False,
        widget=MultiplePhotosInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}),
    )


class WorryRouteForm(forms.Form):
    worry_route = choice(
        WorryRoute.choices,
        label=_("What would you like to do?"),
        required_message=_("Select what you would like to do"),
    )


class PersonForm(forms.Form):
    person_of_concern = LongText(
        label=_("Who are you worried about?"),
        help_text=_(
            "Share only what you are comfortable sharing, for example their first name, age and the area they live in."
        ),
        max_length=2000,
        required_message=_("Tell us who you are worried about"),
    )


class ConcernForm(forms.Form):
    description = LongText(
        label=_("What has worried you?"),
        help_text=_("For example, changes in what they say or do, or things they have shared online."),
        max_length=10000,
        required_message=_("Tell us what has worried you"),
    )


class WorryAreaForm(forms.Form):
    borough = forms.ChoiceField(
        label=_("Which area do they live in?"),
        choices=(),
        error_messages={
            "required": _("Select the area they live in"),
            "invalid_choice": _("Select the area they live in"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["borough"]).choices = [
            ("", _("Choose an area")),
            *Area.objects.boroughs().order_by("name").values_list("code", "name"),
        ]


class ContactForm(forms.Form):
    contact_name = Text(label=_("Your name (optional)"), max_length=200)
    contact_email = forms.EmailField(
        label=_("Email address (optional)"),
        help_text=_("We will email you your reference and tell you when something happens."),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Enter an email address in the correct format, like name@example.com")},
    )
    contact_phone = Text(label=_("Phone number (optional)"), max_length=40)

    phone_required = False

    def clean_contact_phone(self) -> str:
        phone = self.cleaned_data.get("contact_phone", "")
        if phone and not re.fullmatch(r"[0-9 +()\-]{6,40}", phone):
            raise forms.ValidationError(_("Enter a phone number, like 01632 960 001 or 07700 900 982"))
        if self.phone_required and not phone:
            raise forms.ValidationError(_("Enter a phone number so that an advisor can call you back"))
        return phone


class CallBackContactForm(ContactForm):
    phone_required = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_phone"].label = _("Phone number")
        self.fields["contact_phone"].help_text = _("A trained advisor will call you on this number.")
