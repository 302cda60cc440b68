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


_LISTS: list[WaitingList] = []


def register(waiting_list: WaitingList) -> None:
    _LISTS.append(waiting_list)


def waiting_for(scope: Scope) -> list[tuple[WaitingList, list[WaitingItem]]]:
    return [(wl, wl.items_for(scope)) for wl in _LISTS if scope.can(wl.permission)]


def register_core_lists() -> None:
    from commonground.core import queries, task_queue

    register(
        WaitingList(
            title="Records opened outside normal scope (last 30 days)",
            permission=Permission.SEARCH_AUDIT_TRAIL,
            items_for=queries.access_outside_scope_to_review,
            empty_text="No record was opened outside its normal scope.",
        )
    )
    register(
        WaitingList(
            title="Accounts locked out",
            permission=Permission.MANAGE_USERS,
            items_for=queries.accounts_locked_out,
            empty_text="No account is locked out.",
        )
    )
    register(
        WaitingList(
            title="API tokens expiring within 30 days",
            permission=Permission.MANAGE_API_TOKENS,
            items_for=queries.api_tokens_expiring,
            empty_text="No token expires soon.",
        )
    )
    register(
        WaitingList(
            title="Background tasks",
            permission=Permission.MONITOR_BACKGROUND_TASKS,
            items_for=task_queue.health_items,
            empty_text="No task is waiting and none failed in the last 24 hours.",
        )
    )
