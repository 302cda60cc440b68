"""Advice pages are written by staff in Markdown and shown sanitised, with GOV.UK classes."""

import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

register = template.Library()

ALLOWED_TAGS = {"h2", "h3", "p", "ul", "ol", "li", "a", "strong", "em", "br"}
GOVUK_CLASSES = {
    "<h2>": '<h2 class="govuk-heading-m">',
    "<h3>": '<h3 class="govuk-heading-s">',
    "<p>": '<p class="govuk-body">',
    "<ul>": '<ul class="govuk-list govuk-list--bullet">',
    "<ol>": '<ol class="govuk-list govuk-list--number">',
    "<a ": '<a class="govuk-link" ',
}


@register.filter
def markdown_safe(text: str) -> str:
    html = markdown_lib.markdown(text or "")
    allowed = {"https", "http", "mailto", "tel"}
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}}, url_schemes=allowed)
    for bare, styled in GOVUK_CLASSES.items():
        clean = clean.replace(bare, styled)
    return mark_safe(clean)  # noqa: S308 (sanitised by nh3 just above)
