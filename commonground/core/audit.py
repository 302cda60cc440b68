"""Writing to the audit trail. Every action calls `record` inside its own transaction, so the
event and the change it describes are committed together or not at all.

Secrets never reach the trail: `record` withholds every value stored under a secret's name
(password, secret, token, key…) at any depth of `changes` before sealing it
(`audit_redaction`), and `form_changes` also withholds what a form collects in a password box."""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from commonground.core.audit_chain import KEYED, event_hash
from commonground.core.audit_key import chain_key
from commonground.core.audit_redaction import REDACTED, name_is_secret, redact
from commonground.core.audit_verify import verify_chain
from commonground.core.client_address import client_address
from commonground.core.models import AuditAction, AuditChainHead, AuditEvent, User

__all__ = [
    "diff",
    "form_changes",
    "object_type_of",
    "record",
    "record_each",
    "subject_ref_of",
    "verify_chain",
]

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


def _fields(
    *,
    actor: User | None,
    action: AuditAction,
    obj: models.Model | None,
    object_type: str,
    object_id: str,
    object_repr: str,
    subject_ref: str,
    changes: Mapping[str, Any] | None,
    reason: str,
    request: HttpRequest | None,
    actor_label: str,
    outside_normal_scope: bool,
) -> dict[str, Any]:
    """Everything of one event that does not need the chain, prepared before taking its lock."""
    if action not in AuditAction.values:
        # The column takes any text; the list of actions is kept here, in code.
        raise ValueError(f"{action!r} is not an audit action (add it to AuditAction)")
    if obj is not None:
        object_type = object_type or object_type_of(obj)
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:200]
    if not actor_label:
        actor_label = actor.get_username() if actor is not None else SYSTEM_ACTOR_LABEL
    return {
        "actor_id": actor.pk if actor is not None else None,
        "actor_label": actor_label[:200],
        "action": str(action),
        "object_type": object_type,
        "object_id": str(object_id),
        "object_repr": object_repr[:200],
        "subject_ref": subject_ref,
        "changes": redact(_plain(changes or {}))[0],
        "reason": reason,
        "ip_address": client_ip(request) if actor is not None else None,
        "outside_normal_scope": outside_normal_scope,
        "chain_version": KEYED,
    }


def _append(prepared: list[dict[str, Any]]) -> list[AuditEvent]:
    """Chain the prepared events, in order, after the head: one lock, one insert, one update."""
    key = chain_key()
    # No savepoint of its own: it is always part of the caller's transaction, all or nothing.
    with transaction.atomic(savepoint=False):
        # Lock the head so that concurrent writers append one after the other.
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        events = []
        for fields in prepared:
            fields["sequence"] = head.sequence + 1
            fields["occurred_at"] = timezone.now()
            digest = event_hash(head.hash, fields, key)
            events.append(AuditEvent(**fields, previous_hash=head.hash, hash=digest))
            head.sequence = fields["sequence"]
            head.hash = digest
        if len(events) == 1:
            events[0].save()
        else:
            AuditEvent.objects.bulk_create(events)
        head.save(update_fields=["sequence", "hash"])
    return events


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
    if subject is not None:
        subject_ref = subject_ref_of(subject)
    fields = _fields(
        actor=actor,
        action=action,
        obj=obj,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr,
        subject_ref=subject_ref,
        changes=changes,
        reason=reason,
        request=request,
        actor_label=actor_label,
        outside_normal_scope=outside_normal_scope,
    )
    return _append([fields])[0]


def record_each(
    *,
    actor: User | None,
    action: AuditAction,
    subject_refs: list[str],
    obj: models.Model | None = None,
    changes: Mapping[str, Any] | None = None,
    reason: str = "",
    request: HttpRequest | None = None,
) -> list[AuditEvent]:
    """One event per subject, the same in all else, appended together: a document about many
    people (a panel pack) is audited per person in a constant number of queries."""
    prepared = [
        _fields(
            actor=actor,
            action=action,
            obj=obj,
            object_type="",
            object_id="",
            object_repr="",
            subject_ref=subject_ref,
            changes=changes,
            reason=reason,
            request=request,
            actor_label="",
            outside_normal_scope=False,
        )
        for subject_ref in subject_refs
    ]
    return _append(prepared) if prepared else []


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Field → [old, new] for the fields that changed."""
    return {
        name: [_plain(before.get(name)), _plain(after.get(name))]
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    }


def form_changes(form) -> dict[str, str]:
    """Field → new value for what a submitted form changed; whatever was typed into a password
    box is withheld whatever the field is called (the name rule in `record` covers the rest)."""
    return {
        name: REDACTED
        if isinstance(form.fields[name].widget, forms.PasswordInput) or name_is_secret(name)
        else str(form.cleaned_data.get(name))
        for name in form.changed_data
    }
