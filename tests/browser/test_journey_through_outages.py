"""The hate incident journey walked while the database goes away at every step (as in a restart):
each answer is sent once into the outage, comes back on a 503 page with what was typed still in
the form, and is sent again when the database is back. No answer is lost, no page answers 404 or
400, and the person ends with their reference exactly once — including when the report was
stored but the page after it could not be prepared."""

import re
import threading
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.utils import timezone
from playwright.sync_api import Locator, expect

from commonground.reports.models import Report
from tests.browser.conftest import assert_accessible
from tests.browser.test_report_journeys import REFERENCE, Walk, report_site  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser


class Outage:
    """Makes the database refuse every query from the web server's thread (everything, or only the
    session table's writes) while switched on; the test's own thread is left alone."""

    def __init__(self):
        self.mode: str | None = None
        self.test_thread = threading.get_ident()

    def refuses(self, sql: str) -> bool:
        if self.mode is None or threading.get_ident() == self.test_thread:
            return False
        if self.mode == "session writes":
            return "django_session" in sql and not sql.lstrip().upper().startswith("SELECT")
        return True

    @contextmanager
    def during(self, mode: str = "everything"):
        self.mode = mode
        try:
            yield
        finally:
            self.mode = None


@pytest.fixture
def outage(monkeypatch):
    outage = Outage()
    execute, executemany = CursorWrapper.execute, CursorWrapper.executemany

    def guarded_execute(cursor, sql, params=None):
        if outage.refuses(sql):
            raise OperationalError("the database system is shutting down")
        return execute(cursor, sql, params)

    def guarded_executemany(cursor, sql, param_list):
        if outage.refuses(sql):
            raise OperationalError("the database system is shutting down")
        return executemany(cursor, sql, param_list)

    monkeypatch.setattr(CursorWrapper, "execute", guarded_execute)
    monkeypatch.setattr(CursorWrapper, "executemany", guarded_executemany)
    return outage


@pytest.mark.usefixtures("report_site")
def test_every_answer_survives_an_outage_at_every_step_and_the_reference_comes_once(page, outage):
    walk = Walk(page, axe=False)
    statuses: list[int] = []
    page.on("response", lambda r: statuses.append(r.status) if r.request.is_navigation_request() else None)

    def forgive_the_503() -> None:
        """The browser logs the page's own 503 as a console error: expected here, and only that."""
        walk.problems[:] = [problem for problem in walk.problems if "status of 503" not in problem]

    def answer_through_an_outage(field: Locator, expected_value: str | None = None) -> None:
        """Continue into the outage: a 503 that keeps the answer; then Continue again, afterwards."""
        with outage.during(), page.expect_navigation(wait_until="load") as navigation:
            walk.button("Continue").click()
        assert navigation.value.status == 503, page.url
        forgive_the_503()
        assert_accessible(page)
        if page.get_by_role("heading", name="Sorry, the service is unavailable").count():
            # A question whose form itself needs the database (the list of boroughs): the service's
            # 503 page, with the answers listed and sent again as they were.
            if expected_value is not None:
                expect(page.locator(".govuk-summary-list")).to_contain_text(expected_value)
            with page.expect_navigation(wait_until="load"):
                page.get_by_role("button", name="Try again").click()
            walk.arrived()
            return
        expect(page.get_by_text("your answer has not been saved yet")).to_be_visible()
        if expected_value is not None:
            expect(field).to_have_value(expected_value)
        else:
            expect(field).to_be_checked()
        walk.continue_()

    walk.goto("/report/hate-incident/")
    walk.click(walk.button("Start now"))

    walk.label("It happened to me").check()
    answer_through_an_outage(walk.label("It happened to me"))

    description = "Two men shouted abuse at me about my religion at the bus stop."
    walk.label("What happened?").fill(description)
    answer_through_an_outage(walk.label("What happened?"), description)

    walk.continue_()  # no photos

    happened_on = timezone.localdate() - timedelta(days=3)
    typed_date = f"{happened_on.day}/{happened_on.month}/{happened_on.year}"
    walk.label("When did it happen?").fill(typed_date)
    answer_through_an_outage(walk.label("When did it happen?"), typed_date)

    walk.label("In a place, such as a street, shop or bus").check()
    answer_through_an_outage(walk.label("In a place, such as a street, shop or bus"))

    walk.label("Or choose the area").select_option(label="Bolton")
    walk.label("Street or place (optional)").fill("Bradshawgate")
    answer_through_an_outage(walk.label("Street or place (optional)"), "Bradshawgate")

    walk.label("Religion or belief").check()
    answer_through_an_outage(walk.label("Religion or belief"))

    walk.label("No").check()
    answer_through_an_outage(walk.label("No"))

    walk.label("No, thank you").check()
    answer_through_an_outage(walk.label("No, thank you"))

    walk.continue_()  # share with nobody
    walk.label("Your name (optional)").fill("Sam")
    answer_through_an_outage(walk.label("Your name (optional)"), "Sam")

    # Every answer reached the check page.
    walk.question("Check your answers before sending your report")
    summary = page.locator(".govuk-summary-list")
    for shown in (description, happened_on.strftime("%d/%m/%Y"), "Bradshawgate", "Religion or belief", "Sam"):
        expect(summary).to_contain_text(shown)

    # Sent into a whole outage: nothing stored, the answers kept for sending again.
    with outage.during(), page.expect_navigation(wait_until="load") as navigation:
        walk.button("Send report").click()
    assert navigation.value.status == 503
    forgive_the_503()
    # Checking the answers needs the database too (the list of boroughs), so this is the service's
    # 503 page, which sends the signed answers again as they were.
    expect(page.get_by_role("heading", level=1)).to_have_text("Sorry, the service is unavailable")
    assert_accessible(page)
    assert Report.objects.count() == 0

    # Sent again while only the session cannot be written: the report is stored, its page is not ready.
    with outage.during("session writes"), page.expect_navigation(wait_until="load") as navigation:
        page.get_by_role("button", name="Try again").click()
    assert navigation.value.status == 503
    forgive_the_503()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your report has been received")
    assert_accessible(page)
    assert Report.objects.count() == 1

    walk.click(walk.button("Show my reference"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Report sent")
    reference = page.locator(".cg-reference").inner_text().strip()
    assert REFERENCE.fullmatch(reference)
    report = Report.objects.get()  # exactly one
    assert (report.reference, report.description, report.street) == (reference, description, "Bradshawgate")
    assert not {400, 404} & set(statuses), statuses
    assert re.fullmatch(r".*/report/hate-incident/sent/", page.url)
