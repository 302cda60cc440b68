"""The reports API: partner systems POST reports with an agency token. The matrix GETs each URL,
and POST /api/v1/reports answers GET with 405 for every role (a session is no API token)."""

from tests.architecture.roles_matrix import everyone

EXPECTED = {
    "api:submit_report": [({}, everyone(405))],
}
