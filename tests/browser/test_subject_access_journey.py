"""One person, found everywhere by one subject access search, exported in one file and erased
wherever the rules allow, in a browser: a resident reports a hate incident on the public line and
leaves their details; later they call the helpline, and the advisor logs the call; then a
coordinator refers them. The data protection officer records the request, searches once with a
reason, chooses the three records (grouped as one person), downloads the export, and erases: the
report and the call are erased, the open safeguarding case is kept and listed with the reason; the
statistics read the same before and after. Every page is checked with axe-core."""

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from commonground.core.models import Area
from commonground.reports.models import HelplineCall, Report, ReportKind
from commonground.safeguarding.models import Referral
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.test_report_journeys import Walk
from tests.browser.test_report_journeys import report_site as report_site

pytestmark = pytest.mark.browser

NAME, EMAIL, PHONE = "Amina Begum", "amina.begum@example.org", "07700 900123"


def d(day) -> str:
    return f"{day.day}/{day.month}/{day.year}"


def arrive(page: Page, heading: str | re.Pattern | None = None) -> None:
    if heading is not None:
        expect(page.locator("h1")).to_contain_text(heading)
    assert_accessible(page)


def report_on_the_public_line(walk: Walk) -> str:
    walk.goto("/")
    walk.click(walk.link("Report or get advice"))
    walk.click(walk.link("Report a hate incident"))
    walk.click(walk.button("Start now"))
    walk.label("It happened to me").check()
    walk.continue_()
    walk.label("What happened?").fill("Two men shouted abuse at me about my religion at the bus stop.")
    walk.continue_()
    walk.continue_()  # no photos
    walk.label("When did it happen?").fill(d(timezone.localdate() - timedelta(days=3)))
    walk.continue_()
    walk.label("In a place, such as a street, shop or bus").check()
    walk.continue_()
    walk.label("Or choose the area").select_option(label="Bolton")
    walk.continue_()
    walk.label("Religion or belief").check()
    walk.continue_()
    walk.label("No").check()
    walk.continue_()
    walk.label("No, thank you").check()
    walk.continue_()
    walk.continue_()  # share with nobody
    walk.question("Your name (optional)")
    walk.label("Your name (optional)").fill(NAME)
    walk.label("Email address (optional)").fill(EMAIL)
    walk.label("Phone number (optional)").fill(PHONE)
    walk.continue_()
    walk.click(walk.button("Send report"))
    expect(walk.page.get_by_role("heading", level=1)).to_have_text("Report sent")
    return walk.page.locator(".cg-reference").inner_text().strip()


def log_the_call(advisor: Page) -> None:
    sign_in(advisor, "helpline")
    advisor.goto("/staff/helpline/new/")
    arrive(advisor)
    advisor.get_by_label("Someone it happened to", exact=True).check()
    advisor.get_by_label("A hate incident", exact=True).check()
    advisor.get_by_label("Borough (optional)").select_option(label="Bolton")
    advisor.get_by_label("Advice only", exact=True).check()
    advisor.get_by_label("Length of the call, in minutes").fill("12")
    advisor.get_by_label("Notes (optional)").fill(
        f"{NAME} called again: the same men were at the bus stop. Her neighbour saw it too."
    )
    advisor.get_by_role("button", name="Log call").click()
    arrive(advisor, "Call logged")


def refer(coordinator: Page) -> None:
    sign_in(coordinator, "coordinator")
    coordinator.goto("/staff/safeguarding/refer/")
    arrive(coordinator)
    born = timezone.localdate().replace(year=timezone.localdate().year - 30)
    coordinator.get_by_label("First name", exact=True).fill("Amina")
    coordinator.get_by_label("Last name", exact=True).fill("Begum")
    coordinator.get_by_label("Date of birth", exact=True).fill(d(born))
    coordinator.get_by_label("Borough where they live", exact=True).select_option(label="Bolton")
    coordinator.get_by_label("Your name", exact=True).fill("Demo Coordinator")
    coordinator.get_by_role("group", name="Sector").get_by_label("Local authority", exact=True).check()
    coordinator.get_by_label("Your telephone number or email address").fill("01204 000000")
    coordinator.get_by_label("Describe the concern in your own words").fill(
        "After repeated abuse she has started sharing violent material in reply."
    )
    coordinator.get_by_role("group", name="Type of concern").get_by_label(
        "Extreme right-wing", exact=True
    ).check()
    coordinator.get_by_role(
        "group", name="Does the person know about this referral and agree to it being discussed?"
    ).get_by_label("Yes", exact=True).check()
    coordinator.get_by_role(
        "group", name="Have you discussed this with your organisation's safeguarding lead?"
    ).get_by_label("Yes", exact=True).check()
    coordinator.get_by_role("button", name="Check for existing records").click()
    arrive(coordinator)
    coordinator.get_by_role("button", name="Send referral").click()
    coordinator.wait_for_url("**/staff/")


