"""Statistics pages on the staff home and in the service navigation (aggregates only)."""

from commonground.core import work_links
from commonground.core.roles import Permission
from commonground.core.work_links import STATISTICS, WorkLink


def register_links() -> None:
    for link in (
        WorkLink(
            STATISTICS,
            "Hate incidents",
            "insights:staff-incidents",
            Permission.VIEW_INSIGHTS,
            "Trends and rates by area and strand",
            navigation_label="Statistics",
        ),
        WorkLink(
            STATISTICS,
            "Prevent referrals",
            "insights:staff-referrals",
            Permission.VIEW_INSIGHTS,
            "Referrals by sector, concern and outcome",
        ),
        WorkLink(
            STATISTICS,
            "Helpline",
            "insights:staff-helpline",
            Permission.VIEW_INSIGHTS,
            "Calls, outcomes and call-backs",
        ),
        WorkLink(
            STATISTICS,
            "Fairness check",
            "insights:staff-fairness",
            Permission.VIEW_INSIGHTS,
            "Whether referrals and outcomes differ between groups",
        ),
        WorkLink(
            STATISTICS,
            "Spikes",
            "insights:staff-spikes",
            Permission.VIEW_INSIGHTS,
            "Weeks with more incidents than expected",
        ),
        WorkLink(
            STATISTICS,
            "Prevent across the boroughs",
            "insights:staff-prevent",
            Permission.VIEW_INSIGHTS,
            "Each borough beside the combined authority, quarter by quarter, against the targets",
        ),
        WorkLink(
            STATISTICS,
            "Prevent targets",
            "insights:staff-prevent-targets",
            Permission.SET_PREVENT_TARGETS,
            "Set the red, amber and green thresholds, with the reasons for them",
        ),
        WorkLink(
            STATISTICS,
            "Statistics editions",
            "insights:editions",
            Permission.VIEW_INSIGHTS,
            "Quarterly public statistics: drafts, approval and publication",
        ),
        WorkLink(
            STATISTICS,
            "Draft a new edition",
            "insights:edition-new",
            Permission.PREPARE_STATISTICS,
            "Count and freeze an ended quarter's figures",
        ),
        WorkLink(
            STATISTICS,
            "Published statistics",
            "insights:public-latest",
            Permission.VIEW_INSIGHTS,
            "The latest edition as the public sees it",
        ),
    ):
        work_links.register(link)
