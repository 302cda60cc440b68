"""Request-wide rules: sessions that end however active they are, a second factor for staff,
security headers, and a kind page when the database is down."""

import logging
import re
import time

from django.conf import settings
from django.contrib.auth import logout
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from commonground.core.access import start_noting_attempts, stop_noting_attempts
from commonground.core.actions.access_review import keep_out_of_scope_attempts
from commonground.core.second_factor import has_confirmed_device, is_fully_signed_in

logger = logging.getLogger(__name__)

# Paths a signed-in user who has not passed the second factor may still reach.
_OPEN_PREFIXES = (
    "/sign-in",
    "/sign-out",
    "/signed-out",
    "/two-factor",
    "/static/",
    "/api/",
    "/password-reset",
)
_PUBLIC_PATHS = ("/", "/accessibility/", "/privacy/", "/cookies/", "/favicon.ico")


SIGNED_IN_AT_SESSION_KEY = "core:signed-in-at"


def note_sign_in_time(session) -> None:
    """Called at each sign-in: the absolute session lifetime counts from here."""
    session[SIGNED_IN_AT_SESSION_KEY] = int(time.time())


class AbsoluteSessionLifetimeMiddleware:
    """A session ends SESSION_ABSOLUTE_SECONDS after signing in, however active it has been (the
    idle timeout, SESSION_COOKIE_AGE, ends it sooner when unused). The request then carries on
    signed out, so staff pages send the person to sign in again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            signed_in_at = request.session.get(SIGNED_IN_AT_SESSION_KEY)
            if signed_in_at is None:
                # A session from before this rule: its lifetime counts from now.
                note_sign_in_time(request.session)
            elif time.time() - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
        return self.get_response(request)


class SecondFactorRequiredMiddleware:
    """Staff who must use a second factor reach nothing else until they have: set it up if they
    have no device, otherwise enter a code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        path = request.path
        if (
            user is not None
            and user.is_authenticated
            and not path.startswith(_OPEN_PREFIXES)
            and path not in _PUBLIC_PATHS
            and not is_fully_signed_in(user)
        ):
            has_device = has_confirmed_device(user)
            target = "core:two-factor-verify" if has_device else "core:two-factor-setup"
            return redirect(f"{reverse(target)}?next={path}")
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """A strict content security policy: our own scripts, styles and images only. The Django admin
    gets the same policy: Django 5.2's admin templates use no inline scripts or styles (values
    they pass to their scripts are data attributes), so it needs nothing more than 'self'."""

    POLICY = (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if request.user.is_authenticated if hasattr(request, "user") else False:
            # Personal data must not linger in shared computers' caches.
            response.setdefault("Cache-Control", "no-store")
        return response


class DatabaseUnavailableMiddleware:
    """When the database cannot be reached, answer 503 with a page that says so plainly. Forms are
    re-shown by the page that failed (it keeps what was posted); this is the last line."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)) or (
            isinstance(exception, DatabaseError) and "connection" in str(exception).lower()
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {
                        "type": "about:blank",
                        "title": "The service is unavailable",
                        "status": 503,
                        "code": "service_unavailable",
                        "detail": "Nothing was saved. Please try again in a few minutes.",
                    },
                    status=503,
                    content_type="application/problem+json",
                    headers={"Retry-After": "60"},
                )
            response = render(
                request,
                "503.html",
                {"answers": request.POST if request.method == "POST" else None},
                status=503,
            )
            response["Retry-After"] = "60"
            return response
        return None


def service_context(request):
    return {"service_name": settings.SERVICE_NAME}


class OversizedFormMiddleware:
    """A web form posted with more than Django will read (DATA_UPLOAD_MAX_MEMORY_SIZE) is cut at that
    limit instead of being refused whole: the form then sees what was typed, up to the limit, and
    answers with its own message about the length, on the same page. Without this, Django refuses
    the whole post and the person loses everything they typed.

    Only plain forms (urlencoded) are cut; the API answers 413 itself, after authentication (api/errors.py),
    and an oversized upload form gets the 413 page (core/views/errors.py)."""

    FORM = "application/x-www-form-urlencoded"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if (
            request.method == "POST"
            and limit is not None
            and request.content_type == self.FORM
            and not request.path.startswith("/api/")
            and _content_length(request) > limit
        ):
            kept = request.read(limit)
            while request.read(1 << 16):
                pass  # the rest is read and dropped, so the answer reaches the browser
            # A percent escape cut in half would decode to nonsense: drop the unfinished one.
            kept = re.sub(rb"%[0-9A-Fa-f]?$", b"", kept)
            # The body as read, so the form is parsed from it as from any post.
            request._body = kept
            request.META["CONTENT_LENGTH"] = str(len(kept))
            request.body_was_cut = True
        return self.get_response(request)


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class OutOfScopeAttemptsMiddleware:
    """Keeps, for the data protection officer's access review, each record that exists but that a
    member of staff asked for out of scope (`access.get_visible_or_404` notes it; they saw an
    ordinary "not found"). Written after the response, outside any transaction the 404 rolled back;
    a record that does not exist is never noted."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        attempts = start_noting_attempts()
        try:
            response = self.get_response(request)
        finally:
            stop_noting_attempts()
        user = getattr(request, "user", None)
        if attempts and user is not None and user.is_authenticated:
            try:
                keep_out_of_scope_attempts(
                    actor=user,
                    attempts=[
                        (record_type, pk) for user_id, record_type, pk in attempts if user_id == user.pk
                    ],
                    path=request.path,
                )
            except DatabaseError:
                logger.exception("Could not keep the attempts to open records out of scope")
        return response
