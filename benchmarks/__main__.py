"""`make bench`: the figures the issues ask for, measured in one run on this machine.

Foundation: one gunicorn worker (a single sync process, production settings) serves the public start
page and a signed-in staff home page; we report latency percentiles and the worker's peak memory
(VmHWM from /proc). Figures are printed, never asserted: machines are shared and noisy.
"""

import argparse
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = 8799


class Browser:
    """A tiny HTTP client that keeps cookies itself (they are Secure, and we speak plain HTTP to a
    worker that believes the proxy in front terminated TLS)."""

    def __init__(self, base: str):
        self.base = base
        self.cookies: dict[str, str] = {}

    def request(self, path: str, data: dict | None = None) -> tuple[int, str, float]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        request.add_header("X-Forwarded-Proto", "https")
        request.add_header("Referer", f"https://127.0.0.1:{PORT}{path}")
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        opener = urllib.request.build_opener(NoRedirect)
        started = time.perf_counter()
        try:
            response = opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        text = response.read().decode()
        elapsed = time.perf_counter() - started
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, text, elapsed


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _environment(database: str) -> dict:
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database,
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
    }


def _manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def _current_code(env: dict, username: str) -> str:
    script = (
        "import django; django.setup();"
        "from django_otp.oath import totp;"
        "from django_otp.plugins.otp_totp.models import TOTPDevice;"
        f"d = TOTPDevice.objects.get(user__username='{username}', confirmed=True);"
        "print(f'{totp(d.bin_key, step=d.step, t0=d.t0, digits=d.digits):06d}')"
    )
    env = {**env, "DJANGO_SETTINGS_MODULE": "config.settings"}
    return subprocess.run(
        [PYTHON, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout.strip()


def _csrf(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def _worker_pid(master_pid: int) -> int:
    for _ in range(100):
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise RuntimeError("gunicorn started no worker")


def _memory_kib(pid: int, field: str) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", status, re.M).group(1))


def _percentiles(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[int(len(ms) * 0.95) - 1]
    return f"p50 {statistics.median(ms):6.1f} ms   p95 {p95:6.1f} ms   (n={len(ms)})"


def web_worker(requests_per_page: int, database: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = _environment(database or f"sqlite:///{tmp}/bench.sqlite3")
        print(f"Preparing a database ({'PostgreSQL' if database else 'SQLite'}) …", flush=True)
        _manage(env, "migrate", "--no-input")
        _manage(env, "load_places")
        _manage(env, "load_demo", "--allow-production", "--quiet-sign-ins")
        _manage(env, "collectstatic", "--no-input")
        server = subprocess.Popen(
            [
                f"{ROOT}/.venv/bin/gunicorn",
                "config.wsgi",
                "-c",
                "config/gunicorn.conf.py",
                "--workers",
                "1",
                "--threads",
                "1",
                "--worker-class",
                "sync",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--access-logfile",
                "/dev/null",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            browser = Browser(f"http://127.0.0.1:{PORT}")
            for _ in range(100):
                try:
                    if browser.request("/")[0] == 200:
                        break
                except OSError:
                    time.sleep(0.1)
            worker = _worker_pid(server.pid)
            idle = _memory_kib(worker, "VmRSS")

            public = [browser.request("/")[2] for _ in range(requests_per_page)]
            peak_before_sign_in = _memory_kib(worker, "VmHWM")

            status, page, _ = browser.request("/sign-in/")
            status, _, _ = browser.request(
                "/sign-in/",
                {
                    "csrfmiddlewaretoken": _csrf(page),
                    "username": "coordinator",
                    "password": "demo-password-not-for-real-use",
                },
            )
            assert status == 302, f"sign-in answered {status}"
            status, page, _ = browser.request("/two-factor/?next=/staff/")
            status, _, _ = browser.request(
                "/two-factor/?next=/staff/",
                {
                    "csrfmiddlewaretoken": _csrf(page),
                    "code": _current_code(env, "coordinator"),
                    "next": "/staff/",
                },
            )
            assert status == 302, f"two-factor answered {status}"
            staff_home = []
            for _ in range(requests_per_page):
                status, text, elapsed = browser.request("/staff/")
                assert status == 200 and "Waiting for you" in text, status
                staff_home.append(elapsed)

            peak = _memory_kib(worker, "VmHWM")
            resident = _memory_kib(worker, "VmRSS")
            print("\nOne gunicorn sync worker, production settings")
            print(f"  start page  /        {_percentiles(public)}")
            print(f"  staff home  /staff/  {_percentiles(staff_home)}")
            print(f"  worker memory after start:                  {idle / 1024:6.1f} MiB")
            print(
                f"  peak while serving the start page:          {peak_before_sign_in / 1024:6.1f} MiB (VmHWM)"
            )
            print(f"  peak including one sign-in and staff home:  {peak / 1024:6.1f} MiB (VmHWM)")
            print(f"  resident after serving the staff home:      {resident / 1024:6.1f} MiB (VmRSS)")
            print("  (a sign-in hashes the password with Argon2, which uses 100 MiB by design)")
        finally:
            server.terminate()
            server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200, help="requests per page")
    parser.add_argument(
        "--postgres", metavar="URL", help="run against this PostgreSQL database instead of SQLite"
    )
    parser.add_argument("--skip-load", action="store_true", help="skip the report journey load test")
    args = parser.parse_args()
    web_worker(args.requests, args.postgres)
    if not args.skip_load:
        from benchmarks import reports_load

        reports_load.main()
    subprocess.run([PYTHON, "-m", "benchmarks.casework"], cwd=ROOT, check=True)
    subprocess.run([PYTHON, "-m", "benchmarks.panel_pack"], cwd=ROOT, check=True)
    subprocess.run([PYTHON, "-m", "benchmarks.tension"], cwd=ROOT, check=True)
    subprocess.run([PYTHON, "-m", "benchmarks.programme_assessments"], cwd=ROOT, check=True)
    subprocess.run([PYTHON, "-m", "benchmarks.insights"], cwd=ROOT, check=True)
    subprocess.run([PYTHON, "-m", "benchmarks.programme_training"], cwd=ROOT, check=True)
    subprocess.run([PYTHON, "-m", "benchmarks.directory_finder"], cwd=ROOT, check=True)
    subprocess.run([PYTHON, "-m", "benchmarks.calendar"], cwd=ROOT, check=True)
    subprocess.run([PYTHON, "-m", "benchmarks.subject_access"], cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
