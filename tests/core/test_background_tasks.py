"""Background work: the schedule enqueues each slot once, the database worker runs queued tasks,
the nightly audit check alerts the data protection officers, and the retention sweep removes only
what is past retention while the rest of the chain stays verifiable and append-only."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from commonground.core import append_only, audit, tasks
from commonground.core.models import AuditAction, AuditChainHead, AuditEvent, ScheduledRun
from commonground.core.roles import Role
from commonground.core.schedule import enqueue_due
from tests.factories import BOLTON, staff
from tests.seeded import restore_seeded_data

LONDON = ZoneInfo("Europe/London")
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
CLEAR_SESSIONS = tasks.clear_expired_sessions.module_path
EDIT_REASON_SQL = f"UPDATE {AuditEvent._meta.db_table} SET reason = %s WHERE sequence = %s"  # noqa: S608
DELETE_SQL = f"DELETE FROM {AuditEvent._meta.db_table} WHERE sequence = %s"  # noqa: S608


@pytest.fixture
def database_queue(settings):
    """Tasks go to the real database queue instead of running at once (the conftest default)."""
    settings.TASKS = DATABASE_TASKS


# --- The schedule ------------------------------------------------------------------------------


@pytest.fixture
def core_schedule(monkeypatch):
    """Only the core's own entries: other apps' tasks (some run every few minutes) would fall in
    these tests' windows too, and are tested in their apps."""
    from commonground.core import schedule

    core = [entry for entry in schedule.SCHEDULE if entry.name.startswith("commonground.core.")]
    monkeypatch.setattr(schedule, "SCHEDULE", core)


@pytest.mark.django_db
def test_a_slot_that_fell_in_the_lookback_window_is_enqueued_once(database_queue, core_schedule):
    now = datetime(2026, 1, 15, 3, 20, tzinfo=LONDON)  # clear_expired_sessions runs at 03:17

    enqueued = enqueue_due(now=now)

    assert enqueued == [f"{CLEAR_SESSIONS} @ 2026-01-15 03:17"]
    run = ScheduledRun.objects.get()
    assert (run.task_name, run.slot_at) == (CLEAR_SESSIONS, datetime(2026, 1, 15, 3, 17, tzinfo=LONDON))
    queued = DBTaskResult.objects.get()
    assert (queued.task_path, queued.status, str(queued.id)) == (
        CLEAR_SESSIONS,
        TaskResultStatus.READY,
        run.task_result_id,
    )


@pytest.mark.django_db
def test_calling_the_schedule_again_does_not_enqueue_the_same_slot_twice(database_queue, core_schedule):
    now = datetime(2026, 1, 15, 3, 20, tzinfo=LONDON)
    enqueue_due(now=now)

    assert enqueue_due(now=now) == []
    assert ScheduledRun.objects.count() == 1
    assert DBTaskResult.objects.filter(task_path=CLEAR_SESSIONS).count() == 1


@pytest.mark.django_db
def test_a_second_scheduler_that_sees_the_same_slot_later_does_not_enqueue_it_again(
    database_queue, core_schedule
):
    first = enqueue_due(now=datetime(2026, 1, 15, 3, 18, tzinfo=LONDON))
    second = enqueue_due(now=datetime(2026, 1, 15, 3, 26, tzinfo=LONDON))  # 03:17 is still in its window

    assert len(first) == 1
    assert second == []
    assert DBTaskResult.objects.filter(task_path=CLEAR_SESSIONS).count() == 1


@pytest.mark.django_db
def test_a_scheduler_restarted_within_the_lookback_still_enqueues_the_slot_it_missed(
    database_queue, core_schedule
):
    enqueued = enqueue_due(now=datetime(2026, 1, 15, 3, 26, tzinfo=LONDON))
    assert enqueued == [f"{CLEAR_SESSIONS} @ 2026-01-15 03:17"]


@pytest.mark.django_db
def test_nothing_is_enqueued_when_no_slot_is_due(database_queue, core_schedule):
    assert enqueue_due(now=datetime(2026, 1, 15, 12, 0, tzinfo=LONDON)) == []
    assert enqueue_due(now=datetime(2026, 1, 15, 3, 40, tzinfo=LONDON)) == []  # 03:17 is past the window
    assert not ScheduledRun.objects.exists()
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_the_schedule_follows_london_time_across_the_change_to_summer_time(database_queue, core_schedule):
    with time_machine.travel(datetime(2026, 7, 1, 2, 35, tzinfo=LONDON), tick=False):
        enqueued = enqueue_due()

    assert enqueued == [f"{tasks.verify_audit_trail.module_path} @ 2026-07-01 02:30"]
    assert ScheduledRun.objects.get().slot_at == datetime(2026, 7, 1, 1, 30, tzinfo=ZoneInfo("UTC"))


