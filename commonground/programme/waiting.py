"""Programme monitoring's lists on the staff home ("Waiting for you"): each part adds its own."""

from commonground.core import waiting
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingList
from commonground.programme.queries import forum as forum_queries

ASSESSMENT_LISTS: list[WaitingList] = []

PLAN_LISTS: list[WaitingList] = []

TRAINING_LISTS: list[WaitingList] = []

FORUM_LISTS: list[WaitingList] = [
    WaitingList(
        title="Your forum actions",
        permission=Permission.USE_STAFF_AREA,
        items_for=lambda scope: forum_queries.actions_waiting_for(scope),
        empty_text="No forum action of yours is overdue or due in the next 14 days.",
    )
]

BRIEFING_LISTS: list[WaitingList] = []


def register_lists() -> None:
    for waiting_list in (*ASSESSMENT_LISTS, *PLAN_LISTS, *TRAINING_LISTS, *FORUM_LISTS, *BRIEFING_LISTS):
        waiting.register(waiting_list)
