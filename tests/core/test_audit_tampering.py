"""Someone with the database owner's credentials rewrites the audit trail; `verify_audit`, run with
the chain key and the anchors kept outside the database, still finds it.

Two routes from the security test: (1) disable the append-only trigger, delete an event and
re-seal the rest (with the unkeyed SHA-256, or a key of their own); (2) open the retention sweep's
delete gate themselves and delete events while moving the chain's anchor or head."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from commonground.core import append_only, audit, audit_anchors, tasks
from commonground.core.audit_chain import KEYED, UNKEYED, event_hash
from commonground.core.audit_key import chain_key, derive_from_secret_key
from commonground.core.checks import audit_chain_key_is_a_real_secret
from commonground.core.models import AuditAction, AuditChainHead, AuditEvent
from commonground.core.roles import Role
from commonground.core.schedule import SCHEDULE
from tests.factories import BOLTON, staff

pytestmark = pytest.mark.django_db

WRONG_KEY = b"a key of the attacker's own, not the service's"


def _record(label: str) -> AuditEvent:
    with transaction.atomic():
        return audit.record(
            actor=None,
            action=AuditAction.UPDATE,
            object_type="test.thing",
            object_id=label,
            object_repr=label,
        )


def _anchor() -> None:
    assert tasks.anchor_audit_trail.call().startswith("anchored at #")


def _drop_protection() -> None:
    """What a database superuser does first (rolled back with the test's transaction)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Django's foreign keys are deferred; the test's own inserts must be checked first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER audit_event_append_only")
    else:
        append_only.remove(connection)


def _reseal_from(sequence: int, *, key: bytes | None) -> None:
    """Re-seal every event from `sequence` on, each linked to the one before, and move the head:
    unkeyed SHA-256 when `key` is None, else HMAC with that key."""
    previous = AuditEvent.objects.filter(sequence__lt=sequence).order_by("-sequence").first()
    previous_hash = previous.hash if previous else "0" * 64
    with connection.cursor() as cursor:
        for event in AuditEvent.objects.filter(sequence__gte=sequence).order_by("sequence").values():
            event["chain_version"] = UNKEYED if key is None else KEYED
            digest = event_hash(previous_hash, event, key)
            cursor.execute(
                "UPDATE core_auditevent SET previous_hash = %s, hash = %s, chain_version = %s WHERE id = %s",
                [previous_hash, digest, event["chain_version"], event["id"]],
            )
            previous_hash = digest
        cursor.execute(
            "UPDATE core_auditchainhead SET hash = %s, sequence = (SELECT MAX(sequence) FROM core_auditevent)",
            [previous_hash],
        )


def _delete_and_renumber(victim: AuditEvent) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [victim.pk])
        for pk in (
            AuditEvent.objects.filter(sequence__gt=victim.sequence)
            .order_by("sequence")
            .values_list("pk", flat=True)
        ):
            cursor.execute("UPDATE core_auditevent SET sequence = sequence - 1 WHERE id = %s", [pk])


# --- Route 1: trigger off, an event deleted, the rest re-sealed ------------------------------------


@pytest.mark.parametrize("attacker_key", [None, WRONG_KEY], ids=["unkeyed", "wrong-key"])
def test_deleting_an_event_and_resealing_the_rest_is_detected_by_the_key_alone(attacker_key):
    events = [_record(f"event {i}") for i in range(5)]
    victim = events[2]

    _drop_protection()
    _delete_and_renumber(victim)
    _reseal_from(victim.sequence, key=attacker_key)

    broken = audit.verify_chain()
    assert broken is not None
    assert broken.sequence == victim.sequence
    with pytest.raises(CommandError, match=f"broken at event #{victim.sequence}"):
        call_command("verify_audit")


def test_resealing_the_whole_trail_without_the_key_is_detected_by_the_external_anchor():
    events = [_record(f"event {i}") for i in range(4)]
    _anchor()
    _record("after the anchor")

    _drop_protection()
    _delete_and_renumber(events[1])
    _reseal_from(1, key=None)  # every event unkeyed, from the very first: nothing keyed is left

    broken = audit.verify_chain()
    assert broken is not None
    assert "anchored outside the database" in broken.problem


