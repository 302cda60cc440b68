"""The audit trail: append-only for everyone, hash-chained, and checked by verify_audit."""

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from commonground.core import append_only, audit
from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Role
from tests.factories import BOLTON, staff

pytestmark = pytest.mark.django_db


def _events(n: int, actor):
    with transaction.atomic():
        return [
            audit.record(actor=actor, action=AuditAction.VIEW, obj=actor, subject=actor, reason=f"check {i}")
            for i in range(n)
        ]


def test_each_event_links_to_the_one_before_it():
    user = staff(Role.DATA_PROTECTION_OFFICER, BOLTON)
    first, second = _events(2, user)
    assert second.sequence == first.sequence + 1
    assert second.previous_hash == first.hash
    assert audit.verify_chain() is None


def test_verify_audit_reports_an_intact_trail(capsys):
    _events(3, staff(Role.DATA_PROTECTION_OFFICER, BOLTON))
    call_command("verify_audit")
    assert "The audit trail is intact" in capsys.readouterr().out


def test_nobody_can_change_or_delete_an_event_through_the_application():
    event = _events(1, staff(Role.SYSTEM_ADMINISTRATOR, BOLTON))[0]
    event.reason = "changed"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="changed")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_the_database_refuses_a_direct_update_or_delete_of_an_event():
    event = _events(1, staff(Role.SYSTEM_ADMINISTRATOR, BOLTON))[0]
    for statement in (
        "UPDATE core_auditevent SET reason = 'edited' WHERE id = %s",
        "DELETE FROM core_auditevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [event.pk])
    event.refresh_from_db()
    assert event.reason == "check 0"


def test_verify_audit_names_the_first_event_edited_directly_in_the_database():
    _, edited, _ = _events(3, staff(Role.DATA_PROTECTION_OFFICER, BOLTON))
    # Someone with database superuser rights drops the protection and edits a row.
    append_only.remove(connection)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET reason = 'nothing to see' WHERE id = %s", [edited.pk])

    with pytest.raises(CommandError) as raised:
        call_command("verify_audit")

    assert f"broken at event #{edited.sequence}" in str(raised.value)
    assert "edited" in str(raised.value)


def test_verify_audit_names_an_event_deleted_from_the_middle():
    _, deleted, _ = _events(3, staff(Role.DATA_PROTECTION_OFFICER, BOLTON))
    append_only.remove(connection)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [deleted.pk])

    broken = audit.verify_chain()

    assert broken.sequence == deleted.sequence
    assert "missing" in broken.problem


def test_verify_audit_notices_events_removed_from_the_end():
    *_, last = _events(3, staff(Role.DATA_PROTECTION_OFFICER, BOLTON))
    append_only.remove(connection)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [last.pk])
    broken = audit.verify_chain()
    assert broken.sequence == last.sequence


def test_an_event_is_rolled_back_with_the_change_it_describes():
    user = staff(Role.DATA_PROTECTION_OFFICER, BOLTON)
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.record(actor=user, action=AuditAction.UPDATE, obj=user)
        raise RuntimeError("the change failed")
    assert AuditEvent.objects.count() == before
    assert audit.verify_chain() is None


def test_changes_are_stored_as_plain_values_that_verify_after_a_round_trip():
    import datetime

    user = staff(Role.DATA_PROTECTION_OFFICER, BOLTON)
    with transaction.atomic():
        audit.record(
            actor=user,
            action=AuditAction.UPDATE,
            obj=user,
            changes={"when": datetime.date(2026, 3, 27), "areas": {"b", "a"}, "count": 3, "note": None},
        )
    event = AuditEvent.objects.order_by("-sequence").first()
    assert event.changes == {"when": "2026-03-27", "areas": ["a", "b"], "count": 3, "note": None}
    assert audit.verify_chain() is None
