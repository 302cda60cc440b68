"""Staff hear about their work and find it first, seen in a browser: a hate incident sent on the
public journey reaches the Bolton community safety team's queue; a member gets an email that says
only which report and where to sign in, follows it and finds the report FIRST in the queue (older
reports where action was taken are one click away). The report goes overdue, the hourly task tells
the team once, and the colleague who chose a daily digest gets one email listing both notices.
Every staff page checked with axe-core on the way."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from commonground.core import tasks
from commonground.core.roles import Role
from commonground.reports.actions.submission import ReportAnswers, submit_report
from commonground.reports.models import Report, Team
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.test_report_journeys import Walk, hate_incident, report_site  # noqa: F401 (fixture)
from tests.factories import UserFactory, confirmed_device

pytestmark = pytest.mark.browser

DESCRIPTION = "Two men shouted abuse at me about my religion at the bus stop."
PLACE = "Bradshawgate"
TRIAGE_EMAIL = "triage@demo.commonground.invalid"


def _old_work_where_action_was_taken(count: int) -> list[Report]:
    """Reports from weeks ago, long past their triage time, where action was taken: under the old
    order they filled the first pages of the queue."""
    old = []
    for _ in range(count):
        report = submit_report(
            actor=None,
            answers=ReportAnswers(kind="hate_incident", description="Older report", borough_code="E08000001"),
        ).report
        weeks_ago = timezone.now() - timedelta(weeks=6)
        Report.objects.filter(pk=report.pk).update(
            status="action_taken", submitted_at=weeks_ago, triage_due_at=weeks_ago + timedelta(days=1)
        )
        old.append(report)
    return old


def _colleague_who_chooses_a_digest(new_context) -> str:
    """A second member of the team, who chooses one email a day on the settings page."""
    team = Team.objects.get(name="Bolton community safety team")
    colleague = UserFactory(username="digest-reader", roles=[Role.TRIAGE_OFFICER], agency=team.agency)
    confirmed_device(colleague)
    team.members.add(colleague)
    page = new_context().new_page()
    sign_in(page, colleague.username, password="a-long-test-password")
    page.goto("/staff/notifications/settings/")
    assert_accessible(page)
    page.get_by_label("One email a day listing the notifications I have not read").check()
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your notification settings are saved")
    return colleague.email


def _assert_no_content(message) -> None:
    for secret in (DESCRIPTION, PLACE):
        assert secret not in message.subject and secret not in message.body


def test_a_new_report_reaches_the_team_by_email_first_in_the_queue_and_its_overdue_notice_in_the_digest(
    new_context,
    report_site,  # noqa: F811
    mailoutbox,
):
    old = _old_work_where_action_was_taken(3)
    digest_email = _colleague_who_chooses_a_digest(new_context)

    # --- A member of the public sends a hate incident in Bolton --------------------------------------
    reference = hate_incident(Walk(new_context().new_page()))
    report = Report.objects.get(reference=reference)

    # --- The team member is told by email: the reference and a link, nothing of the report ---------
    [told] = [m for m in mailoutbox if m.to == [TRIAGE_EMAIL] and reference in m.subject]
    assert told.subject == f"Common Ground: Report {reference} is in your team's queue"
    _assert_no_content(told)
    assert not [m for m in mailoutbox if m.to == [digest_email]]  # the digest reader waits for the digest
    link = next(word for word in told.body.split() if "/staff/notifications/" in word)

    # --- They sign in, follow the link to the report, and find it first in the queue ------------------
    triage = new_context().new_page()
    sign_in(triage, "triage")
    triage.goto(urlsplit(link).path)
    triage.wait_for_url(f"**/staff/reports/{report.pk}/")
    expect(triage.get_by_role("heading", level=1)).to_contain_text(reference)

    triage.goto("/staff/reports/")
    assert_accessible(triage)
    first_row = triage.locator("table.govuk-table tbody tr").first
    expect(first_row.get_by_role("link")).to_have_text(reference)
    for older in old:
        expect(triage.get_by_role("link", name=older.reference)).to_have_count(0)
    triage.get_by_role("link", name="Action taken or closed (3)").click()
    for older in old:
        expect(triage.get_by_role("link", name=older.reference)).to_be_visible()

    # --- Time moves on: the report is past its triage time; the hourly task runs (twice) ---------------
    Report.objects.filter(pk=report.pk).update(triage_due_at=timezone.now() - timedelta(hours=1))
    tasks.send_due_notices.enqueue()
    tasks.send_due_notices.enqueue()
    overdue_mail = [m for m in mailoutbox if "overdue" in m.subject]
    assert [m.to for m in overdue_mail] == [[TRIAGE_EMAIL]]  # once, and not to the digest reader
    _assert_no_content(overdue_mail[0])

    triage.goto("/staff/reports/")
    first_row = triage.locator("table.govuk-table tbody tr").first
    expect(first_row).to_contain_text("Overdue")
    triage.goto("/staff/notifications/")
    assert_accessible(triage)
    expect(triage.locator("main")).to_contain_text(f"Report {reference} is overdue for triage")

    # --- The daily digest: one email to the colleague who chose it, listing both notices ----------------
    tasks.send_notification_digests.enqueue()
    tasks.send_notification_digests.enqueue()
    [digest] = [m for m in mailoutbox if m.to == [digest_email]]
    assert digest.subject == "Common Ground: 2 new notifications"
    assert f"Report {reference} is in your team's queue" in digest.body
    assert f"Report {reference} is overdue for triage" in digest.body
    _assert_no_content(digest)
