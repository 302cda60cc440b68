"""What is waiting for each role on the staff home page. Each capability registers the lists it
fills (a title, the permission that sees it, and a query from the user's scope)."""

from collections.abc import Callable
from dataclasses import dataclass

from commonground.core.access import Scope
from commonground.core.roles import Permission


@dataclass(frozen=True)
class WaitingItem:
    label: str
    url: str
    detail: str = ""
    overdue: bool = False


@dataclass(frozen=True)
class WaitingList:
    title: str
    permission: Permission
    items_for: Callable[[Scope], list[WaitingItem]]
    empty_text: str = "Nothing is waiting."
    # Lists every member of staff has (their own actions, say) stay off the home page while empty,
    # so each role's own work is not lost among "nothing here" lines.
    shown_when_empty: bool = True


_LISTS: list[WaitingList] = []


def register(waiting_list: WaitingList) -> None:
    _LISTS.append(waiting_list)


def waiting_for(scope: Scope) -> list[tuple[WaitingList, list[WaitingItem]]]:
    lists = [(wl, wl.items_for(scope)) for wl in _LISTS if scope.can(wl.permission)]
    return [(wl, items) for wl, items in lists if items or wl.shown_when_empty]
