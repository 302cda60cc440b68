"""Failed sign-ins with usernames that belong to nobody. Each one is not an audit event (anyone
could add them without end); they are counted per day in the cache instead, for monitoring."""

from datetime import date

from django.core.cache import cache
from django.utils import timezone

_KEEP_FOR_SECONDS = 8 * 24 * 60 * 60  # a week of daily counts, and a day to spare


def _key(day: date) -> str:
    return f"core:failed-sign-ins-unknown-username:{day.isoformat()}"


def count_unknown_username() -> None:
    key = _key(timezone.localdate())
    if not cache.add(key, 1, timeout=_KEEP_FOR_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.add(key, 1, timeout=_KEEP_FOR_SECONDS)


def unknown_username_failures_on(day: date) -> int:
    return cache.get(_key(day), 0)
