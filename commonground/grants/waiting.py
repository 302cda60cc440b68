"""Community grants' lists on the staff home ("Waiting for you")."""

from commonground.core import waiting
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingList
from commonground.grants.queries import staff_waiting

LISTS: list[WaitingList] = [
    WaitingList(
        title="Grant applications to check",
        permission=Permission.MANAGE_GRANTS,
        items_for=staff_waiting.applications_to_check,
        empty_text="No grant application is waiting to be checked.",
    ),
    WaitingList(
        title="Grant applications needing another assessor",
        permission=Permission.MANAGE_GRANTS,
        items_for=staff_waiting.applications_needing_another_assessor,
        empty_text="No assessor has declared a conflict that leaves an application short.",
        shown_when_empty=False,
    ),
    WaitingList(
        title="Overdue grant monitoring reports",
        permission=Permission.MANAGE_GRANTS,
        items_for=staff_waiting.overdue_monitoring,
        empty_text="No funded group's monitoring report is overdue.",
    ),
    WaitingList(
        title="Grant applications waiting for your score",
        permission=Permission.ASSESS_GRANT_APPLICATIONS,
        items_for=staff_waiting.waiting_for_my_score,
        empty_text="No grant application is waiting for your score.",
    ),
    WaitingList(
        title="Grant applications ready for the panel",
        permission=Permission.DECIDE_GRANTS,
        items_for=staff_waiting.ready_for_the_panel,
        empty_text="No grant application is ready for the panel.",
    ),
]


def register_lists() -> None:
    for waiting_list in LISTS:
        waiting.register(waiting_list)
