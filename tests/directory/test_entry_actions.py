"""Adding, editing and withdrawing entries: who may, what each refusal says, the audit trail row,
and nothing changed when an action is refused."""

from datetime import time
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from commonground.core.conflicts import ConflictError
from commonground.core.models import Area, AuditEvent
from commonground.core.roles import Role
from commonground.directory.actions.entries import HoursRange, add_entry, edit_entry, set_published
from commonground.directory.models import DirectoryEntry, EntryKind
from tests.directory.world import a_lead, a_manager, a_space_details, an_entry, details, postcodes
from tests.factories import BOLTON, OLDHAM, staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postcodes():
    postcodes()


def test_a_lead_adds_an_entry_placed_by_its_postcode():
    lead = a_lead()
    entry = add_entry(actor=lead, details=details(postcode="bl26pn"))
    assert entry.postcode == "BL2 6PN"
    assert entry.borough == Area.objects.get(code=BOLTON)
    assert entry.ward.name == "Breightmet"
    assert entry.latitude == pytest.approx(53.583279)
    assert entry.longitude == pytest.approx(-2.386657)
    assert [h.weekday for h in entry.opening_hours.all()] == [0, 0, 2]
    assert list(entry.languages.values_list("code", flat=True)) == ["ur"]
    assert entry.published and entry.latest_audit_result == ""
    event = AuditEvent.objects.get(object_type="directory.directoryentry", action="create")
    assert event.actor == lead and event.changes["borough"] == BOLTON


def test_a_meeting_space_is_added_with_capacity_and_cost():
    entry = add_entry(
        actor=a_lead(), details=a_space_details(cost_per_hour=Decimal("12.50"), cost_note="Ask")
    )
    assert (entry.kind, entry.capacity, entry.cost_per_hour) == (
        EntryKind.MEETING_SPACE,
        40,
        Decimal("12.50"),
    )


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"postcode": "not a postcode"}, "postcode", "Enter a real postcode"),
        ({"postcode": "ZZ1 1ZZ"}, "postcode", "We do not know the postcode ZZ1 1ZZ"),
        ({"postcode": "OL2 8AG"}, "postcode", "outside your boroughs"),
        ({"organisation_name": " "}, "organisation_name", "Enter the organisation's name"),
        ({"address_lines": ""}, "address_lines", "Enter the address"),
        (
            {"opening_hours": (HoursRange(1, time(17), time(9)),)},
            "opening_hours",
            "On Tuesday, the closing time (09:00) must be after the opening time (17:00)",
        ),
        (
            {"opening_hours": (HoursRange(1, time(9), time(13)), HoursRange(1, time(12), time(17)))},
            "opening_hours",
            "On Tuesday, two ranges of opening hours overlap",
        ),
        ({"kind": EntryKind.MEETING_SPACE}, "capacity", "Enter how many people the space holds"),
        ({"kind": EntryKind.MEETING_SPACE, "capacity": 0}, "capacity", "1 or more people"),
        (
            {"kind": EntryKind.MEETING_SPACE, "capacity": 5, "cost_per_hour": Decimal(-1)},
            "cost_per_hour",
            "£0",
        ),
    ],
)
def test_bad_details_are_refused_with_a_message_and_nothing_is_saved(changes, field, words):
    with pytest.raises(ValidationError) as refused:
        add_entry(actor=a_lead(), details=details(**changes))
    assert any(words in message for message in refused.value.message_dict[field])
    assert not DirectoryEntry.objects.exists()
    assert not AuditEvent.objects.filter(object_type="directory.directoryentry").exists()


@pytest.mark.parametrize("role", [Role.PARTNER_OFFICER, Role.TRIAGE_OFFICER, Role.REPORTING_CENTRE_WORKER])
def test_staff_who_do_not_keep_the_directory_may_not_add(role):
    with pytest.raises(PermissionDenied):
        add_entry(actor=staff(role, BOLTON), details=details())
    assert not DirectoryEntry.objects.exists()


def test_the_programme_manager_adds_in_any_borough():
    entry = add_entry(actor=a_manager(), details=details(postcode="OL2 8AG"))
    assert entry.borough.code == OLDHAM


def test_an_edit_changes_the_details_and_records_which_fields():
    lead = a_lead()
    entry = add_entry(actor=lead, details=details())
    edited = edit_entry(
        actor=lead,
        entry=entry,
        expected_version=1,
        details=details(phone="0161 496 0001", opening_hours=(HoursRange(4, time(9), time(12)),)),
    )
    assert edited.version == 2 and edited.phone == "0161 496 0001"
    assert [(h.weekday, h.opens_at) for h in edited.opening_hours.all()] == [(4, time(9))]
    event = AuditEvent.objects.get(object_type="directory.directoryentry", action="update")
    assert event.changes["fields"] == ["phone", "opening_hours"]
    assert event.changes["version"] == [1, 2]


def test_an_edit_that_changes_nothing_keeps_the_version():
    lead = a_lead()
    entry = add_entry(actor=lead, details=details())
    assert edit_entry(actor=lead, entry=entry, expected_version=1, details=details()).version == 1


def test_a_stale_edit_is_refused_naming_what_changed():
    lead, colleague = a_lead(), a_lead()
    entry = add_entry(actor=lead, details=details())
    edit_entry(actor=colleague, entry=entry, expected_version=1, details=details(phone="0161 496 0002"))
    with pytest.raises(ConflictError) as conflict:
        edit_entry(
            actor=lead, entry=entry, expected_version=1, details=details(website="https://example.org")
        )
    assert conflict.value.changed == {"phone": "The phone number"}
    assert conflict.value.current_version == 2
    entry.refresh_from_db()
    assert entry.website == "" and entry.phone == "0161 496 0002"


def test_another_boroughs_lead_may_not_edit_or_withdraw():
    entry = an_entry()
    outsider = a_lead(OLDHAM)
    with pytest.raises(PermissionDenied):
        edit_entry(actor=outsider, entry=entry, expected_version=1, details=details(phone="1"))
    with pytest.raises(PermissionDenied):
        set_published(actor=outsider, entry=entry, published=False, reason="Closed")
    entry.refresh_from_db()
    assert entry.published and entry.phone == ""


def test_moving_an_entry_out_of_ones_boroughs_is_refused():
    lead = a_lead()
    entry = add_entry(actor=lead, details=details())
    with pytest.raises(ValidationError) as refused:
        edit_entry(actor=lead, entry=entry, expected_version=1, details=details(postcode="OL2 8AG"))
    assert "outside your boroughs" in refused.value.message_dict["postcode"][0]
    entry.refresh_from_db()
    assert entry.postcode == "BL2 6PN" and entry.version == 1


def test_withdrawing_needs_a_reason_and_is_audited():
    lead = a_lead()
    entry = add_entry(actor=lead, details=details())
    with pytest.raises(ValidationError):
        set_published(actor=lead, entry=entry, published=False, reason=" ")
    withdrawn = set_published(actor=lead, entry=entry, published=False, reason="The centre has closed")
    assert not withdrawn.published and withdrawn.version == 2
    event = AuditEvent.objects.get(object_type="directory.directoryentry", action="update")
    assert event.reason == "The centre has closed" and event.changes["published"] is False
    assert set_published(actor=lead, entry=entry, published=True).published
