from django.conf import settings
from django.urls import reverse

from commonground.core import work_links
from commonground.core.access import scope_for
from commonground.core.queries import unread_notification_count
from commonground.core.roles import Permission
from commonground.core.second_factor import is_fully_signed_in, second_factor_skipped


def staff_navigation(user, path: str) -> list[dict]:
    """Home, then one entry for each page in the work registry (core/work_links.py) that asks to
    be in the navigation and that the user may open; the notifications entry says how many are unread."""
    scope = scope_for(user)
    if not scope.can(Permission.USE_STAFF_AREA):
        return []
    home = reverse("core:staff-home")
    notifications = reverse("core:notifications")
    items = [{"label": "Home", "url": home, "current": path == home}]
    for label, url in work_links.navigation_for(scope):
        if url == notifications:
            label = notifications_label(scope)
        items.append({"label": label, "url": url, "current": path.startswith(url)})
    return items


def notifications_label(scope) -> str:
    unread = unread_notification_count(scope)
    return f"Notifications ({unread} unread)" if unread else "Notifications"


def service(request):
    context = {
        "service_name": settings.SERVICE_NAME,
        "service_phase": settings.SERVICE_PHASE,
        "helpline": {
            "phone": settings.HELPLINE_PHONE,
            "phone_digits": "".join(ch for ch in settings.HELPLINE_PHONE if ch.isdigit() or ch == "+"),
            "hours": settings.HELPLINE_HOURS,
            "text_relay": settings.HELPLINE_TEXT_RELAY,
            "bsl_relay_url": settings.HELPLINE_BSL_RELAY_URL,
        },
    }
    user = getattr(request, "user", None)
    if user is not None and is_fully_signed_in(user):
        context["staff_navigation"] = staff_navigation(user, request.path)
        context["second_factor_skipped"] = second_factor_skipped()
    return context
