"""The calendar's staff pages: for those who manage events (the programme manager, the grants
officer and borough programme leads), each in the boroughs of their scope. Every role in the matrix
works in Bolton, so an Oldham event is 404 to them, as if it did not exist. Publishing and
cancelling are by POST only (405 to a GET)."""

from commonground.core.roles import Role
from tests.architecture.roles_matrix import only

MANAGERS = (Role.PROGRAMME_MANAGER.value, Role.GRANTS_OFFICER.value, Role.BOROUGH_PROGRAMME_LEAD.value)


def _in_and_out(*, ok: int = 200):
    return [
        ({"event_id": "{calendar_event_bolton}"}, only(*MANAGERS, ok=ok)),
        ({"event_id": "{calendar_event_oldham}"}, only(*MANAGERS, ok=404 if ok == 200 else ok)),
    ]


EXPECTED = {
    "calendar:staff-events": [({}, only(*MANAGERS))],
    "calendar:staff-event-new": [({}, only(*MANAGERS))],
    "calendar:staff-event": _in_and_out(),
    "calendar:staff-event-edit": _in_and_out(),
    "calendar:staff-event-publish": _in_and_out(ok=405),
    "calendar:staff-event-cancel": _in_and_out(ok=405),
}
