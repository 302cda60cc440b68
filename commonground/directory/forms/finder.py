"""The public finder's search: a postcode or a borough, and the filters. Read from the query string
(a GET form), so a search is a link a person can keep, share or go back to."""

from collections.abc import Sequence
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from commonground.core.models import Area
from commonground.directory.models import Language
from commonground.directory.postcodes import Typed, read_postcode


class FinderForm(forms.Form):
    postcode = forms.CharField(
        required=False,
        label=_("Postcode"),
        help_text=_("For example, BL1 1RU"),
        # Longer input is read, not refused: it gets the "not a postcode" message and is kept.
        max_length=200,
        error_messages={"max_length": _("Enter a full UK postcode, like BL1 1RU, or choose your borough")},
    )
    borough = forms.ChoiceField(
        required=False,
        label=_("Or choose a borough"),
        error_messages={"invalid_choice": _("Choose a borough from the list")},
    )
    open_now = forms.BooleanField(required=False, label=_("Open now"))
    language = forms.ChoiceField(
        required=False,
        label=_("Staff speak"),
        error_messages={"invalid_choice": _("Choose a language from the list")},
    )
    step_free = forms.BooleanField(required=False, label=_("Step-free access"))

    def __init__(self, *args, boroughs: Sequence[Area], languages: Sequence[Language], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["borough"]).choices = [
            ("", _("Choose a borough")),
            *((b.code, b.name) for b in boroughs),
        ]
        cast(forms.ChoiceField, self.fields["language"]).choices = [
            ("", _("Any language")),
            *((lang.code, _(lang.name)) for lang in languages),
        ]

    def clean_postcode(self) -> str:
        typed = read_postcode(self.cleaned_data.get("postcode"))
        if typed.typed is Typed.MALFORMED:
            raise forms.ValidationError(
                _("Enter a full UK postcode, like BL1 1RU, or choose your borough"), code="malformed"
            )
        return typed.postcode

    def clean(self):
        cleaned = super().clean() or {}
        if not self.errors and not cleaned.get("postcode") and not cleaned.get("borough"):
            self.add_error("postcode", _("Enter a postcode or choose a borough"))
        return cleaned

    def postcode_not_known(self) -> None:
        """A well-formed postcode that is not in the postcode table (or has no position)."""
        self.add_error(
            "postcode",
            _("We cannot find the postcode %(postcode)s. Check it, or choose your borough")
            % {"postcode": self.cleaned_data["postcode"]},
        )

    @property
    def malformed_or_unknown(self) -> bool:
        return bool(self.errors.get("postcode")) and bool(self.data.get("postcode", "").strip())
