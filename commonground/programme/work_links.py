"""Programme monitoring's pages on the staff home and in the service navigation."""

from commonground.core import work_links
from commonground.core.roles import Permission
from commonground.core.work_links import Section, WorkLink

# After community tension, before statistics.
PROGRAMME = Section(55, "Programme")

# Each part of the capability adds its pages to its own list.
ASSESSMENT_LINKS: list[WorkLink] = [
    WorkLink(
        PROGRAMME,
        "Self-assessments",
        "programme:assessment-list",
        Permission.VIEW_PROGRAMME,
        "Each borough's levels on the framework, with reasons, evidence and moderation",
        navigation_label="Programme",
    ),
    WorkLink(
        PROGRAMME,
        "Start a self-assessment",
        "programme:assessment-start",
        Permission.COMPLETE_SELF_ASSESSMENTS,
        "A borough's levels for a period, dimension by dimension",
    ),
]

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

PLAN_LINKS: list[WorkLink] = [
    WorkLink(
        PROGRAMME,
        "Action plans and projects",
        "programme:plan-list",
        Permission.VIEW_PROGRAMME,
        "Each borough's plan: objectives, actions and their owners, projects' budgets, status and risks",
    ),
]

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

FORUM_LINKS: list[WorkLink] = [
    WorkLink(
        PROGRAMME,
        "Partnership forum meetings",
        "programme:forum-meetings",
        Permission.VIEW_PROGRAMME,
        "Agendas, minutes, who attended for each agency, and the actions agreed",
    ),
    WorkLink(
        PROGRAMME,
        "Lessons library",
        "programme:lesson-list",
        Permission.USE_STAFF_AREA,
        "What partners learned, and what changed: search by word, tag or agency",
    ),
]

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
