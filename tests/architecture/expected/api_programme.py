"""The programme API: partner systems GET self-assessment levels with an agency token. The matrix
GETs with a session, which is no API token: 401 for every role."""

from tests.architecture.roles_matrix import everyone

EXPECTED = {
    "api:programme_assessments": [({}, everyone(401))],
}
