"""GOV.UK Design System form rendering for Django forms: labels, hints, inline errors and the
error summary, so every form in the service follows the same accessible pattern."""

from django import forms, template

register = template.Library()


def _kind(widget: forms.Widget) -> str:
    # CheckboxSelectMultiple is a subclass of RadioSelect, so it must be recognised first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


_CLASSES = {
    "input": "govuk-input",
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "file": "govuk-file-upload",
}


@register.inclusion_tag("govuk/field.html")
def govuk_field(field, label_size="", page_heading=False, width="", autocomplete="", spellcheck=None):
    kind = _kind(field.field.widget)
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    attrs = {}
    if kind in _CLASSES:
        classes = [_CLASSES[kind]]
        if width:
            classes.append(f"govuk-input--width-{width}" if width.isdigit() else f"govuk-!-width-{width}")
        if field.errors:
            classes.append(f"{_CLASSES[kind]}--error")
        attrs["class"] = " ".join(classes)
        if described_by:
            attrs["aria-describedby"] = " ".join(described_by)
        if autocomplete:
            attrs["autocomplete"] = autocomplete
        if spellcheck is not None:
            attrs["spellcheck"] = "true" if spellcheck else "false"
    return {
        "field": field,
        "kind": kind,
        "widget_html": field.as_widget(attrs=attrs) if kind in _CLASSES else "",
        "label_size": label_size,
        "page_heading": page_heading,
        "described_by": " ".join(described_by),
    }


@register.inclusion_tag("govuk/error_summary.html")
def govuk_error_summary(*forms_to_summarise):
    errors = []
    for form in forms_to_summarise:
        if form is None or not form.errors:
            continue
        for message in form.non_field_errors():
            errors.append({"href": "#main-content", "message": message})
        for bound in form:
            for message in bound.errors:
                target = bound.auto_id
                if _kind(bound.field.widget) in ("radios", "checkboxes"):
                    target = f"{bound.auto_id}_0"
                errors.append({"href": f"#{target}", "message": message})
    return {"errors": errors}
