"""Casework pages on the staff home and in the service navigation."""

from commonground.core import work_links
from commonground.core.roles import Permission
from commonground.core.work_links import DATA_PROTECTION, SAFEGUARDING, WorkLink


def register_links() -> None:
    for link in (
        WorkLink(
            SAFEGUARDING,
            "Referrals and cases",
            "safeguarding:list",
            Permission.MANAGE_CASES,
            "Screening, information gathering, panels, support plans and exits in your boroughs",
            navigation_label="Cases",
        ),
        WorkLink(
            SAFEGUARDING,
            "Refer someone you are worried about",
            "safeguarding:refer",
            Permission.REFER_TO_SAFEGUARDING,
            "A Prevent referral to the borough's safeguarding coordinators",
        ),
        WorkLink(
            SAFEGUARDING,
            "Panel meetings",
            "safeguarding:panels",
            Permission.MANAGE_CASES,
            "Meetings, agendas, attendance and decisions",
        ),
        WorkLink(
            SAFEGUARDING,
            "Your panels",
            "safeguarding:panels",
            Permission.VIEW_PANEL_CASES,
            "The panels you sit on and the cases on their agendas",
        ),
        WorkLink(
            SAFEGUARDING,
            "Panel attendance report",
            "safeguarding:attendance-report",
            Permission.MANAGE_CASES,
            "Who attended the panels, by agency",
        ),
        WorkLink(
            SAFEGUARDING,
            "Information requests to your agency",
            "safeguarding:information-requests",
            Permission.ANSWER_INFORMATION_REQUESTS,
            "Questions from safeguarding coordinators for your agency to answer",
        ),
        WorkLink(
            DATA_PROTECTION,
            "Records past retention",
            "safeguarding:retention",
            Permission.ACCESS_OUTSIDE_SCOPE,
            "Casework due for erasure: confirm it, or hold it with a reason",
        ),
        WorkLink(
            DATA_PROTECTION,
            "Panel attendance report",
            "safeguarding:attendance-report",
            Permission.SEARCH_AUDIT_TRAIL,
            "Who attended the panels, by agency",
        ),
    ):
        work_links.register(link)
