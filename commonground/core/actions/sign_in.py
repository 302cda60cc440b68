"""Signing in and out, audited: called by the receivers of Django's and django-axes's signals
(core/signals.py). A failed attempt names its username only when it belongs to someone; made-up
usernames are counted instead (failed_sign_ins.py), so they cannot fill the trail."""

from django.db import transaction
from django.http import HttpRequest

from commonground.core import audit, failed_sign_ins
from commonground.core.models import AuditAction, User


def record_sign_in(*, user: User, request: HttpRequest | None) -> None:
    audit.record(actor=user, action=AuditAction.SIGN_IN, obj=user, request=request)


def record_sign_out(*, user: User, request: HttpRequest | None) -> None:
    audit.record(actor=user, action=AuditAction.SIGN_OUT, obj=user, request=request)


def record_failed_sign_in(*, username: str) -> None:
    """A wrong password (or second factor refused at sign-in) for `username`. The actor is the
    attempt: whoever typed it is not known."""
    user = User.objects.filter(username=username).first()
    if user is None:
        failed_sign_ins.count_unknown_username()
        return
    with transaction.atomic():
        audit.record(
            actor=None,
            actor_label=f"sign-in attempt as '{username}'",
            action=AuditAction.SIGN_IN_FAILED,
            obj=user,
        )


def record_lockout(*, username: str) -> None:
    """Too many failed attempts: django-axes locked `username` out."""
    user = User.objects.filter(username=username).first()
    if user is None:
        failed_sign_ins.count_unknown_username()
        return
    audit.record(
        actor=None,
        actor_label=f"sign-in attempt as '{username}'",
        action=AuditAction.LOCKED_OUT,
        obj=user,
    )
