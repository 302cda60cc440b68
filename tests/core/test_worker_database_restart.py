"""A real outage under a running worker process (PostgreSQL only; CI runs the suite on it).

The worker runs as production runs it (`manage.py run_worker`, its own process) against the test
database. Mid-run the database refuses new connections and every open one is cut, as during a
restart ("terminating connection due to administrator command", then "not currently accepting
connections"); a few seconds later it comes back. The worker must still be running, and every
queued email, before and after, must be sent exactly once."""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from commonground.core import append_only, tasks
from tests.core import test_background_tasks

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a real database outage needs the PostgreSQL server"
)
BASE_DIR = Path(settings.BASE_DIR)
WAIT_SECONDS = 90


# After the flush that empties the committed database, the places are loaded again for later tests.
_restore_after_flush = test_background_tasks._restore_after_flush


@pytest.fixture
def committed_queue(_restore_after_flush, settings, transactional_db):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    yield
    append_only.remove(connection)


def _database_url() -> str:
    database = connection.settings_dict
    user = database["USER"] or "postgres"
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    host = database["HOST"] or "127.0.0.1"
    port = database["PORT"] or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{database['NAME']}"


def _server():
    """A connection to the server's maintenance database, to stop and start the test database."""
    database = connection.settings_dict
    return psycopg.connect(
        host=database["HOST"] or "127.0.0.1",
        port=database["PORT"] or "5432",
        user=database["USER"] or "postgres",
        password=database["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


def _cut_off(name: str) -> None:
    with _server() as server:
        server.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false')
        server.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )


def _restore(name: str) -> None:
    with _server() as server:
        server.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true')


def _sent_subjects(outbox: Path) -> list[str]:
    return [
        subject
        for message in sorted(outbox.glob("*"))
        for subject in re.findall(r"^Subject: (.+)$", message.read_text(), flags=re.MULTILINE)
    ]


def _wait_for(outbox: Path, expected: set[str], worker: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not expected <= set(_sent_subjects(outbox)):
        assert worker.poll() is None, "the worker stopped:\n" + log.read_text()
        assert time.monotonic() < deadline, f"not sent in time: {expected - set(_sent_subjects(outbox))}"
        time.sleep(0.2)


def test_the_worker_survives_the_database_going_away_and_sends_every_email_once(committed_queue, tmp_path):
    name = connection.settings_dict["NAME"]
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    before = {f"Before the outage {n}" for n in range(5)}
    after = {f"After the outage {n}" for n in range(10)}
    for subject in sorted(before):
        tasks.send_email.enqueue(to=["officer@example.org"], subject=subject, body="Sign in to see it.")

    log = tmp_path / "worker.log"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "true",
        "SECRET_KEY": "a-test-key-" + "x" * 50,
        "DATABASE_URL": _database_url(),
        "EMAIL_URL": f"filemail:///{outbox}",  # four slashes: an absolute path
        "WORKER_MAX_BACKOFF_SECONDS": "1",
    }
    environment.pop("REDIS_URL", None)
    with log.open("w") as output:
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--interval", "0.2", "--no-scheduler"],
            cwd=BASE_DIR,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for(outbox, before, worker, log)

        _cut_off(name)
        try:
            time.sleep(4)  # the worker polls five times a second: it meets the outage many times
            assert worker.poll() is None, "the worker stopped during the outage:\n" + log.read_text()
        finally:
            _restore(name)
        connection.close()  # this process's connection was cut too

        for subject in sorted(after):
            tasks.send_email.enqueue(to=["officer@example.org"], subject=subject, body="Sign in to see it.")
        _wait_for(outbox, after, worker, log)

        sent = _sent_subjects(outbox)
        assert sorted(sent) == sorted(before | after), "an email was sent twice or not at all"
        worker_log = log.read_text()
        assert "The database is unavailable" in worker_log
        assert "The database is back; the worker carries on" in worker_log
    finally:
        _restore(name)
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
