"""Status link secrets never reach a log: the web server is run as in production (config/
gunicorn.conf.py, on a free loopback port, its access log in a file) and visited at a status link;
neither its access log nor Django's own request logging (on the server's stderr) holds the secret."""

import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings

from commonground.core.log_redaction import RedactStatusLinks, redact
from commonground.reports.references import new_nonce, status_secret

BASE_DIR = Path(settings.BASE_DIR)
STARTUP_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 (loopback only)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_web_servers_logs_hold_no_status_link_secret(tmp_path):
    secret = status_secret(new_nonce())
    port = _free_port()
    access_log, server_output = tmp_path / "access.log", tmp_path / "server.log"
    environment = {
        **os.environ,
        "DEBUG": "true",  # static files served without a manifest; nothing else depends on it here
        "SECRET_KEY": "a-test-key-" + "x" * 50,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "WEB_THREADS": "1",
    }
    with server_output.open("w") as output:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                "config/gunicorn.conf.py",
                "--access-logfile",
                str(access_log),
                "config.wsgi:application",
            ],
            cwd=BASE_DIR,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + STARTUP_SECONDS
            while True:
                assert server.poll() is None, server_output.read_text()
                assert time.monotonic() < deadline, "the server did not start in time"
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.2)
            # The database is empty: the visit fails (503), which Django also logs, with the path.
            answered = _get(f"http://127.0.0.1:{port}/status/{secret}/")
            assert answered >= 300
            deadline = time.monotonic() + 10
            while "/status/" not in access_log.read_text() and time.monotonic() < deadline:
                time.sleep(0.1)
        finally:
            server.terminate()
            server.wait(timeout=20)

    logged = access_log.read_text()
    printed = server_output.read_text()
    assert f'"GET /status/[redacted]/ HTTP/1.1" {answered}' in logged
    assert "/status/[redacted]/" in printed  # Django's own line about the failed request
    assert secret not in logged
    assert secret not in printed


def _atoms(path: str, query: str = "", referer: str = "-") -> dict:
    from config.gunicorn_logging import RedactingLogger

    logger = RedactingLogger.__new__(RedactingLogger)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path + (f"?{query}" if query else ""),
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": referer,
    }
    response = SimpleNamespace(status="303 See Other", sent=0, headers=[("Location", "/status/")])
    request = SimpleNamespace(headers=[("REFERER", referer)])
    return logger.atoms(response, request, environ, timedelta(milliseconds=3))


def test_every_access_log_atom_is_redacted_not_only_the_path():
    secret = status_secret(new_nonce())
    atoms = _atoms(f"/status/{secret}/", referer=f"https://example.org/status/{secret}/")
    assert atoms["U"] == "/status/[redacted]/"
    assert atoms["r"] == "GET /status/[redacted]/ HTTP/1.1"
    assert atoms["f"] == "https://example.org/status/[redacted]/"
    assert secret not in repr(atoms)
    assert _atoms("/report/hate-incident/who/")["U"] == "/report/hate-incident/who/"


def test_redaction_leaves_other_paths_and_the_secret_free_status_page_alone():
    assert redact("/status/") == "/status/"
    assert redact('"GET /status/abc123/ HTTP/1.1" 303') == '"GET /status/[redacted]/ HTTP/1.1" 303'
    assert redact("/status/abc123") == "/status/[redacted]"
    assert redact("/staff/reports/42/status/") == "/staff/reports/42/status/"


def test_djangos_request_warnings_are_redacted_by_the_configured_handler():
    secret = status_secret(new_nonce())
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", (f"/status/{secret}/",), None
    )
    assert RedactStatusLinks().filter(record)
    assert record.getMessage() == "Not Found: /status/[redacted]/"
    # Django's request logger hands its records only to handlers that redact.
    django_logger = logging.getLogger("django")
    assert not django_logger.propagate
    configured = [h for h in django_logger.handlers if type(h) is logging.StreamHandler]
    assert configured and all(any(isinstance(f, RedactStatusLinks) for f in h.filters) for h in configured)
