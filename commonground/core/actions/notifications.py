"""A person's own notifications: marking them read, and choosing how to hear of them."""

from django.db import transaction
from django.utils import timezone

from commonground.core import access, audit
from commonground.core.access import scope_for
from commonground.core.models import (
    AuditAction,
    Notification,
    NotificationDelivery,
    NotificationPreference,
    User,
)
from commonground.core.roles import Permission


def mark_read(*, actor: User, notification_id: int) -> Notification:
    """Mark one of the actor's own notifications read; anyone else's is not found (404)."""
    scope = scope_for(actor)
    scope.require(Permission.USE_STAFF_AREA)
    with transaction.atomic():
        notification = access.get_visible_or_404(
            scope, Notification.objects.select_for_update(), pk=notification_id
        )
        if notification.read_at is None:
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
            audit.record(actor=actor, action=AuditAction.UPDATE, obj=notification, changes={"read": True})
    return notification


def mark_all_read(*, actor: User) -> int:
    scope = scope_for(actor)
    scope.require(Permission.USE_STAFF_AREA)
    with transaction.atomic():
        marked = (
            access.visible(scope, Notification).filter(read_at__isnull=True).update(read_at=timezone.now())
        )
        if marked:
            audit.record(
                actor=actor,
                action=AuditAction.UPDATE,
                object_type="core.notification",
                object_repr="All of one's notifications",
                changes={"marked_read": marked},
            )
    return marked


def set_notification_delivery(*, actor: User, delivery: str) -> NotificationPreference:
    """An email for each notification, or one a day: each person chooses for themselves only."""
    scope = scope_for(actor)
    scope.require(Permission.USE_STAFF_AREA)
    delivery = NotificationDelivery(delivery)
    with transaction.atomic():
        preference, _ = NotificationPreference.objects.select_for_update().get_or_create(user=actor)
        before = preference.delivery
        if before != delivery:
            preference.delivery = delivery
            preference.save(update_fields=["delivery", "updated_at"])
            audit.record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=preference,
                changes={"delivery": [before, delivery]},
            )
    return preference
