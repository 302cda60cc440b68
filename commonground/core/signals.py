"""Receivers: sign-in events go to the audit trail; roles are synced after migrations."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from commonground.core import audit, failed_sign_ins
from commonground.core.actions.roles import sync_role_groups
from commonground.core.middleware import note_sign_in_time
from commonground.core.models import AuditAction


@receiver(user_logged_in)
def audit_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        note_sign_in_time(request.session)
    audit.record(actor=user, action=AuditAction.SIGN_IN, obj=user, request=request)


@receiver(user_logged_out)
def audit_sign_out(sender, request, user, **kwargs):
    if user is not None:
        audit.record(actor=user, action=AuditAction.SIGN_OUT, obj=user, request=request)


def _username_tried(credentials) -> str:
    return str((credentials or {}).get("username", ""))[:150]


@receiver(user_login_failed)
def audit_failed_sign_in(sender, credentials, request=None, **kwargs):
    username = _username_tried(credentials)
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        # Anyone can try made-up usernames without end: count them, so they cannot fill the trail.
        failed_sign_ins.count_unknown_username()
        return
    with transaction.atomic():
        audit.record(
            actor=None,
            actor_label=f"sign-in attempt as '{username}'",
            action=AuditAction.SIGN_IN_FAILED,
            obj=user,
        )


@receiver(user_locked_out)
def audit_lockout(sender, request, username=None, ip_address=None, **kwargs):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        failed_sign_ins.count_unknown_username()
        return
    audit.record(
        actor=None,
        actor_label=f"sign-in attempt as '{username}'",
        action=AuditAction.LOCKED_OUT,
        obj=user,
    )


@receiver(post_migrate)
def sync_roles_after_migrate(sender, app_config=None, using="default", **kwargs):
    # After each of our apps: roles hold permissions of later apps too (the sync is idempotent).
    if app_config is None or not app_config.name.startswith("commonground."):
        return

    sync_role_groups(using=using)
