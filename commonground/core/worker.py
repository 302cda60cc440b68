"""The background worker, made to outlive the database.

django-tasks' database worker stops on the first database error that is not a lock: a restart of
PostgreSQL ("the database system is shutting down") ended it, and every email, alert and sweep
waited until someone noticed. This worker treats a lost connection as a pause, not an end:

- waiting for a task: the error is logged, the connection dropped, and the worker tries again
  after a growing pause (half a second, doubling, at most `WORKER_MAX_BACKOFF_SECONDS`);
- running a task whose own queries lost the database: the task goes back to the queue and runs
  again once the database returns (every task is safe to run twice: `core/tasks.py`);
- having run a task, but unable to record its result: the result is kept and recorded when the
  database returns, so a sent email is never sent again because its success could not be saved;
- a task left "running" by a worker process that died outright goes back to the queue once it is
  older than `TASK_ABANDONED_AFTER_MINUTES`.

A task that keeps losing the database (`MAX_ATTEMPTS` claims) is marked failed instead, so a
fault that only looks like an outage cannot loop for ever. The loop itself is django-tasks' own;
only task running and recording are ours, because theirs cannot tell an outage from a failure.
"""

import logging
import time
from collections.abc import Iterator
from datetime import timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.utils import timezone
from django_tasks.base import TaskContext, TaskResultStatus
from django_tasks.signals import task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import is_locked_database_exception

from commonground.core.queue_rules import DATABASE_RETRY_LIMIT, backoff_delays

logger = logging.getLogger("commonground.worker")

# What a lost or restarting database raises through Django (psycopg's "server closed the connection",
# "terminating connection due to administrator command", "the database system is shutting down",
# serialisation failures; SQLite's "database is locked").
OUTAGE_ERRORS = (OperationalError, InterfaceError)
MAX_ATTEMPTS = DATABASE_RETRY_LIMIT


class DatabaseUnavailable(Exception):
    """Raised out of `run_task` when a result could not be recorded before the worker was stopped."""


class ResilientWorker(Worker):
    def __init__(self, *, max_backoff: float, **options):
        super().__init__(**options)
        self.max_backoff = max_backoff
        self.outages = 0

    def run(self) -> None:
        self.requeue_abandoned()
        while self.running:
            try:
                super().run()
                return  # a batch ran out of tasks, or the worker was told to stop
            except DatabaseUnavailable:
                return  # told to stop while waiting to record a result; `requeue_abandoned` picks it up
            except OUTAGE_ERRORS as error:
                # Only an OperationalError can be a lock (an InterfaceError may carry no message).
                if isinstance(error, OperationalError) and is_locked_database_exception(error):
                    continue
                self.outages += 1
                logger.warning("The database is unavailable (%s); the worker will wait and try again", error)
                self.startup_delay = False
                if not self.wait_for_database():
                    return
                self.requeue_abandoned()

    def wait_for_database(self) -> bool:
        """Pause with growing delays until a query succeeds; False if the worker was told to stop."""
        for delay in self._delays():
            _drop_connections()
            time.sleep(delay)
            if not self.running:
                return False
            try:
                with connections["default"].cursor() as cursor:
                    cursor.execute("SELECT 1")
            except OUTAGE_ERRORS as error:
                logger.info("Still waiting for the database (%s)", error)
                continue
            logger.warning("The database is back; the worker carries on")
            return True
        return False

    def _delays(self) -> Iterator[float]:
        for delay in backoff_delays(cap=self.max_backoff):
            if not self.running:
                return
            yield delay

    def run_task(self, db_task_result: DBTaskResult) -> None:
        self.running_task = True
        try:
            outcome, value = self._execute(db_task_result)
            self._record(db_task_result, outcome, value)
        finally:
            self.running_task = False
            self._run_tasks += 1

    def _execute(self, db_task_result: DBTaskResult) -> tuple[str, object]:
        try:
            task = db_task_result.task
            task_result = db_task_result.task_result
            task_started.send(sender=type(task.get_backend()), task_result=task_result)
            if task.takes_context:
                value = task.call(
                    # The database backend's TaskResult is a subclass with different generic parameters.
                    TaskContext(task_result=task_result),  # type: ignore[arg-type]
                    *task_result.args,
                    **task_result.kwargs,
                )
            else:
                value = task.call(*task_result.args, **task_result.kwargs)
            return "successful", value
        except OUTAGE_ERRORS as error:
            if len(db_task_result.worker_ids) >= MAX_ATTEMPTS:
                return "failed", error
            logger.warning("Task %s lost the database; it goes back to the queue", db_task_result.id)
            return "interrupted", error
        except Exception as error:
            return "failed", error

    def _record(self, db_task_result: DBTaskResult, outcome: str, value: object) -> None:
        """Record the outcome, waiting out an outage rather than losing it."""
        while True:
            try:
                if outcome == "successful":
                    db_task_result.set_successful(value)
                elif outcome == "failed":
                    db_task_result.set_failed(value)
                else:
                    DBTaskResult.objects.filter(pk=db_task_result.pk).update(
                        status=TaskResultStatus.READY, started_at=None
                    )
                    return
                task_finished.send(
                    sender=type(db_task_result.task.get_backend()), task_result=db_task_result.task_result
                )
                return
            except OUTAGE_ERRORS as error:
                logger.warning(
                    "Could not record task %s (%s); waiting for the database", db_task_result.id, error
                )
                if not self.wait_for_database():
                    raise DatabaseUnavailable(str(db_task_result.id)) from error

    def requeue_abandoned(self) -> int:
        """Tasks left running by a worker that died: back to the queue, or failed after too many tries."""
        cutoff = timezone.now() - timedelta(minutes=settings.TASK_ABANDONED_AFTER_MINUTES)
        requeued = 0
        for abandoned in DBTaskResult.objects.running().filter(started_at__lt=cutoff):
            if len(abandoned.worker_ids) >= MAX_ATTEMPTS:
                abandoned.set_failed(RuntimeError("abandoned by its worker too many times"))
                continue
            requeued += DBTaskResult.objects.filter(pk=abandoned.pk, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.READY, started_at=None
            )
        if requeued:
            logger.warning("%s task(s) abandoned by a stopped worker went back to the queue", requeued)
        return requeued


def _drop_connections() -> None:
    for connection in connections.all():
        try:
            connection.close()
        except OUTAGE_ERRORS:
            # Closing a connection to a database that has gone away can fail; it is gone either way.
            connection.connection = None
