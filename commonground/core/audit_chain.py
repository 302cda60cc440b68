"""The audit trail's hash chain, kept free of Django so that it can be checked anywhere.

Each event's hash seals the previous event's hash and a canonical JSON form of the event's own
fields. Editing any field of an event, or removing an event, breaks the chain at that point:
`first_break` names the first event whose stored hash or link no longer matches.

Two ways of sealing, recorded per event in `chain_version` (docs/decisions/0009):
- UNKEYED (1): SHA-256. Events written before the chain was keyed. Anyone can recompute these,
  so they are accepted only up to a sequence that an anchor kept outside the database vouches for.
- KEYED (2): HMAC-SHA256 with a key the database does not hold; `chain_version` is sealed too.
  Once one keyed event is in the chain, an unkeyed event after it is a break.

An event whose content was redacted (a secret withheld after the fact) no longer matches its
sealed hash; it is accepted only when a later redaction event names it, its sealed hash, and the
hash of its redacted content (`Redaction`).
"""

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

GENESIS_HASH = "0" * 64
UNKEYED = 1
KEYED = 2

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
KEYED_SEALED_FIELDS = (*SEALED_FIELDS, "chain_version")


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    return value


def _body(fields: Mapping[str, Any], names: tuple[str, ...]) -> str:
    payload = {name: _canonical(fields[name]) for name in names}
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def event_hash(previous_hash: str, fields: Mapping[str, Any], key: bytes | None = None) -> str:
    """The seal of one event, by the way its `chain_version` says (unkeyed when it has none)."""
    version = fields.get("chain_version", UNKEYED)
    if version == UNKEYED:
        return hashlib.sha256(f"{previous_hash}\n{_body(fields, SEALED_FIELDS)}".encode()).hexdigest()
    if version == KEYED:
        if not key:
            raise ValueError("A keyed audit event cannot be sealed or checked without the chain key.")
        message = f"{previous_hash}\n{_body(fields, KEYED_SEALED_FIELDS)}".encode()
        return hmac.new(key, message, hashlib.sha256).hexdigest()
    raise ValueError(f"Unknown audit chain version {version!r}.")


@dataclass(frozen=True)
class ChainBreak:
    sequence: int
    problem: str


@dataclass(frozen=True)
class Redaction:
    """What a redaction event says about one event it redacted."""

    sequence: int
    recorded_in: int  # the redaction event's own sequence: always after the event it redacted
    sealed_hash: str  # the event's hash as sealed, still stored and still linked to by the next
    redacted_hash: str  # the same seal recomputed over the redacted content


def first_break(
    events: Iterable[Mapping[str, Any]],
    *,
    start_sequence: int = 0,
    start_hash: str = GENESIS_HASH,
    key: bytes | None = None,
    redactions: Mapping[int, Redaction] | None = None,
    unkeyed_vouched_through: int | None = None,
) -> ChainBreak | None:
    """Walk events in sequence order from the anchor; return the first break, or None if intact.

    `unkeyed_vouched_through`: the highest sequence an external anchor vouches for; an unkeyed
    event after it is a break. None accepts unkeyed events (the arithmetic on its own)."""
    redactions = redactions or {}
    expected_sequence = start_sequence + 1
    previous_hash = start_hash
    keyed_seen = False
    for event in events:
        sequence = event["sequence"]
        if sequence != expected_sequence:
            return ChainBreak(
                expected_sequence, f"event #{expected_sequence} is missing (next found is #{sequence})"
            )
        if event["previous_hash"] != previous_hash:
            return ChainBreak(sequence, "its link to the event before it does not match")
        version = event.get("chain_version", UNKEYED)
        if version == UNKEYED and keyed_seen:
            return ChainBreak(sequence, "it is sealed without the key after the chain was keyed")
        if version == UNKEYED and unkeyed_vouched_through is not None and sequence > unkeyed_vouched_through:
            return ChainBreak(sequence, "it is sealed without the key and no external anchor vouches for it")
        if version not in (UNKEYED, KEYED):
            return ChainBreak(sequence, f"its chain version {version!r} is unknown")
        keyed_seen = keyed_seen or version == KEYED
        if event_hash(previous_hash, event, key) != event["hash"] and not _redacted_as_recorded(
            event, previous_hash, key, redactions.get(sequence)
        ):
            return ChainBreak(sequence, "its contents do not match its hash: it was edited")
        previous_hash = event["hash"]
        expected_sequence += 1
    return None


def _redacted_as_recorded(
    event: Mapping[str, Any], previous_hash: str, key: bytes | None, redaction: Redaction | None
) -> bool:
    return (
        redaction is not None
        and redaction.recorded_in > event["sequence"]
        and redaction.sealed_hash == event["hash"]
        and event_hash(previous_hash, event, key) == redaction.redacted_hash
    )
