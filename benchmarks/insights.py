"""Insights at scale: the staff dashboards against 1.5 million hate incidents, 70,000 referrals and
200,000 tension reports in PostgreSQL, and the same aggregations done by DuckDB over Parquet.

The data come from `commonground.insights.synthetic.generate` (five years, a fixed seed), with
helpline calls added here, in a PostgreSQL database of their own (`commonground_bench_insights`),
kept for the next run unless `--fresh` asks for a new load or `--drop` removes it afterwards.

Then, in this process with Django's test client (server time, no network), the demo programme
manager (the whole combined authority, signed in with the second factor) asks 200 times for each
dashboard with varied filters: periods from a month to five years, all boroughs or one, a kind, a
strand or a type of concern now and then. We print p50, p95 and the slowest request, the SQL
queries per request and the time spent in them. The goal is p95 under 300 ms.

In the same run, the tables the dashboards read are exported (COPY … TO STDOUT as CSV, then DuckDB
writes Parquet), and DuckDB runs the same aggregations for the same 200 filter sets. We print our
time as a ratio of DuckDB's: for the whole request, and for our SQL alone. DuckDB counts months in
UTC where PostgreSQL counts them in London time: the work is the same, the edges differ by an hour.
Figures are printed, never asserted: the machine is shared and noisy.

The spikes page never works the spikes out itself: we time a cold request (from an empty cache), the
worker's refresh task, and then the first request to the incidents and the spikes pages of a few new
processes, reading what was warmed in the shared cache (the database table of the settings).

Run alone with `python -m benchmarks.insights` (`--small` for a quick check at a hundredth of the
size, `--fraction N` for 1/N); `make bench` runs it after the other benchmarks.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import psycopg

from benchmarks import insights_duckdb, support

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "commonground_bench_insights"
SIZES = {"incidents": 1_500_000, "referrals": 70_000, "tension_reports": 200_000, "calls": 60_000}
YEARS = 5
REQUESTS = 200
TARGET_P95_MS = 300
SEED = 20_261_122


# --- Loading -------------------------------------------------------------------------------------


def _loaded() -> bool:
    from django.db import connection

    return "bench_insights_loaded" in connection.introspection.table_names()


def load(sizes: dict) -> dict:
    """Places, the demo accounts, the synthetic dataset and helpline calls; then VACUUM ANALYZE."""
    from django.conf import settings
    from django.db import connection

    from commonground.core.actions.places import load_places
    from commonground.core.demo import load_demo
    from commonground.insights.synthetic import generate

    load_places(actor=None, folder=settings.DEFAULT_PLACES_DIR)
    load_demo()
    summary = generate(
        incidents=sizes["incidents"],
        referrals=sizes["referrals"],
        tension_reports=sizes["tension_reports"],
        years=YEARS,
        seed=SEED,
        progress=False,
    )
    written = dict(summary.written)
    written["reports.HelplineCall"] = _calls(sizes["calls"])
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_insights_loaded (loaded_at timestamptz DEFAULT now())")
        cursor.execute("INSERT INTO bench_insights_loaded DEFAULT VALUES")
    with psycopg.connect(support.environment(DATABASE)["DATABASE_URL"], autocommit=True) as analyse:
        analyse.execute("VACUUM ANALYZE")
    return written


def _calls(count: int) -> int:
    """Helpline calls over the same five years (the synthetic dataset has none)."""
    from datetime import UTC, datetime

    from django.db import transaction

    from commonground.core.models import Area, User
    from commonground.reports.models import CallOutcome, CallTopic, HelplineCall

    rng = random.Random(SEED)
    advisor = User.objects.get(username="helpline")
    boroughs = [*Area.objects.boroughs().values_list("pk", flat=True), None]
    outcomes, weights = CallOutcome.values, [50, 25, 15, 8, 2]
    start = datetime.now(UTC) - timedelta(days=round(YEARS * 365.25))
    calls = (
        HelplineCall(
            advisor=advisor,
            taken_at=start + timedelta(seconds=rng.randrange(int(YEARS * 365.25 * 86400))),
            duration_minutes=rng.randint(3, 40),
            caller_type="victim",
            topic=rng.choice(CallTopic.values),
            borough_id=rng.choice(boroughs),
            outcome=rng.choices(outcomes, weights)[0],
            notes="Synthetic record (not real)",
        )
        for _ in range(count)
    )
    with transaction.atomic():
        return len(HelplineCall.objects.bulk_create(calls, batch_size=5_000))


# --- The filters asked for --------------------------------------------------------------------------


def filter_sets(
    rng: random.Random, count: int, *, borough_codes: list[str], strands: list[str]
) -> list[dict]:
    """Varied filters: mostly recent periods of a month to a year, some of two or five years; all
    boroughs or one; sometimes a kind, a strand or a type of concern."""
    from commonground.safeguarding.models import ConcernType

    today = date.today()
    sets = []
    for _ in range(count):
        days = rng.choice([31, 91, 91, 182, 365, 365, 365, 730, 365 * YEARS])
        date_to = today - timedelta(days=rng.choice([0, 0, 0, 30, 90, 365]))
        date_from = date_to - timedelta(days=days)
        sets.append(
            {
                "date_from": f"{date_from:%d/%m/%Y}",
                "date_to": f"{date_to:%d/%m/%Y}",
                "borough": rng.choice(["", "", *borough_codes]),
                "kind": rng.choice(["", "", "", "", "hate_incident", "community_tension", "tension_report"]),
                "strand": rng.choice(["", "", "", *strands]),
                "concern_type": rng.choice(["", "", "", *ConcernType.values]),
                "grouping": rng.choice(["ethnic_broad", "ethnic_detailed", "religion"]),
            }
        )
    return sets


# --- Measuring -----------------------------------------------------------------------------------


def _measure(client, path: str, sets: list[dict], expect: str) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for params in sets[:3]:  # warm the caches (templates, content types) before measuring
        client.get(path, params)
    times, queries, sql = [], [], []
    for params in sets:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path, params)
            elapsed = time.perf_counter() - started
        content = response.content.decode()
        assert response.status_code == 200, f"{path} answered {response.status_code}"
        assert expect in content or "No records match" in content, f"{path} showed neither figures nor empty"
        times.append(elapsed)
        queries.append(len(captured.captured_queries))
        sql.append(sum(float(q["time"]) for q in captured.captured_queries))
    return {"times": times, "queries": queries, "sql": sql}


def _ms(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return 1000 * ordered[max(int(len(ordered) * share + 0.999999) - 1, 0)]


def _row(label: str, result: dict) -> str:
    times = result["times"]
    low, high = min(result["queries"]), max(result["queries"])
    counted = f"{low}" if low == high else f"{low}-{high}"
    p95 = _ms(times, 0.95)
    verdict = "ok" if p95 < TARGET_P95_MS else "SLOW"
    return (
        f"  {label:<26} {1000 * statistics.median(times):8.1f} {p95:8.1f} {1000 * max(times):8.1f}"
        f" {counted:>8} {1000 * statistics.median(result['sql']):9.1f}   {verdict}"
    )


VIEWS = [
    # label, path, expected text, DuckDB aggregation
    ("Incidents and tension", "/staff/insights/", "Reports by month", insights_duckdb.incidents),
    ("Referrals", "/staff/insights/referrals/", "Through the stages", insights_duckdb.referrals),
    ("Helpline calls", "/staff/insights/helpline/", "Calls taken", insights_duckdb.helpline),
    ("Fairness of referrals", "/staff/insights/fairness/", "Referral rates", insights_duckdb.fairness),
]


def _has_kind_time_index() -> bool:
    """Whether reports carry the index the incidents dashboard's edge days want (proposed)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'reports_report'")
        return any("(kind, submitted_at)" in row[0] for row in cursor.fetchall())


