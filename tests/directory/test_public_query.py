"""The public finders' query: exactly the entries the listing rule shows, of the kind asked for,
with their opening hours and languages, in a constant number of queries however many there are."""

from datetime import time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commonground.core.models import Area
from commonground.directory import listing_rules
from commonground.directory.actions.audits import ActionAgreed
from commonground.directory.actions.entries import add_entry, set_published
from commonground.directory.models import AuditResult, DirectoryEntry, EntryKind, Language, OpeningHours
from commonground.directory.queries.public import publicly_listed
from tests.directory.world import a_manager, a_space_details, an_audit, an_entry, postcodes
from tests.factories import BOLTON

pytestmark = pytest.mark.django_db


def test_only_entries_the_rule_shows_are_listed():
    postcodes()
    manager = a_manager()
    meets = an_entry(manager, organisation_name="Demo Meets")
    an_audit(meets, manager)
    with_actions = an_entry(manager, organisation_name="Demo With Actions")
    an_audit(
        with_actions,
        manager,
        result=AuditResult.MEETS_WITH_ACTIONS,
        actions=[ActionAgreed("Signage", timezone.localdate() + timedelta(days=7))],
    )
    failing = an_entry(manager, organisation_name="Demo Fails")
    an_audit(failing, manager, days_ago=30)
    an_audit(failing, manager, result=AuditResult.DOES_NOT_MEET, days_ago=2)
    an_entry(manager, organisation_name="Demo Never")
    withdrawn = an_entry(manager, organisation_name="Demo Withdrawn")
    an_audit(withdrawn, manager)
    set_published(actor=manager, entry=withdrawn, published=False, reason="Closed")
    space = add_entry(actor=manager, details=a_space_details())
    an_audit(space, manager)

    listed = {entry.organisation_name for entry in publicly_listed()}
    assert listed == {"Demo Meets", "Demo With Actions", "Demo Test Hall"}
    by_the_rule = {
        entry.organisation_name
        for entry in DirectoryEntry.objects.all()
        if listing_rules.shown_to_public(
            published=entry.published, latest_audit_result=entry.latest_audit_result or None
        )
    }
    assert listed == by_the_rule
    assert {e.organisation_name for e in publicly_listed(EntryKind.MEETING_SPACE)} == {"Demo Test Hall"}
    assert "Demo Test Hall" not in {e.organisation_name for e in publicly_listed(EntryKind.REPORTING_CENTRE)}


def _many_listed(count: int) -> None:
    borough = Area.objects.get(code=BOLTON)
    entries = DirectoryEntry.objects.bulk_create(
        DirectoryEntry(
            kind=EntryKind.REPORTING_CENTRE,
            organisation_name=f"Demo Centre {n:05}",
            address_lines="1 Demo Street",
            postcode="BL2 6PN",
            borough=borough,
            latest_audit_on=timezone.localdate(),
            latest_audit_result=AuditResult.MEETS,
        )
        for n in range(count)
    )
    OpeningHours.objects.bulk_create(
        OpeningHours(entry=entry, weekday=day, opens_at=time(9), closes_at=time(17))
        for entry in entries
        for day in range(5)
    )
    urdu = Language.objects.get(code="ur")
    through = DirectoryEntry.languages.through
    through.objects.bulk_create(through(directoryentry_id=entry.pk, language_id=urdu.pk) for entry in entries)


@pytest.mark.parametrize("count", [10, 1000])
def test_a_list_costs_the_same_queries_however_long(count):
    _many_listed(count)
    with CaptureQueriesContext(connection) as queries:
        rows = [
            (
                entry.borough.name,
                [str(hours) for hours in entry.opening_hours.all()],
                [language.name for language in entry.languages.all()],
            )
            for entry in publicly_listed()
        ]
    assert len(rows) == count
    assert rows[0] == (
        "Bolton",
        [f"{day} 09:00 to 17:00" for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")],
        ["Urdu"],
    )
    assert len(queries) == 3
