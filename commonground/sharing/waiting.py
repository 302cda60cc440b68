"""Sharing agreements on the staff home: those waiting for review on the data protection officers'
list, and the agreements page for everyone who may see agreements."""

from commonground.core import waiting, work_links
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingList
from commonground.core.work_links import DATA_PROTECTION, WorkLink


def _to_review(scope):
    # Imported here: the list is declared before the app's models are ready.
    from commonground.sharing.queries import agreements_to_review

    return agreements_to_review(scope)


def register() -> None:
    waiting.register(
        WaitingList(
            title="Sharing agreements to review",
            permission=Permission.MANAGE_SHARING_AGREEMENTS,
            items_for=_to_review,
            empty_text="No sharing agreement is near its review or has expired.",
        )
    )
    work_links.register(
        WorkLink(
            DATA_PROTECTION,
            "Information sharing agreements",
            "sharing:agreements",
            Permission.VIEW_SHARING_AGREEMENTS,
            "Who may share what with whom, under which lawful basis, and what has been shared",
        )
    )
