"""Checks of what partner systems send that more than one router makes: an area named by its ONS
code. (The Idempotency-Key header is read by `api/idempotency.py`.)"""

from commonground.api.errors import ApiError
from commonground.core import queries as core_queries
from commonground.core.models import Area, AreaLevel


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
