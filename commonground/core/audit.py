"""Writing to the audit trail. Every action calls `record` inside its own transaction, so the
event and the change it describes are committed together or not at all."""

from collections.abc import Mapping
from typing import Any

from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from commonground.core.audit_chain import GENESIS_HASH, ChainBreak, event_hash, first_break
from commonground.core.client_address import client_address
from commonground.core.models import AuditAction, AuditChainHead, AuditEvent, User

SYSTEM_ACTOR_LABEL = "Common Ground (automatic)"


def object_type_of(obj: models.Model) -> str:
    return obj._meta.label_lower


def subject_ref_of(obj: models.Model) -> str:
    return f"{object_type_of(obj)}:{obj.pk}"


def _plain(value: Any) -> Any:
    """Changes are stored as plain JSON so that they hash the same after a database round trip."""
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(item) for item in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    if value is None or isinstance(value, (bool, int, str)):
        return value
    return str(value)


def client_ip(request: HttpRequest | None) -> str | None:
    """The staff member's address, for sign-in events. Never used for the public's reports."""
    if request is None:
        return None
    return client_address(request) or None


def record(
    *,
    actor: User | None,
    action: AuditAction,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    subject: models.Model | None = None,
    subject_ref: str = "",
    changes: Mapping[str, Any] | None = None,
    reason: str = "",
    request: HttpRequest | None = None,
    actor_label: str = "",
    outside_normal_scope: bool = False,
) -> AuditEvent:
    if obj is not None:
        object_type = object_type or object_type_of(obj)
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:200]
    if subject is not None:
        subject_ref = subject_ref_of(subject)
    if not actor_label:
        actor_label = actor.get_username() if actor is not None else SYSTEM_ACTOR_LABEL

    # No savepoint of its own: it is always part of the caller's transaction, all or nothing.
    with transaction.atomic(savepoint=False):
        # Lock the head so that concurrent writers append one after the other.
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        fields = {
            "sequence": head.sequence + 1,
            "occurred_at": timezone.now(),
            "actor_id": actor.pk if actor is not None else None,
            "actor_label": actor_label[:200],
            "action": str(action),
            "object_type": object_type,
            "object_id": str(object_id),
            "object_repr": object_repr[:200],
            "subject_ref": subject_ref,
            "changes": _plain(changes or {}),
            "reason": reason,
            "ip_address": client_ip(request) if actor is not None else None,
            "outside_normal_scope": outside_normal_scope,
        }
        digest = event_hash(head.hash, fields)
        event = AuditEvent(**fields, previous_hash=head.hash, hash=digest)
        event.save()
        head.sequence = fields["sequence"]
        head.hash = digest
        head.save(update_fields=["sequence", "hash"])
    return event


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Field → [old, new] for the fields that changed."""
    return {
        name: [_plain(before.get(name)), _plain(after.get(name))]
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    }


def verify_chain(batch_size: int = 5000) -> ChainBreak | None:
    """Check the whole retained chain; returns the first break or None."""
    head = AuditChainHead.objects.filter(pk=1).first()
    start_sequence = head.anchor_sequence if head else 0
    start_hash = head.anchor_hash if head else GENESIS_HASH

    def rows():
        last = start_sequence
        while True:
            batch = list(
                AuditEvent.objects.filter(sequence__gt=last).order_by("sequence").values()[:batch_size]
            )
            if not batch:
                return
            yield from batch
            last = batch[-1]["sequence"]

    broken = first_break(rows(), start_sequence=start_sequence, start_hash=start_hash)
    if broken is None and head is not None:
        # Events removed from the end leave the head pointing past the last one.
        last = AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0
        if last != head.sequence and head.sequence > start_sequence:
            return ChainBreak(last + 1, f"events #{last + 1} to #{head.sequence} are missing from the end")
    return broken
