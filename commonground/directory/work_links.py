"""The directories' pages on the staff home and in the service navigation."""

from commonground.core import work_links
from commonground.core.roles import Permission
from commonground.core.work_links import Section, WorkLink

# After the programme, before statistics: the partnership's work with communities.
COMMUNITY = Section(57, "Community")

LINKS: list[WorkLink] = [
    WorkLink(
        COMMUNITY,
        "Reporting centres and meeting spaces",
        "directory:staff-list",
        Permission.MANAGE_DIRECTORY,
        "The public finders' entries: add and edit them, see which are hidden or overdue for audit",
        navigation_label="Directory",
    ),
    WorkLink(
        COMMUNITY,
        "Reporting centres and meeting spaces",
        "directory:staff-list",
        Permission.AUDIT_DIRECTORY_ENTRIES,
        "Audit the public finders' entries against the checklist",
    ),
    WorkLink(
        COMMUNITY,
        "Add a reporting centre or meeting space",
        "directory:staff-new",
        Permission.MANAGE_DIRECTORY,
        "A new entry, hidden from the public until an audit finds it meets the standard",
    ),
]


def register_links() -> None:
    for link in LINKS:
        work_links.register(link)
