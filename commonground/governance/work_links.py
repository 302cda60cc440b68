"""Information governance's pages on the staff home: for data protection officers."""

from commonground.core import work_links
from commonground.core.roles import Permission
from commonground.core.work_links import DATA_PROTECTION, WorkLink

LINKS = [
    WorkLink(
        DATA_PROTECTION,
        "Subject access requests",
        "governance:requests",
        Permission.HANDLE_SUBJECT_ACCESS,
        "Requests for a person's data and its erasure: search every record, export, erase, the deadlines",
    ),
    WorkLink(
        DATA_PROTECTION,
        "Record a subject access request",
        "governance:request-new",
        Permission.HANDLE_SUBJECT_ACCESS,
        "A new request, from the day it arrived: its one-month deadline is tracked",
    ),
    WorkLink(
        DATA_PROTECTION,
        "Legal holds",
        "governance:holds",
        Permission.HANDLE_SUBJECT_ACCESS,
        "Records that must not be erased, and why",
    ),
]


def register() -> None:
    for link in LINKS:
        work_links.register(link)
