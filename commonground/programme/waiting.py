"""Programme monitoring's lists on the staff home ("Waiting for you"): each part adds its own."""

from commonground.core import waiting
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingList

ASSESSMENT_LISTS: list[WaitingList] = []

PLAN_LISTS: list[WaitingList] = []

TRAINING_LISTS: list[WaitingList] = []

FORUM_LISTS: list[WaitingList] = []


def _briefings_waiting(scope):
    # Imported here: the lists are declared before the app's models are ready.
    from django.urls import reverse

    from commonground.core.waiting import WaitingItem
    from commonground.programme.queries.briefings import waiting_for_me

    return [
        WaitingItem(
            label=f"A briefing from {briefing.author.agency or briefing.author.get_full_name()}",
            url=reverse("programme:briefing-detail", args=[briefing.pk]),
            detail=f"Sent {briefing.sent_at:%d %B %Y}",
        )
        for briefing in waiting_for_me(scope)[:20]
    ]


BRIEFING_LISTS: list[WaitingList] = [
    WaitingList(
        title="Briefings waiting for you",
        permission=Permission.USE_STAFF_AREA,
        items_for=_briefings_waiting,
        empty_text="No briefing is waiting for you.",
    )
]


def register_lists() -> None:
    for waiting_list in (*ASSESSMENT_LISTS, *PLAN_LISTS, *TRAINING_LISTS, *FORUM_LISTS, *BRIEFING_LISTS):
        waiting.register(waiting_list)
