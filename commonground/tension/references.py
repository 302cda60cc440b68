"""References for tension reports, for reading aloud and quoting: TR-7KQ2M9.

Six characters from Crockford's base-32 alphabet (no I, L, O or U, so nothing is misread),
30 random bits. A reference names a report; it opens nothing on its own."""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "TR-"
LENGTH = 6


def new_reference() -> str:
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_reference(value: str) -> str:
    """A reference as typed (any case, spaces, I for 1, O for 0) in its stored form, or ""."""
    compact = "".join(ch for ch in value.upper() if ch.isalnum())
    compact = compact.removeprefix("TR").translate(str.maketrans("ILOU", "110V"))
    if len(compact) != LENGTH or any(ch not in ALPHABET for ch in compact):
        return ""
    return PREFIX + compact
