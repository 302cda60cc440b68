"""Programme monitoring's pages on the staff home and in the service navigation."""

from commonground.core import work_links
from commonground.core.roles import Permission
from commonground.core.work_links import Section, WorkLink

# After community tension, before statistics.
PROGRAMME = Section(55, "Programme")

# Each part of the capability adds its pages to its own list.
ASSESSMENT_LINKS: list[WorkLink] = []

# Reading self-assessments: all boroughs side by side.
ASSESSMENT_LINKS += [
    WorkLink(
        PROGRAMME,
        "Self-assessments side by side",
        "programme:assessments-side-by-side",
        Permission.VIEW_PROGRAMME,
        description="Every borough you follow for one period: each dimension's level and the moderated level.",
    ),
]

PLAN_LINKS: list[WorkLink] = []

TRAINING_LINKS: list[WorkLink] = []

FORUM_LINKS: list[WorkLink] = []

BRIEFING_LINKS: list[WorkLink] = []


def register_links() -> None:
    for link in (*ASSESSMENT_LINKS, *PLAN_LINKS, *TRAINING_LINKS, *FORUM_LINKS, *BRIEFING_LINKS):
        work_links.register(link)


__all__ = ["PROGRAMME", "Permission", "WorkLink", "register_links"]
