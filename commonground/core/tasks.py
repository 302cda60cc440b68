"""Background tasks (django-tasks API, run by `manage.py run_worker`). Each is safe to run twice."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from commonground.core import audit, audit_anchors, backups, policy
from commonground.core.audit_retention import remove_expired_events
from commonground.core.models import AuditChainHead, IdempotencyKey, Notification
from commonground.core.roles import Permission

logger = logging.getLogger(__name__)


@task()
def send_email(*, to: list[str], subject: str, body: str) -> int:
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to, fail_silently=False)


@task()
def clear_expired_sessions() -> int:
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@task()
def remove_expired_idempotency_keys() -> int:
    """Daily: the API's idempotency keys older than `API_IDEMPOTENCY_KEY_DAYS` (a retry comes within
    minutes or hours; after the window the same key would make a new record)."""
    cutoff = timezone.now() - timedelta(days=settings.API_IDEMPOTENCY_KEY_DAYS)
    deleted, _ = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted


@task()
def remove_notifications_past_retention() -> int:
    """Daily: staff notices older than `NOTIFICATION_RETENTION_DAYS`, read or not (the work each
    named is kept with its own record; a notice only pointed at it)."""
    cutoff = timezone.now() - timedelta(days=settings.NOTIFICATION_RETENTION_DAYS)
    deleted, _ = Notification.objects.filter(created_at__lt=cutoff).delete()
    return deleted


@task()
def verify_audit_trail() -> str:
    """Nightly: check the audit chain; if it is broken, tell the data protection officers."""
    broken = audit.verify_chain()
    if broken is None:
        return "intact"
    logger.error("Audit trail broken at event #%s: %s", broken.sequence, broken.problem)
    officers = _data_protection_officer_emails()
    if officers:
        send_mail(
            "Common Ground: the audit trail failed its integrity check",
            f"The nightly check found the audit trail broken at event #{broken.sequence}: {broken.problem}.\n"
            "Run `manage.py verify_audit` and follow the incident procedure.",
            settings.DEFAULT_FROM_EMAIL,
            officers,
        )
    return f"broken at #{broken.sequence}"


@task()
def anchor_audit_trail() -> str:
    """Nightly: write the chain's head to the anchor file outside the database (and, if so set,
    email it to the data protection officers), once the chain has verified."""
    broken = audit.verify_chain()
    if broken is not None:
        return f"not anchored: broken at #{broken.sequence}"
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None or head.sequence == 0:
        return "nothing to anchor"
    anchor = audit_anchors.append(sequence=head.sequence, hash=head.hash)
    officers = _data_protection_officer_emails()
    if settings.AUDIT_ANCHOR_EMAIL and officers:
        send_mail(
            f"Common Ground: audit trail anchor #{anchor.sequence}",
            f"Keep this email: it lets the audit trail be checked against what it was today.\n\n"
            f"sequence: {anchor.sequence}\nhash: {anchor.hash}\nwritten at: {anchor.written_at.isoformat()}\n",
            settings.DEFAULT_FROM_EMAIL,
            officers,
        )
    return f"anchored at #{anchor.sequence}"


def _data_protection_officer_emails() -> list[str]:
    """Those who may search the audit trail (the data protection officers), partnership-wide."""
    return policy.emails_of(policy.who_may(Permission.SEARCH_AUDIT_TRAIL))


@task()
def remove_audit_events_past_retention() -> int:
    """Audit events older than the retention period are removed from the start of the chain; the
    chain's anchor moves to the last removed event so that verification still holds."""
    # Never shorten a chain that does not verify: the removal would hide where it was broken.
    broken = audit.verify_chain()
    if broken is not None:
        logger.error("Audit retention sweep skipped: the trail is broken at event #%s", broken.sequence)
        return 0
    with transaction.atomic():
        return remove_expired_events()


@task()
def send_due_notices() -> int:
    """Hourly: notices of work gone overdue or falling due (each app's sweep); one per person,
    record and kind, so a second run tells nobody again."""

    # Here, not at the top: notifications -> notify -> tasks (send_email) would be a loop.
    from commonground.core.notifications import run_sweeps

    return run_sweeps()


@task()
def send_notification_digests() -> int:
    """Daily: one email to each person who chose a digest, listing their notices not yet read or sent."""

    # Here, not at the top: notifications -> notify -> tasks (send_email) would be a loop.
    from commonground.core.notifications import send_digests

    return send_digests()


@task()
def back_up() -> str:
    """Nightly: an encrypted backup of the database and the uploaded files; keeps the newest
    BACKUP_KEEP. Running it twice makes two backups, and the older ones go as usual."""
    path = backups.create_backup()
    removed = backups.prune()
    return f"{path.name} ({path.stat().st_size} bytes); removed {len(removed)} older"
