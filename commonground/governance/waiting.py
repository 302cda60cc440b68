"""Information governance's list on the staff home ("Waiting for you")."""

from commonground.core import waiting
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingList


def _due_soon(scope):
    # Imported here: the list is declared before the app's models are ready.
    from commonground.governance.queries.requests import due_soon_waiting_for

    return due_soon_waiting_for(scope)


LISTS: list[WaitingList] = [
    WaitingList(
        title="Subject access requests near their deadline",
        permission=Permission.HANDLE_SUBJECT_ACCESS,
        items_for=_due_soon,
        empty_text="No subject access request is due within a week.",
    ),
]


def register_lists() -> None:
    for waiting_list in LISTS:
        waiting.register(waiting_list)
