"""Checking the audit trail: the keyed chain, the anchors kept outside the database, the
retention sweep's removals and the redactions (docs/decisions/0003 and 0009).

The chain alone cannot catch someone who holds the database owner's credentials and rewrites the
table together with its head. What they cannot do without the key or the anchor file:
- re-seal events: keyed events need the chain key, which the database does not hold;
- remove events and hide it: every anchor written outside the database names a sequence and hash
  that must still be there, unless the retention sweep removed it;
- pass a removal off as retention: each sweep seals a keyed event naming the last event it
  removed and when that event happened; the retained chain must start exactly there, and what it
  removed must have been past the retention period when it did.
"""

from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings

from commonground.core import audit_anchors
from commonground.core.audit_chain import GENESIS_HASH, ChainBreak, Redaction, first_break
from commonground.core.audit_key import chain_key
from commonground.core.models import AuditAction, AuditChainHead, AuditEvent

_LOOKUP_BATCH = 500  # SQLite allows a limited number of parameters in one query


def verify_chain(batch_size: int = 5000, anchor_file: Path | None = None) -> ChainBreak | None:
    """Check the whole retained chain against the key and the external anchors (the configured
    file, or `anchor_file`); returns the first break or None."""
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and head.retention_delete_open:
        return ChainBreak(head.sequence, "the retention sweep's delete gate is open outside the sweep")
    start = retained_start(head)
    if isinstance(start, ChainBreak):
        return start
    start_sequence, start_hash = start
    try:
        anchors = audit_anchors.read_all(anchor_file)
    except audit_anchors.UnreadableAnchor as error:
        return ChainBreak(0, f"the anchor file is damaged: {error}")
    vouched = _check_anchors(anchors, start_sequence)
    if isinstance(vouched, ChainBreak):
        return vouched

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

    broken = first_break(
        rows(),
        start_sequence=start_sequence,
        start_hash=start_hash,
        key=chain_key(),
        redactions=_redactions(),
        unkeyed_vouched_through=vouched,
    )
    if broken is None and head is not None:
        # Events removed from the end leave the head pointing past the last one.
        last = AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0
        if last != head.sequence and head.sequence > start_sequence:
            return ChainBreak(last + 1, f"events #{last + 1} to #{head.sequence} are missing from the end")
    return broken


def retained_start(head: AuditChainHead | None) -> tuple[int, str] | ChainBreak:
    """Where the retained chain starts: after the last event the latest retention sweep removed,
    as its own sealed event says. Each sweep's removal must have been past the retention period."""
    period = timedelta(days=settings.AUDIT_RETENTION_DAYS)
    start = (0, GENESIS_HASH)
    sweeps = AuditEvent.objects.filter(action=AuditAction.AUDIT_EVENTS_REMOVED).order_by("sequence")
    for sweep in sweeps.values("sequence", "occurred_at", "changes"):
        try:
            through = sweep["changes"]["removed_through"]
            removed_sequence, removed_hash = int(through["sequence"]), str(through["hash"])
            removed_at = datetime.fromisoformat(through["occurred_at"])
        except (KeyError, TypeError, ValueError):
            return ChainBreak(sweep["sequence"], "it records a retention sweep that cannot be read")
        if removed_sequence >= sweep["sequence"] or removed_at >= sweep["occurred_at"] - period:
            return ChainBreak(
                sweep["sequence"], "it records the removal of events that were not past the retention period"
            )
        start = (removed_sequence, removed_hash)
    anchored = (head.anchor_sequence, head.anchor_hash) if head is not None else (0, GENESIS_HASH)
    if anchored != start:
        return ChainBreak(
            start[0] + 1,
            f"the chain is said to start after #{anchored[0]}, but no retention sweep removed events "
            f"up to there (the last sweep removed up to #{start[0]})",
        )
    return start


def _check_anchors(anchors: list[audit_anchors.Anchor], retained_from: int) -> int | ChainBreak:
    """Every anchored event after the retained start must still be there with the anchored hash.
    Returns the highest anchored sequence (unkeyed events up to it are vouched for)."""
    expected = {anchor.sequence: anchor for anchor in anchors if anchor.sequence > retained_from}
    wanted = sorted(expected)
    stored: dict[int, str] = {}
    for index in range(0, len(wanted), _LOOKUP_BATCH):
        stored.update(
            AuditEvent.objects.filter(sequence__in=wanted[index : index + _LOOKUP_BATCH]).values_list(
                "sequence", "hash"
            )
        )
    for sequence in wanted:
        anchor = expected[sequence]
        on = f"{anchor.written_at:%Y-%m-%d %H:%M}"
        if sequence not in stored:
            return ChainBreak(
                sequence,
                f"it was anchored outside the database on {on} and is now missing, not removed under retention",
            )
        if stored[sequence] != anchor.hash:
            return ChainBreak(
                sequence,
                f"its hash differs from the one anchored outside the database on {on}: the chain was rewritten",
            )
    return max((anchor.sequence for anchor in anchors), default=0)


def _redactions() -> dict[int, Redaction]:
    """What the redaction events say they redacted (checked against each event in the walk)."""
    notes: dict[int, Redaction] = {}
    redaction_events = AuditEvent.objects.filter(action=AuditAction.AUDIT_EVENTS_REDACTED)
    for sequence, changes in redaction_events.values_list("sequence", "changes"):
        for item in (changes or {}).get("redacted", []):
            try:
                note = Redaction(
                    sequence=int(item["sequence"]),
                    recorded_in=sequence,
                    sealed_hash=str(item["sealed_hash"]),
                    redacted_hash=str(item["redacted_hash"]),
                )
            except (KeyError, TypeError, ValueError):
                continue  # vouches for nothing: an event relying on it shows as edited
            notes[note.sequence] = note
    return notes
