"""Programme monitoring's lists on the staff home ("Waiting for you"): each part adds its own."""

from commonground.core import waiting
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingList
from commonground.programme.queries import assessments as assessment_queries

ASSESSMENT_LISTS: list[WaitingList] = [
    WaitingList(
        title="Self-assessments waiting for moderation",
        permission=Permission.MODERATE_SELF_ASSESSMENTS,
        items_for=assessment_queries.waiting_for_moderation,
        empty_text="No self-assessment is waiting for you to moderate it.",
    ),
    WaitingList(
        title="Your boroughs' draft self-assessments",
        permission=Permission.COMPLETE_SELF_ASSESSMENTS,
        items_for=assessment_queries.waiting_drafts,
        empty_text="No draft self-assessment of your boroughs.",
    ),
]

PLAN_LISTS: list[WaitingList] = []

TRAINING_LISTS: list[WaitingList] = []

FORUM_LISTS: list[WaitingList] = []

BRIEFING_LISTS: list[WaitingList] = []


def register_lists() -> None:
    for waiting_list in (*ASSESSMENT_LISTS, *PLAN_LISTS, *TRAINING_LISTS, *FORUM_LISTS, *BRIEFING_LISTS):
        waiting.register(waiting_list)