def test_resealing_with_the_right_key_is_still_caught_by_the_anchor():
    # Even someone who has stolen the key cannot rewrite what an anchor has already seen.
    events = [_record(f"event {i}") for i in range(4)]
    _anchor()

    _drop_protection()
    _delete_and_renumber(events[1])
    _reseal_from(events[1].sequence, key=chain_key())

    broken = audit.verify_chain()
    assert broken is not None
    assert "anchored outside the database" in broken.problem


def test_a_verifier_with_another_key_does_not_call_the_trail_intact(settings):
    _record("sealed with the service's key")
    settings.AUDIT_CHAIN_KEY = "another-deployment-key-" + "x" * 32
    assert "edited" in audit.verify_chain().problem


# --- Route 2: the retention gate opened by hand ---------------------------------------------------


def _through_the_gate(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditchainhead SET retention_delete_open = %s WHERE id = 1", [True])
        cursor.execute(sql, params)
        cursor.execute("UPDATE core_auditchainhead SET retention_delete_open = %s WHERE id = 1", [False])


def test_deleting_recent_events_from_the_start_through_the_retention_gate_is_detected():
    events = [_record(f"event {i}") for i in range(4)]
    cut = events[1]

    _through_the_gate("DELETE FROM core_auditevent WHERE sequence <= %s", [cut.sequence])
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditchainhead SET anchor_sequence = %s, anchor_hash = %s WHERE id = 1",
            [cut.sequence, cut.hash],
        )

    broken = audit.verify_chain()
    assert broken is not None
    assert "no retention sweep removed events up to there" in broken.problem


def test_deleting_the_newest_events_through_the_retention_gate_and_moving_the_head_is_detected():
    events = [_record(f"event {i}") for i in range(4)]
    _anchor()
    kept = events[1]

    _through_the_gate("DELETE FROM core_auditevent WHERE sequence > %s", [kept.sequence])
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditchainhead SET sequence = %s, hash = %s WHERE id = 1", [kept.sequence, kept.hash]
        )

    broken = audit.verify_chain()
    assert broken is not None
    assert broken.sequence > kept.sequence
    assert "missing, not removed under retention" in broken.problem


def test_emptying_the_trail_and_resetting_its_head_is_detected():
    [_record(f"event {i}") for i in range(3)]
    _anchor()

    _through_the_gate("DELETE FROM core_auditevent", [])
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditchainhead SET sequence = 0, hash = %s, anchor_sequence = 0, anchor_hash = %s",
            ["0" * 64, "0" * 64],
        )

    assert "missing" in audit.verify_chain().problem


def test_a_retention_gate_left_open_is_reported():
    _record("event")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditchainhead SET retention_delete_open = %s WHERE id = 1", [True])
    assert "delete gate is open" in audit.verify_chain().problem


# --- The sanctioned removal still verifies, and only past the retention period ---------------------


def test_the_retention_sweep_removes_anchored_events_and_the_trail_still_verifies(settings):
    start = timezone.now()
    old = [_record(f"old {i}") for i in range(3)]
    _anchor()
    with time_machine.travel(start + timedelta(days=100), tick=False):
        _record("recent")
        _anchor()

    with time_machine.travel(start + timedelta(days=settings.AUDIT_RETENTION_DAYS + 50), tick=False):
        assert tasks.remove_audit_events_past_retention.call() >= 3
        assert not AuditEvent.objects.filter(pk__in=[e.pk for e in old]).exists()
        assert audit.verify_chain() is None
        _anchor()
    assert audit.verify_chain() is None


def test_a_sweep_that_removed_events_before_their_time_is_reported(settings):
    start = timezone.now()
    [_record(f"event {i}") for i in range(2)]
    with time_machine.travel(start + timedelta(days=100), tick=False):
        _record("recent")
    # The period shortened for one night (by mistake or on purpose), then put back.
    settings.AUDIT_RETENTION_DAYS = 30
    with time_machine.travel(start + timedelta(days=101), tick=False):
        assert tasks.remove_audit_events_past_retention.call() > 0
    settings.AUDIT_RETENTION_DAYS = 7 * 365

    broken = audit.verify_chain()
    assert broken is not None
    assert "not past the retention period" in broken.problem


