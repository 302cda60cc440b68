"""Roles and the permissions they carry.

`Permission` is the one list of things a user may be allowed to do; code checks members of it,
never bare strings. A role is a Django group holding a set of these permissions. The mapping below
is the shipped default, applied by `manage.py roles sync` (and after every migrate); administrators
may adjust groups in the Django admin, and `manage.py roles check` reports any drift.
"""

from django.db import models


class Permission(models.TextChoices):
    """Each value is a Django permission codename on `core.Capability`."""

    USE_STAFF_AREA = "use_staff_area", "Use the staff area"
    VIEW_AREAS = "view_areas", "View areas and populations"
    VIEW_STAFF_DIRECTORY = "view_staff_directory", "View colleagues' contact details in scope"
    SEARCH_AUDIT_TRAIL = "search_audit_trail", "Search the audit trail"
    ACCESS_OUTSIDE_SCOPE = "access_outside_scope", "Open a record outside normal scope, with a reason"
    MANAGE_USERS = "manage_users", "Manage staff accounts and roles"
    MANAGE_API_TOKENS = "manage_api_tokens", "Issue and revoke API tokens"
    MANAGE_REFERENCE_DATA = "manage_reference_data", "Load places, populations and postcodes"
    MONITOR_BACKGROUND_TASKS = (
        "monitor_background_tasks",
        "See the background queue's health and be emailed when it is stuck",
    )
    # Report and advice line
    LOG_HELPLINE_CALLS = "log_helpline_calls", "Log helpline calls and create reports from them"
    RECORD_REPORTS_ON_BEHALF = "record_reports_on_behalf", "Enter reports on someone's behalf"
    VIEW_REPORTS = "view_reports", "See reports in scope or in one's team queues"
    TRIAGE_REPORTS = "triage_reports", "Triage, route, link and update reports"
    EDIT_ADVICE_CONTENT = "edit_advice_content", "Edit advice pages and advice scripts"
    # Safeguarding casework (panels and information sharing)
    VIEW_PANEL_CASES = "view_panel_cases", "See the open cases on agendas of panels one sits on"
    ANSWER_INFORMATION_REQUESTS = (
        "answer_information_requests",
        "Answer information requests sent to one's agency",
    )
    # Safeguarding casework (Prevent and Channel)
    REFER_TO_SAFEGUARDING = "refer_to_safeguarding", "Refer a person to safeguarding (Prevent)"
    MANAGE_CASES = "manage_cases", "See and manage safeguarding referrals and cases in scope"
    SCREEN_REFERRALS = "screen_referrals", "Record screening decisions on safeguarding referrals"
    # Community tension monitoring (area-level, never about a person)
    SUBMIT_TENSION_REPORTS = "submit_tension_reports", "Report community tension seen in an area"
    VIEW_TENSION = "view_tension", "See tension reports, assessments, the map and actions in scope"
    ASSESS_TENSION = "assess_tension", "Record trigger events and tension assessments"
    MANAGE_RESPONSE_ACTIONS = "manage_response_actions", "Create response actions for any agency"
    UPDATE_RESPONSE_ACTIONS = "update_response_actions", "Update and complete one's agency's response actions"
    # Insights and transparency (aggregates only)
    VIEW_INSIGHTS = "view_insights", "See statistics dashboards (aggregates) for areas in scope"
    PREPARE_STATISTICS = "prepare_statistics", "Draft and publish public statistics editions"
    APPROVE_STATISTICS = "approve_statistics", "Approve public statistics editions for publication"
    SET_PREVENT_TARGETS = (
        "set_prevent_targets",
        "Set the red, amber and green targets for Prevent across the boroughs",
    )
    # Programme monitoring (how well the partnership is doing, never about a person at risk)
    VIEW_PROGRAMME = (
        "view_programme",
        "See self-assessments, action plans, projects and the forum for areas in scope",
    )
    COMPLETE_SELF_ASSESSMENTS = (
        "complete_self_assessments",
        "Complete a borough's self-assessments and action plans",
    )
    MODERATE_SELF_ASSESSMENTS = (
        "moderate_self_assessments",
        "Moderate the boroughs' self-assessments (never one's own borough's)",
    )
    LEAD_AGENCY_TRAINING = (
        "lead_agency_training",
        "Run training sessions and keep one's agency's training records",
    )
    RUN_PARTNERSHIP_FORUM = "run_partnership_forum", "Record forum meetings, their actions and lessons"
    AUTHOR_BRIEFINGS = "author_briefings", "Write briefings and send them to an audience"
    # Community grants, the #WeStandTogether calendar and the public directories
    MANAGE_GRANTS = (
        "manage_grants",
        "Run grant rounds: check applications, assign assessors, record payments and monitoring",
    )
    ASSESS_GRANT_APPLICATIONS = (
        "assess_grant_applications",
        "Score grant applications (never one with a declared conflict of interest)",
    )
    DECIDE_GRANTS = "decide_grants", "Award or decline grant applications for the grants panel"
    MANAGE_EVENTS = "manage_events", "Add and edit events on the #WeStandTogether calendar"
    MANAGE_DIRECTORY = "manage_directory", "Keep the directories of reporting centres and meeting spaces"
    AUDIT_DIRECTORY_ENTRIES = (
        "audit_directory_entries",
        "Record audits of reporting centres and meeting spaces",
    )
    # Information governance (decision 0020)
    MANAGE_SHARING_AGREEMENTS = (
        "manage_sharing_agreements",
        "Record information sharing agreements between agencies",
    )
    VIEW_SHARING_AGREEMENTS = (
        "view_sharing_agreements",
        "See the sharing agreements one's agency is in and what was shared under them",
    )
    HANDLE_SUBJECT_ACCESS = (
        "handle_subject_access",
        "Search every record for a person, export it and erase it, with a reason",
    )
    REVIEW_ACCESS = "review_access", "Review staff access to personal records and emergency access"
    BREAK_GLASS = "break_glass", "Open a record outside one's scope in an emergency, with a reason"

    @property
    def django_name(self) -> str:
        return f"core.{self.value}"


