"""Tension monitoring's lists on the staff home page: unread alerts, and the response actions
due for one's agency."""

from django.urls import reverse

from commonground.core import waiting
from commonground.core.access import Scope
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingItem, WaitingList
from commonground.tension.queries.alerts import unread_alert_count
from commonground.tension.queries.responses import actions_due_for_agency


def unread_alerts(scope: Scope) -> list[WaitingItem]:
    count = unread_alert_count(scope)
    if not count:
        return []
    return [
        WaitingItem(
            label=f"{count} unread tension alert{'s' if count != 1 else ''}", url=reverse("tension:alerts")
        )
    ]


def actions_due_for_your_agency(scope: Scope) -> list[WaitingItem]:
    return actions_due_for_agency(scope)


def register_lists() -> None:
    waiting.register(
        WaitingList(
            title="Tension alerts",
            permission=Permission.VIEW_TENSION,
            items_for=unread_alerts,
            empty_text="No unread tension alert.",
        )
    )
    waiting.register(
        WaitingList(
            title="Response actions due for your agency",
            permission=Permission.UPDATE_RESPONSE_ACTIONS,
            items_for=actions_due_for_your_agency,
            empty_text="No response action of your agency is due in the next 7 days.",
        )
    )