# --- The database worker -----------------------------------------------------------------------


@pytest.fixture
def _restore_after_flush(django_db_blocker):
    """Set up before the transactional database, torn down after its flush: puts back what the
    session had (the append-only triggers, the Greater Manchester places and the migrations'
    reference data: tests/seeded.py)."""
    yield
    with django_db_blocker.unblock():
        restore_seeded_data()


@pytest.fixture
def worker_db(_restore_after_flush, transactional_db):
    """A database the worker commits to, as in production. The flush after the test empties the
    audit table, which the append-only triggers refuse; they are dropped for it."""
    yield
    append_only.remove(connection)


def test_the_database_worker_sends_a_queued_email_and_records_success(worker_db, settings):
    settings.TASKS = DATABASE_TASKS
    result = tasks.send_email.enqueue(
        to=["officer@example.org"], subject="Referral received", body="A referral is waiting for you."
    )
    assert mail.outbox == []
    assert DBTaskResult.objects.get(id=result.id).status == TaskResultStatus.READY

    call_command("run_worker", "--batch", "--no-scheduler", stdout=StringIO(), stderr=StringIO())

    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [
        (["officer@example.org"], "Referral received", "A referral is waiting for you.")
    ]
    finished = tasks.send_email.get_result(result.id)
    assert finished.status == TaskResultStatus.SUCCESSFUL
    assert finished.return_value == 1
    assert not DBTaskResult.objects.ready().exists()


def test_a_failing_task_is_recorded_as_failed_and_the_worker_carries_on(worker_db, settings):
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = "tests.core.test_background_tasks.BrokenEmailBackend"
    failed = tasks.send_email.enqueue(to=["a@example.org"], subject="Will fail", body="…")
    cleared = tasks.clear_expired_sessions.enqueue()

    call_command("run_worker", "--batch", "--no-scheduler", stdout=StringIO(), stderr=StringIO())

    failed_result = tasks.send_email.get_result(failed.id)
    assert failed_result.status == TaskResultStatus.FAILED
    assert "ConnectionRefusedError" in failed_result.errors[0].exception_class_path
    assert tasks.clear_expired_sessions.get_result(cleared.id).status == TaskResultStatus.SUCCESSFUL


class BrokenEmailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("The mail server is down")


# --- The nightly audit check -------------------------------------------------------------------


def _record(label: str) -> AuditEvent:
    return audit.record(
        actor=None, action=AuditAction.UPDATE, object_type="test.thing", object_id=label, object_repr=label
    )


