"""Programme monitoring's lists on the staff home ("Waiting for you"): each part adds its own."""

from django.urls import reverse
from django.utils import timezone

from commonground.core import waiting
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingItem, WaitingList

ASSESSMENT_LISTS: list[WaitingList] = []

PLAN_LISTS: list[WaitingList] = []


def _sessions_awaiting_attendance(scope) -> list[WaitingItem]:
    from commonground.programme.queries.training import sessions_awaiting_attendance

    return [
        WaitingItem(
            label=f"Record attendance: {session}",
            url=reverse("programme:training-record-attendance", args=[session.pk]),
            detail=f"{session.course.title}, {session.starts_at:%-d %B %Y}",
        )
        for session in sessions_awaiting_attendance(scope)[:20]
    ]


def _own_refreshers_due(scope) -> list[WaitingItem]:
    from commonground.programme.queries.training import course_titles, own_refreshers_due
    from commonground.programme.training_rules import is_overdue

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


TRAINING_LISTS: list[WaitingList] = [
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
    ),
]

FORUM_LISTS: list[WaitingList] = []

BRIEFING_LISTS: list[WaitingList] = []


def register_lists() -> None:
    for waiting_list in (*ASSESSMENT_LISTS, *PLAN_LISTS, *TRAINING_LISTS, *FORUM_LISTS, *BRIEFING_LISTS):
        waiting.register(waiting_list)
