"""Views and API handlers are adapters: they call queries and actions, never the ORM directly."""

import re
from pathlib import Path

from django.conf import settings

ADAPTER_FILES = [
    *Path(settings.BASE_DIR, "commonground").glob("*/views.py"),
    *Path(settings.BASE_DIR, "commonground").glob("*/views/*.py"),
    *Path(settings.BASE_DIR, "commonground", "api", "routers").rglob("*.py"),
]
ORM_USE = re.compile(r"\.objects\b|\.save\(|\.delete\(|select_for_update|\.update\(")


def test_there_are_adapter_modules_to_check():
    assert len(ADAPTER_FILES) >= 4


def test_no_view_or_api_handler_queries_or_writes_through_the_orm():
    offenders = []
    for path in ADAPTER_FILES:
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if ORM_USE.search(line) and not line.lstrip().startswith("#"):
                offenders.append(f"{path.relative_to(settings.BASE_DIR)}:{number}: {line.strip()}")
    assert offenders == [], "Move these into the app's queries.py or actions:\n" + "\n".join(offenders)
