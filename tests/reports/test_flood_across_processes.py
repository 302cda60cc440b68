"""Flood limits behind the reverse proxy, across web processes: two real web servers (config/
gunicorn.conf.py, one worker each, on free loopback ports) share one migrated database and its cache
table, as production's workers do. Reports arrive through the proxy, with the client's address in
X-Forwarded-For (TRUSTED_PROXY_COUNT=1) and the proxy's (127.0.0.1) as the connection's.

Many reporters are never limited by each other; one client sending too many is limited across
both processes, its counts adding up whichever process answers."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
STARTUP_SECONDS = 60
REQUEST_SECONDS = 30
LIMIT = 2  # reports per client per hour in this test (REPORT_FLOOD_LIMIT)

ONLINE_HATE_INCIDENT = [
    ("who", {"reporter_role": "witness"}),
    ("what", {"description": "Abuse about a family's religion posted under a local news story."}),
    ("when", {"happened_on": "1/11/2026"}),
    ("where", {"where": "online"}),
    ("online", {"online_platform": "A local news site", "online_link": ""}),
    ("why", {"strand_codes": ["religion"]}),
    ("police", {"reported_to_police": "no"}),
    ("support", {"wants_support": "no"}),
    ("share", {"share_with": ["police"]}),
    ("contact", {"contact_name": "", "contact_email": "", "contact_phone": ""}),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _environment(database: Path, port: int | None = None) -> dict:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "true",  # static files served without a manifest; the cache is the default one
        "SECRET_KEY": "a-test-key-" + "x" * 50,
        "DATABASE_URL": f"sqlite:///{database}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "TRUSTED_PROXY_COUNT": "1",
        "REPORT_FLOOD_LIMIT": str(LIMIT),
        "WEB_CONCURRENCY": "1",
        "WEB_THREADS": "1",
    }
    for name in ("REDIS_URL", "DEMO_SKIP_SECOND_FACTOR"):
        environment.pop(name, None)
    if port is not None:
        environment["BIND"] = f"127.0.0.1:{port}"
    return environment


@contextmanager
def _web_server(database: Path, log: Path):
    """A production web server (gunicorn, one worker) on a free loopback port; yields its address."""
    port = _free_port()
    with log.open("w") as output:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                "config/gunicorn.conf.py",
                "config.wsgi:application",
            ],
            cwd=BASE_DIR,
            env=_environment(database, port),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + STARTUP_SECONDS
            while True:
                assert server.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "the server did not start in time"
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.2)
            yield f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            server.wait(timeout=20)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Reporter:
    """One person's browser: its own cookies, seen by the app at `address` behind the proxy."""

    def __init__(self, address: str):
        self.address = address
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirects()
        )

    def request(self, url: str, data: dict | None = None, *, written_by_client: str = "") -> tuple[int, str]:
        # The proxy appends the address it saw; anything before it was written by the client.
        forwarded = f"{written_by_client}, {self.address}" if written_by_client else self.address
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers={"X-Forwarded-For": forwarded})  # noqa: S310
        try:
            with self.opener.open(request, timeout=REQUEST_SECONDS) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def check_page(self, server: str) -> str:
        """Answer every question of the online hate incident journey; the check page's signed answers."""
        status, page = self.request(f"{server}/report/hate-incident/")
        assert status == 200, page[:2000]
        for step, answers in ONLINE_HATE_INCIDENT:
            status, page = self.request(f"{server}/report/hate-incident/{step}/")
            assert status == 200, (step, page[:2000])
            status, page = self.request(
                f"{server}/report/hate-incident/{step}/", {**answers, "csrfmiddlewaretoken": _token(page)}
            )
            assert status == 302, (step, page[:2000])
        status, page = self.request(f"{server}/report/hate-incident/check/")
        assert status == 200, page[:2000]
        return page

    def send(self, server: str, check_page: str, **header) -> int:
        answers = re.search(r'name="answers" value="([^"]+)"', check_page).group(1)
        status, _ = self.request(
            f"{server}/report/hate-incident/check/",
            {"answers": answers, "csrfmiddlewaretoken": _token(check_page)},
            **header,
        )
        return status


def _token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def test_reporters_behind_the_proxy_are_limited_each_on_their_own_across_two_processes(tmp_path):
    database = tmp_path / "shared.sqlite3"
    migrated = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "--verbosity", "0"],
        cwd=BASE_DIR,
        env=_environment(database),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr

    with ExitStack() as servers:
        first = servers.enter_context(_web_server(database, tmp_path / "first.log"))
        second = servers.enter_context(_web_server(database, tmp_path / "second.log"))

        # Five reporters each send as many reports as the limit allows, one through each process:
        # ten reports in all from the proxy's address, all accepted.
        for number in range(5):
            reporter = Reporter(f"203.0.113.{10 + number}")
            for server in (first, second):
                assert reporter.send(server, reporter.check_page(server)) == 302, (reporter.address, server)

        # One client sends the same report again and again, to both processes at once, writing a
        # different address of its own into the header each time. Its counts add up: only the
        # limit gets through, whichever process answered.
        flooder = Reporter("198.51.100.7")
        check_page = flooder.check_page(first)
        attempts = [(first if n % 2 else second, f"10.0.0.{n}") for n in range(LIMIT + 4)]
        with ThreadPoolExecutor(max_workers=4) as pool:
            answers = list(
                pool.map(
                    lambda attempt: flooder.send(attempt[0], check_page, written_by_client=attempt[1]),
                    attempts,
                )
            )
        assert sorted(answers) == [302] * LIMIT + [429] * 4

        # The others are not held back by the flood: a reporter who has sent nothing still can.
        newcomer = Reporter("203.0.113.200")
        assert newcomer.send(second, newcomer.check_page(first)) == 302
        assert newcomer.send(first, newcomer.check_page(second)) == 302
