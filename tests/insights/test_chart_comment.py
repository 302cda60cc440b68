"""Template comments never reach the page: a `{# #}` spanning lines would be printed."""

from pathlib import Path

from django.conf import settings


def test_no_template_comment_spans_lines():
    offenders = []
    for template in Path(settings.BASE_DIR, "commonground").rglob("*.html"):
        for number, line in enumerate(template.read_text().splitlines(), 1):
            if line.count("{#") != line.count("#}"):
                offenders.append(f"{template}:{number}")
    assert not offenders, offenders
