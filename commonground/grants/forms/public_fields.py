"""Fields shared by the applicant's forms: text that refuses control characters, money as people
type it ("£1,200.50"), and a yes/no declaration."""

import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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
    widget = forms.Textarea(attrs={"rows": 5})


class Money(forms.CharField):
    """An amount in pounds, as typed: "£1,200", "1200.50". Cleans to a Decimal (or None)."""

    def __init__(self, *, required_message: "StrOrPromise" = "", **kwargs):
        kwargs.setdefault("required", bool(required_message))
        super().__init__(max_length=20, error_messages={"required": required_message}, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal"})

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        plain = text.replace("£", "").replace(",", "").strip()
        try:
            amount = Decimal(plain)
        except InvalidOperation:
            raise forms.ValidationError(_("Enter an amount in pounds, like 1200 or 1200.50")) from None
        if not amount.is_finite() or amount <= 0:
            raise forms.ValidationError(_("Enter an amount more than £0"))
        if amount.as_tuple().exponent < -2:  # type: ignore[operator]  # finite: the exponent is an int
            raise forms.ValidationError(_("Enter an amount in pounds and pence, like 1200.50"))
        if amount >= Decimal("10000000"):
            raise forms.ValidationError(_("Enter an amount less than £10,000,000"))
        return amount.quantize(Decimal("0.01"))
