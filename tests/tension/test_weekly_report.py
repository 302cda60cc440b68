"""The weekly tension report: its content for a week, the page and the PDF (marked on every page,
audited), bad weeks refused clearly, and sending it to the partnership once per recipient."""

from datetime import datetime, time, timedelta
from io import BytesIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from pypdf import PdfReader

from commonground.core.access import scope_for
from commonground.core.models import AuditEvent
from commonground.core.roles import Role
from commonground.tension.actions.distribution import send_weekly_report
from commonground.tension.models import ActionStatus, AlertSubscription, ReportDistribution, TensionLevel
from commonground.tension.queries.weekly import last_complete_week, weekly_report
from commonground.tension.tasks import send_weekly_tension_report
from tests.clock import FROZEN
from tests.factories import BOLTON, GREATER_MANCHESTER, OLDHAM, staff
from tests.tension.test_dashboard import action, assess, event, report, this_week, ward_of

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]

PAGE = "/staff/tension/weekly-report/"
PDF = "/staff/tension/weekly-report/pdf/"
SEND = "/staff/tension/weekly-report/send/"


@pytest.fixture
def analyst():
    return staff(Role.TENSION_ANALYST, GREATER_MANCHESTER)


def _at(week, days=2, hours=10):
    return timezone.make_aware(datetime.combine(week, time.min)) + timedelta(days=days, hours=hours)


@pytest.fixture
def last_week(analyst):
    """Last week: Oldham rose from 3 to 5, one of its wards is at 5, a court verdict in force, two
    reports, a graffiti action created and completed, one overdue."""
    week = last_complete_week()
    assess(OLDHAM, week - timedelta(weeks=1), 3, by=analyst)
    assess(OLDHAM, week, 5, by=analyst)
    assess(BOLTON, week, 2, by=analyst, direction="stable")
    assess(ward_of(OLDHAM).code, week, 5, by=analyst)
    event("Verdict in the Werneth assault trial", starts_on=week + timedelta(days=1), codes=[OLDHAM])
    event("Old event, long over", starts_on=week - timedelta(weeks=5))
    report(OLDHAM, observed_at=_at(week), category="graffiti", source="neighbourhood_police")
    report(OLDHAM, observed_at=_at(week, days=3), category="online", source="school")
    report(BOLTON, observed_at=_at(week - timedelta(weeks=2)))
    done = action(
        OLDHAM, by=analyst, due_in=timedelta(hours=24), description="Remove the graffiti on Union Street"
    )
    done.created_at = _at(week, days=2, hours=11)
    done.status, done.completed_at, done.completion_evidence = (
        ActionStatus.DONE,
        _at(week, 2, 15),
        "Removed; photo",
    )
    done.save()
    late = action(OLDHAM, by=analyst, description="Visit the shopkeepers on Yorkshire Street")
    late.created_at, late.due_at = _at(week, 1), _at(week, 3)
    late.save()
    return week


def test_the_report_gathers_levels_changes_events_reports_and_actions_of_the_week(analyst, last_week):
    content = weekly_report(scope_for(analyst), last_week)
    oldham = next(row for row in content.boroughs if row.borough.code == OLDHAM)
    assert oldham.now.level.rank == 5 and oldham.change == "Up 2 from 3 Moderate"
    bolton = next(row for row in content.boroughs if row.borough.code == BOLTON)
    assert bolton.change == "First assessment"
    assert [a.area.name for a in content.top_wards] == [ward_of(OLDHAM).name]
    assert [e.title for e in content.events] == ["Verdict in the Werneth assault trial"]
    assert content.report_count == 2
    assert dict(content.reports_by_borough) == {"Oldham": 2}
    assert [a.description for a in content.actions_completed] == ["Remove the graffiti on Union Street"]
    assert "Visit the shopkeepers on Yorkshire Street" in [a.description for a in content.actions_overdue]


def test_a_borough_partner_gets_a_report_of_their_own_borough_only(last_week):
    partner = staff(Role.PARTNER_OFFICER, BOLTON)
    content = weekly_report(scope_for(partner), last_week)
    oldham = next(row for row in content.boroughs if row.borough.code == OLDHAM)
    assert oldham.now is None and oldham.change == "Not in your areas"
    assert content.report_count == 0 and content.events == []


