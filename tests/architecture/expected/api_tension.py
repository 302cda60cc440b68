"""The tension API: partner systems POST reports and trigger events and GET current levels with an
agency token. The matrix GETs each URL with a session, which is no API token: the POST-only
operations answer 405 and the levels 401 for every role."""

from tests.architecture.roles_matrix import everyone

EXPECTED = {
    "api:submit_tension_report": [({}, everyone(405))],
    "api:record_trigger_event": [({}, everyone(405))],
    "api:tension_levels": [({}, everyone(401))],
}
