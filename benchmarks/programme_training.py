"""Front-line training coverage at scale: one agency's coverage page with 10,000 front-line staff
and 100,000 attendances, then again with 20,000 staff and 200,000 attendances.

Loaded with `bulk_create` in batches into a PostgreSQL database of its own
(`commonground_bench_training`), kept for the next run unless `--fresh` asks for a new load or
`--drop` removes it afterwards: the places, the demo accounts, a training lead of a bench agency
serving Bolton, and 2,000 sessions of the five courses over six years. Each half adds 10,000 staff
of that agency (all front-line), each with ten places on different sessions (mostly completed, some
attended, absent or booked), so refreshers are current, due soon and overdue in a natural mix.

After each half, in this process with Django's test client, the agency's training lead (names of
people due) and the combined authority's programme manager (counts only) each ask for the coverage
page `--requests` times. We print p50, p95 and the slowest request, and the SQL queries each ran:
the query count should be the same at both sizes. Figures are printed, never asserted.

Run alone with `python -m benchmarks.programme_training`; `make bench` runs it after the others.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks import support

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "commonground_bench_training"
STAFF_PER_HALF = 10_000
PLACES_PER_PERSON = 10
SESSIONS = 2_000
YEARS = 6
REQUESTS = 50
SEED = 20_261_204
LEAD = "bench-training-lead"
FOLLOWER = "bench-training-programme"
AGENCY = "Bench Training Agency"
URL = "/staff/programme/training/coverage/"


def _person(username: str, role, agency):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from commonground.core.actions.roles import grant_role
    from commonground.core.models import User

    user, _ = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": "Bench",
            "last_name": username,
            "email": f"{username}@bench.invalid",
            "agency": agency,
        },
    )
    grant_role(actor=None, user=user, role=role, reason="Benchmark")
    TOTPDevice.objects.get_or_create(user=user, name="Bench authenticator", defaults={"confirmed": True})
    return user


def prepare() -> None:
    from django.conf import settings

    from commonground.core.actions.places import load_places
    from commonground.core.demo import load_demo
    from commonground.core.models import Agency, AgencyKind, Area
    from commonground.core.roles import Role
    from commonground.programme.models import Course, TrainingSession

    load_places(actor=None, folder=settings.DEFAULT_PLACES_DIR)
    load_demo()
    agency, _ = Agency.objects.get_or_create(name=AGENCY, defaults={"kind": AgencyKind.POLICE})
    agency.areas.set(Area.objects.filter(code="E08000001"))
    lead = _person(LEAD, Role.TRAINING_LEAD, agency)
    _person(FOLLOWER, Role.PROGRAMME_MANAGER, Agency.objects.get(name="Demo Combined Authority Team"))
    rng = random.Random(SEED)
    courses = list(Course.objects.all())
    start = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(days=365 * YEARS)
    support.insert(
        TrainingSession,
        (
            TrainingSession(
                course=rng.choice(courses),
                starts_at=(at := start + timedelta(days=rng.randint(0, 365 * YEARS - 1))),
                ends_at=at + timedelta(hours=3),
                place="Bench training room",
                organising_agency=agency,
                capacity=200,
                created_by=lead,
            )
            for _ in range(SESSIONS)
        ),
    )


def add_half(half: int) -> dict[str, int]:
    """10,000 more front-line staff of the bench agency, with ten places each."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from commonground.core.models import Agency, User
    from commonground.programme.models import Attendance, FrontLineStaff, TrainingSession

    rng = random.Random(SEED + half)
    agency = Agency.objects.get(name=AGENCY)
    lead = User.objects.get(username=LEAD)
    sessions = list(TrainingSession.objects.values_list("pk", "starts_at"))
    people = support.insert(
        User,
        (
            User(
                username=f"bench-staff-{half}-{n:05d}",
                first_name="Staff",
                last_name=f"{half}-{n:05d}",
                email=f"bench-staff-{half}-{n:05d}@bench.invalid",
                agency=agency,
                password=make_password(None),  # unusable: nobody signs in as them
            )
            for n in range(STAFF_PER_HALF)
        ),
        keep=True,
    )
    support.insert(FrontLineStaff, (FrontLineStaff(person=p, marked_by=lead) for p in people))
    today = timezone.localdate()

    def places():
        for person in people:
            for session_id, starts_at in rng.sample(sessions, PLACES_PER_PERSON):
                status = rng.choices(["completed", "attended", "absent", "booked"], [80, 8, 7, 5])[0]
                day = starts_at.date()
                yield Attendance(
                    session_id=session_id,
                    person=person,
                    status=status,
                    completed_on=day if status == "completed" and day <= today else None,
                    recorded_by=lead,
                )

    def valid(rows):
        for row in rows:
            if row.status == "completed" and row.completed_on is None:
                row.status = "booked"  # a session still to come
            yield row

    return {"staff": len(people), "attendances": support.insert(Attendance, valid(places()))}


def _loaded_halves() -> int:
    from django.db import connection

    if "bench_training_loaded" not in connection.introspection.table_names():
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM bench_training_loaded")
        return cursor.fetchone()[0]


def _mark_loaded(half: int, seconds: float) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_training_loaded (half integer, seconds double precision)"
        )
        cursor.execute("INSERT INTO bench_training_loaded VALUES (%s, %s)", [half, seconds])


def measure(label: str, requests: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for username, expect in ((LEAD, "Due or overdue a refresher"), (FOLLOWER, "Training coverage")):
        client = support.signed_in_client(username)
        client.get(URL)  # warm
        times, queries = [], []
        for _ in range(requests):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(URL)
                elapsed = time.perf_counter() - started
            assert response.status_code == 200 and expect in response.content.decode(), response.status_code
            times.append(elapsed)
            queries.append(len(captured.captured_queries))
        ms = sorted(t * 1000 for t in times)
        low, high = min(queries), max(queries)
        counted = f"{low}" if low == high else f"{low}-{high}"
        who = "training lead (names)" if username == LEAD else "programme manager (counts)"
        print(
            f"  {label:<22} {who:<28} p50 {statistics.median(ms):7.1f} ms  p95 {support.percentile(ms, 0.95):7.1f} ms"
            f"  max {ms[-1]:7.1f} ms  queries {counted:>5}  (n={len(ms)})",
            flush=True,
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=REQUESTS, help="requests per page and size")
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
    print(f"Training coverage at scale: PostgreSQL database {DATABASE}", flush=True)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)
    try:
        loaded = _loaded_halves()
        if loaded == 0:
            prepare()
        for half in (1, 2):
            size = f"{STAFF_PER_HALF * half:,} / {STAFF_PER_HALF * half * PLACES_PER_PERSON:,}"
            if half > loaded:
                started = time.perf_counter()
                counts = add_half(half)
                support.vacuum_analyze(DATABASE)
                seconds = time.perf_counter() - started
                _mark_loaded(half, seconds)
                print(
                    f"  half {half} loaded in {seconds:.0f} s (bulk_create, then VACUUM ANALYZE): "
                    f"{counts['staff']:,} staff, {counts['attendances']:,} attendances"
                )
            elif loaded > half:
                print(f"  {size}: measured on a fresh load only (--fresh); reusing the larger data")
                continue
            measure(size, args.requests)
    finally:
        from django.db import connections

        connections.close_all()
        if args.drop:
            support.drop_database(DATABASE)


if __name__ == "__main__":
    main()
