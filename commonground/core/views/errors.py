"""Friendly error pages. They never show a traceback or say whether a hidden record exists."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        # An upload form whose text was larger than we read (plain forms are cut instead:
        # core.middleware.OversizedFormMiddleware). Say what happened and the way back.
        limit_mb = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024)
        return render(
            request, "413.html", {"limit_mb": f"{limit_mb:.1f}".rstrip("0").rstrip(".")}, status=413
        )
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def csrf_failure(request, reason=""):
    # Usually a form left open too long: say so, and offer the way back.
    return render(request, "403_csrf.html", status=403)
