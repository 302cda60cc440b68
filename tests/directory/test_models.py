"""The directories' reference data is loaded by its migration, and the database refuses what the
issue lists as bad input (a space with no capacity or a capacity of zero, opening hours that end
before they start, a negative cost), whatever the form does."""

from datetime import time

import pytest
from django.db import IntegrityError, transaction

from commonground.directory import listing_rules
from commonground.directory.models import (
    AuditChecklistItem,
    AuditResult,
    DirectoryEntry,
    EntryKind,
    Language,
    OpeningHours,
)

pytestmark = pytest.mark.django_db


def _entry(**fields) -> DirectoryEntry:
    values = {
        "kind": EntryKind.REPORTING_CENTRE,
        "organisation_name": "Demo Advice Centre",
        "address_lines": "1 Demo Street\nBolton",
        "postcode": "BL2 6PN",
    }
    values.update(fields)
    return DirectoryEntry.objects.create(**values)


def test_the_languages_common_in_greater_manchester_are_seeded():
    names = set(Language.objects.values_list("name", flat=True))
    assert {
        "English",
        "Urdu",
        "Punjabi",
        "Polish",
        "Chinese (Cantonese)",
        "Chinese (Mandarin)",
        "Tigrinya",
    } <= names
    assert Language.objects.first().name == "English"


def test_the_checklist_is_seeded_for_both_kinds():
    centre = AuditChecklistItem.objects.filter(applies_to=EntryKind.REPORTING_CENTRE, active=True)
    space = AuditChecklistItem.objects.filter(applies_to=EntryKind.MEETING_SPACE, active=True)
    assert centre.count() == 8
    assert space.count() == 7
    assert centre.filter(key="private-space").exists()
    assert space.filter(key="fire-safety-and-insurance").exists()


def test_a_meeting_space_needs_a_capacity():
    with pytest.raises(IntegrityError), transaction.atomic():
        _entry(kind=EntryKind.MEETING_SPACE, capacity=None)


def test_a_capacity_of_zero_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        _entry(kind=EntryKind.MEETING_SPACE, capacity=0)


def test_a_negative_cost_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        _entry(kind=EntryKind.MEETING_SPACE, capacity=20, cost_per_hour=-1)


def test_a_reporting_centre_needs_no_capacity():
    assert _entry().capacity is None


def test_opening_hours_must_end_after_they_start():
    entry = _entry()
    OpeningHours.objects.create(entry=entry, weekday=0, opens_at=time(9), closes_at=time(12))
    OpeningHours.objects.create(entry=entry, weekday=0, opens_at=time(13), closes_at=time(17))
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningHours.objects.create(entry=entry, weekday=1, opens_at=time(17), closes_at=time(9))
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningHours.objects.create(entry=entry, weekday=7, opens_at=time(9), closes_at=time(17))
    assert entry.opening_hours.count() == 2


def test_the_audit_results_are_those_of_the_listing_rules():
    assert {AuditResult.MEETS, AuditResult.MEETS_WITH_ACTIONS} == listing_rules.LISTED_RESULTS
    assert AuditResult.DOES_NOT_MEET == listing_rules.DOES_NOT_MEET
