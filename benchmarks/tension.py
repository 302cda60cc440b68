"""Tension monitoring at scale: the dashboard and the assessment screen against ten years of weekly
assessments for every borough and ward of Greater Manchester and 200,000 tension reports.

Loaded with `bulk_create` in batches into a PostgreSQL database of its own
(`commonground_bench_tension`), kept for the next run unless `--fresh` asks for a new load or
`--drop` removes it afterwards: the places, the demo accounts, a partnership-wide analyst; one
weekly assessment per area per week for ten years (each with its first revision), an ad hoc one
after some trigger events; 200,000 reports, each about a ward and sometimes its borough too, spread
over the ten years; response actions, some overdue.

Then, in this process with Django's test client (server time, without a network or a web server),
the analyst asks 200 times for each of: the dashboard (varying the borough of the ward map and the
area of the trend) and the assessment screen (recording an assessment beside its evidence, varying
the area and the week). We print p50, p95 and the slowest request, and the SQL queries each ran.
The goal is p95 under 300 ms. Figures are printed, never asserted: the machine is shared and noisy.

Run alone with `python -m benchmarks.tension`; `make bench` runs it after the other benchmarks.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from benchmarks import support

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "commonground_bench_tension"
YEARS = 10
REPORTS = 200_000
ACTIONS = 20_000
EVENTS = 600
REQUESTS = 200
TARGET_P95_MS = 300
SEED = 20_261_122
ANALYST = "bench-tension-analyst"

CATEGORIES = ["protest", "graffiti", "online", "disorder", "rumour", "hate_incidents", "dispute", "other"]
SOURCES = [
    "neighbourhood_police",
    "council",
    "councillor",
    "housing",
    "school",
    "youth",
    "faith",
    "community",
]
DESCRIPTIONS = [
    "Graffiti targeting a faith community sprayed on the underpass.",
    "Leaflets from a far-right group posted through doors on the estate.",
    "Groups of young people from two estates squaring up near the shops.",
    "Rumour on social media that a local family was behind last week's fire.",
    "Stickers of an extremist group on lamp posts near the school.",
]


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _reference(number: int) -> str:
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    text = ""
    for _ in range(6):
        number, digit = divmod(number, 32)
        text = alphabet[digit] + text
    return "TB-" + text


def _analyst():
    """A tension analyst of the combined authority team (every borough and ward in scope)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from commonground.core.actions.roles import grant_role
    from commonground.core.models import Agency, User
    from commonground.core.roles import Role

    user, _ = User.objects.get_or_create(
        username=ANALYST,
        defaults={
            "first_name": "Bench",
            "last_name": "Analyst",
            "email": "bench-tension-analyst@bench.invalid",
            "agency": Agency.objects.get(name="Demo Combined Authority Team"),
        },
    )
    grant_role(actor=None, user=user, role=Role.TENSION_ANALYST, reason="Benchmark")
    TOTPDevice.objects.get_or_create(user=user, name="Bench authenticator", defaults={"confirmed": True})
    return user


