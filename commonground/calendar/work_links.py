"""The calendar's pages on the staff home: for everyone who manages events."""

from commonground.core import work_links
from commonground.core.roles import Permission
from commonground.core.work_links import Section, WorkLink

# After the programme, before statistics.
CALENDAR = Section(57, "#WeStandTogether calendar")

LINKS = [
    WorkLink(
        CALENDAR,
        "Events on the calendar",
        "calendar:staff-events",
        Permission.MANAGE_EVENTS,
        "Add events, publish them with the organiser's agreement, and cancel them",
    ),
    WorkLink(
        CALENDAR,
        "Add an event",
        "calendar:staff-event-new",
        Permission.MANAGE_EVENTS,
        "A new event in one of your boroughs, saved as a draft",
    ),
]


def register() -> None:
    for link in LINKS:
        work_links.register(link)
