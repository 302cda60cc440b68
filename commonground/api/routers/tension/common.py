"""What the tension operations share: their OpenAPI parts, area codes and problems."""

from django.core.exceptions import ValidationError as DjangoValidationError

from commonground.api.errors import ApiError, problem_responses
from commonground.api.idempotency import IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY
from commonground.core.models import ApiToken, Area, AreaLevel
from commonground.tension.queries.reports import areas_by_codes

MAX_AREAS = 50


def idempotency_parameter(what: str) -> dict:
    return {
        "name": IDEMPOTENCY_HEADER,
        "in": "header",
        "required": True,
        "description": f"A key the partner system chooses for this {what} (1 to 100 letters, digits, "
        "'.', '_', ':' or '-'; a UUID is ideal). Send the same key when retrying: it is stored once. "
        "Keys are kept per agency.",
        "schema": {"type": "string", "minLength": 1, "maxLength": 100, "pattern": IDEMPOTENCY_KEY.pattern},
        "example": "3f2b8c1e-8d7a-4b8e-9d0c-5a6f7e8d9c0b",
    }


def responses(created: str, refusals: dict[int, str]) -> dict:
    """A POST's responses: created, replayed, and each problem."""
    return {
        201: {"description": created},
        200: {
            "description": "A retry with the same key and the same content: the first result, unchanged.",
            "headers": {
                "Idempotent-Replayed": {"description": "Always 'true'.", "schema": {"type": "string"}}
            },
        },
        **problem_responses(refusals),
    }


KEY_PROBLEM = (
    "The Idempotency-Key header is missing (`idempotency_key_missing`) or not 1 to 100 letters, digits, "
    "'.', '_', ':' or '-' (`idempotency_key_malformed`)."
)


def actor_label(token: ApiToken) -> str:
    return f"API token {token.key_prefix} ({token.agency.name})"


def areas_for(codes: list[str]) -> list[Area]:
    """The boroughs and wards named, in the order given; an unknown code is refused by name."""
    codes = list(dict.fromkeys(code.upper() for code in codes))
    found = areas_by_codes(codes)
    for code in codes:
        if code not in found or found[code].level not in (AreaLevel.BOROUGH, AreaLevel.WARD):
            # Codes are checked against a pattern by the schema, so they are safe to repeat.
            raise ApiError(
                422,
                "unknown_area",
                "No borough or ward has that code",
                f"'{code}' is not the ONS code of a borough or ward in the partnership's area.",
            )
    return [found[code] for code in codes]


def invalid(title: str, error: DjangoValidationError) -> ApiError:
    return ApiError(
        422,
        "invalid_request",
        title,
        " ".join(message for messages in error.message_dict.values() for message in messages),
    )
