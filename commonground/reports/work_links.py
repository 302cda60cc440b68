"""The report line's pages on the staff home and in the service navigation."""

from commonground.core import work_links
from commonground.core.roles import Permission
from commonground.core.work_links import ADMINISTRATION, DATA_PROTECTION, HELPLINE, REPORTS, WorkLink


def register_links() -> None:
    for link in (
        WorkLink(
            HELPLINE,
            "Log a call",
            "reports:helpline-new",
            Permission.LOG_HELPLINE_CALLS,
            "Record a call to the helpline and, if the caller wants, a report from it",
        ),
        WorkLink(
            HELPLINE,
            "Calls logged",
            "reports:helpline-calls",
            Permission.LOG_HELPLINE_CALLS,
            "The helpline's call log",
            navigation_label="Helpline",
        ),
        WorkLink(
            HELPLINE,
            "Call-back queue",
            "reports:call-backs",
            Permission.LOG_HELPLINE_CALLS,
            "People who asked to be called back, and the tries so far",
            navigation_label="Call-backs",
        ),
        WorkLink(
            HELPLINE,
            "Find a caller's report by its reference",
            "reports:helpline-find-report",
            Permission.LOG_HELPLINE_CALLS,
            "The reference and one detail the caller gives",
        ),
        WorkLink(
            REPORTS,
            "Report queue",
            "reports:staff-queue",
            Permission.VIEW_REPORTS,
            "Reports to triage, route and follow up in your areas and teams",
            navigation_label="Reports",
        ),
        WorkLink(
            REPORTS,
            "Enter a report for someone",
            "reports:on-behalf-new",
            Permission.RECORD_REPORTS_ON_BEHALF,
            "A hate incident, tension or worry reported to you in person or by phone",
            navigation_label="Report for someone",
        ),
        WorkLink(
            DATA_PROTECTION,
            "Sharing decisions",
            "reports:staff-sharing-decisions",
            Permission.SEARCH_AUDIT_TRAIL,
            "Reports shared without the reporter's consent, with the lawful basis given",
        ),
        WorkLink(
            ADMINISTRATION,
            "Teams",
            "admin:reports_team_changelist",
            Permission.MANAGE_USERS,
            "The teams whose queues receive reports, and their members",
        ),
        WorkLink(
            ADMINISTRATION,
            "Routing rules",
            "admin:reports_routingrule_changelist",
            Permission.MANAGE_USERS,
            "Which team receives which kind of report from which borough",
        ),
        WorkLink(
            ADMINISTRATION,
            "Advice pages",
            "admin:reports_contentpage_changelist",
            Permission.EDIT_ADVICE_CONTENT,
            "The public advice pages, in each language",
        ),
        WorkLink(
            ADMINISTRATION,
            "Advice scripts",
            "admin:reports_advicescript_changelist",
            Permission.EDIT_ADVICE_CONTENT,
            "What helpline advisors read to callers",
        ),
    ):
        work_links.register(link)
