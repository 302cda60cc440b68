"""The daily refresher reminder: once per refresher, however often it runs; a new completion gives a
new due date and so, in time, a new reminder."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commonground.core.models import AuditEvent, Notification
from commonground.programme.actions.training_reminders import send_refresher_reminders
from commonground.programme.models import RefresherReminder
from commonground.programme.tasks_training import REMINDER_CRON, remind_refreshers_due
from tests.factories import UserFactory
from tests.programme.training_helpers import agency_with_lead, completed, session_on

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)


def test_a_refresher_due_within_30_days_is_reminded_exactly_once():
    """Hate crime awareness has a 12-month refresher. Completed 20 June 2025, it is due 20 June
    2026: within 30 days of 1 June 2026, so reminded. Completed 1 June 2024 (the other person) it
    was due 1 June 2025: overdue, also reminded. Completed 1 March 2026: due March 2027, not yet."""
    agency, lead = agency_with_lead()
    soon, overdue, later = (UserFactory(agency=agency) for _ in range(3))
    key = "hate-crime-reporting-centres"
    completed(soon, session_on(date(2025, 6, 20), agency=agency, by=lead, key=key), by=lead)
    completed(overdue, session_on(date(2024, 6, 1), agency=agency, by=lead, key=key), by=lead)
    completed(later, session_on(date(2026, 3, 1), agency=agency, by=lead, key=key), by=lead)

    assert send_refresher_reminders(TODAY) == 2
    assert send_refresher_reminders(TODAY) == 0  # the second run tells nobody again
    assert send_refresher_reminders(TODAY + timedelta(days=1)) == 0

    reminders = RefresherReminder.objects.order_by("due_on")
    assert [(r.person, r.due_on) for r in reminders] == [
        (overdue, date(2025, 6, 1)),
        (soon, date(2026, 6, 20)),
    ]
    notices = Notification.objects.filter(kind="refresher_due")
    assert sorted(n.recipient_id for n in notices) == sorted([soon.pk, overdue.pk])
    notice = notices.first()
    assert notice.subject == "A training refresher is due"
    assert notice.url == "/staff/programme/training/mine/"
    assert AuditEvent.objects.filter(object_type="programme.refresherreminder").count() == 1


def test_a_new_completion_gives_a_new_reminder_in_time():
    agency, lead = agency_with_lead()
    person = UserFactory(agency=agency)
    key = "hate-crime-reporting-centres"
    completed(person, session_on(date(2024, 6, 1), agency=agency, by=lead, key=key), by=lead)
    assert send_refresher_reminders(TODAY) == 1
    completed(person, session_on(date(2026, 5, 25), agency=agency, by=lead, key=key), by=lead)
    assert send_refresher_reminders(TODAY) == 0  # the new refresher is a year away
    assert send_refresher_reminders(date(2027, 5, 1)) == 1  # due 25 May 2027: reminded once more
    assert RefresherReminder.objects.count() == 2


def test_the_task_runs_daily_and_reminds_once():
    agency, lead = agency_with_lead()
    person = UserFactory(agency=agency)
    completed(person, session_on(date(2020, 1, 6), agency=agency, by=lead), by=lead)
    assert REMINDER_CRON == "15 7 * * *"
    assert remind_refreshers_due.call() == 1
    assert remind_refreshers_due.call() == 0
    from commonground.core import schedule

    assert any(entry.task is remind_refreshers_due for entry in schedule.SCHEDULE)


@pytest.mark.django_db
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    completions=st.lists(st.integers(min_value=0, max_value=900), min_size=1, max_size=5),
    run_days=st.lists(st.integers(min_value=0, max_value=120), min_size=1, max_size=6),
)
def test_property_each_refresher_is_reminded_at_most_once_whatever_the_runs(completions, run_days):
    """Whatever the completions (days before 1 June 2026) and the days the task runs (and runs
    twice), there is one reminder per person, course and due date at most, one notice per reminder,
    and every refresher due within 30 days of a run day was reminded by then."""
    from commonground.core.models import Notification
    from commonground.programme.models import Attendance, TrainingSession
    from commonground.programme.training_rules import refresher_due_on

    Notification.objects.all().delete()
    RefresherReminder.objects.all().delete()
    Attendance.objects.all().delete()
    TrainingSession.objects.all().delete()
    agency, lead = agency_with_lead()
    person = UserFactory(agency=agency)
    key = "hate-crime-reporting-centres"  # 12 months
    for days_before in set(completions):
        completed(
            person, session_on(TODAY - timedelta(days=days_before), agency=agency, by=lead, key=key), by=lead
        )
    for offset in sorted(run_days):
        day = TODAY + timedelta(days=offset)
        send_refresher_reminders(day)
        assert send_refresher_reminders(day) == 0
    keys = list(RefresherReminder.objects.values_list("person", "course", "due_on"))
    assert len(keys) == len(set(keys))
    assert Notification.objects.filter(kind="refresher_due").count() == len(keys)
    latest = TODAY - timedelta(days=min(completions))
    due_on = refresher_due_on(latest, 12)
    if due_on <= TODAY + timedelta(days=max(run_days) + 30):
        assert (person.pk, due_on) in [(p, d) for p, _, d in keys]