def measure(requests: int) -> None:

    from commonground.core.models import Area
    from commonground.reports.models import HostilityStrand

    rng = random.Random(SEED)
    client = support.signed_in_client("programme")
    codes = list(Area.objects.boroughs().values_list("code", flat=True))
    sets = filter_sets(
        rng,
        requests,
        borough_codes=codes,
        strands=list(HostilityStrand.objects.values_list("code", flat=True)),
    )
    ours = {label: _measure(client, path, sets, expect) for label, path, expect, _ in VIEWS}

    cold, refresh, first = first_requests_after_warming()
    spikes = _measure(client, "/staff/insights/spikes/", [{"method": "farrington"}] * requests, "Spikes")

    print(
        f"\nThe programme manager (all boroughs), {requests} requests per page, varied filters (server time)"
    )
    print(f"  an index on reports_report (kind, submitted_at): {'yes' if _has_kind_time_index() else 'no'}")
    print(f"  {'page':<26} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>8} {'SQL p50':>9}")
    for label, *_ in VIEWS:
        print(_row(label, ours[label]))
    print(_row("Spikes (cached result)", spikes))
    print(f"  Spikes, a cold request (fits nothing; asks the worker once): {1000 * cold:,.0f} ms")
    print(
        f"  Spikes, the worker's refresh (counts and Farrington for every series): {1000 * refresh:,.0f} ms"
    )
    print("  The first request of a new web process, after warming the shared (database) cache:")
    print("    (each process first opens the staff home, which pays for its own start: imports, templates)")
    for number, times in enumerate(first, start=1):
        print(
            f"    process {number}: staff home {times['staff home']:6.0f} ms   incidents and tension"
            f" {times['incidents']:6.0f} ms   spikes {times['spikes']:6.0f} ms"
            f"   incidents again {times['incidents again']:6.0f} ms"
        )
    print(f"  target: p95 under {TARGET_P95_MS} ms")

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        duck = insights_duckdb.export(support.environment(DATABASE)["DATABASE_URL"], Path(folder))
        print(
            f"\nDuckDB {insights_duckdb.duckdb_version()} over Parquet (exported in {time.perf_counter() - started:.0f} s)"
        )
        ids = insights_duckdb.area_ids(duck)
        print(
            f"  {'page':<26} {'DuckDB p50':>10} {'DuckDB p95':>10} {'ours/DuckDB':>12} {'our SQL/DuckDB':>15}"
        )
        for label, _path, _expect, aggregate in VIEWS:
            times = []
            for params in sets:
                started = time.perf_counter()
                aggregate(duck, params, ids)
                times.append(time.perf_counter() - started)
            total = sum(times)
            ratio = sum(ours[label]["times"]) / total
            sql_ratio = sum(ours[label]["sql"]) / total
            print(
                f"  {label:<26} {_ms(times, 0.5):10.1f} {_ms(times, 0.95):10.1f} {ratio:11.1f}x {sql_ratio:14.1f}x"
            )
        started = time.perf_counter()
        insights_duckdb.spikes(duck, ids, weeks=104 + 3 * 52 + 3)
        print(f"  Spikes' weekly counts in DuckDB: {1000 * (time.perf_counter() - started):,.0f} ms")
        duck.close()
    print("  (ratios: the sum of our times over the same 200 filter sets, over DuckDB's sum)")


