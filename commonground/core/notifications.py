"""Telling staff that work has reached them: in the service and by email, each person choosing an
email per notice or a daily digest (`NotificationPreference`).

Whom to tell comes from the one policy (`core.policy.who_may`). Apps call `notify_people(...)` from
their actions, inside the action's transaction; the emails go on commit through `core.notify`. Notices that depend on time (overdue, due) come from sweeps each
app registers with `register_sweep`, run by the scheduled task `send_due_notices`. Each person gets
one notice per record and kind, however often a sweep or an action runs.

Nothing here carries a report's or case's content: a notice's subject names the kind of work and,
at most, a reference that is not personal; its email holds only that and a link to sign in."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from commonground.core import notify
from commonground.core.models import Notification, NotificationDelivery, NotificationKind, User

SUBJECT_PREFIX = "Common Ground: "


@dataclass(frozen=True)
class Notice:
    kind: NotificationKind
    item_key: str  # the record it is about: `item_key(obj)`
    subject: str  # no personal content
    url: str  # the page to sign in to, a path on this site


def item_key(obj: models.Model) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


# --- Telling people ----------------------------------------------------------------------------------


def notify_people(users: Iterable[User] | models.QuerySet[User], notice: Notice) -> int:
    """One notice to each of `users` who has not had it yet. Returns how many were new."""
    ids = users.values_list("pk", flat=True) if isinstance(users, models.QuerySet) else [u.pk for u in users]
    return notify_many((user_id, notice) for user_id in ids)


def notify_many(pairs: Iterable[tuple[int, Notice]]) -> int:
    """Many notices at once (a sweep's): a few queries whatever their number."""
    wanted = {(user_id, notice.kind, notice.item_key): notice for user_id, notice in pairs}
    if not wanted:
        return 0
    existing = set(
        Notification.objects.filter(
            recipient_id__in={key[0] for key in wanted},
            kind__in={key[1] for key in wanted},
            item_key__in={key[2] for key in wanted},
        ).values_list("recipient_id", "kind", "item_key")
    )
    now = timezone.now()
    new = [
        Notification(
            recipient_id=user_id,
            kind=kind,
            item_key=key,
            subject=notice.subject[:200],
            url=notice.url,
            created_at=now,
        )
        for (user_id, kind, key), notice in wanted.items()
        if (user_id, kind, key) not in existing
    ]
    # A notice made at the same moment by another run is skipped by the unique constraint.
    Notification.objects.bulk_create(new, ignore_conflicts=True)
    if new:
        _email_now(
            Notification.objects.filter(
                created_at=now,
                recipient_id__in={n.recipient_id for n in new},
                item_key__in={n.item_key for n in new},
            )
        )
    return len(new)


def _email_now(notifications: models.QuerySet[Notification]) -> None:
    """An email for each notice to a person who wants them as they happen (no row: the default)."""
    to_send = list(
        notifications.filter(emailed_at__isnull=True, recipient__is_active=True)
        .exclude(recipient__email="")
        .exclude(recipient__notification_preference__delivery=NotificationDelivery.DAILY_DIGEST)
        .select_related("recipient")
    )
    if not to_send:
        return
    Notification.objects.filter(pk__in=[n.pk for n in to_send]).update(emailed_at=timezone.now())
    for notification in to_send:
        notify.email(
            to=[notification.recipient.email],
            subject=SUBJECT_PREFIX + notification.subject,
            body=(
                f"{notification.subject}.\n\n"
                f"Sign in to see it: {open_link(notification)}\n\n"
                "You get an email for each notification. To get one email a day instead, change your "
                f"notification settings: {_absolute(reverse('core:notification-settings'))}\n"
            ),
        )


def send_digests() -> int:
    """The daily digest: one email to each person who chose it, listing the notices they have neither
    read nor been sent. Marked as sent, so a second run the same day sends nothing. Returns how many
    emails were sent."""
    with transaction.atomic():
        pending = list(
            Notification.objects.filter(
                emailed_at__isnull=True,
                read_at__isnull=True,
                recipient__is_active=True,
                recipient__notification_preference__delivery=NotificationDelivery.DAILY_DIGEST,
            )
            .exclude(recipient__email="")
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .order_by("recipient_id", "created_at", "pk")
        )
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=timezone.now())
        sent = 0
        for _recipient_id, group in groupby(pending, key=lambda n: n.recipient_id):
            rows = list(group)
            lines = "\n\n".join(f"- {n.subject}\n  {open_link(n)}" for n in rows)
            notify.email(
                to=[rows[0].recipient.email],
                subject=f"{SUBJECT_PREFIX}{len(rows)} new notification{'s' if len(rows) != 1 else ''}",
                body=(
                    f"Your notifications since the last summary:\n\n{lines}\n\n"
                    f"Sign in to see them all: {_absolute(reverse('core:notifications'))}\n\n"
                    "You get one email a day. To get an email for each notification instead, change your "
                    f"notification settings: {_absolute(reverse('core:notification-settings'))}\n"
                ),
            )
            sent += 1
    return sent


def open_link(notification: Notification) -> str:
    """The link in an email: through sign-in to the notice, which opens its page."""
    return _absolute(reverse("core:notification", args=[notification.pk]))


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


# --- Sweeps: notices that depend on time ---------------------------------------------------------------

Sweep = Callable[[datetime], int]
_SWEEPS: list[Sweep] = []


def register_sweep(sweep: Sweep) -> None:
    """Each app registers what falls due or overdue (in its AppConfig.ready)."""
    if sweep not in _SWEEPS:
        _SWEEPS.append(sweep)


def run_sweeps(now: datetime | None = None) -> int:
    now = now or timezone.now()
    return sum(sweep(now) for sweep in _SWEEPS)
