"""Insights' lists on the staff home page: statistics editions waiting for a decision or for
publication. `register_lists` is called once, from the app's `ready`."""

from commonground.core import waiting
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingList
from commonground.insights.queries import editions


def register_lists() -> None:
    waiting.register(
        WaitingList(
            title="Statistics editions to approve",
            permission=Permission.APPROVE_STATISTICS,
            items_for=editions.editions_to_approve,
            empty_text="No statistics edition is waiting for approval.",
        )
    )
    waiting.register(
        WaitingList(
            title="Statistics editions to publish or revise",
            permission=Permission.PREPARE_STATISTICS,
            items_for=editions.editions_to_finish,
            empty_text="No statistics edition is waiting for you.",
        )
    )
