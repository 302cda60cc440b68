"""The worker outlives the database: a lost connection is a pause, not the end. A task whose own
queries lost the database runs again; a result that could not be saved is saved when the database
returns, without running the task twice; a task abandoned by a dead worker goes back to the queue;
and the system administrators hear when the queue is stuck. (The real outage, with PostgreSQL
refusing connections under a running worker process, is in test_worker_database_restart.py.)"""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import InterfaceError, OperationalError, connection
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from commonground.core import append_only, task_queue, tasks, worker
from commonground.core.queue_rules import DATABASE_RETRY_LIMIT, QueueState, backoff_delays, is_stuck
from commonground.core.roles import Role
from tests.conftest import signed_in
from tests.core import test_background_tasks
from tests.factories import BOLTON, staff

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
NOW = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)

# --- Pure rules ----------------------------------------------------------------------------------


def test_pauses_grow_from_half_a_second_and_stop_growing_at_the_cap():
    delays = backoff_delays(first=0.5, cap=30.0, jitter=0.0)
    assert [next(delays) for _ in range(9)] == [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0]


def test_each_pause_stays_within_its_jitter():
    delays = backoff_delays(first=1.0, cap=1.0, jitter=0.1)
    assert all(0.9 <= next(delays) <= 1.1 for _ in range(200))


@pytest.mark.parametrize(
    ("waiting_since", "left_running", "stuck"),
    [
        (None, 0, False),  # nothing waiting
        (NOW - timedelta(minutes=14), 0, False),
        (NOW - timedelta(minutes=16), 0, True),
        (None, 1, True),  # a task left running by a stopped worker
    ],
)
def test_the_queue_is_stuck_when_a_task_waits_too_long_or_is_left_running(waiting_since, left_running, stuck):
    state = QueueState(
        oldest_ready_at=waiting_since, oldest_ready_task="send_email", ready=1, failed_recently=0,
        running_too_long=left_running,
    )  # fmt: skip
    assert is_stuck(state, now=NOW, alert_after=timedelta(minutes=15)) is stuck


# --- The worker, in this process, against the test database -----------------------------------


# After the flush that empties the committed database, the places are loaded again for later tests.
_restore_after_flush = test_background_tasks._restore_after_flush


@pytest.fixture
def worker_db(_restore_after_flush, settings, transactional_db):
    """The worker commits as in production; the flush afterwards needs the audit triggers gone."""
    settings.TASKS = DATABASE_TASKS
    settings.WORKER_MAX_BACKOFF_SECONDS = 0.01
    yield
    append_only.remove(connection)


@pytest.fixture
def no_pauses(monkeypatch):
    pauses = []
    monkeypatch.setattr(worker.time, "sleep", pauses.append)
    return pauses


def _run_batch():
    call_command("run_worker", "--batch", "--no-scheduler", stdout=StringIO(), stderr=StringIO())


calls = {"count": 0}


@task()
def flaky_query_task() -> str:
    """Loses the database on its first run, as a task does when PostgreSQL restarts under it."""
    calls["count"] += 1
    if calls["count"] == 1:
        raise OperationalError("terminating connection due to administrator command")
    return "done"


def test_a_task_that_lost_the_database_goes_back_to_the_queue_and_runs_again(worker_db, no_pauses):
    calls["count"] = 0
    result = flaky_query_task.enqueue()

    _run_batch()

    finished = DBTaskResult.objects.get(id=result.id)
    assert (finished.status, finished.return_value, calls["count"]) == (
        TaskResultStatus.SUCCESSFUL,
        "done",
        2,
    )
    assert len(finished.worker_ids) == 2  # claimed twice: once interrupted, once done


@task()
def always_loses_the_database() -> None:
    raise OperationalError("no such table: a_table_that_is_not_there")


def test_a_task_that_keeps_losing_the_database_is_failed_rather_than_retried_for_ever(worker_db, no_pauses):
    result = always_loses_the_database.enqueue()

    _run_batch()

    failed = DBTaskResult.objects.get(id=result.id)
    assert failed.status == TaskResultStatus.FAILED
    assert len(failed.worker_ids) == DATABASE_RETRY_LIMIT
    assert "OperationalError" in failed.exception_class_path


def test_an_email_whose_success_could_not_be_saved_is_saved_later_and_not_sent_again(
    worker_db, no_pauses, monkeypatch
):
    result = tasks.send_email.enqueue(
        to=["officer@example.org"], subject="A report is waiting", body="Sign in."
    )
    save = DBTaskResult.set_successful
    failures = iter([OperationalError("the database system is shutting down")] * 3)

    def save_after_an_outage(self, value):
        error = next(failures, None)
        if error is not None:
            raise error
        save(self, value)

    monkeypatch.setattr(DBTaskResult, "set_successful", save_after_an_outage)

    _run_batch()

    assert [message.subject for message in mail.outbox] == ["A report is waiting"]
    assert DBTaskResult.objects.get(id=result.id).status == TaskResultStatus.SUCCESSFUL
    assert len(no_pauses) == 3  # it waited for the database three times, then saved


