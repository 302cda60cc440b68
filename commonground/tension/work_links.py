"""Community tension pages on the staff home and in the service navigation."""

from commonground.core import work_links
from commonground.core.roles import Permission
from commonground.core.work_links import TENSION, WorkLink


def register_links() -> None:
    for link in (
        WorkLink(
            TENSION,
            "Tension dashboard and maps",
            "tension:dashboard",
            Permission.VIEW_TENSION,
            "Current levels by area, changes, incidents against the baseline",
            navigation_label="Tension",
        ),
        WorkLink(
            TENSION,
            "Report community tension in an area",
            "tension:submit-report",
            Permission.SUBMIT_TENSION_REPORTS,
            "What you have seen or heard, about an area, never a person",
        ),
        WorkLink(
            TENSION,
            "Tension reports",
            "tension:reports",
            Permission.VIEW_TENSION,
            "Reports from partners and the report line in your areas",
        ),
        WorkLink(
            TENSION,
            "Trigger events",
            "tension:trigger-events",
            Permission.VIEW_TENSION,
            "Events that may raise tension: marches, anniversaries, incidents",
        ),
        WorkLink(
            TENSION,
            "Record a trigger event",
            "tension:record-trigger-event",
            Permission.ASSESS_TENSION,
            "A march, an anniversary or an incident coming up",
        ),
        WorkLink(
            TENSION,
            "Assessments",
            "tension:assessments",
            Permission.VIEW_TENSION,
            "Weekly tension levels by area, with their reasons",
        ),
        WorkLink(
            TENSION,
            "Record an assessment",
            "tension:new-assessment",
            Permission.ASSESS_TENSION,
            "This week's level for an area, with your reasons",
        ),
        WorkLink(
            TENSION,
            "Response actions",
            "tension:actions",
            Permission.VIEW_TENSION,
            "What each agency is doing about tension, and when it is due",
        ),
        WorkLink(
            TENSION,
            "Create a response action",
            "tension:new-action",
            Permission.MANAGE_RESPONSE_ACTIONS,
            "A task for an agency, with an owner and a date",
        ),
        WorkLink(
            TENSION,
            "Response actions by agency",
            "tension:actions-report",
            Permission.VIEW_TENSION,
            "Open, overdue and completed actions for each agency",
        ),
        WorkLink(
            TENSION,
            "Weekly report",
            "tension:weekly-report",
            Permission.VIEW_TENSION,
            "The week's levels, events and actions, as a page or a PDF",
        ),
        WorkLink(
            TENSION,
            "Your alerts",
            "tension:alerts",
            Permission.VIEW_TENSION,
            "Rising tension and incident spikes in the areas you follow",
        ),
        WorkLink(
            TENSION,
            "Alert settings",
            "tension:alert-subscriptions",
            Permission.VIEW_TENSION,
            "Which areas and levels alert you, and how",
        ),
    ):
        work_links.register(link)
