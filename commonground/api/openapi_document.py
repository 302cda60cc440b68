"""The committed copy of the API's contract: docs/api/openapi.json, the OpenAPI document as served
at /api/v1/openapi.json, pretty-printed with sorted keys so that a change to the contract shows as
a readable diff in review. A test compares the two (tests/api/test_openapi_document.py).

Regenerate it after changing the API on purpose:

    .venv/bin/python -m commonground.api.openapi_document
"""

import json
import os
from pathlib import Path

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.json"
REGENERATE = ".venv/bin/python -m commonground.api.openapi_document"


def render(document: dict) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def live_document() -> dict:
    """The document as /api/v1/openapi.json serves it."""
    from django.test import Client

    response = Client().get("/api/v1/openapi.json")
    if response.status_code != 200:
        raise RuntimeError(f"/api/v1/openapi.json answered {response.status_code}")
    return response.json()


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    COMMITTED.parent.mkdir(parents=True, exist_ok=True)
    COMMITTED.write_text(render(live_document()), encoding="utf-8")
    print(f"Wrote {COMMITTED.relative_to(Path.cwd()) if COMMITTED.is_relative_to(Path.cwd()) else COMMITTED}")


if __name__ == "__main__":
    main()
