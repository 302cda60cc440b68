"""Reads of the report and advice line. Staff reads start from the scope; the public reaches a
report only through its private status link.

One module per use case; every read is importable from here too."""

from commonground.reports.queries.helpline import (
    active_advice_scripts,
    call_back_queue_page,
    call_backs_passed_to_triage,
    calls_page,
    calls_visible_to,
    open_call,
    open_call_back,
    open_call_backs,
)
from commonground.reports.queries.queue import (
    QueueCounts,
    QueueFilters,
    QueueShows,
    TriageQueue,
    overdue_condition,
    queue_counts,
    report_queue,
    triage_queue,
)
from commonground.reports.queries.report_page import (
    consent_teams,
    consents_now,
    open_report,
    open_report_file,
    pending_link_suggestions,
    sharing_decisions,
    team_names_of,
    worry_for_referral,
)
from commonground.reports.queries.retention import calls_past_retention, reports_past_retention
from commonground.reports.queries.status_page import (
    active_strands,
    content_page,
    content_pages,
    report_by_status_secret,
    report_by_status_secret_hash,
    status_page_lists,
)
from commonground.reports.queries.teams import routing_rules_administered_by, teams_administered_by, teams_of
from commonground.reports.queries.weekly_counts import hate_incident_weekly_counts

__all__ = [
    "QueueCounts",
    "QueueFilters",
    "QueueShows",
    "TriageQueue",
    "active_advice_scripts",
    "active_strands",
    "call_back_queue_page",
    "call_backs_passed_to_triage",
    "calls_page",
    "calls_past_retention",
    "calls_visible_to",
    "consent_teams",
    "consents_now",
    "content_page",
    "content_pages",
    "hate_incident_weekly_counts",
    "open_call",
    "open_call_back",
    "open_call_backs",
    "open_report",
    "open_report_file",
    "overdue_condition",
    "pending_link_suggestions",
    "queue_counts",
    "report_by_status_secret",
    "report_by_status_secret_hash",
    "report_queue",
    "reports_past_retention",
    "routing_rules_administered_by",
    "sharing_decisions",
    "status_page_lists",
    "team_names_of",
    "teams_administered_by",
    "teams_of",
    "triage_queue",
    "worry_for_referral",
]
