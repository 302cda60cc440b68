"""What a person typed as a postcode: empty, not a UK postcode, or a well-formed one (no Django).

Whether a well-formed postcode is one we know (and where it is) is a question for the postcode
table; this module only tells a typing slip from a postcode worth looking up.
"""

import enum
from dataclasses import dataclass

from commonground.core.places_files import normalise_postcode


class Typed(enum.Enum):
    EMPTY = "empty"
    MALFORMED = "malformed"
    WELL_FORMED = "well formed"


@dataclass(frozen=True)
class PostcodeInput:
    typed: Typed
    postcode: str  # normalised ("BL2 6PN") when well formed; otherwise what was typed, trimmed


def read_postcode(value: str | None) -> PostcodeInput:
    """'bl26pn' → well formed 'BL2 6PN'; 'hello' → malformed; '' → empty."""
    text = (value or "").strip()
    if not text:
        return PostcodeInput(Typed.EMPTY, "")
    normalised = normalise_postcode(text)
    if normalised is None:
        return PostcodeInput(Typed.MALFORMED, text[:20])
    return PostcodeInput(Typed.WELL_FORMED, normalised)
