from django.conf import settings
from django.urls import reverse

from commonground.core.access import scope_for
from commonground.core.roles import Permission

# The staff navigation: label, URL name, the permission that shows it.
STAFF_NAVIGATION = [
    ("Home", "core:staff-home", Permission.USE_STAFF_AREA),
    ("People", "core:people", Permission.VIEW_STAFF_DIRECTORY),
    ("Areas", "core:areas", Permission.VIEW_AREAS),
    ("Reports", "reports:staff-queue", Permission.VIEW_REPORTS),
    ("Helpline", "reports:helpline-calls", Permission.LOG_HELPLINE_CALLS),
    ("Call-backs", "reports:call-backs", Permission.LOG_HELPLINE_CALLS),
    ("Report for someone", "reports:on-behalf-new", Permission.RECORD_REPORTS_ON_BEHALF),
    ("Cases", "safeguarding:list", Permission.MANAGE_CASES),
    ("Tension", "tension:dashboard", Permission.VIEW_TENSION),
    ("Statistics", "insights:staff-incidents", Permission.VIEW_INSIGHTS),
    ("Audit trail", "core:audit-search", Permission.SEARCH_AUDIT_TRAIL),
    ("Notifications", "core:notifications", Permission.USE_STAFF_AREA),
]


def notifications_label(scope) -> str:
    from commonground.core.queries import unread_notification_count

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
    if user is not None and user.is_authenticated and getattr(user, "is_verified", lambda: True)():
        scope = scope_for(user)
        items = []
        for label, url_name, permission in STAFF_NAVIGATION:
            if scope.can(permission):
                url = reverse(url_name)
                current = (
                    request.path == url if url_name == "core:staff-home" else request.path.startswith(url)
                )
                if url_name == "core:notifications":
                    label = notifications_label(scope)
                items.append({"label": label, "url": url, "current": current})
        context["staff_navigation"] = items
    return context
