"""GOV.UK form helpers shared by every app: showing an action's refusal on a form, a date field,
reading a typed day, a select that cleans to the object chosen, and the form shown again after an edit conflict."""

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.functional import Promise

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    Words = str | _StrPromise
else:
    Words = str | Promise

from commonground.core.conflicts import ConflictError

DATE_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%Y-%m-%d", "%d-%m-%Y"]
DATE_EXAMPLE = "For example, 27/3/2026"


def parse_day(text: str) -> date | None:
    """The day typed in `text` in any of `DATE_FORMATS`, or None if it is not one."""
    for date_format in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), date_format).date()
        except ValueError:
            continue
    return None


def add_action_errors(
    form: forms.Form, error: ValidationError, aliases: Mapping[str, str] | None = None
) -> None:
    """Show an action's refusal on the form: on the field it names (or the form field `aliases`
    gives for it), or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.message_dict.items():
        name = (aliases or {}).get(name, name)
        form.add_error(name if name in form.fields else None, messages)


def date_field(
    label: Words,
    *,
    invalid: Words,
    required_message: Words = "",
    required: bool = True,
    help_text: Words = DATE_EXAMPLE,
) -> forms.DateField:
    """A date typed as day/month/year (or the other forms people use), with GOV.UK errors: `invalid`
    for a date that cannot be read, `required_message` for one left out."""
    error_messages: dict[str, Words] = {"invalid": invalid}
    if required_message:
        error_messages["required"] = required_message
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        error_messages=error_messages,
    )


def pick_field(
    label: str,
    objects: Iterable[Any],
    describe: Callable[[Any], str],
    *,
    message: str,
    required: bool = True,
    empty: str = "",
    help_text: str = "",
) -> forms.TypedChoiceField:
    """A select of `objects` that cleans to the chosen object (or None)."""
    by_key = {str(obj.pk): obj for obj in objects}
    choices = [("", empty or "Select")] + [(key, describe(obj)) for key, obj in by_key.items()]
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=by_key.get,
        empty_value=None,
        required=required,
        help_text=help_text,
        error_messages={"required": message, "invalid_choice": message},
    )


def conflict_message(error: ConflictError, then: str = "") -> str:
    """What someone else changed, and (if given) what to do next."""
    return f"{error}. {then}" if then else str(error)


def form_after_conflict(
    form_class: Callable[..., forms.Form],
    posted: QueryDict,
    error: ConflictError,
    *,
    version_field: str = "version",
    then: str = "",
    **form_kwargs: Any,
) -> forms.Form:
    """The form again after an edit refused by `ConflictError`: what the person typed, at the version
    now stored (so a second save knowingly replaces the other person's changes), with the conflict
    message above it."""
    data = posted.copy()
    data[version_field] = str(error.current_version)
    form = form_class(data, **form_kwargs)
    form.is_valid()
    form.add_error(None, conflict_message(error, then))
    return form
