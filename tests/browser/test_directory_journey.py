"""A borough programme lead keeps Bolton's directory through the pages: adds a meeting space (a
capacity of zero and opening hours that end before they start are refused, with what was typed
kept), audits it against the checklist, and finds it shown to the public. axe-core checks every
page on the way, the error pages too."""

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from commonground.core.actions.places import import_postcodes
from commonground.directory import demo
from commonground.directory.models import AuditChecklistItem, DirectoryEntry, EntryKind
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def arrive(page: Page, heading: str) -> None:
    expect(page.locator("h1")).to_contain_text(heading)
    assert_accessible(page)


def test_a_borough_lead_adds_and_audits_a_meeting_space(page, site_data):
    demo.load_demo()  # the languages and checklist, emptied with the database
    import_postcodes(actor=None, path=settings.DEFAULT_PLACES_DIR / "postcodes_sample.csv")
    sign_in(page, "borough-lead")
    page.get_by_role("link", name="Reporting centres and meeting spaces").first.click()
    arrive(page, "Reporting centres and meeting spaces")
    page.get_by_role("button", name="Add a reporting centre or meeting space").click()
    arrive(page, "Add a reporting centre or meeting space")

    page.get_by_label(EntryKind.MEETING_SPACE.label).check()
    page.get_by_label("Organisation's name").fill("Demo Browser Hall")
    page.get_by_label("Address").fill("1 Demo Street\nBolton")
    page.get_by_label("Postcode").fill("BL2 6PN")
    page.get_by_label("Monday session 1: opens").fill("17:00")
    page.get_by_label("Monday session 1: closes").fill("09:00")
    page.get_by_label("Urdu").check()
    page.get_by_label("Step-free access").check()
    page.get_by_label("Capacity (meeting spaces)").fill("0")
    page.get_by_role("button", name="Save").click()
    arrive(page, "Add a reporting centre or meeting space")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The capacity must be 1 or more people")
    expect(summary).to_contain_text(
        "On Monday, the closing time (09:00) must be after the opening time (17:00)"
    )
    expect(page.get_by_label("Organisation's name")).to_have_value("Demo Browser Hall")
    expect(page.get_by_label("Urdu")).to_be_checked()

    page.get_by_label("Monday session 1: opens").fill("09:00")
    page.get_by_label("Monday session 1: closes").fill("12:00")
    page.get_by_label("Monday session 2: opens").fill("13:00")
    page.get_by_label("Monday session 2: closes").fill("17:00")
    page.get_by_label("Capacity (meeting spaces)").fill("40")
    page.get_by_role("button", name="Save").click()
    arrive(page, "Demo Browser Hall")
    expect(page.locator(".govuk-inset-text")).to_contain_text("Hidden from the public until an audit")
    assert DirectoryEntry.objects.get().opening_hours.count() == 2

    page.get_by_role("button", name="Record an audit").click()
    arrive(page, "Record an audit")
    page.get_by_role("button", name="Save the audit").click()
    arrive(page, "Record an audit")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date of the audit")
    today = timezone.localdate()
    page.get_by_label("Date of the audit").fill(f"{today.day}/{today.month}/{today.year}")
    for item in AuditChecklistItem.objects.filter(applies_to=EntryKind.MEETING_SPACE, active=True):
        page.get_by_role("group", name=item.text).get_by_label("Met", exact=True).check()
    page.get_by_label("Meets the standard", exact=True).check()
    page.get_by_role("button", name="Save the audit").click()
    arrive(page, "Demo Browser Hall")
    expect(page.locator(".govuk-inset-text")).to_contain_text("Shown to the public")

    page.get_by_role("button", name="Edit the entry").click()
    arrive(page, "Edit Demo Browser Hall")
    expect(page.get_by_label("Monday session 2: opens")).to_have_value("13:00")