FIRST_REQUEST_PROCESSES = 3


def first_requests_after_warming() -> tuple[float, float, list[dict]]:
    """From an empty shared cache: a cold spikes request (it must not fit the models), the refresh
    task the worker then runs, one incidents request to warm its cached parts; then the first
    requests of each of a few new processes, as a web worker after a restart would make them."""
    import json
    import subprocess

    from django.core.cache import cache

    from commonground.insights.tasks import refresh_spikes

    client = support.signed_in_client("programme")
    cache.clear()
    started = time.perf_counter()
    response = client.get("/staff/insights/spikes/")
    cold = time.perf_counter() - started
    assert "being computed" in response.content.decode(), "a cold spikes request worked them out itself"
    started = time.perf_counter()
    refresh_spikes.call(method="farrington")
    refresh = time.perf_counter() - started
    client.get("/staff/insights/")
    first = []
    for _ in range(FIRST_REQUEST_PROCESSES):
        output = subprocess.run(
            [sys.executable, "-m", "benchmarks.insights", "--first-request"],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": support.environment(DATABASE)["DATABASE_URL"]},
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        first.append(json.loads(output.strip().splitlines()[-1]))
    return cold, refresh, first


def _first_request() -> None:
    """In a new process: the first request to each page, in ms, as JSON on the last line."""
    import json

    import django

    django.setup()
    client = support.signed_in_client("programme")
    times = {}
    for name, path, expect in [
        ("staff home", "/staff/", "Waiting for you"),  # the process's own first-request costs
        ("incidents", "/staff/insights/", "Reports by month"),
        ("spikes", "/staff/insights/spikes/", "Computed at"),
        ("incidents again", "/staff/insights/", "Reports by month"),
    ]:
        started = time.perf_counter()
        response = client.get(path)
        times[name] = 1000 * (time.perf_counter() - started)
        assert response.status_code == 200 and expect in response.content.decode(), f"{path} was not warmed"
    print(json.dumps(times))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=REQUESTS, help="requests per page")
    parser.add_argument("--fresh", action="store_true", help="drop the bench database and load it again")
    parser.add_argument("--drop", action="store_true", help="drop the bench database at the end")
    parser.add_argument("--small", action="store_true", help="a hundredth of the data, for a quick check")
    parser.add_argument(
        "--fraction",
        type=int,
        metavar="N",
        help="1/N of the data (its own database), for a machine that is short of time",
    )
    parser.add_argument("--first-request", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    global DATABASE
    if args.first_request:
        os.environ.update({**support.environment(DATABASE), "DATABASE_URL": os.environ["DATABASE_URL"]})
        sys.path.insert(0, str(ROOT))
        _first_request()
        return
    divisor = 100 if args.small else (args.fraction or 1)
    if divisor != 1:
        DATABASE = f"{DATABASE}_small" if args.small else f"{DATABASE}_{divisor}th"
    sizes = {k: v // divisor for k, v in SIZES.items()}

    os.environ.update(support.environment(DATABASE))
    sys.path.insert(0, str(ROOT))
    if args.fresh or not support.database_exists(DATABASE):
        support.create_database(DATABASE)

    import django
    from django.core.management import call_command

    django.setup()
    print(f"Insights at scale: PostgreSQL database {DATABASE}", flush=True)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)
    if _loaded():
        print("  reusing the data loaded by an earlier run (--fresh loads them again)")
    else:
        started = time.perf_counter()
        written = load(sizes)
        print(f"  loaded in {time.perf_counter() - started:.0f} s (synthetic.generate, then VACUUM ANALYZE):")
        for label, n in written.items():
            print(f"    {label:<36} {n:>10,}")
    try:
        measure(args.requests)
    finally:
        from django.db import connections

        connections.close_all()
        if args.drop:
            support.drop_database(DATABASE)


if __name__ == "__main__":
    main()
