"""Core's own lists on the staff home page (the registry is in waiting.py, which the queries that
fill these lists import for `WaitingItem`; keeping the lists here keeps that one-way)."""

from commonground.core import queries, queries_access_review, task_queue
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingList, register


def register_core_lists() -> None:
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
            title="Emergency (break-glass) access to review",
            permission=Permission.REVIEW_ACCESS,
            items_for=queries_access_review.break_glass_to_review,
            empty_text="Every emergency access has been reviewed.",
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
