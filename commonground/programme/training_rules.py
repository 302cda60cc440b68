"""Training rules: when a refresher falls due, due-soon and overdue on a day, coverage of front-line
staff, and the reminder-once rule. Pure: no Django; every input is plain tuples and dates.

A person is "current" on a course on a day when their latest completion's refresher is not yet due
(due on the day counts as overdue: the refresher should have been done by then)."""

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple, TypeAlias

DUE_SOON_DAYS = 30

# A person's or a course's identifier: primary keys in the app, any hashable value in tests.
Key: TypeAlias = Any


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day where it is shorter (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def refresher_due_on(completed_on: date, refresher_months: int) -> date:
    if refresher_months < 1:
        raise ValueError("A refresher period is at least one month.")
    return add_months(completed_on, refresher_months)


def is_overdue(due_on: date, today: date) -> bool:
    return today >= due_on


def is_due_soon(due_on: date, today: date, within_days: int = DUE_SOON_DAYS) -> bool:
    """Not yet overdue, but due within `within_days` days of `today`."""
    return today < due_on <= today + timedelta(days=within_days)


def is_current(completed_on: date, refresher_months: int, today: date) -> bool:
    return completed_on <= today and not is_overdue(refresher_due_on(completed_on, refresher_months), today)


class Completion(NamedTuple):
    person: Key
    course: Key
    completed_on: date


def latest_completions(completions: Iterable[Completion], today: date) -> dict[tuple[Key, Key], date]:
    """(person, course) → the latest completion on or before `today`."""
    latest: dict[tuple[Key, Key], date] = {}
    for person, course, completed_on in completions:
        if completed_on <= today and completed_on > latest.get((person, course), date.min):
            latest[(person, course)] = completed_on
    return latest


@dataclass(frozen=True)
class Coverage:
    staff: int
    trained: int  # completed the course at least once
    current: int  # trained and not overdue a refresher

    @property
    def trained_share(self) -> float | None:
        return None if self.staff == 0 else self.trained / self.staff

    @property
    def current_share(self) -> float | None:
        return None if self.staff == 0 else self.current / self.staff


def coverage(
    staff: Iterable[tuple[Key, Key]],
    completions: Iterable[Completion],
    course: Key,
    refresher_months: int,
    today: date,
) -> dict[Key, Coverage]:
    """Per group (an agency, a borough): of the front-line staff (person, group), how many have
    completed `course` and how many are current on it on `today`. Completions of people who are not
    front-line staff do not count."""
    latest = latest_completions((c for c in completions if c.course == course), today)
    counts: dict[Key, list[int]] = defaultdict(lambda: [0, 0, 0])
    seen: set[tuple[Key, Key]] = set()
    for person, group in staff:
        if (person, group) in seen:
            continue
        seen.add((person, group))
        row = counts[group]
        row[0] += 1
        completed_on = latest.get((person, course))
        if completed_on is not None:
            row[1] += 1
            if is_current(completed_on, refresher_months, today):
                row[2] += 1
    return {group: Coverage(*row) for group, row in counts.items()}


class Refresher(NamedTuple):
    person: Key
    course: Key
    due_on: date


def refreshers(
    completions: Iterable[Completion], refresher_months: dict[Key, int], today: date
) -> list[Refresher]:
    """Each person's next refresher per course, from their latest completion (courses without a
    refresher period are left out)."""
    latest = latest_completions(completions, today)
    return sorted(
        (
            Refresher(person, course, refresher_due_on(completed_on, refresher_months[course]))
            for (person, course), completed_on in latest.items()
            if course in refresher_months
        ),
        key=lambda refresher: (refresher.due_on, str(refresher.person), str(refresher.course)),
    )


def reminders_due(
    due: Iterable[Refresher], already_sent: Iterable[tuple[Key, Key, date]], today: date
) -> list[Refresher]:
    """The refreshers to remind about today: due within 30 days (or already overdue) and not yet
    reminded for that same due date. A new completion gives a new due date, so a new reminder."""
    sent = set(already_sent)
    reminders = []
    for refresher in due:
        key = (refresher.person, refresher.course, refresher.due_on)
        if key in sent or not (is_due_soon(refresher.due_on, today) or is_overdue(refresher.due_on, today)):
            continue
        sent.add(key)  # the same refresher listed twice is still reminded once
        reminders.append(Refresher(*key))
    return reminders