def load(rng: random.Random) -> dict[str, int]:
    from django.conf import settings
    from django.db import connection

    from commonground.core.actions.places import load_places
    from commonground.core.demo import load_demo
    from commonground.core.models import Agency, Area
    from commonground.tension.models import (
        AssessmentRevision,
        ResponseAction,
        TensionAssessment,
        TensionLevel,
        TensionReport,
        TriggerEvent,
    )

    load_places(actor=None, folder=settings.DEFAULT_PLACES_DIR)
    load_demo()
    analyst = _analyst()
    agencies = list(Agency.objects.all())
    boroughs = list(Area.objects.boroughs().order_by("code"))
    wards = list(Area.objects.wards().order_by("code"))
    areas = boroughs + wards
    levels = list(TensionLevel.objects.order_by("rank"))
    now = datetime.now(UTC).replace(microsecond=0)
    this_week = _monday(now.date())
    weeks = [this_week - timedelta(weeks=n) for n in range(52 * YEARS)]
    start = now - timedelta(weeks=52 * YEARS)
    counts: dict[str, int] = {}

    def events():
        for number in range(EVENTS):
            day = (start + timedelta(days=rng.randint(0, 7 * 52 * YEARS - 1))).date()
            yield TriggerEvent(
                title=f"Bench event {number}",
                kind=rng.choice(["attack", "court_case", "march", "anniversary", "election"]),
                reach=rng.choice(["local", "national", "international"]),
                starts_on=day,
                ends_on=day + timedelta(days=rng.choice([0, 1, 3, 7])),
                expected_impact=rng.choice(["low", "medium", "high"]),
                recorded_by=analyst,
            )

    trigger_events = support.insert(TriggerEvent, events(), keep=True)
    links = [
        TriggerEvent.areas.through(triggerevent_id=event.pk, area_id=rng.choice(boroughs).pk)
        for event in trigger_events
        if event.reach == "local"
    ]
    support.insert(TriggerEvent.areas.through, links)
    counts["trigger events"] = len(trigger_events)

    # One weekly assessment per area per week; a level that wanders slowly, mostly low.
    def assessments():
        for area in areas:
            rank = 1
            for week in reversed(weeks):
                rank = min(len(levels), max(1, rank + rng.choice([-1, 0, 0, 0, 0, 0, 1])))
                yield TensionAssessment(
                    area_id=area.pk,
                    week_starting_on=week,
                    level=levels[rank - 1],
                    direction=rng.choice(["rising", "stable", "stable", "falling"]),
                    confidence=rng.choice(["low", "medium", "high"]),
                    rationale="Reports from partners and incidents against the baseline; steady week.",
                    indicators=["community_intelligence", "hate_incidents"],
                    assessed_by=analyst,
                    assessed_at=datetime.combine(week, datetime.min.time(), UTC)
                    + timedelta(days=1, hours=10),
                )
        for event in trigger_events[: EVENTS // 3]:
            yield TensionAssessment(
                area_id=rng.choice(boroughs).pk,
                week_starting_on=_monday(event.starts_on),
                kind="ad_hoc",
                trigger_event=event,
                level=levels[rng.randint(2, len(levels)) - 1],
                direction="rising",
                confidence="medium",
                rationale="Ad hoc after the event.",
                assessed_by=analyst,
                assessed_at=datetime.combine(event.starts_on, datetime.min.time(), UTC) + timedelta(hours=18),
            )

    saved = support.insert(TensionAssessment, assessments(), keep=True)
    counts["assessments"] = len(saved)
    counts["assessment revisions"] = support.insert(
        AssessmentRevision,
        (
            AssessmentRevision(
                assessment_id=a.pk,
                revision=1,
                level_id=a.level_id,
                direction=a.direction,
                confidence=a.confidence,
                rationale=a.rationale,
                indicators=a.indicators,
                recorded_by=analyst,
                recorded_at=a.assessed_at,
            )
            for a in saved
        ),
    )
    del saved

    span = int((now - start).total_seconds())

    def reports():
        for number in range(REPORTS):
            yield TensionReport(
                reference=_reference(number),
                observed_at=start + timedelta(seconds=rng.randint(0, span)),
                category=rng.choice(CATEGORIES),
                description=rng.choice(DESCRIPTIONS),
                source_type=rng.choice(SOURCES),
                source_evaluation=rng.choice("12"),
                information_assessment=rng.choice("ABC"),
                submitting_agency=rng.choice(agencies),
                submitted_by=analyst,
            )

    report_ids = [report.pk for report in support.insert(TensionReport, reports(), keep=True)]
    counts["tension reports"] = len(report_ids)

    def report_links():
        for pk in report_ids:
            ward = rng.choice(wards)
            yield TensionReport.areas.through(tensionreport_id=pk, area_id=ward.pk)
            if rng.random() < 0.3:
                yield TensionReport.areas.through(tensionreport_id=pk, area_id=ward.parent_id)

    counts["report area links"] = support.insert(TensionReport.areas.through, report_links())

    def actions():
        for _ in range(ACTIONS):
            due = start + timedelta(seconds=rng.randint(0, span + 86400 * 14))
            done = due < now - timedelta(days=3) and rng.random() < 0.97
            yield ResponseAction(
                area=rng.choice(areas),
                description="Remove the graffiti on the underpass within 24 hours.",
                owner_agency=rng.choice(agencies),
                due_at=due,
                status="done" if done else rng.choice(["open", "in_progress"]),
                created_by=analyst,
                completed_at=due - timedelta(hours=2) if done else None,
                completed_by=analyst if done else None,
                completion_evidence="Removed; photographs on file." if done else "",
            )

    counts["response actions"] = support.insert(ResponseAction, actions())
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE tension_tensionreport SET submitted_at = observed_at + interval '3 hours';"
            "UPDATE tension_responseaction SET created_at = due_at - interval '1 day';"
            "CREATE TABLE IF NOT EXISTS bench_tension_loaded (seconds double precision)"
        )
    return counts


def _loaded() -> bool:
    from django.db import connection

    return "bench_tension_loaded" in connection.introspection.table_names()


