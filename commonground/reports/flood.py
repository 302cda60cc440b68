"""Flood control for public submissions, keyed on a short-lived hash of the client's address.
The address itself is never stored; the hash changes every day and lives only in the cache.

The address is the client's behind our trusted reverse proxies (core/client_address.py, as for
sign-in lockouts), never the proxy's own: keyed on the proxy, every reporter in the city would
share one allowance. The counters live in the cache all web processes share (core/shared_cache.py:
Redis or the database), so a client's reports add up whichever worker answers them.

The same hourly counter also limits photo uploads (decoding a photo costs memory, so a client may
upload only so many an hour) and what a private status link may do (messages and consent changes
write audit events without anyone signing in)."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from commonground.core.client_address import client_address

LIMIT = 10  # submissions per client per hour
WINDOW_SECONDS = 60 * 60


def _client_key(request) -> str:
    day = timezone.now().strftime("%Y-%m-%d")
    address = client_address(request)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{day}:{address}".encode()).hexdigest()[:32]
    return f"report-flood:{digest}"


def allow(request) -> bool:
    """Count this submission; False once the client has sent too many this hour."""
    return _within_limit(_client_key(request), getattr(settings, "REPORT_FLOOD_LIMIT", LIMIT))


def allow_photos(request, count: int) -> bool:
    """Count `count` photos about to be checked; False once the client has uploaded too many this
    hour (then nothing is decoded)."""
    return _within_limit(f"{_client_key(request)}:photos", settings.REPORT_PHOTO_UPLOAD_LIMIT, count)


def allow_status_action(status_secret_hash: str) -> bool:
    """Count one message or consent change from a status link; False once that link has done too
    many this hour. Keyed on the link, so a reporter on a shared network is not limited by others."""
    return _within_limit(f"report-status-actions:{status_secret_hash}", settings.REPORT_STATUS_ACTION_LIMIT)


def allow_helpline_lookup(user_id: int) -> bool:
    """Count one look-up of a caller's report by reference; False once the advisor has made too
    many this hour (a reference and a detail are short enough to guess at)."""
    return _within_limit(f"helpline-lookups:{user_id}", settings.HELPLINE_LOOKUP_LIMIT)


def _within_limit(key: str, limit: int, amount: int = 1) -> bool:
    # add() creates the counter only if it is missing; incr() adds to it atomically (Redis INCRBY,
    # or a locked row in the database cache), so concurrent requests in any process all count.
    if cache.add(key, amount, WINDOW_SECONDS):
        return amount <= limit
    try:
        count = cache.incr(key, amount)
    except ValueError:  # expired between add and incr
        cache.set(key, amount, WINDOW_SECONDS)
        return amount <= limit
    return count <= limit
