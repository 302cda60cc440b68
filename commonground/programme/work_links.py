"""Programme monitoring's pages on the staff home and in the service navigation."""

from commonground.core import work_links
from commonground.core.roles import Permission
from commonground.core.work_links import Section, WorkLink

# After community tension, before statistics.
PROGRAMME = Section(55, "Programme")

# Each part of the capability adds its pages to its own list.
ASSESSMENT_LINKS: list[WorkLink] = []

PLAN_LINKS: list[WorkLink] = []

TRAINING_LINKS: list[WorkLink] = [
    WorkLink(
        PROGRAMME,
        "My training",
        "programme:training-my-record",
        Permission.USE_STAFF_AREA,
        "Courses you have completed, and refreshers due",
    ),
    WorkLink(
        PROGRAMME,
        "Training sessions",
        "programme:training-sessions",
        Permission.USE_STAFF_AREA,
        "Upcoming and past sessions of the partnership's courses",
    ),
    WorkLink(
        PROGRAMME,
        "Training coverage",
        "programme:training-coverage",
        Permission.LEAD_AGENCY_TRAINING,
        "Front-line staff trained, and refreshers due or overdue",
    ),
    WorkLink(
        PROGRAMME,
        "Training coverage",
        "programme:training-coverage",
        Permission.VIEW_PROGRAMME,
        "Front-line staff trained in the agencies of your areas",
    ),
    WorkLink(
        PROGRAMME,
        "Import attendance",
        "programme:training-import",
        Permission.LEAD_AGENCY_TRAINING,
        "Attendance and completions from a trainer's CSV file",
    ),
]

FORUM_LINKS: list[WorkLink] = []

BRIEFING_LINKS: list[WorkLink] = []


def register_links() -> None:
    for link in (*ASSESSMENT_LINKS, *PLAN_LINKS, *TRAINING_LINKS, *FORUM_LINKS, *BRIEFING_LINKS):
        work_links.register(link)


__all__ = ["PROGRAMME", "Permission", "WorkLink", "register_links"]
