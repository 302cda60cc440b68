"""Every member of staff's work, one registry: each capability registers the pages its roles use
(a label, the URL name, the permission that shows it, a short description) under a section. The
staff home lists them by section; the service navigation shows one entry per page that asks for
it (`navigation_label`). A later capability plugs in with `register(WorkLink(...))` from its
AppConfig.ready(), like the waiting lists (core/waiting.py)."""

from dataclasses import dataclass, field

from django.urls import reverse

from commonground.core.access import Scope
from commonground.core.roles import Permission


@dataclass(frozen=True, order=True)
class Section:
    """A heading on the staff home. Sections appear in `order`, lowest first."""

    order: int
    title: str = field(compare=False)


# The sections the shipped capabilities use; a new capability may add its own.
HELPLINE = Section(20, "Helpline")
REPORTS = Section(30, "Reports")
SAFEGUARDING = Section(40, "Safeguarding")
TENSION = Section(50, "Community tension")
STATISTICS = Section(60, "Statistics")
DATA_PROTECTION = Section(70, "Data protection")
ADMINISTRATION = Section(80, "Administration")
# Last: every role has it, and each role's own work comes first.
PEOPLE_AND_PLACES = Section(90, "People and places")


@dataclass(frozen=True)
class WorkLink:
    section: Section
    label: str
    url_name: str
    permission: Permission
    description: str = ""
    # Set to also show the page in the service navigation, under this (short) label.
    navigation_label: str = ""


@dataclass(frozen=True)
class ShownLink:
    label: str
    url: str
    description: str


_LINKS: list[WorkLink] = []


def register(link: WorkLink) -> None:
    _LINKS.append(link)


def registered() -> list[WorkLink]:
    return list(_LINKS)


def _links_for(scope: Scope) -> list[WorkLink]:
    """The scope's links, sections in order, each page once (a person with two roles that both
    use a page sees it under the first section that offers it)."""
    seen: set[str] = set()
    links = []
    for link in sorted(_LINKS, key=lambda link: link.section):
        if scope.can(link.permission) and link.url_name not in seen:
            seen.add(link.url_name)
            links.append(link)
    return links


def work_for(scope: Scope) -> list[tuple[Section, list[ShownLink]]]:
    """The sections this scope has, each with its pages, for the staff home."""
    grouped: dict[Section, list[ShownLink]] = {}
    for link in _links_for(scope):
        grouped.setdefault(link.section, []).append(
            ShownLink(label=link.label, url=reverse(link.url_name), description=link.description)
        )
    return list(grouped.items())


def navigation_for(scope: Scope) -> list[tuple[str, str]]:
    """(label, URL) of the service navigation's entries this scope has, after Home."""
    return [
        (link.navigation_label, reverse(link.url_name)) for link in _links_for(scope) if link.navigation_label
    ]


def register_core_links() -> None:
    for link in (
        WorkLink(
            PEOPLE_AND_PLACES,
            "People",
            "core:people",
            Permission.VIEW_STAFF_DIRECTORY,
            "Colleagues' contact details in your areas",
            navigation_label="People",
        ),
        WorkLink(
            PEOPLE_AND_PLACES,
            "Notifications",
            "core:notifications",
            Permission.USE_STAFF_AREA,
            "Work that has reached you: new reports, overdue items, requests, reviews due",
            navigation_label="Notifications",
        ),
        WorkLink(
            PEOPLE_AND_PLACES,
            "Your notification settings",
            "core:notification-settings",
            Permission.USE_STAFF_AREA,
            "An email for each notice, or one daily digest",
        ),
        WorkLink(
            PEOPLE_AND_PLACES,
            "Areas",
            "core:areas",
            Permission.VIEW_AREAS,
            "Boroughs, wards and their populations",
            navigation_label="Areas",
        ),
        WorkLink(
            DATA_PROTECTION,
            "Search the audit trail",
            "core:audit-search",
            Permission.SEARCH_AUDIT_TRAIL,
            "Who did what and when, and records opened outside normal scope",
            navigation_label="Audit trail",
        ),
        WorkLink(
            DATA_PROTECTION,
            "Review staff access",
            "core:access-review",
            Permission.REVIEW_ACCESS,
            "Each week: records opened, out of hours, in an emergency or outside scope, exports, failed attempts",
            navigation_label="Access review",
        ),
        WorkLink(
            DATA_PROTECTION,
            "Open a record in an emergency",
            "core:break-glass",
            Permission.BREAK_GLASS,
            "A record outside your areas, with a reason, for one hour; its owners are told",
        ),
        WorkLink(
            ADMINISTRATION,
            "Administration (Django admin)",
            "admin:index",
            Permission.MANAGE_USERS,
            "Staff accounts, roles, agencies, API tokens, teams and routing rules",
            navigation_label="Admin",
        ),
        WorkLink(
            ADMINISTRATION,
            "Staff accounts and roles",
            "admin:core_user_changelist",
            Permission.MANAGE_USERS,
            "Add staff, give and take away roles and areas, unlock accounts",
        ),
        WorkLink(
            ADMINISTRATION,
            "Agencies",
            "admin:core_agency_changelist",
            Permission.MANAGE_USERS,
            "The partner agencies and the areas each serves",
        ),
        WorkLink(
            ADMINISTRATION,
            "Role requests to approve",
            "admin:core_rolegrantrequest_changelist",
            Permission.MANAGE_USERS,
            "Data protection officer and administrator roles need a second administrator",
        ),
        WorkLink(
            ADMINISTRATION,
            "API tokens",
            "admin:core_apitoken_changelist",
            Permission.MANAGE_API_TOKENS,
            "Partner systems' tokens: issue, see when they expire, revoke",
        ),
        WorkLink(
            ADMINISTRATION,
            "Background tasks",
            "admin:django_tasks_database_dbtaskresult_changelist",
            Permission.MONITOR_BACKGROUND_TASKS,
            "Emails, alerts and sweeps waiting, running, done or failed",
        ),
    ):
        register(link)
