"""Demo records for this part of programme monitoring."""


def load() -> None:
    """Filled in with the part."""
