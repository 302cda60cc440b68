"""The staff pages, driven as people use them: a lead adds an entry through the form and finds it
in the list; an unknown or malformed postcode, opening hours that end before they start and a
capacity of zero each get a clear message with nothing typed lost; a stale edit says what changed;
an audit is recorded through its form (not in the future, a finding per item); an action is marked
done; another borough's lead finds nothing; the overdue entries wait on the auditor's home."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from commonground.core.roles import Role
from commonground.directory.actions.audits import checklist_for
from commonground.directory.actions.entries import edit_entry
from commonground.directory.models import Audit, AuditResult, DirectoryEntry, EntryKind, Language
from tests.conftest import signed_in
from tests.directory.world import a_lead, an_audit, an_entry, details, postcodes
from tests.factories import BOLTON, OLDHAM, staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postcodes():
    postcodes()


def entry_form(**changes):
    form = {
        "kind": EntryKind.REPORTING_CENTRE,
        "organisation_name": "Demo Typed Centre",
        "place_name": "Back room",
        "address_lines": "2 Demo Street\nBolton",
        "postcode": "bl2 6pn",
        "languages": [str(Language.objects.get(code="pl").pk)],
        "hearing_loop": "on",
        "hours_0_0_opens": "09:00",
        "hours_0_0_closes": "12:30",
        "hours_0_1_opens": "13:30",
        "hours_0_1_closes": "17:00",
        "hours_4_0_opens": "10:00",
        "hours_4_0_closes": "14:00",
        "opening_hours_note": "Closed on bank holidays",
    }
    form.update(changes)
    return form


def test_a_lead_adds_an_entry_through_the_form_and_finds_it_in_the_list():
    client = signed_in(a_lead())
    response = client.post(reverse("directory:staff-new"), entry_form())
    entry = DirectoryEntry.objects.get()
    assert response.status_code == 302 and response.url == reverse("directory:staff-entry", args=[entry.pk])
    assert [(h.weekday, f"{h.opens_at:%H:%M}") for h in entry.opening_hours.all()] == [
        (0, "09:00"),
        (0, "13:30"),
        (4, "10:00"),
    ]
    assert entry.hearing_loop and not entry.step_free_access
    page = client.get(response.url).content.decode()
    assert "Demo Typed Centre, Back room" in page
    assert "Hidden from the public until an audit finds it meets the standard" in page
    assert "Monday 09:00 to 12:30" in page and "Polish" in page
    listing = client.get(reverse("directory:staff-list")).content.decode()
    assert "Demo Typed Centre" in listing and "Never audited" in listing


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"postcode": "12345"}, "Enter a real postcode, like BL2 6PN"),
        ({"postcode": "ZZ1 1ZZ"}, "We do not know the postcode ZZ1 1ZZ in Greater Manchester"),
        (
            {"hours_2_0_opens": "17:00", "hours_2_0_closes": "09:00"},
            "On Wednesday, the closing time (09:00) must be after the opening time (17:00)",
        ),
        ({"hours_2_0_opens": "nine", "hours_2_0_closes": "17:00"}, "Enter the time as hours and minutes"),
        ({"hours_3_0_opens": "09:00"}, "Enter the time it closes on Thursday"),
        ({"kind": EntryKind.MEETING_SPACE, "capacity": "0"}, "The capacity must be 1 or more people"),
        ({"kind": EntryKind.MEETING_SPACE, "capacity": ""}, "Enter how many people the space holds"),
        ({"kind": EntryKind.MEETING_SPACE, "capacity": "forty"}, "Enter the capacity as a whole number"),
        ({"organisation_name": ""}, "Enter the organisation&#x27;s name"),
    ],
)
def test_bad_input_gets_a_clear_message_and_loses_nothing_typed(changes, message):
    client = signed_in(a_lead())
    response = client.post(reverse("directory:staff-new"), entry_form(**changes))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "<title>Error:" in page and "govuk-error-summary" in page
    assert "2 Demo Street" in page and 'value="13:30"' in page and "Closed on bank holidays" in page
    assert not DirectoryEntry.objects.exists()


def test_the_edit_form_shows_the_entry_and_saves_changes():
    lead = a_lead()
    entry = an_entry(lead)
    client = signed_in(lead)
    page = client.get(reverse("directory:staff-edit", args=[entry.pk])).content.decode()
    assert 'value="09:00"' in page and 'value="12:30"' in page and "Demo Test Advice Centre" in page
    form = entry_form(organisation_name="Demo Renamed Centre", version="1")
    response = client.post(reverse("directory:staff-edit", args=[entry.pk]), form)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.organisation_name == "Demo Renamed Centre" and entry.version == 2


def test_a_stale_edit_says_what_changed_and_keeps_what_was_typed():
    lead = a_lead()
    entry = an_entry(lead)
    client = signed_in(lead)
    edit_entry(actor=a_lead(), entry=entry, expected_version=1, details=details(phone="0161 496 0003"))
    response = client.post(
        reverse("directory:staff-edit", args=[entry.pk]),
        entry_form(organisation_name="Demo Mine", version="1"),
    )
    page = response.content.decode()
    assert "Someone else changed this entry while you were editing it" in page
    assert "The phone number" in page
    assert "Demo Mine" in page and 'name="version" value="2"' in page
    entry.refresh_from_db()
    assert entry.organisation_name == "Demo Test Advice Centre"
    # Saving again knowingly replaces their change.
    again = client.post(
        reverse("directory:staff-edit", args=[entry.pk]),
        entry_form(organisation_name="Demo Mine", version="2"),
    )
    assert again.status_code == 302
    entry.refresh_from_db()
    assert entry.organisation_name == "Demo Mine"


def test_withdrawing_asks_why_then_hides_the_entry():
    lead = a_lead()
    entry = an_entry(lead)
    client = signed_in(lead)
    url = reverse("directory:staff-withdraw", args=[entry.pk])
    assert "Say why the entry is withdrawn" in client.post(url, {"reason": ""}).content.decode()
    assert client.post(url, {"reason": "Closed for refurbishment"}).status_code == 302
    entry.refresh_from_db()
    assert not entry.published
    page = client.get(reverse("directory:staff-entry", args=[entry.pk])).content.decode()
    assert "Withdrawn: hidden from the public" in page
    client.post(reverse("directory:staff-publish", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.published


def audit_form(entry, **changes):
    form = {
        "audited_on": timezone.localdate().strftime("%d/%m/%Y"),
        "result": AuditResult.MEETS,
        "summary": "Fine",
    }
    for item in checklist_for(entry.kind):
        form[f"finding_{item.pk}"] = "yes"
    form.update(changes)
    return form


def test_an_audit_is_recorded_through_its_form_and_shown_in_the_history():
    lead = a_lead()
    entry = an_entry(lead)
    client = signed_in(lead)
    form = audit_form(
        entry,
        result=AuditResult.MEETS_WITH_ACTIONS,
        action_0_description="Put up a sign outside",
        action_0_due_on=(timezone.localdate() + timedelta(days=20)).strftime("%d/%m/%Y"),
    )
    response = client.post(reverse("directory:staff-audit", args=[entry.pk]), form)
    assert response.status_code == 302
    audit = Audit.objects.get()
    assert audit.result == AuditResult.MEETS_WITH_ACTIONS and audit.actions.count() == 1
    page = client.get(reverse("directory:staff-entry", args=[entry.pk])).content.decode()
    assert "Meets the standard, with actions" in page and "Put up a sign outside" in page
    assert "Shown to the public" in page
    action = audit.actions.get()
    client.post(reverse("directory:staff-action-done", args=[action.pk]))
    action.refresh_from_db()
    assert action.done_on == timezone.localdate()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"audited_on": "1/1/2999"}, "must be today"),
        ({"audited_on": "31/2/2026"}, "Enter a real date"),
        ({"result": ""}, "Select the result of the audit"),
        ({"result": AuditResult.MEETS_WITH_ACTIONS}, "Add the actions the place must take"),
        ({"action_0_description": "Signage"}, "Enter the date action 1 is due by"),
    ],
)
def test_a_bad_audit_gets_a_clear_message(changes, message):
    lead = a_lead()
    entry = an_entry(lead)
    response = signed_in(lead).post(
        reverse("directory:staff-audit", args=[entry.pk]), audit_form(entry, **changes)
    )
    page = response.content.decode()
    assert response.status_code == 200 and escape(message) in page
    assert "Fine" in page
    assert not Audit.objects.exists()


def test_a_missing_finding_is_named():
    lead = a_lead()
    entry = an_entry(lead)
    form = audit_form(entry)
    first = next(name for name in form if name.startswith("finding_"))
    del form[first]
    page = signed_in(lead).post(reverse("directory:staff-audit", args=[entry.pk]), form).content.decode()
    assert "Say whether this was met:" in page
    assert not Audit.objects.exists()


def test_the_list_filters_by_overdue_and_hidden():
    lead = a_lead()
    shown = an_entry(lead, organisation_name="Demo Shown Centre")
    an_audit(shown, lead)
    an_entry(lead, organisation_name="Demo Never Audited Centre")
    old = an_entry(lead, organisation_name="Demo Old Audit Centre")
    an_audit(old, lead, days_ago=400)
    client = signed_in(lead)
    overdue = client.get(reverse("directory:staff-list"), {"overdue": "on"}).content.decode()
    assert "Demo Never Audited Centre" in overdue and "Demo Old Audit Centre" in overdue
    assert "Demo Shown Centre" not in overdue
    assert "Overdue for audit" in overdue
    hidden = client.get(reverse("directory:staff-list"), {"hidden": "on"}).content.decode()
    assert "Demo Never Audited Centre" in hidden and "Demo Shown Centre" not in hidden
    spaces = client.get(reverse("directory:staff-list"), {"kind": EntryKind.MEETING_SPACE}).content.decode()
    assert "No entry matches these filters" in spaces
    odd = client.get(reverse("directory:staff-list"), {"borough": "nonsense", "kind": "x", "page": "-1"})
    assert odd.status_code == 200


def test_another_boroughs_lead_finds_nothing():
    entry = an_entry()
    client = signed_in(a_lead(OLDHAM))
    for name in ("staff-entry", "staff-edit", "staff-withdraw", "staff-audit"):
        assert client.get(reverse(f"directory:{name}", args=[entry.pk])).status_code == 404
    assert "Demo Test Advice Centre" not in client.get(reverse("directory:staff-list")).content.decode()


def test_other_staff_are_refused():
    client = signed_in(staff(Role.PARTNER_OFFICER, BOLTON))
    assert client.get(reverse("directory:staff-list")).status_code == 403


def test_overdue_entries_wait_on_the_auditors_home():
    lead = a_lead()
    an_entry(lead, organisation_name="Demo Waiting Centre")
    page = signed_in(lead).get(reverse("core:staff-home")).content.decode()
    assert "Directory entries overdue for audit" in page and "Demo Waiting Centre" in page
    assert "Reporting centres and meeting spaces" in page
