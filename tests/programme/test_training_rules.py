"""Training rules (pure): refresher dates, due-soon and overdue, coverage per group checked against
a small dataset worked by hand, and a reminder sent once per refresher."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from commonground.programme import training_rules as rules
from commonground.programme.training_rules import Completion, Coverage, Refresher

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


def test_a_refresher_falls_due_the_refresher_period_after_completion():
    assert rules.refresher_due_on(date(2025, 3, 14), 24) == date(2027, 3, 14)
    assert rules.refresher_due_on(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert rules.refresher_due_on(date(2023, 8, 31), 6) == date(2024, 2, 29)


def test_due_soon_is_within_thirty_days_and_overdue_from_the_due_day():
    due = date(2026, 6, 30)
    assert not rules.is_due_soon(due, date(2026, 5, 30))  # 31 days before
    assert rules.is_due_soon(due, date(2026, 5, 31))  # 30 days before
    assert rules.is_due_soon(due, date(2026, 6, 29))
    assert not rules.is_due_soon(due, date(2026, 6, 30))
    assert rules.is_overdue(due, date(2026, 6, 30))
    assert not rules.is_overdue(due, date(2026, 6, 29))


@given(days, st.integers(min_value=1, max_value=120), days)
def test_a_refresher_is_exactly_one_of_current_due_soon_or_overdue(completed_on, months, today):
    due = rules.refresher_due_on(completed_on, months)
    assert due > completed_on
    if completed_on <= today:
        assert rules.is_current(completed_on, months, today) is not rules.is_overdue(due, today)
    assert not (rules.is_due_soon(due, today) and rules.is_overdue(due, today))


# Worked by hand, on 1 July 2026, course "prevent" with a 24-month refresher:
# Agency A has front-line staff a1, a2, a3, a4:
#   a1 completed 2025-01-10 → due 2027-01-10: trained, current
#   a2 completed 2024-06-30 → due 2026-06-30: trained, overdue (not current)
#   a3 completed 2022-05-01 and again 2026-05-01 → latest counts: trained, current
#   a4 never trained
#   → staff 4, trained 3, current 2
# Agency B has b1 (completed 2026-07-02, after the day: not yet counted) and b2 (another course).
#   → staff 2, trained 0, current 0
# x1 completed but is not front-line staff: not counted anywhere.
STAFF = [("a1", "A"), ("a2", "A"), ("a3", "A"), ("a4", "A"), ("b1", "B"), ("b2", "B")]
COMPLETIONS = [
    Completion("a1", "prevent", date(2025, 1, 10)),
    Completion("a2", "prevent", date(2024, 6, 30)),
    Completion("a3", "prevent", date(2022, 5, 1)),
    Completion("a3", "prevent", date(2026, 5, 1)),
    Completion("b1", "prevent", date(2026, 7, 2)),
    Completion("b2", "channel", date(2026, 1, 1)),
    Completion("x1", "prevent", date(2026, 1, 1)),
]
TODAY = date(2026, 7, 1)


def test_coverage_per_agency_matches_the_hand_worked_figures():
    result = rules.coverage(STAFF, COMPLETIONS, "prevent", 24, TODAY)
    assert result == {
        "A": Coverage(staff=4, trained=3, current=2),
        "B": Coverage(staff=2, trained=0, current=0),
    }
    assert result["A"].trained_share == 0.75 and result["A"].current_share == 0.5
    assert Coverage(0, 0, 0).trained_share is None


@given(
    st.lists(st.tuples(st.sampled_from("pqrstu"), st.sampled_from("AB")), max_size=12),
    st.lists(
        st.builds(Completion, st.sampled_from("pqrstuv"), st.sampled_from(["c", "d"]), days), max_size=20
    ),
    days,
)
def test_coverage_never_counts_more_current_than_trained_than_staff(staff, completions, today):
    for group in rules.coverage(staff, completions, "c", 12, today).values():
        assert 0 <= group.current <= group.trained <= group.staff
        assert group.staff >= 1


def test_refreshers_come_from_the_latest_completion():
    due = rules.refreshers(COMPLETIONS, {"prevent": 24, "channel": 12}, TODAY)
    assert Refresher("a3", "prevent", date(2028, 5, 1)) in due
    assert Refresher("b2", "channel", date(2027, 1, 1)) in due
    assert not [r for r in due if r.person == "b1"]  # completed after the day


def test_the_reminder_is_sent_exactly_once_per_refresher():
    due = [Refresher("p", "prevent", date(2026, 7, 20)), Refresher("q", "prevent", date(2026, 12, 1))]
    sent: set = set()
    sent_each_day = []
    for offset in range(60):
        today = date(2026, 6, 1) + timedelta(days=offset)
        reminders = rules.reminders_due(due, sent, today)
        sent |= {tuple(reminder) for reminder in reminders}
        sent_each_day.extend(reminders)
    assert sent_each_day == [Refresher("p", "prevent", date(2026, 7, 20))]


def test_a_new_completion_gives_a_new_reminder():
    already = {("p", "prevent", date(2026, 7, 20))}
    renewed = [Refresher("p", "prevent", date(2028, 7, 20))]
    assert rules.reminders_due(renewed, already, date(2028, 7, 1)) == renewed


@given(
    st.lists(st.builds(Refresher, st.sampled_from("pq"), st.sampled_from("cd"), days), max_size=6),
    st.lists(days, min_size=1, max_size=40),
)
def test_reminders_never_repeat_whatever_the_days_the_task_runs(due, run_days):
    sent: list = []
    for today in sorted(run_days):
        for reminder in rules.reminders_due(due, set(sent), today):
            sent.append(tuple(reminder))
    assert len(sent) == len(set(sent))