class Role(models.TextChoices):
    HELPLINE_ADVISOR = "helpline_advisor", "Helpline advisor"
    TRIAGE_OFFICER = "triage_officer", "Triage officer"
    SAFEGUARDING_COORDINATOR = "safeguarding_coordinator", "Safeguarding (Prevent/Channel) coordinator"
    PANEL_MEMBER = "panel_member", "Panel member"
    TENSION_ANALYST = "tension_analyst", "Tension analyst"
    PROGRAMME_MANAGER = "programme_manager", "Programme manager"
    DATA_PROTECTION_OFFICER = "data_protection_officer", "Data protection officer"
    SYSTEM_ADMINISTRATOR = "system_administrator", "System administrator"
    REPORTING_CENTRE_WORKER = "reporting_centre_worker", "Reporting centre worker"
    PARTNER_OFFICER = "partner_officer", "Partner officer (police, council, housing, school, youth or faith)"
    BOROUGH_PROGRAMME_LEAD = "borough_programme_lead", "Borough programme lead"
    TRAINING_LEAD = "training_lead", "Training lead"
    GRANTS_OFFICER = "grants_officer", "Community grants officer"
    GRANT_ASSESSOR = "grant_assessor", "Grant assessor"

    @property
    def group_name(self) -> str:
        return self.label

    @classmethod
    def from_group_name(cls, name: str) -> "Role | None":
        return next((role for role in cls if role.label == name), None)


