"""Community grants' staff pages on the staff home and in the service navigation."""

from commonground.core import work_links
from commonground.core.roles import Permission
from commonground.core.work_links import Section, WorkLink

# After the programme, before statistics.
GRANTS = Section(57, "Community grants")

STAFF_LINKS: list[WorkLink] = [
    WorkLink(
        GRANTS,
        "Grant rounds",
        "grants:staff-rounds",
        Permission.MANAGE_GRANTS,
        "Rounds' budgets, criteria and questions; awarded, paid and remaining at a glance",
        navigation_label="Grants",
    ),
    WorkLink(
        GRANTS,
        "Grant rounds",
        "grants:staff-rounds",
        Permission.DECIDE_GRANTS,
        "Each round's budget, what is awarded and paid, and its applications",
        navigation_label="Grants",
    ),
    WorkLink(
        GRANTS,
        "Grant applications",
        "grants:staff-applications",
        Permission.MANAGE_GRANTS,
        "Check applications, ask groups questions, assign assessors, record payments",
    ),
    WorkLink(
        GRANTS,
        "Grant applications",
        "grants:staff-applications",
        Permission.DECIDE_GRANTS,
        "Applications, their assessors' scores, and the panel's decisions",
    ),
    WorkLink(
        GRANTS,
        "Monitoring reports",
        "grants:staff-monitoring",
        Permission.MANAGE_GRANTS,
        "Funded groups' reports after their events: due, overdue, received and reviewed",
    ),
    WorkLink(
        GRANTS,
        "Applications to assess",
        "grants:staff-my-assessments",
        Permission.ASSESS_GRANT_APPLICATIONS,
        "Applications assigned to you: declare any conflict of interest, then score them",
        navigation_label="Assessing",
    ),
]


def register_links() -> None:
    for link in STAFF_LINKS:
        work_links.register(link)
