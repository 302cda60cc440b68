"""Receivers: sign-in events go to the audit trail (through actions/sign_in.py); roles are synced
after migrations."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from commonground.core.actions import sign_in
from commonground.core.actions.roles import sync_role_groups
from commonground.core.middleware import note_sign_in_time


@receiver(user_logged_in)
def audit_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        note_sign_in_time(request.session)
    sign_in.record_sign_in(user=user, request=request)


@receiver(user_logged_out)
def audit_sign_out(sender, request, user, **kwargs):
    if user is not None:
        sign_in.record_sign_out(user=user, request=request)


def _username_tried(credentials) -> str:
    return str((credentials or {}).get("username", ""))[:150]


@receiver(user_login_failed)
def audit_failed_sign_in(sender, credentials, request=None, **kwargs):
    sign_in.record_failed_sign_in(username=_username_tried(credentials))


@receiver(user_locked_out)
def audit_lockout(sender, request, username=None, ip_address=None, **kwargs):
    sign_in.record_lockout(username=username or "")


@receiver(post_migrate)
def sync_roles_after_migrate(sender, app_config=None, using="default", **kwargs):
    # After each of our apps: roles hold permissions of later apps too (the sync is idempotent).
    if app_config is None or not app_config.name.startswith("commonground."):
        return
    sync_role_groups(using=using)
