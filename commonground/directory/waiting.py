"""The directories' list on the staff home ("Waiting for you")."""

from commonground.core import waiting
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingList


def _overdue(scope):
    # Imported here: the list is declared before the app's models are ready.
    from commonground.directory.queries.staff import overdue_waiting_for

    return overdue_waiting_for(scope)


LISTS: list[WaitingList] = [
    WaitingList(
        title="Directory entries overdue for audit",
        permission=Permission.AUDIT_DIRECTORY_ENTRIES,
        items_for=_overdue,
        empty_text="Every reporting centre and meeting space in your boroughs has been audited within the period.",
    ),
]


def register_lists() -> None:
    for waiting_list in LISTS:
        waiting.register(waiting_list)
