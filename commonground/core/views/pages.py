from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from commonground.core import retention_schedule


def start(request):
    return render(request, "pages/start.html")


def accessibility(request):
    return render(request, "pages/accessibility.html")


def privacy(request):
    # The retention table is made from the schedule the software enforces (core/retention_schedule.py).
    return render(request, "pages/privacy.html", {"retention": retention_schedule.notice()})


def cookies(request):
    return render(request, "pages/cookies.html", {"language_cookie_name": settings.LANGUAGE_COOKIE_NAME})


@never_cache
@require_safe
def language(request, code: str):
    """Remember the language someone chose, then take them back to the page they were on.

    A GET link (the language navigation must work without JavaScript, and choosing how pages read
    changes nothing stored about anyone, so it needs no CSRF protection). `next` must be a path on
    this site: anything else (another host, a scheme such as javascript:) goes to the start page."""
    if code not in dict(settings.LANGUAGES):
        raise Http404("No such language")
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,  # None: until the browser closes, as the cookies page says
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE or request.is_secure(),
        httponly=True,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax",
    )
    return response
