"""Reading borough self-assessments at scale: all boroughs side by side for one period, a borough's
history and what moves a borough up, against ten boroughs with five and then ten years each.

Loaded with `bulk_create` into a PostgreSQL database of its own (`commonground_bench_programme`),
made afresh on each run (the data is small: it is the shape, not the volume, that matters): the
places, a programme manager of the combined authority, and for every borough one assessment a year,
moderated, five dimensions each, with a moderation, a piece of evidence and a next step per score.
First five years are loaded and measured, then five more years, and measured again.

Then, in this process with Django's test client (server time, without a network or a web server),
the programme manager asks for each page many times (varying the period and the borough). We print
p50, p95 and the slowest request, and the SQL queries each ran: the count should be the same at
both sizes, since no page's queries grow with the boroughs or the years. Figures are printed, never
asserted: the machine is shared and noisy.

Run alone with `python -m benchmarks.programme_assessments`; `make bench` runs it after the others.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

from benchmarks import support

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "commonground_bench_programme"
LAST_YEAR = 2025
YEARS = 10
REQUESTS = 200
TARGET_P95_MS = 300
SEED = 20_261_204
MANAGER = "bench-programme-manager"
COMBINED_AUTHORITY = "E47000001"


def _manager():
    """A programme manager of the combined authority's programme team (every borough in scope)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from commonground.core.actions.roles import grant_role
    from commonground.core.models import Agency, AgencyKind, Area, User
    from commonground.core.roles import Role

    agency, _ = Agency.objects.get_or_create(
        name="Bench Combined Authority Programme Team", defaults={"kind": AgencyKind.COUNCIL}
    )
    agency.areas.add(Area.objects.get(code=COMBINED_AUTHORITY))
    user, _ = User.objects.get_or_create(
        username=MANAGER,
        defaults={
            "first_name": "Bench",
            "last_name": "Manager",
            "email": "bench-programme-manager@bench.invalid",
            "agency": agency,
        },
    )
    grant_role(actor=None, user=user, role=Role.PROGRAMME_MANAGER, reason="Benchmark")
    TOTPDevice.objects.get_or_create(user=user, name="Bench authenticator", defaults={"confirmed": True})
    return user


def load_years(rng: random.Random, manager, years: list[int]) -> dict[str, int]:
    """One moderated assessment per borough per year, each score with its moderation, evidence and
    next step."""
    from commonground.core.models import Area
    from commonground.programme.models import (
        AssessmentEvidence,
        AssessmentStatus,
        BoroughAssessment,
        Dimension,
        DimensionScore,
        FrameworkVersion,
        Moderation,
        ModerationOutcome,
        NextStep,
    )

    version = FrameworkVersion.objects.get(is_current=True)
    dimensions = list(Dimension.objects.filter(framework=version).order_by("position"))
    boroughs = list(Area.objects.boroughs().order_by("code"))
    at = datetime(LAST_YEAR + 1, 5, 1, 10, tzinfo=UTC)
    assessments = support.insert(
        BoroughAssessment,
        (
            BoroughAssessment(
                borough_id=borough.pk,
                framework=version,
                period_start=date(year, 4, 1),
                period_end=date(year + 1, 3, 31),
                status=AssessmentStatus.MODERATED,
                created_by=manager,
                submitted_by=manager,
                submitted_at=at,
                moderated_by=manager,
                moderated_at=at,
            )
            for borough in boroughs
            for year in years
        ),
        keep=True,
    )
    scores = support.insert(
        DimensionScore,
        (
            DimensionScore(
                assessment_id=a.pk,
                dimension_id=d.pk,
                level=rng.randint(1, 5),
                reasons="What the partnership did this year.",
            )
            for a in assessments
            for d in dimensions
        ),
        keep=True,
    )

    def moderations():
        for score in scores:
            level = min(5, max(1, score.level + rng.choice([-1, 0, 0, 0, 1])))
            yield Moderation(
                score_id=score.pk,
                outcome=ModerationOutcome.AGREED if level == score.level else ModerationOutcome.ADJUSTED,
                level=level,
                reason="" if level == score.level else "The evidence shows another level.",
                moderator=manager,
                moderated_at=at,
            )

    counts = {
        "assessments": len(assessments),
        "scores": len(scores),
        "moderations": support.insert(Moderation, moderations()),
        "evidence": support.insert(
            AssessmentEvidence,
            (AssessmentEvidence(score_id=s.pk, text="Forum minutes.", added_by=manager) for s in scores),
        ),
        "next steps": support.insert(
            NextStep, (NextStep(score_id=s.pk, text="Meet the networks quarterly.") for s in scores)
        ),
    }
    return counts


