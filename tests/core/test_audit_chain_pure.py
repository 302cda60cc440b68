"""The chain arithmetic on its own (no database)."""

from datetime import UTC, datetime

from commonground.core.audit_chain import GENESIS_HASH, event_hash, first_break


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
