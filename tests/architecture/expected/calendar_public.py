"""The public #WeStandTogether calendar and its feeds: open to everyone, signed in or not. Only
published events with the organiser's consent exist there: a draft answers 404 to everyone, staff
who manage it included. A borough feed needs a borough's ONS code."""

from tests.architecture.roles_matrix import everyone
from tests.factories import BOLTON

PUBLISHED = {"key": "{calendar_published_uid}"}
DRAFT = {"key": "{calendar_draft_id}"}

EXPECTED = {
    "calendar:upcoming": [({}, everyone(200))],
    "calendar:past": [({}, everyone(200))],
    "calendar:event": [(PUBLISHED, everyone(200)), (DRAFT, everyone(404))],
    "calendar:event-feed": [(PUBLISHED, everyone(200)), (DRAFT, everyone(404))],
    "calendar:feed": [({}, everyone(200))],
    "calendar:borough-feed": [({"code": BOLTON}, everyone(200)), ({"code": "E99999999"}, everyone(404))],
    "api:list_events": [({}, everyone(200))],
}


def sample_values(agency):
    from tests.calendar import world

    manager = world.programme_manager()
    bolton, oldham = world.borough(), world.borough(world.OLDHAM)
    published = world.published(manager, postcode="", borough=bolton)
    draft = world.draft(manager, postcode="", borough=bolton, title="A draft")
    oldham_draft = world.draft(manager, postcode="", borough=oldham, title="An Oldham draft")
    return {
        "calendar_published_uid": published.uid,
        "calendar_draft_id": draft.pk,
        "calendar_event_bolton": draft.pk,
        "calendar_event_oldham": oldham_draft.pk,
    }