# --- Measuring -----------------------------------------------------------------------------------


def _measure(client, paths: list[str], expect: str) -> tuple[list[float], list[int]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for path in paths[:5]:  # warm the caches (templates) before measuring
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
    return f"  {label:<34} {statistics.median(ms):8.1f} {p95:8.1f} {ms[-1]:8.1f}   {counted:>9}   {len(ms):>4}   {verdict}"


def measure(rng: random.Random, requests: int, years: list[int]) -> list[tuple[str, list[float], list[int]]]:
    from commonground.core.models import Area

    client = support.signed_in_client(MANAGER)
    boroughs = list(Area.objects.boroughs().values_list("code", flat=True))
    side = [
        f"/staff/programme/assessments/side-by-side/?period={rng.choice(years)}-04-01"
        for _ in range(requests)
    ]
    history = [f"/staff/programme/boroughs/{rng.choice(boroughs)}/history/" for _ in range(requests)]
    moving = [
        f"/staff/programme/boroughs/{rng.choice(boroughs)}/moving-up/?period={rng.choice(years)}-04-01"
        for _ in range(requests)
    ]
    size = f"{len(years)} years"
    return [
        (f"Side by side ({size})", *_measure(client, side, "Self-assessments side by side")),
        (f"A borough's history ({size})", *_measure(client, history, "self-assessment history")),
        (f"What moves a borough up ({size})", *_measure(client, moving, "Evidence from Common Ground")),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=REQUESTS, help="requests per page and size")
    parser.add_argument("--drop", action="store_true", help="drop the bench database at the end")
    args = parser.parse_args(argv)

    os.environ.update(support.environment(DATABASE))
    sys.path.insert(0, str(ROOT))
    support.create_database(DATABASE)

    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    print(f"Self-assessments at scale: PostgreSQL database {DATABASE}", flush=True)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)  # production settings serve from the manifest
    from commonground.core.actions.places import load_places

    load_places(actor=None, folder=settings.DEFAULT_PLACES_DIR)
    manager = _manager()
    rng = random.Random(SEED)
    all_years = list(range(LAST_YEAR - YEARS + 1, LAST_YEAR + 1))
    results: list[tuple[list, list[int]]] = []
    try:
        for years in (all_years[YEARS // 2 :], all_years):
            new = [year for year in years if year not in {y for _, ys in results for y in ys}]
            counts = load_years(rng, manager, new)
            support.vacuum_analyze(DATABASE)
            print(f"  loaded {len(new)} years: " + ", ".join(f"{n:,} {kind}" for kind, n in counts.items()))
            results.append((measure(rng, args.requests, years), years))
        print(f"\nA programme manager of the combined authority, {args.requests} requests per page and size")
        print(f"  {'page':<34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}   {'queries':>9}   {'n':>4}")
        for rows, _years in results:
            for label, times, queries in rows:
                print(_row(label, times, queries))
        print(f"  target: p95 under {TARGET_P95_MS} ms; the queries should not change between the sizes")
    finally:
        from django.db import connections

        connections.close_all()
        if args.drop:
            support.drop_database(DATABASE)


if __name__ == "__main__":
    main()