def test_the_worker_loop_waits_out_an_outage_and_carries_on(worker_db, no_pauses, monkeypatch):
    tasks.send_email.enqueue(to=["officer@example.org"], subject="After the outage", body="Sign in.")
    loop = Worker.run
    outages = iter([OperationalError("server closed the connection unexpectedly")] * 2)

    def loop_that_loses_the_database(self):
        error = next(outages, None)
        if error is not None:
            raise error
        loop(self)

    monkeypatch.setattr(Worker, "run", loop_that_loses_the_database)

    _run_batch()

    assert [message.subject for message in mail.outbox] == ["After the outage"]
    assert len(no_pauses) == 2


def test_the_worker_loop_waits_out_a_lost_connection_that_carries_no_message(
    worker_db, no_pauses, monkeypatch
):
    # A driver may raise InterfaceError with no arguments; the lock check once read its first one.
    tasks.send_email.enqueue(to=["officer@example.org"], subject="After the reconnection", body="Sign in.")
    loop = Worker.run
    outages = iter([InterfaceError()])

    def loop_that_loses_the_connection(self):
        error = next(outages, None)
        if error is not None:
            raise error
        loop(self)

    monkeypatch.setattr(Worker, "run", loop_that_loses_the_connection)

    _run_batch()

    assert [message.subject for message in mail.outbox] == ["After the reconnection"]
    assert len(no_pauses) == 1


def test_a_task_left_running_by_a_dead_worker_goes_back_to_the_queue(worker_db, no_pauses, settings):
    settings.TASK_ABANDONED_AFTER_MINUTES = 120
    with time_machine.travel(NOW - timedelta(hours=3)):
        abandoned = tasks.send_email.enqueue(to=["a@example.org"], subject="Abandoned", body="…")
        DBTaskResult.objects.get(id=abandoned.id).claim("a-worker-that-died")
    with time_machine.travel(NOW - timedelta(minutes=30)):
        in_hand = tasks.send_email.enqueue(to=["b@example.org"], subject="Still in hand", body="…")
        DBTaskResult.objects.get(id=in_hand.id).claim("a-worker-still-running")

    with time_machine.travel(NOW):
        _run_batch()

    assert [message.subject for message in mail.outbox] == ["Abandoned"]
    assert DBTaskResult.objects.get(id=abandoned.id).status == TaskResultStatus.SUCCESSFUL
    assert DBTaskResult.objects.get(id=in_hand.id).status == TaskResultStatus.RUNNING


# --- Telling the people who keep the service running -----------------------------------------------


@pytest.mark.django_db
def test_the_system_administrators_home_shows_the_oldest_waiting_task_and_failures(client, settings):
    settings.TASKS = DATABASE_TASKS
    with time_machine.travel(NOW - timedelta(minutes=40)):
        tasks.send_email.enqueue(to=["a@example.org"], subject="Waiting", body="…")
    with time_machine.travel(NOW):
        client = signed_in(staff(Role.SYSTEM_ADMINISTRATOR, BOLTON), client)
        page = client.get("/staff/").content.decode()

    assert "Background tasks" in page
    assert "1 task(s) waiting; the oldest (send_email) for 40 minutes" in page
    assert "Overdue" in page


@pytest.mark.django_db
def test_other_roles_do_not_see_the_queue(client, settings):
    settings.TASKS = DATABASE_TASKS
    tasks.send_email.enqueue(to=["a@example.org"], subject="Waiting", body="…")
    client = signed_in(staff(Role.TRIAGE_OFFICER, BOLTON), client)
    assert "Background tasks" not in client.get("/staff/").content.decode()


@pytest.mark.django_db
def test_a_stuck_queue_emails_the_system_administrators_once_an_hour(settings):
    settings.TASKS = DATABASE_TASKS
    staff(Role.SYSTEM_ADMINISTRATOR, BOLTON, email="sysadmin@example.org")
    staff(Role.TRIAGE_OFFICER, BOLTON, email="triage@example.org")
    with time_machine.travel(NOW - timedelta(minutes=20)):
        tasks.send_email.enqueue(to=["a@example.org"], subject="Waiting", body="…")

    with time_machine.travel(NOW):
        assert task_queue.alert_if_stuck() is True
        assert task_queue.alert_if_stuck() is False  # the next worker's round, or the next half minute

    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["sysadmin@example.org"], "Common Ground: background tasks are waiting too long")
    ]
    assert "Waiting" not in mail.outbox[0].body  # nothing of the tasks' content


@pytest.mark.django_db
def test_the_check_command_fails_for_an_outside_monitor_only_when_the_queue_is_stuck(settings):
    settings.TASKS = DATABASE_TASKS
    out = StringIO()
    call_command("check_task_queue", stdout=out)
    assert "The background queue is healthy." in out.getvalue()

    with time_machine.travel(NOW - timedelta(minutes=20)):
        tasks.send_email.enqueue(to=["a@example.org"], subject="Waiting", body="…")
    with time_machine.travel(NOW), pytest.raises(CommandError, match="stuck"):
        call_command("check_task_queue", stdout=StringIO())
