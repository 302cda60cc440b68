"""Programme monitoring's lists on the staff home ("Waiting for you"): each part adds its own."""

from commonground.core import waiting
from commonground.core.waiting import WaitingList
from commonground.programme.queries import training_waiting

ASSESSMENT_LISTS: list[WaitingList] = []

PLAN_LISTS: list[WaitingList] = []

TRAINING_LISTS: list[WaitingList] = training_waiting.LISTS

FORUM_LISTS: list[WaitingList] = []

BRIEFING_LISTS: list[WaitingList] = []


def register_lists() -> None:
    for waiting_list in (*ASSESSMENT_LISTS, *PLAN_LISTS, *TRAINING_LISTS, *FORUM_LISTS, *BRIEFING_LISTS):
        waiting.register(waiting_list)