_EVERY_STAFF_ROLE = {Permission.USE_STAFF_AREA, Permission.VIEW_AREAS, Permission.VIEW_STAFF_DIRECTORY}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.HELPLINE_ADVISOR: frozenset(
        _EVERY_STAFF_ROLE
        | {
            Permission.LOG_HELPLINE_CALLS,
            Permission.RECORD_REPORTS_ON_BEHALF,
            Permission.REFER_TO_SAFEGUARDING,
        }
    ),
    Role.TRIAGE_OFFICER: frozenset(
        _EVERY_STAFF_ROLE
        | {
            Permission.VIEW_REPORTS,
            Permission.TRIAGE_REPORTS,
            Permission.REFER_TO_SAFEGUARDING,
            Permission.ANSWER_INFORMATION_REQUESTS,
            Permission.SUBMIT_TENSION_REPORTS,
            Permission.VIEW_SHARING_AGREEMENTS,
            Permission.BREAK_GLASS,
        }
    ),
    Role.SAFEGUARDING_COORDINATOR: frozenset(
        _EVERY_STAFF_ROLE
        | {
            Permission.REFER_TO_SAFEGUARDING,
            Permission.MANAGE_CASES,
            Permission.SCREEN_REFERRALS,
            Permission.ANSWER_INFORMATION_REQUESTS,
            # Worries from the report line routed to the borough's coordinators (team queue only).
            Permission.VIEW_REPORTS,
            Permission.VIEW_SHARING_AGREEMENTS,
            Permission.BREAK_GLASS,
        }
    ),
    Role.PANEL_MEMBER: frozenset(
        _EVERY_STAFF_ROLE
        | {
            Permission.REFER_TO_SAFEGUARDING,
            Permission.VIEW_PANEL_CASES,
            Permission.ANSWER_INFORMATION_REQUESTS,
            Permission.VIEW_SHARING_AGREEMENTS,
        }
    ),
    Role.TENSION_ANALYST: frozenset(
        _EVERY_STAFF_ROLE
        | {
            Permission.SUBMIT_TENSION_REPORTS,
            Permission.VIEW_TENSION,
            Permission.ASSESS_TENSION,
            Permission.MANAGE_RESPONSE_ACTIONS,
            Permission.UPDATE_RESPONSE_ACTIONS,
            Permission.VIEW_INSIGHTS,
        }
    ),
    # The partnership's cohesion lead: follows tension and the response to it.
    Role.PROGRAMME_MANAGER: frozenset(
        _EVERY_STAFF_ROLE
        | {
            Permission.EDIT_ADVICE_CONTENT,
            Permission.VIEW_TENSION,
            Permission.SUBMIT_TENSION_REPORTS,
            Permission.VIEW_INSIGHTS,
            Permission.PREPARE_STATISTICS,
            Permission.SET_PREVENT_TARGETS,
            # The combined authority's programme team: its own plan, moderation, the forum,
            # briefings passed down to local leaders.
            Permission.VIEW_PROGRAMME,
            Permission.COMPLETE_SELF_ASSESSMENTS,
            Permission.MODERATE_SELF_ASSESSMENTS,
            Permission.RUN_PARTNERSHIP_FORUM,
            Permission.AUTHOR_BRIEFINGS,
            # Chairs the grants panel; keeps the calendar and the directories with the boroughs.
            Permission.DECIDE_GRANTS,
            Permission.MANAGE_EVENTS,
            Permission.MANAGE_DIRECTORY,
            Permission.AUDIT_DIRECTORY_ENTRIES,
        }
    ),
    Role.DATA_PROTECTION_OFFICER: frozenset(
        _EVERY_STAFF_ROLE
        | {
            Permission.SEARCH_AUDIT_TRAIL,
            Permission.ACCESS_OUTSIDE_SCOPE,
            Permission.VIEW_INSIGHTS,
            Permission.APPROVE_STATISTICS,
            Permission.MANAGE_SHARING_AGREEMENTS,
            Permission.VIEW_SHARING_AGREEMENTS,
            Permission.HANDLE_SUBJECT_ACCESS,
            Permission.REVIEW_ACCESS,
        }
    ),
    Role.SYSTEM_ADMINISTRATOR: frozenset(
        _EVERY_STAFF_ROLE
        | {
            Permission.MANAGE_USERS,
            Permission.MANAGE_API_TOKENS,
            Permission.MANAGE_REFERENCE_DATA,
            Permission.MONITOR_BACKGROUND_TASKS,
        }
    ),
    Role.REPORTING_CENTRE_WORKER: frozenset(_EVERY_STAFF_ROLE | {Permission.RECORD_REPORTS_ON_BEHALF}),
    # Front-line staff of partner agencies: they report what they see, follow tension in their
    # areas, complete their agency's response actions, and refer a person they are worried about.
    Role.PARTNER_OFFICER: frozenset(
        _EVERY_STAFF_ROLE
        | {
            Permission.SUBMIT_TENSION_REPORTS,
            Permission.VIEW_TENSION,
            Permission.UPDATE_RESPONSE_ACTIONS,
            Permission.REFER_TO_SAFEGUARDING,
            Permission.VIEW_SHARING_AGREEMENTS,
        }
    ),
    # A borough's own programme: its self-assessment, its plan and projects, what it learns.
    Role.BOROUGH_PROGRAMME_LEAD: frozenset(
        _EVERY_STAFF_ROLE
        | {
            Permission.VIEW_PROGRAMME,
            Permission.COMPLETE_SELF_ASSESSMENTS,
            Permission.RUN_PARTNERSHIP_FORUM,
            Permission.AUTHOR_BRIEFINGS,
            # Evidence for the self-assessment: the borough's tension and its aggregates; like the
            # combined authority's programme team, they report tension they see.
            Permission.VIEW_TENSION,
            Permission.SUBMIT_TENSION_REPORTS,
            Permission.VIEW_INSIGHTS,
            # The borough's reporting centres, meeting spaces and events.
            Permission.MANAGE_EVENTS,
            Permission.MANAGE_DIRECTORY,
            Permission.AUDIT_DIRECTORY_ENTRIES,
        }
    ),
    # One agency's training: sessions, attendance, who is front-line, refreshers due.
    Role.TRAINING_LEAD: frozenset(_EVERY_STAFF_ROLE | {Permission.LEAD_AGENCY_TRAINING}),
    # Runs the community grant rounds up to the panel's decision, and puts funded events on the
    # calendar; the panel (the programme manager) awards.
    Role.GRANTS_OFFICER: frozenset(_EVERY_STAFF_ROLE | {Permission.MANAGE_GRANTS, Permission.MANAGE_EVENTS}),
    # A partner who scores applications against the round's criteria.
    Role.GRANT_ASSESSOR: frozenset(_EVERY_STAFF_ROLE | {Permission.ASSESS_GRANT_APPLICATIONS}),
}

