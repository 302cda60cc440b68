"""Removing audit events past the retention period, keeping the rest of the chain verifiable.

Events are removed only from the start of the chain, oldest first; the chain head records the
sequence and hash of the last removed event as the new anchor, and the sweep seals an event of its
own (keyed, so nobody without the chain key can forge one) naming that last removed event and when
it happened. `verify_audit` accepts a shortened chain only where such an event says so and only if
what it removed was past the retention period (docs/decisions/0009). The append-only triggers
allow a DELETE only while the head's `retention_delete_open` is set, inside this function's
transaction.

A record under a legal hold keeps its trail, who read and changed it being part of the evidence:
the chain can only be cut from its start, so the sweep stops short of the first event about a held
record, and the events after it wait with it until the hold is lifted."""

from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Min, QuerySet
from django.utils import timezone

from commonground.core import audit, legal_holds
from commonground.core.models import AuditAction, AuditChainHead, AuditEvent


def remove_expired_events() -> int:
    cutoff = timezone.now() - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        return 0
    expired = AuditEvent.objects.filter(occurred_at__lt=cutoff)
    first_held = _first_event_about_a_held_record(expired)
    if first_held is not None:
        expired = expired.filter(sequence__lt=first_held)
    last_expired = expired.order_by("-sequence").values("sequence", "hash", "occurred_at").first()
    if last_expired is None:
        return 0
    table = AuditEvent._meta.db_table
    head.retention_delete_open = True
    head.save(update_fields=["retention_delete_open"])
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE sequence <= %s", [last_expired["sequence"]])  # noqa: S608
        removed = cursor.rowcount
    head.retention_delete_open = False
    head.anchor_sequence = last_expired["sequence"]
    head.anchor_hash = last_expired["hash"]
    head.save(update_fields=["retention_delete_open", "anchor_sequence", "anchor_hash"])
    audit.record(
        actor=None,
        action=AuditAction.AUDIT_EVENTS_REMOVED,
        object_type=AuditEvent._meta.label_lower,
        object_repr=f"audit events up to #{last_expired['sequence']}",
        changes={
            "removed_through": {
                "sequence": last_expired["sequence"],
                "hash": last_expired["hash"],
                "occurred_at": last_expired["occurred_at"].isoformat(),
            },
            "removed": removed,
            "retention_days": settings.AUDIT_RETENTION_DAYS,
        },
        reason="Past the audit trail's retention period",
    )
    return removed


def _first_event_about_a_held_record(events: QuerySet[AuditEvent]) -> int | None:
    firsts = []
    labels = events.exclude(object_type="").order_by().values_list("object_type", flat=True).distinct()
    for label in labels:
        held = legal_holds.held_pks(label)
        if held:
            first = events.filter(object_type=label, object_id__in=[str(pk) for pk in held]).aggregate(
                first=Min("sequence")
            )["first"]
            if first is not None:
                firsts.append(first)
    return min(firsts, default=None)