def test_the_sweep_refuses_to_shorten_a_broken_trail(settings):
    start = timezone.now()
    events = [_record(f"event {i}") for i in range(3)]
    _drop_protection()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET reason = 'edited' WHERE id = %s", [events[1].pk])

    with time_machine.travel(start + timedelta(days=settings.AUDIT_RETENTION_DAYS + 1), tick=False):
        assert tasks.remove_audit_events_past_retention.call() == 0
    assert AuditEvent.objects.filter(pk=events[0].pk).exists()


# --- Events sealed before the chain was keyed ---------------------------------------------------


def _unkeyed(label: str) -> AuditEvent:
    """An event as the service wrote them before the chain was keyed."""
    head = AuditChainHead.objects.select_for_update().get(pk=1)
    fields = {
        "sequence": head.sequence + 1,
        "occurred_at": timezone.now(),
        "actor_id": None,
        "actor_label": "legacy",
        "action": "update",
        "object_type": "test.thing",
        "object_id": label,
        "object_repr": label,
        "subject_ref": "",
        "changes": {},
        "reason": "",
        "ip_address": None,
        "outside_normal_scope": False,
        "chain_version": UNKEYED,
    }
    digest = event_hash(head.hash, fields)
    event = AuditEvent.objects.create(**fields, previous_hash=head.hash, hash=digest)
    AuditChainHead.objects.filter(pk=1).update(sequence=event.sequence, hash=digest)
    return event


def test_unkeyed_events_verify_only_as_far_as_an_external_anchor_vouches():
    # A trail from before the cut-over: start from an empty one (the session's data is keyed).
    _drop_protection()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent")
        cursor.execute("UPDATE core_auditchainhead SET sequence = 0, hash = %s", ["0" * 64])
    with transaction.atomic():
        legacy = [_unkeyed(f"legacy {i}") for i in range(3)]
    assert "no external anchor vouches" in audit.verify_chain().problem

    audit_anchors.append(sequence=legacy[-1].sequence, hash=legacy[-1].hash, note="cut-over")
    _record("keyed, after the cut-over")
    assert audit.verify_chain() is None
    call_command("verify_audit")


def test_an_unkeyed_event_after_the_chain_was_keyed_is_a_break():
    _record("keyed")
    with transaction.atomic():
        late = _unkeyed("slipped in later")
    audit_anchors.append(sequence=late.sequence, hash=late.hash)  # even an anchor does not excuse it
    broken = audit.verify_chain()
    assert broken.sequence == late.sequence
    assert "after the chain was keyed" in broken.problem


# --- The key ------------------------------------------------------------------------------------


def test_the_key_is_derived_from_the_secret_key_with_a_salt_of_its_own(settings):
    settings.AUDIT_CHAIN_KEY = ""
    settings.AUDIT_CHAIN_KEY_FILE = ""
    assert chain_key() == derive_from_secret_key(settings.SECRET_KEY)
    assert settings.SECRET_KEY.encode() not in chain_key()
    assert derive_from_secret_key("one") != derive_from_secret_key("two")


def test_the_key_may_come_from_a_file(settings, tmp_path):
    key_file = tmp_path / "audit-chain.key"
    key_file.write_text("k" * 48 + "\n")
    settings.AUDIT_CHAIN_KEY_FILE = str(key_file)
    assert chain_key() == b"k" * 48
    assert audit_chain_key_is_a_real_secret(None) == []