# --- Measuring -----------------------------------------------------------------------------------


def _measure(client, paths: list[str], expect: str) -> tuple[list[float], list[int]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for path in paths[:5]:  # warm the caches (templates, projected boundaries) before measuring
        client.get(path)
    times, queries = [], []
    for path in paths:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = time.perf_counter() - started
        assert response.status_code == 200, f"{path} answered {response.status_code}"
        assert expect in response.content.decode(), f"{path} did not show {expect!r}"
        times.append(elapsed)
        queries.append(len(captured.captured_queries))
    return times, queries


def _row(label: str, times: list[float], queries: list[int]) -> str:
    ms = sorted(t * 1000 for t in times)
    p95 = support.percentile(ms, 0.95)
    low, high = min(queries), max(queries)
    counted = f"{low}" if low == high else f"{low}–{high}"
    verdict = "ok" if p95 < TARGET_P95_MS else "SLOW"
    return f"  {label:<28} {statistics.median(ms):8.1f} {p95:8.1f} {ms[-1]:8.1f}   {counted:>9}   {len(ms):>4}   {verdict}"


def measure(rng: random.Random, requests: int) -> None:
    from commonground.core.models import Area
    from commonground.tension.models import TensionAssessment, TensionReport

    client = support.signed_in_client(ANALYST)
    boroughs = list(Area.objects.boroughs().values_list("code", flat=True))
    wards = list(Area.objects.wards().values_list("code", flat=True))
    wards_of = {
        code: list(Area.objects.wards().filter(parent__code=code).values_list("code", flat=True))
        for code in boroughs
    }
    # A worker that has drawn each map once: the projected boundaries are kept per process.
    for borough in ["", *boroughs]:
        client.get(f"/staff/tension/?borough={borough}")
    dashboard_paths = []
    for _ in range(requests):
        borough = rng.choice(["", *boroughs])
        # The trend of the whole map's borough, one of its wards (as a click on the ward map), or the default.
        area = rng.choice(["", rng.choice(boroughs), rng.choice(wards_of[borough]) if borough else ""])
        dashboard_paths.append(f"/staff/tension/?borough={borough}&area={area}")
    this_week = _monday(date.today())
    screen_paths = []
    for _ in range(requests):
        area = rng.choice(boroughs) if rng.random() < 0.5 else rng.choice(wards)
        week = this_week - timedelta(weeks=rng.choice([0, 0, 1, 1, 2, rng.randint(3, 52 * YEARS - 1)]))
        screen_paths.append(f"/staff/tension/assessments/new/?area={area}&week={week:%d/%m/%Y}")
    results = [
        ("Dashboard", *_measure(client, dashboard_paths, "Community tension")),
        ("Assessment screen", *_measure(client, screen_paths, "</form>")),
    ]
    print(f"\nA partnership-wide tension analyst, {requests} requests per page (server time, in process)")
    print(f"  {'page':<28} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}   {'queries':>9}   {'n':>4}")
    for label, times, queries in results:
        print(_row(label, times, queries))
    print(f"  target: p95 under {TARGET_P95_MS} ms")
    print(
        f"  holding {TensionAssessment.objects.count():,} assessments and "
        f"{TensionReport.objects.count():,} tension reports"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=REQUESTS, help="requests per page")
    parser.add_argument("--fresh", action="store_true", help="drop the bench database and load it again")
    parser.add_argument("--drop", action="store_true", help="drop the bench database at the end")
    args = parser.parse_args(argv)

    os.environ.update(support.environment(DATABASE))
    sys.path.insert(0, str(ROOT))
    if args.fresh or not support.database_exists(DATABASE):
        support.create_database(DATABASE)

    import django
    from django.core.management import call_command

    django.setup()
    print(f"Tension monitoring at scale: PostgreSQL database {DATABASE}", flush=True)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)  # production settings serve from the manifest
    rng = random.Random(SEED)
    if _loaded():
        print("  reusing the data loaded by an earlier run (--fresh loads it again)")
    else:
        from django.db import connection

        started = time.perf_counter()
        counts = load(rng)
        support.vacuum_analyze(DATABASE)
        seconds = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO bench_tension_loaded VALUES (%s)", [seconds])
        print(f"  loaded in {seconds:.0f} s (bulk_create, batches of 5,000, then VACUUM ANALYZE):")
        for kind, n in counts.items():
            print(f"    {kind:<36} {n:>9,}")
    try:
        measure(rng, args.requests)
    finally:
        from django.db import connections

        connections.close_all()
        if args.drop:
            support.drop_database(DATABASE)


if __name__ == "__main__":
    main()
