"""Front-line training's lists on the staff home: a training lead's past sessions still waiting for
their attendance, and everyone's own refreshers due within 30 days or overdue."""

from django.urls import reverse
from django.utils import timezone

from commonground.core.roles import Permission
from commonground.core.waiting import WaitingItem, WaitingList
from commonground.programme.queries.training import (
    course_titles,
    own_refreshers_due,
    sessions_awaiting_attendance,
)
from commonground.programme.training_rules import is_overdue


def _sessions_awaiting_attendance(scope) -> list[WaitingItem]:
    return [
        WaitingItem(
            label=f"Record attendance: {session}",
            url=reverse("programme:training-record-attendance", args=[session.pk]),
            detail=f"{session.course.title}, {session.starts_at:%-d %B %Y}",
        )
        for session in sessions_awaiting_attendance(scope)[:20]
    ]


def _own_refreshers_due(scope) -> list[WaitingItem]:
    due = own_refreshers_due(scope)
    titles = course_titles() if due else {}
    today = timezone.localdate()
    return [
        WaitingItem(
            label=f"Refresher: {titles.get(refresher.course, 'a course')}",
            url=reverse("programme:training-my-record"),
            detail=f"{'Overdue since' if is_overdue(refresher.due_on, today) else 'Due'} {refresher.due_on:%-d %B %Y}",
            overdue=is_overdue(refresher.due_on, today),
        )
        for refresher in due
    ]


LISTS: list[WaitingList] = [
    WaitingList(
        title="Training sessions waiting for attendance",
        permission=Permission.LEAD_AGENCY_TRAINING,
        items_for=_sessions_awaiting_attendance,
        empty_text="Every past session of your agency has its attendance recorded.",
    ),
    WaitingList(
        title="Your training refreshers",
        permission=Permission.USE_STAFF_AREA,
        items_for=_own_refreshers_due,
        empty_text="No refresher is due in the next 30 days.",
        shown_when_empty=False,
    ),
]
