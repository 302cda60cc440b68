"""Programme monitoring's lists on the staff home ("Waiting for you"): each part adds its own."""

from commonground.core import waiting
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingList
from commonground.programme.queries import assessments as assessment_queries
from commonground.programme.queries import forum as forum_queries
from commonground.programme.queries import plans as plan_queries
from commonground.programme.queries import training_waiting

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

# Any member of staff may own an action or a milestone; leads also see their areas' stale projects.
PLAN_LISTS: list[WaitingList] = [
    WaitingList(
        title="Your action plan actions",
        permission=Permission.USE_STAFF_AREA,
        items_for=lambda scope: plan_queries.actions_waiting_for(scope),
        empty_text="No action plan action of yours is overdue or due in the next 14 days.",
        shown_when_empty=False,
    ),
    WaitingList(
        title="Your project milestones",
        permission=Permission.USE_STAFF_AREA,
        items_for=lambda scope: plan_queries.milestones_waiting_for(scope),
        empty_text="No milestone of yours is overdue or due in the next 14 days.",
        shown_when_empty=False,
    ),
    WaitingList(
        title="Projects not updated for 6 weeks",
        permission=Permission.COMPLETE_SELF_ASSESSMENTS,
        items_for=lambda scope: plan_queries.stale_projects_waiting_for(scope),
        empty_text="Every project in your areas has had its status updated in the last 6 weeks.",
    ),
]

TRAINING_LISTS: list[WaitingList] = training_waiting.LISTS

FORUM_LISTS: list[WaitingList] = [
    WaitingList(
        title="Your forum actions",
        permission=Permission.USE_STAFF_AREA,
        items_for=lambda scope: forum_queries.actions_waiting_for(scope),
        empty_text="No forum action of yours is overdue or due in the next 14 days.",
        shown_when_empty=False,
    )
]


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
        shown_when_empty=False,
    )
]


def register_lists() -> None:
    for waiting_list in (*ASSESSMENT_LISTS, *PLAN_LISTS, *TRAINING_LISTS, *FORUM_LISTS, *BRIEFING_LISTS):
        waiting.register(waiting_list)