def test_a_deployment_is_refused_the_development_key_a_short_key_or_a_missing_key_file(settings, tmp_path):
    settings.AUDIT_CHAIN_KEY = ""
    settings.SECRET_KEY = settings.DEVELOPMENT_SECRET_KEY
    assert [e.id for e in audit_chain_key_is_a_real_secret(None)] == ["core.E003"]
    settings.AUDIT_CHAIN_KEY = "short"
    assert [e.id for e in audit_chain_key_is_a_real_secret(None)] == ["core.E005"]
    settings.AUDIT_CHAIN_KEY = ""
    settings.AUDIT_CHAIN_KEY_FILE = str(tmp_path / "missing.key")
    assert [e.id for e in audit_chain_key_is_a_real_secret(None)] == ["core.E004"]


# --- The database roles (PostgreSQL) --------------------------------------------------------------


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="roles and grants are PostgreSQL's")
def test_the_application_role_cannot_switch_off_the_triggers():
    """With the grants of docs/decisions/0009, the role the service runs as may append events but
    neither edit them nor switch the trigger off: only the owner of the table can."""
    _record("before")
    with connection.cursor() as cursor:
        cursor.execute("CREATE ROLE cg_audit_app_test NOLOGIN")
        cursor.execute("GRANT SELECT, INSERT, DELETE ON core_auditevent TO cg_audit_app_test")
        cursor.execute("GRANT SELECT, UPDATE ON core_auditchainhead TO cg_audit_app_test")
        cursor.execute("SET LOCAL ROLE cg_audit_app_test")
        for statement in (
            "ALTER TABLE core_auditevent DISABLE TRIGGER audit_event_append_only",
            "DROP TRIGGER audit_event_append_only ON core_auditevent",
            "UPDATE core_auditevent SET reason = 'edited'",
        ):
            with pytest.raises(DatabaseError), transaction.atomic():
                cursor.execute(statement)
        cursor.execute("RESET ROLE")
    assert audit.verify_chain() is None


# --- The nightly anchor ---------------------------------------------------------------------------


def test_the_nightly_anchor_is_appended_outside_the_database_and_emailed_if_asked(settings, mailoutbox):
    staff(Role.DATA_PROTECTION_OFFICER, BOLTON, email="dpo@example.org")
    _record("first night")
    _anchor()
    assert mailoutbox == []

    settings.AUDIT_ANCHOR_EMAIL = True
    last = _record("second night")
    assert tasks.anchor_audit_trail.call() == f"anchored at #{last.sequence}"

    anchors = audit_anchors.read_all()
    assert [(a.sequence, a.hash) for a in anchors][-1] == (last.sequence, last.hash)
    assert len(anchors) == 2
    [email] = mailoutbox
    assert email.to == ["dpo@example.org"]
    assert last.hash in email.body
    assert any(entry.task == tasks.anchor_audit_trail for entry in SCHEDULE)


def test_no_anchor_is_written_for_a_broken_trail():
    events = [_record(f"event {i}") for i in range(2)]
    _drop_protection()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET reason = 'edited' WHERE id = %s", [events[0].pk])
    assert tasks.anchor_audit_trail.call() == f"not anchored: broken at #{events[0].sequence}"
    assert audit_anchors.read_all() == []


def test_a_damaged_anchor_file_is_reported(settings):
    _record("event")
    settings.AUDIT_ANCHOR_FILE.write_text("not json\n")
    assert "anchor file is damaged" in audit.verify_chain().problem


def test_verify_audit_checks_against_a_copy_of_the_anchors_kept_elsewhere(tmp_path):
    events = [_record(f"event {i}") for i in range(3)]
    _anchor()
    copy = tmp_path / "anchors-kept-by-the-dpo.jsonl"
    copy.write_text(audit_anchors.anchor_file().read_text())
    audit_anchors.anchor_file().unlink()  # the service's own file is lost (or was wiped)

    _through_the_gate("DELETE FROM core_auditevent WHERE sequence > %s", [events[0].sequence])
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditchainhead SET sequence = %s, hash = %s WHERE id = 1",
            [events[0].sequence, events[0].hash],
        )

    assert audit.verify_chain() is None  # nothing left in the database to say otherwise
    with pytest.raises(CommandError, match="anchored outside the database"):
        call_command("verify_audit", "--anchor-file", str(copy))
