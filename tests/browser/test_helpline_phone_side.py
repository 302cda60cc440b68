"""The phone side of the report line in a browser: a resident asks for a call back in the worry
journey; the helpline advisor finds the request in the call-back queue, logs two failed tries and
then the call; and finds another caller's report by its reference and reads out its history.
Every staff page reached is checked with axe-core."""

import datetime

import pytest
from playwright.sync_api import expect

from commonground.reports.actions.submission import ReportAnswers, submit_report
from commonground.reports.models import CallBackRequest, ReportKind, ReportStatus, StatusChange
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.test_report_journeys import Walk
from tests.browser.test_report_journeys import report_site as report_site
from tests.factories import BOLTON

pytestmark = pytest.mark.browser


def test_a_call_back_reaches_the_helpline_and_a_callers_report_is_read_out(new_context, report_site):
    # The resident: the worry journey, asking for a call back.
    walk = Walk(new_context().new_page())
    page = walk.page
    walk.goto("/report/worried-about-someone/")
    expect(page.get_by_test_id("helpline")).to_contain_text("Opening hours")
    walk.click(walk.button("Continue"))
    walk.label("Ask for a call back from a trained advisor").check()
    walk.continue_()
    walk.label("What has worried you?").fill("My nephew has started sharing violent videos.")
    walk.continue_()
    walk.label("Which area do they live in?").select_option(label="Bolton")
    walk.continue_()
    walk.label("Your name (optional)").fill("Sam")
    walk.label("Phone number").fill("07700 900982")
    walk.continue_()
    walk.click(walk.button("Send report"))
    expect(page.locator("main")).to_contain_text("A helpline advisor will call you on the number you gave")

    # Another caller's report, with a note the reporter is told.
    other = submit_report(
        actor=None,
        answers=ReportAnswers(
            kind=ReportKind.HATE_INCIDENT,
            description="Abuse at the bus stop",
            borough_code=BOLTON,
            postcode="BL1 1AA",
            happened_on=datetime.date(2026, 11, 1),
            contact_name="Maria",
        ),
    ).report
    StatusChange.objects.create(
        report=other,
        from_status=ReportStatus.RECEIVED,
        to_status=ReportStatus.TRIAGED,
        reason="Internal reason",
        public_note="We have passed your report to the community safety team.",
    )

    # The advisor: from the staff home to the queue.
    advisor = new_context().new_page()
    sign_in(advisor, "helpline")
    advisor.get_by_role("link", name="Call-back queue").click()
    expect(advisor.get_by_role("heading", level=1)).to_have_text("Call-back queue")
    assert_accessible(advisor)
    expect(advisor.locator("main")).to_contain_text("07700 900982")
    advisor.locator("main table a").first.click()
    assert_accessible(advisor)
    for outcome in ("No answer", "Left a message"):
        advisor.get_by_label(outcome).check()
        advisor.get_by_role("button", name="Log this try").click()
        expect(advisor.get_by_test_id("attempts")).to_contain_text(outcome)
    advisor.get_by_label("Spoke to the caller").check()
    advisor.get_by_role("button", name="Log this try").click()
    expect(advisor.locator("main")).to_contain_text("Spoken to")
    request = CallBackRequest.objects.get()
    assert [a.outcome for a in request.attempts.all()] == ["no_answer", "left_message", "spoke"]
    assert request.spoken_at is not None and request.passed_to_triage_at is None

    # Another caller gives their reference and postcode.
    advisor.goto("/staff/")
    advisor.get_by_role("link", name="Find a caller's report by its reference").click()
    assert_accessible(advisor)
    advisor.get_by_label("Reference the caller gives").fill(other.reference.lower())
    advisor.get_by_label("The postcode they gave").check()
    advisor.get_by_label("What the caller said").fill("bl1 1aa")
    advisor.get_by_role("button", name="Find the report").click()
    expect(advisor.get_by_test_id("history")).to_contain_text(
        "passed your report to the community safety team"
    )
    expect(advisor.locator("main")).not_to_contain_text("Internal reason")
    assert_accessible(advisor)
