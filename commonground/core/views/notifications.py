"""A person's own notifications: the list, opening one, marking them read, and how to hear of them."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from commonground.core import queries
from commonground.core.access import scope_for
from commonground.core.actions import notifications as actions
from commonground.core.forms import NotificationSettingsForm
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view


@staff_view(Permission.USE_STAFF_AREA)
def notifications(request):
    scope = scope_for(request.user)
    page = queries.notifications_page(scope, page_number=request.GET.get("page"))
    return render(
        request,
        "core/notifications.html",
        {"page": page, "unread": queries.unread_notification_count(scope)},
    )


@staff_view(Permission.USE_STAFF_AREA)
def notification(request, notification_id: int):
    """The link in a notification and its email: marks it read and opens the page it is about."""
    opened = actions.mark_read(actor=request.user, notification_id=notification_id)
    if not url_has_allowed_host_and_scheme(opened.url, allowed_hosts={request.get_host()}):
        return redirect("core:notifications")
    return redirect(opened.url)


@staff_view(Permission.USE_STAFF_AREA)
@require_POST
def mark_read(request, notification_id: int):
    actions.mark_read(actor=request.user, notification_id=notification_id)
    return redirect("core:notifications")


@staff_view(Permission.USE_STAFF_AREA)
@require_POST
def mark_all_read(request):
    marked = actions.mark_all_read(actor=request.user)
    messages.success(request, f"{marked} notification{'s' if marked != 1 else ''} marked as read")
    return redirect("core:notifications")


@staff_view(Permission.USE_STAFF_AREA)
def notification_settings(request):
    current = queries.notification_delivery(scope_for(request.user))
    form = NotificationSettingsForm(request.POST or None, initial={"delivery": current})
    if request.method == "POST" and form.is_valid():
        actions.set_notification_delivery(actor=request.user, delivery=form.cleaned_data["delivery"])
        messages.success(request, "Your notification settings are saved")
        return redirect("core:notifications")
    return render(request, "core/notification_settings.html", {"form": form})
