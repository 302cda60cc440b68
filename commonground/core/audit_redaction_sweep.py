"""Withholding secrets already stored in the audit trail, without breaking the chain.

Before `audit.record` withheld them, the admin recorded what was typed into password boxes
(`password1`, `password2`) in the event's changes. Events are append-only and sealed, so this is
the one sanctioned edit, made only by migration 0013 (docs/decisions/0009):

1. each event whose changes hold a secret (by the rule of `audit_redaction`) gets those values
   replaced by "[redacted]" — with the append-only trigger lifted for that UPDATE alone, inside the
   migration's transaction, and put back before it commits;
2. a redaction event is appended to the chain (sealed like any other) naming, for each event it
   redacted: its sequence, its hash as sealed (still stored, still linked to by the next event),
   the hash recomputed over the redacted content, which fields were withheld and a SHA-256 of the
   withheld values (so a copy kept elsewhere can be matched to it).

`verify_audit` accepts an event whose content no longer matches its sealed hash only when a later
redaction event names it with that sealed hash and the recomputed hash matches its content now.
"""

from django.db.models import QuerySet
from django.utils import timezone

from commonground.core import append_only
from commonground.core.audit_chain import KEYED, event_hash
from commonground.core.audit_redaction import redact, value_at, values_digest

REDACTION_ACTION = "audit_events_redacted"
BATCH = 2000


def redaction_notes(events: QuerySet, key: bytes) -> list[tuple[int, dict, dict]]:
    """(event id, redacted changes, note) for every stored event whose changes hold a secret."""
    found: list[tuple[int, dict, dict]] = []
    last = 0
    while True:
        batch = list(events.filter(sequence__gt=last).order_by("sequence").values()[:BATCH])
        if not batch:
            return found
        for event in batch:
            redacted, paths = redact(event["changes"])
            if not paths:
                continue
            withheld = {f"changes.{path}": value_at(event["changes"], path) for path in paths}
            note = {
                "sequence": event["sequence"],
                "sealed_hash": event["hash"],
                "redacted_hash": event_hash(event["previous_hash"], {**event, "changes": redacted}, key),
                "fields": sorted(withheld),
                "withheld_values_sha256": values_digest(withheld),
            }
            found.append((event["id"], redacted, note))
        last = batch[-1]["sequence"]


def redact_stored_secrets(*, events: QuerySet, heads: QuerySet, connection, key: bytes) -> int:
    """Redact every stored secret and seal a redaction event naming what was redacted; returns how
    many events were redacted. `events` and `heads` are the audit events and the chain head (the
    migration's historical models). Call inside one transaction (a migration's)."""
    notes = redaction_notes(events, key)
    if not notes:
        return 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks may block the DDL
    append_only.remove(connection)
    try:
        for event_id, redacted, _ in notes:
            events.filter(pk=event_id).update(changes=redacted)
    finally:
        append_only.install(connection)
    _append_redaction_event(events, heads, key, [note for _, _, note in notes])
    return len(notes)


def _append_redaction_event(events: QuerySet, heads: QuerySet, key: bytes, notes: list[dict]) -> None:
    head, _ = heads.select_for_update().get_or_create(pk=1)
    fields = {
        "sequence": head.sequence + 1,
        "occurred_at": timezone.now(),
        "actor_id": None,
        "actor_label": "Common Ground (automatic)",
        "action": REDACTION_ACTION,
        "object_type": "core.auditevent",
        "object_id": "",
        "object_repr": f"{len(notes)} audit event(s) holding secrets",
        "subject_ref": "",
        "changes": {"redacted": notes},
        "reason": "Secrets typed into forms were recorded in these events; their values are withheld.",
        "ip_address": None,
        "outside_normal_scope": False,
        "chain_version": KEYED,
    }
    digest = event_hash(head.hash, fields, key)
    events.create(**fields, previous_hash=head.hash, hash=digest)
    heads.filter(pk=1).update(sequence=fields["sequence"], hash=digest)