def test_the_page_shows_last_week_by_default(sign_in, analyst, last_week):
    html = sign_in(analyst).get(PAGE).content.decode()
    assert f"Week starting {last_week:%A %-d %B %Y}" in html
    assert "Up 2 from 3 Moderate" in html and "Verdict in the Werneth assault trial" in html
    assert "OFFICIAL-SENSITIVE" in html


@pytest.mark.parametrize(
    ("week", "message"),
    [
        ("45/13/2026", "Enter a day of the week as day/month/year"),
        ("4/1/2999", "The week must not be in the future"),
    ],
)
def test_a_week_that_cannot_be_read_or_is_in_the_future_is_a_clear_error(sign_in, analyst, week, message):
    page = sign_in(analyst).get(PAGE, {"week": week})
    html = page.content.decode()
    assert "<title>Error:" in html and message in html
    assert f'value="{week}"' in html  # what was typed is kept


def test_the_pdf_is_marked_on_every_page_shows_the_week_and_is_audited(sign_in, analyst, last_week):
    response = sign_in(analyst).get(PDF, {"week": last_week.isoformat()})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = [page.extract_text() for page in PdfReader(BytesIO(response.content)).pages]
    assert all("OFFICIAL-SENSITIVE" in text for text in pages)
    text = " ".join(" ".join(pages).split())
    assert "Oldham" in text and "5 High" in text and "Verdict in the Werneth assault trial" in text
    assert "Remove the graffiti on Union Street" in text
    event = AuditEvent.objects.filter(object_type="tension.weeklyreport").get()
    assert event.actor == analyst and event.object_id == last_week.isoformat()


def test_sending_emails_each_recipient_once_with_the_pdf_and_audits_it(
    analyst, last_week, django_capture_on_commit_callbacks
):
    lead = staff(Role.PROGRAMME_MANAGER, GREATER_MANCHESTER)
    AlertSubscription.objects.create(user=lead, minimum_level=TensionLevel.objects.get(rank=4))
    bystander = staff(Role.PARTNER_OFFICER, BOLTON)  # neither subscribed nor an analyst
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_weekly_report(actor=analyst, week_starting_on=last_week)
    assert {user.pk for user in sent} == {analyst.pk, lead.pk}
    assert bystander.pk not in {user.pk for user in sent}
    assert sorted(message.to[0] for message in mail.outbox) == sorted([analyst.email, lead.email])
    attachment = mail.outbox[0].attachments[0]
    assert attachment[0].endswith(".pdf") and attachment[1][:4] == b"%PDF"
    assert ReportDistribution.objects.filter(week_starting_on=last_week).count() == 2
    assert AuditEvent.objects.filter(object_type="tension.reportdistribution").count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        assert send_weekly_report(actor=analyst, week_starting_on=last_week) == []
        send_weekly_tension_report.call()
    assert len(mail.outbox) == 2


def test_sending_needs_the_assess_permission_and_a_monday_that_has_come(analyst):
    with pytest.raises(PermissionDenied):
        send_weekly_report(actor=staff(Role.PARTNER_OFFICER, BOLTON), week_starting_on=this_week())
    with pytest.raises(ValidationError):
        send_weekly_report(actor=analyst, week_starting_on=this_week() + timedelta(days=1))
    with pytest.raises(ValidationError):
        send_weekly_report(actor=analyst, week_starting_on=this_week() + timedelta(weeks=1))
    assert ReportDistribution.objects.count() == 0


def test_the_send_button_sends_and_says_how_many(sign_in, analyst, last_week):
    client = sign_in(analyst)
    response = client.post(SEND, {"week": last_week.isoformat()}, follow=True)
    assert "Weekly report sent to 1 person" in response.content.decode()
    response = client.post(SEND, {"week": last_week.isoformat()}, follow=True)
    assert "Everyone has already been sent this week&#x27;s report" in response.content.decode()
