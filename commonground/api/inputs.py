"""Checks of what partner systems send that more than one router makes: the Idempotency-Key
header, the agency-namespaced key it is stored under, and an area named by its ONS code."""

import hashlib
import re

from django.http import HttpRequest

from commonground.api.errors import ApiError
from commonground.core import queries as core_queries
from commonground.core.models import ApiToken, Area, AreaLevel

IDEMPOTENCY_HEADER = "Idempotency-Key"
IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")
SUBMISSION_KEY_MAX = 100  # Report.submission_key's max_length


def idempotency_key(request: HttpRequest) -> str:
    key = request.headers.get(IDEMPOTENCY_HEADER, "")
    if not key:
        raise ApiError(
            400,
            "idempotency_key_missing",
            "The Idempotency-Key header is required",
            "Send 'Idempotency-Key: <key>' with a key of your own for this report, e.g. a UUID. "
            "Send the same key if you retry.",
        )
    if not IDEMPOTENCY_KEY.match(key):
        raise ApiError(
            400,
            "idempotency_key_malformed",
            "The Idempotency-Key header is not a valid key",
            "A key is 1 to 100 letters (A-Z, a-z), digits, '.', '_', ':' or '-'.",
        )
    return key


def submission_key(token: ApiToken, key: str) -> str:
    """The partner's key, namespaced by agency. Keys too long to fit beside the namespace are
    stored as their SHA-256 (still one report per key; a hash cannot be chosen to match a key)."""
    namespaced = f"api:{token.agency_id}:{key}"
    if len(namespaced) <= SUBMISSION_KEY_MAX:
        return namespaced
    return f"api:{token.agency_id}:{hashlib.sha256(key.encode()).hexdigest()}"


def area_with_code(code: str, level: AreaLevel) -> Area:
    # Codes are checked against a pattern by the schema, so they are safe to repeat in the detail.
    area = core_queries.area_for_api(code)
    if area is None or area.level != level:
        raise ApiError(
            422,
            "unknown_area",
            f"No {level.label.lower()} has that code",
            f"'{code.upper()}' is not the ONS code of a {level.label.lower()} in the partnership's area.",
        )
    return area