def statistics(page: Page) -> tuple[str, dict]:
    page.goto("/staff/insights/")
    arrive(page)
    bolton = Area.objects.get(code="E08000001")
    counts = {
        "reports": Report.objects.count(),
        "hate incidents in Bolton": Report.objects.filter(
            kind=ReportKind.HATE_INCIDENT, borough=bolton
        ).count(),
        "calls by topic": sorted(HelplineCall.objects.values_list("topic", "outcome", "caller_type")),
        "referrals": sorted(Referral.objects.values_list("borough_id", "status", "concern_type")),
    }
    return page.locator("main").inner_text(), counts


def test_a_person_is_found_exported_and_erased_everywhere_the_rules_allow(new_context, report_site):
    reference = report_on_the_public_line(Walk(new_context().new_page()))
    log_the_call(new_context().new_page())
    refer(new_context().new_page())

    dpo = new_context(accept_downloads=True).new_page()
    sign_in(dpo, "dpo")
    arrive(dpo)
    before = statistics(dpo)

    # The request, from the staff home.
    dpo.goto("/staff/")
    dpo.get_by_role("link", name="Record a subject access request").click()
    arrive(dpo, "Record a subject access request")
    dpo.get_by_label("The person's name, as they gave it").fill(NAME)
    dpo.get_by_label("How to reach them").fill(EMAIL)
    dpo.get_by_label("The day the request arrived").fill(d(timezone.localdate()))
    dpo.get_by_role("button", name="Record the request").click()
    arrive(dpo, NAME)

    # One search, with a reason: a search without one is refused first.
    dpo.get_by_role("button", name="Search for the person's records").click()
    arrive(dpo, "Search for the person's records")
    dpo.get_by_role("button", name="Search", exact=True).click()
    expect(dpo.locator(".govuk-error-summary")).to_contain_text("Give the reason for this search")
    arrive(dpo)
    dpo.get_by_label("Why are you searching?").fill("Subject access request from Amina Begum")
    dpo.get_by_role("button", name="Search", exact=True).click()
    arrive(dpo)
    expect(dpo.locator("main")).to_contain_text("3 records found, as 1 person")
    expect(dpo.locator("main")).to_contain_text(reference)
    for source in ("Report to the report line", "Helpline call", "Safeguarding referral"):
        expect(dpo.locator("main")).to_contain_text(source)
    for box in dpo.locator('input[name="refs"]').all():
        box.check()
    dpo.get_by_role("button", name="Add the chosen records to the request").click()
    arrive(dpo, NAME)

    # One export file.
    dpo.get_by_role("button", name="Export the chosen records").click()
    arrive(dpo, "Export the chosen records")
    dpo.get_by_label("Why are you disclosing these records?").fill("Answering the request")
    with dpo.expect_download() as download:
        dpo.get_by_role("button", name="Download JSON").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    sources = {record["source"] for record in data["records"]}
    assert sources == {"Report to the report line", "Helpline call", "Safeguarding referral"}
    dpo.goto(dpo.url.replace("export/", ""))
    arrive(dpo)
    expect(dpo.locator("main")).to_contain_text("Answering the request")

    # Erasure everywhere the rules allow; the open case is kept, with the reason.
    dpo.get_by_role("button", name="Erase or restrict").click()
    arrive(dpo, "Erase or restrict the chosen records")
    dpo.get_by_label("Erasure of their data").check()
    dpo.get_by_label("Why are you erasing or restricting these records?").fill("The person asked for erasure")
    dpo.get_by_role("button", name="Erase or restrict").click()
    arrive(dpo, "Done")
    expect(dpo.locator("main")).to_contain_text("An open safeguarding case")

    report = Report.objects.get(reference=reference)
    assert (report.contact_name, report.contact_email, report.contact_phone) == ("", "", "")
    assert not HelplineCall.objects.filter(notes__contains="Amina").exists()
    assert Referral.objects.filter(first_name="Amina", last_name="Begum").exists()
    assert statistics(dpo) == before
