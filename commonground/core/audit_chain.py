"""The audit trail's hash chain, kept free of Django so that it can be checked anywhere.

Each event's hash is SHA-256 over the previous event's hash and a canonical JSON form of the
event's own fields. Editing any field of an event, or removing an event, breaks the chain at
that point: `first_break` names the first event whose stored hash or link no longer matches.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

GENESIS_HASH = "0" * 64

# The fields that are sealed into each event's hash, in a fixed order.
SEALED_FIELDS = (
    "sequence",
    "occurred_at",
    "actor_id",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "subject_ref",
    "changes",
    "reason",
    "ip_address",
    "outside_normal_scope",
)


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    return value


def event_hash(previous_hash: str, fields: Mapping[str, Any]) -> str:
    payload = {name: _canonical(fields[name]) for name in SEALED_FIELDS}
    body = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(f"{previous_hash}\n{body}".encode()).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    sequence: int
    problem: str


def first_break(
    events: Iterable[Mapping[str, Any]], *, start_sequence: int = 0, start_hash: str = GENESIS_HASH
) -> ChainBreak | None:
    """Walk events in sequence order from the anchor; return the first break, or None if intact."""
    expected_sequence = start_sequence + 1
    previous_hash = start_hash
    for event in events:
        sequence = event["sequence"]
        if sequence != expected_sequence:
            return ChainBreak(
                expected_sequence, f"event #{expected_sequence} is missing (next found is #{sequence})"
            )
        if event["previous_hash"] != previous_hash:
            return ChainBreak(sequence, "its link to the event before it does not match")
        if event_hash(previous_hash, event) != event["hash"]:
            return ChainBreak(sequence, "its contents do not match its hash: it was edited")
        previous_hash = event["hash"]
        expected_sequence += 1
    return None
