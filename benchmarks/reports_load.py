"""Load test of the public report journey: locust against gunicorn + PostgreSQL on this machine.

Phase 1: 200 simulated reporters walk the whole hate-incident journey for a minute; we report
completed reports per second, p50/p95 of the submit step, errors, and stored reports against
confirmations shown. Phase 2 and 3, in the same run: the submit step alone, and a bare Django view
that inserts one row, each at full load; our submit throughput is reported as a ratio of the bare
insert's. Figures are printed, never asserted.
"""

import csv
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PORT = 8798
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432/postgres")
DATABASE = "commonground_bench"


def _environment() -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings_bench",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": PG.rsplit("/", 1)[0] + f"/{DATABASE}",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "REPORT_FLOOD_LIMIT": "100000000",
        "LOG_LEVEL": "WARNING",
        "EMAIL_URL": "dummymail://",
    }


def _manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def _prepare(env) -> None:
    with psycopg.connect(PG, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    _manage(env, "migrate", "--no-input")
    _manage(env, "load_places")
    _manage(env, "load_demo", "--allow-production", "--quiet-sign-ins")
    _manage(env, "collectstatic", "--no-input")
    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as connection:
        connection.execute("CREATE TABLE bench_row (id bigserial PRIMARY KEY, body text)")


def _count(env, sql: str) -> int:
    with psycopg.connect(env["DATABASE_URL"]) as connection:
        return connection.execute(sql).fetchone()[0]


def _count_matching(env, tokens: list[str]) -> int:
    with psycopg.connect(env["DATABASE_URL"]) as connection:
        return connection.execute(
            "SELECT count(DISTINCT substring(description from 'load test ([0-9a-f]{32})')) FROM reports_report "
            "WHERE substring(description from 'load test ([0-9a-f]{32})') = ANY(%s)",
            [tokens],
        ).fetchone()[0]


def _locust(env, *, users: int, seconds: int, weights: dict, prefix: str, confirmations: str) -> list[dict]:
    run_env = {**env, **weights, "CONFIRMATIONS_FILE": confirmations}
    subprocess.run(
        [
            f"{ROOT}/.venv/bin/locust",
            "-f",
            "benchmarks/locustfile.py",
            "--headless",
            "-u",
            str(users),
            "-r",
            str(min(users, 50)),
            "-t",
            f"{seconds}s",
            "--host",
            f"http://127.0.0.1:{PORT}",
            "--csv",
            prefix,
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--exit-code-on-error",
            "0",
            "--stop-timeout",
            "60",
        ],
        cwd=ROOT,
        env=run_env,
        check=True,
        capture_output=True,
    )
    with open(f"{prefix}_failures.csv") as handle:
        for failure in csv.DictReader(handle):
            print(
                f"  failure: {failure['Method']} {failure['Name']}: {failure['Error']} ×{failure['Occurrences']}"
            )
    with open(f"{prefix}_stats.csv") as handle:
        return list(csv.DictReader(handle))


def _row(rows, name) -> dict:
    return next(row for row in rows if row["Name"] == name)


def main() -> None:
    env = _environment()
    print("Preparing PostgreSQL database and data …", flush=True)
    _prepare(env)
    server = subprocess.Popen(
        [
            f"{ROOT}/.venv/bin/gunicorn",
            "config.wsgi",
            "-c",
            "config/gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "3",
            "--threads",
            "8",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/report/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        with tempfile.TemporaryDirectory() as tmp:
            duration = int(os.environ.get("BENCH_SECONDS", "60"))
            rows = _locust(
                env,
                users=200,
                seconds=duration,
                weights={"JOURNEY_WEIGHT": "1"},
                prefix=f"{tmp}/journey",
                confirmations=f"{tmp}/confirmed",
            )
            confirmed = int(Path(f"{tmp}/confirmed").read_text())
            time.sleep(2)  # let the server finish requests still in flight when locust stopped
            stored = _count(env, "SELECT count(*) FROM reports_report")
            tokens = [t for t in Path(f"{tmp}/confirmed.tokens").read_text().split() if t]
            stored_confirmed = _count_matching(env, tokens)
            submit = _row(rows, "submit")
            total = _row(rows, "Aggregated")
            print(f"\nPhase 1: 200 reporters walking the hate-incident journey for {duration} s")
            print(f"  completed reports per second: {confirmed / duration:.1f}")
            print(
                f"  submit step: p50 {submit['50%']} ms, p95 {submit['95%']} ms ({submit['Request Count']} submits)"
            )
            print(f"  all requests: {total['Request Count']}, errors {total['Failure Count']}")
            print(
                f"  confirmations shown {confirmed}; stored reports matching them: {stored_confirmed} "
                f"({'equal' if stored_confirmed == confirmed else 'DIFFERENT'})"
            )
            print(
                f"  reports stored {stored}, of which {stored - stored_confirmed} were sent but still in flight "
                "when the load generator stopped (stored; confirmation not read)"
            )

            short = max(duration // 2, 15)
            submit_rows = _locust(
                env,
                users=50,
                seconds=short,
                weights={"JOURNEY_WEIGHT": "0", "SUBMIT_WEIGHT": "1"},
                prefix=f"{tmp}/submit",
                confirmations=f"{tmp}/c2",
            )
            bare_rows = _locust(
                env,
                users=50,
                seconds=short,
                weights={"JOURNEY_WEIGHT": "0", "BARE_WEIGHT": "1"},
                prefix=f"{tmp}/bare",
                confirmations=f"{tmp}/c3",
            )
            submit_only = _row(submit_rows, "submit only")
            bare = _row(bare_rows, "bare insert")
            ratio = float(submit_only["Requests/s"]) / float(bare["Requests/s"])
            print(f"\nPhase 2 and 3: 50 clients without pauses for {short} s each")
            print(
                f"  submit step alone: {float(submit_only['Requests/s']):.1f}/s, p95 {submit_only['95%']} ms, "
                f"errors {submit_only['Failure Count']}"
            )
            print(
                f"  bare insert view:  {float(bare['Requests/s']):.1f}/s, p95 {bare['95%']} ms, "
                f"errors {bare['Failure Count']}"
            )
            print(f"  submit throughput as a ratio of the bare insert: {ratio:.2f} (goal: at least 0.5)")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