@pytest.mark.django_db
def test_the_nightly_check_finds_an_intact_trail_and_alerts_nobody():
    staff(Role.DATA_PROTECTION_OFFICER, BOLTON, email="dpo@example.org")
    for label in ("a", "b", "c"):
        _record(label)

    assert tasks.verify_audit_trail.call() == "intact"
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_nightly_check_emails_the_data_protection_officers_when_an_event_was_edited():
    staff(Role.DATA_PROTECTION_OFFICER, BOLTON, email="dpo@example.org")
    staff(Role.DATA_PROTECTION_OFFICER, BOLTON, email="former-dpo@example.org", is_active=False)
    staff(Role.SYSTEM_ADMINISTRATOR, BOLTON, email="admin@example.org")
    _record("before")
    tampered = _record("tampered")
    _record("after")

    # Someone with the database password drops the triggers and edits an event.
    append_only.remove(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute(EDIT_REASON_SQL, ["nothing to see here", tampered.sequence])
    finally:
        append_only.install(connection)

    assert tasks.verify_audit_trail.call() == f"broken at #{tampered.sequence}"
    assert len(mail.outbox) == 1
    alert = mail.outbox[0]
    assert alert.to == ["dpo@example.org"]
    assert alert.subject == "Common Ground: the audit trail failed its integrity check"
    assert f"#{tampered.sequence}" in alert.body
    assert "it was edited" in alert.body


@pytest.mark.django_db
def test_an_audit_event_cannot_be_edited_while_the_triggers_are_in_place():
    event = _record("sealed")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(EDIT_REASON_SQL, ["edited", event.sequence])
    assert AuditEvent.objects.get(pk=event.pk).reason == ""
    assert tasks.verify_audit_trail.call() == "intact"


# --- Removing audit events past retention --------------------------------------------------------


@pytest.mark.django_db
def test_retention_removes_only_events_past_the_retention_period_and_the_chain_still_verifies():
    start = timezone.now()
    old = [_record(f"old {i}") for i in range(3)]
    with time_machine.travel(start + timedelta(days=100), tick=False):
        recent = [_record(f"recent {i}") for i in range(2)]
    older_than_old = AuditEvent.objects.filter(sequence__lt=old[0].sequence).count()

    with time_machine.travel(start + timedelta(days=settings.AUDIT_RETENTION_DAYS + 50), tick=False):
        removed = tasks.remove_audit_events_past_retention.call()

    assert removed == older_than_old + 3
    # What is left: the recent events, then the sweep's own sealed record of what it removed.
    remaining = list(AuditEvent.objects.order_by("sequence").values_list("sequence", "action"))
    assert remaining == [(event.sequence, "update") for event in recent] + [
        (recent[-1].sequence + 1, AuditAction.AUDIT_EVENTS_REMOVED)
    ]
    sweep = AuditEvent.objects.get(sequence=recent[-1].sequence + 1)
    assert sweep.changes["removed_through"]["sequence"] == old[-1].sequence
    assert sweep.changes["removed"] == removed
    head = AuditChainHead.objects.get(pk=1)
    assert (head.anchor_sequence, head.anchor_hash) == (old[-1].sequence, old[-1].hash)
    assert head.retention_delete_open is False
    assert audit.verify_chain() is None
    assert tasks.verify_audit_trail.call() == "intact"
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert f"3 events checked (from #{old[-1].sequence + 1}" in out.getvalue()

    # New events still chain on after the sweep.
    _record("after the sweep")
    assert audit.verify_chain() is None


@pytest.mark.django_db
def test_retention_removes_nothing_while_every_event_is_within_the_period():
    events = [_record(f"event {i}") for i in range(2)]
    count = AuditEvent.objects.count()

    with time_machine.travel(timezone.now() + timedelta(days=settings.AUDIT_RETENTION_DAYS - 1), tick=False):
        assert tasks.remove_audit_events_past_retention.call() == 0

    assert AuditEvent.objects.count() == count
    assert AuditChainHead.objects.get(pk=1).anchor_sequence == 0
    assert AuditEvent.objects.filter(pk__in=[e.pk for e in events]).count() == 2


@pytest.mark.django_db
def test_running_the_sweep_twice_removes_nothing_more():
    start = timezone.now()
    _record("old")
    with time_machine.travel(start + timedelta(days=100), tick=False):
        kept = _record("recent")

    with time_machine.travel(start + timedelta(days=settings.AUDIT_RETENTION_DAYS + 50), tick=False):
        assert tasks.remove_audit_events_past_retention.call() > 0
        assert tasks.remove_audit_events_past_retention.call() == 0

    assert list(
        AuditEvent.objects.exclude(action=AuditAction.AUDIT_EVENTS_REMOVED).values_list("pk", flat=True)
    ) == [kept.pk]
    assert AuditEvent.objects.filter(action=AuditAction.AUDIT_EVENTS_REMOVED).count() == 1
    assert audit.verify_chain() is None


@pytest.mark.django_db
def test_outside_the_sweep_audit_events_still_cannot_be_deleted():
    start = timezone.now()
    _record("old")
    with time_machine.travel(start + timedelta(days=100), tick=False):
        kept = [_record(f"recent {i}") for i in range(2)]
    with time_machine.travel(start + timedelta(days=settings.AUDIT_RETENTION_DAYS + 50), tick=False):
        tasks.remove_audit_events_past_retention.call()

    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=kept[0].pk).delete()
    with pytest.raises(PermissionError):
        kept[0].delete()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(DELETE_SQL, [kept[0].sequence])

    assert AuditEvent.objects.filter(pk__in=[e.pk for e in kept]).count() == 2
    assert audit.verify_chain() is None
