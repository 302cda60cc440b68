"""Flood control for public submissions, keyed on a short-lived hash of the client's address.
The address itself is never stored; the hash changes every day and lives only in the cache."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

LIMIT = 10  # submissions per client per hour
WINDOW_SECONDS = 60 * 60


def _client_key(request) -> str:
    day = timezone.now().strftime("%Y-%m-%d")
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{day}:{address}".encode()).hexdigest()[:32]
    return f"report-flood:{digest}"


def allow(request) -> bool:
    """Count this submission; False once the client has sent too many this hour."""
    key = _client_key(request)
    if cache.add(key, 1, WINDOW_SECONDS):
        return True
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, WINDOW_SECONDS)
        return True
    return count <= getattr(settings, "REPORT_FLOOD_LIMIT", LIMIT)