# Django's own model permissions that a role needs in the admin, beyond the enum above: a system
# administrator may look at the role groups (their permissions change only in code, through
# `roles sync`, so nobody widens their own role), reset a lost authenticator, lift a lockout early,
# and see the task queue.
ROLE_DJANGO_PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.SYSTEM_ADMINISTRATOR: frozenset(
        {
            "auth.view_group",
            "otp_totp.view_totpdevice",
            "otp_totp.delete_totpdevice",
            "axes.view_accessattempt",
            "axes.delete_accessattempt",
            "django_tasks_database.view_dbtaskresult",
            "reports.view_team",
            "reports.add_team",
            "reports.change_team",
            "reports.view_routingrule",
            "reports.add_routingrule",
            "reports.change_routingrule",
            "reports.delete_routingrule",
            "reports.view_hostilitystrand",
            "reports.add_hostilitystrand",
            "reports.change_hostilitystrand",
        }
    ),
    Role.PROGRAMME_MANAGER: frozenset(
        {
            "reports.view_advicescript",
            "reports.add_advicescript",
            "reports.change_advicescript",
            "reports.view_contentpage",
            "reports.add_contentpage",
            "reports.change_contentpage",
        }
    ),
}

# Roles so powerful that one administrator alone may not give them: one asks, a second approves
# (`core.actions.roles.request_role_grant` and `approve_role_grant`). Taking them away needs one.
ROLES_NEEDING_TWO_ADMINISTRATORS: frozenset[Role] = frozenset(
    {Role.DATA_PROTECTION_OFFICER, Role.SYSTEM_ADMINISTRATOR}
)

# Every staff role sees some personal data (at the least, colleagues' contact details), so every
# role signs in with a second factor. Kept as a set so that a future aggregate-only role can differ.
ROLES_REQUIRING_SECOND_FACTOR: frozenset[Role] = frozenset(Role)
