"""An applicant's session: a key of its own in the Django session, never `django.contrib.auth`'s.

A staff account and an applicant are never the same person in one browser: while a staff member is
signed in, applicant pages treat the browser as signed out (and send it to the applicant sign-in),
so a staff member can never act as an applicant, and an applicant holds no staff session at all.
The session carries the applicant's `session_version`: raising it signs out every session.

Sign-in attempts are limited per email and per client address (the client's address behind our
trusted proxies, as for staff sign-in), in the cache every web process shares; a limit lifts by
itself once its window has passed."""

import hashlib
from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from commonground.core.client_address import client_address
from commonground.grants.models import Applicant

SESSION_KEY = "grants:applicant"

# Sign-in attempts (asking for a link, or opening one) allowed per window, then a cool-off.
PER_EMAIL = 5
PER_ADDRESS = 20
WINDOW_SECONDS = 15 * 60


def current_applicant(request: HttpRequest) -> Applicant | None:
    """The applicant signed in in this browser, or None (nobody, a staff account, an old session)."""
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        return None  # a staff member stays a staff member only
    if getattr(request.session, "unavailable", False):
        return None
    held = request.session.get(SESSION_KEY)
    if not isinstance(held, dict) or not isinstance(held.get("id"), int):
        return None
    applicant = Applicant.objects.filter(pk=held["id"]).first()
    if applicant is None or applicant.session_version != held.get("version"):
        return None
    return applicant


def start_session(request: HttpRequest, applicant: Applicant) -> None:
    request.session.cycle_key()  # a new session key: one fixed before sign-in is worth nothing
    request.session[SESSION_KEY] = {"id": applicant.pk, "version": applicant.session_version}


def end_session(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()


def safe_next(request: HttpRequest, value: str) -> str:
    """A path on this site's applicant pages to go to after signing in; else the applicant's home."""
    if (
        value
        and value.startswith("/grants/")
        and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()})
    ):
        return value[:300]
    return reverse("grants:public-applications")


def applicant_required(view: Callable) -> Callable:
    """The view gets `request.applicant`; anyone else (nobody, a staff account) is sent to sign in."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        applicant = current_applicant(request)
        if applicant is None:
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('grants:public-sign-in')}?{query}")
        request.applicant = applicant
        return view(request, *args, **kwargs)

    return wrapped


# --- Limits --------------------------------------------------------------------------------------


def _hashed(kind: str, value: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{kind}:{value}".encode()).hexdigest()[:32]
    return f"grants-sign-in:{kind}:{digest}"


def _count(key: str, limit: int) -> bool:
    if cache.add(key, 1, WINDOW_SECONDS):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        return True


def allow_attempt(request: HttpRequest, email: str = "") -> bool:
    """Count one sign-in attempt; False once this email or this client has made too many."""
    by_address = _count(_hashed("address", client_address(request)), PER_ADDRESS)
    by_email = _count(_hashed("email", email.lower()), PER_EMAIL) if email else True
    return by_address and by_email
