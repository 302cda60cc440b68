"""The referrals API: partner systems POST referrals with an agency token. The matrix GETs each
URL: POST /api/v1/referrals answers GET with 405 for every role (there is no way to read a
referral through the API, and a session is no API token)."""

from tests.architecture.roles_matrix import everyone

EXPECTED = {
    "api:submit_referral": [({}, everyone(405))],
}
