"""Programme monitoring's pages on the staff home and in the service navigation."""

from commonground.core import work_links
from commonground.core.roles import Permission
from commonground.core.work_links import Section, WorkLink

# After community tension, before statistics.
PROGRAMME = Section(55, "Programme")

# Each part of the capability adds its pages to its own list.
ASSESSMENT_LINKS: list[WorkLink] = []

PLAN_LINKS: list[WorkLink] = []

TRAINING_LINKS: list[WorkLink] = []

FORUM_LINKS: list[WorkLink] = []

BRIEFING_LINKS: list[WorkLink] = [
    WorkLink(
        PROGRAMME,
        "Briefings",
        "programme:briefing-list",
        Permission.USE_STAFF_AREA,
        "Briefings sent to you, and read receipts for those you wrote",
    ),
    WorkLink(
        PROGRAMME,
        "Write a briefing",
        "programme:briefing-write",
        Permission.AUTHOR_BRIEFINGS,
        "A local risk profile or an alert, to chosen roles, agencies or boroughs",
    ),
]


def register_links() -> None:
    for link in (*ASSESSMENT_LINKS, *PLAN_LINKS, *TRAINING_LINKS, *FORUM_LINKS, *BRIEFING_LINKS):
        work_links.register(link)


__all__ = ["PROGRAMME", "Permission", "WorkLink", "register_links"]
