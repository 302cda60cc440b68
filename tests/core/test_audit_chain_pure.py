"""The chain arithmetic on its own (no database)."""

from datetime import UTC, datetime

from commonground.core.audit_chain import (
    GENESIS_HASH,
    KEYED,
    UNKEYED,
    ChainBreak,
    Redaction,
    event_hash,
    first_break,
)


def _chain(n: int) -> list[dict]:
    events, previous = [], GENESIS_HASH
    for i in range(1, n + 1):
        fields = {
            "sequence": i,
            "occurred_at": datetime(2026, 1, 1, 12, 0, i, 123456, tzinfo=UTC),
            "actor_id": 7,
            "actor_label": "alex",
            "action": "view",
            "object_type": "core.user",
            "object_id": str(i),
            "object_repr": "Someone",
            "subject_ref": f"core.user:{i}",
            "changes": {"b": 1, "a": [1, 2]},
            "reason": "",
            "ip_address": None,
            "outside_normal_scope": False,
        }
        digest = event_hash(previous, fields)
        events.append({**fields, "previous_hash": previous, "hash": digest})
        previous = digest
    return events


def test_an_untouched_chain_has_no_break():
    assert first_break(_chain(5)) is None


def test_the_hash_does_not_depend_on_key_order_in_changes():
    event = _chain(1)[0]
    reordered = {**event, "changes": {"a": [1, 2], "b": 1}}
    assert event_hash(GENESIS_HASH, reordered) == event["hash"]


def test_an_edited_field_breaks_the_chain_at_that_event():
    events = _chain(5)
    events[2] = {**events[2], "actor_label": "someone else"}
    broken = first_break(events)
    assert broken.sequence == 3
    assert "edited" in broken.problem


def test_a_removed_event_breaks_the_chain_where_it_was():
    events = _chain(5)
    del events[1]
    assert first_break(events).sequence == 2


def test_a_recomputed_hash_still_breaks_the_link_from_the_next_event():
    events = _chain(4)
    forged = {**events[1], "reason": "forged"}
    forged["hash"] = event_hash(forged["previous_hash"], forged)
    events[1] = forged
    broken = first_break(events)
    assert broken.sequence == 3
    assert "link" in broken.problem


def test_a_chain_can_start_from_a_retention_anchor():
    events = _chain(5)
    assert first_break(events[2:], start_sequence=2, start_hash=events[1]["hash"]) is None


# --- Keyed events and redactions -----------------------------------------------------------------

KEY = b"k" * 32


def _keyed_chain(n: int, key: bytes = KEY) -> list[dict]:
    events, previous = [], GENESIS_HASH
    for event in _chain(n):
        event = {**event, "chain_version": KEYED, "previous_hash": previous}
        event["hash"] = event_hash(previous, event, key)
        events.append(event)
        previous = event["hash"]
    return events


def test_a_keyed_chain_verifies_only_with_its_key():
    events = _keyed_chain(3)
    assert first_break(events, key=KEY) is None
    assert "edited" in first_break(events, key=b"x" * 32).problem


def test_the_chain_version_is_sealed_in_a_keyed_event():
    event = _keyed_chain(1)[0]
    downgraded = {**event, "chain_version": UNKEYED}
    assert first_break([downgraded], key=KEY).problem.endswith("it was edited")


def test_unkeyed_events_need_an_anchor_to_vouch_for_them():
    events = _chain(4)
    assert first_break(events, unkeyed_vouched_through=4) is None
    broken = first_break(events, unkeyed_vouched_through=2)
    assert broken.sequence == 3
    assert "no external anchor vouches" in broken.problem


def _redacted(events: list[dict], index: int) -> tuple[list[dict], Redaction]:
    event = events[index]
    clean = {**event, "changes": {"b": "[redacted]", "a": [1, 2]}}
    note = Redaction(
        sequence=event["sequence"],
        recorded_in=len(events) + 1,
        sealed_hash=event["hash"],
        redacted_hash=event_hash(event["previous_hash"], clean, KEY),
    )
    return [*events[:index], clean, *events[index + 1 :]], note


def test_a_redacted_event_is_accepted_when_a_later_redaction_names_it():
    events, note = _redacted(_keyed_chain(4), 1)
    assert first_break(events, key=KEY) == ChainBreak(2, "its contents do not match its hash: it was edited")
    assert first_break(events, key=KEY, redactions={2: note}) is None


def test_a_redaction_note_does_not_cover_other_content_or_come_before_the_event():
    events, note = _redacted(_keyed_chain(4), 1)
    other = {**events[1], "reason": "also changed"}
    assert first_break([events[0], other, *events[2:]], key=KEY, redactions={2: note}).sequence == 2
    early = Redaction(
        note.sequence, recorded_in=1, sealed_hash=note.sealed_hash, redacted_hash=note.redacted_hash
    )
    assert first_break(events, key=KEY, redactions={2: early}).sequence == 2
