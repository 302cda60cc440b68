"""What the migrations and the test session put in the test database, put back after a test that
commits (its flush empties every table). Without it a later test in the same process, in any order,
would find no boroughs, hate crime strands, vulnerability factors, tension scale or framework."""

import importlib

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models.signals import post_save

from commonground.core import append_only
from commonground.core.actions.places import load_places
from commonground.core.models import Agency

# The data migrations' forward functions, in migration order (each fills empty tables).
SEEDS = [
    ("commonground.reports.migrations.0002_reference_content", "seed"),
    ("commonground.reports.migrations.0006_partner_consent_and_partnership_triage", "forwards"),
    ("commonground.reports.migrations.0008_advice_pages_in_urdu_and_polish", "add_translations"),
    ("commonground.safeguarding.migrations.0003_vulnerability_factors", "seed"),
    ("commonground.tension.migrations.0002_default_scale", "add_levels"),
    ("commonground.programme.migrations.0002_reference_data", "load"),
]


def restore_seeded_data() -> None:
    # What is put back is the session's, not the test's: no agency it makes joins a test's agreement
    # (tests/conftest.py `partnership_sharing_agreed`), which would outlive the test.
    post_save.disconnect(sender=Agency, dispatch_uid="tests.partnership_sharing_agreed")
    append_only.install(connection)
    load_places(actor=None, folder=settings.DEFAULT_PLACES_DIR)
    for module, function in SEEDS:
        getattr(importlib.import_module(module), function)(apps, None)
