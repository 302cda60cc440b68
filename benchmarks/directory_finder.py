"""The public finders and the Open Referral UK open data at scale: 500 and then 5,000 directory
entries across the boroughs.

Loaded with `bulk_create` into a PostgreSQL database of its own (`commonground_bench_directory`),
made afresh on each run: the places, 300 postcodes at random positions in the wards, and entries
(four in five reporting centres, the rest meeting spaces) at random positions, each with opening
hours on five days and two languages; nine in ten shown to the public, the rest hidden (failing
their audit or withdrawn). First 500 entries are loaded and measured, then 4,500 more, and measured
again.

Then, in this process with Django's test client (server time, without a network or a web server),
anyone (no sign-in) searches the reporting centres by postcode (nearest first), by borough, by
postcode with "open now", and asks `GET /api/v1/openreferral/services` (50 a page, by name and
nearest first). We print p50, p95 and the slowest request, and the SQL queries each ran: the count
should be the same at both sizes. Figures are printed, never asserted: the machine is shared and
noisy.

Run alone with `python -m benchmarks.directory_finder`; `make bench` runs it after the others.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime
from datetime import time as clock
from pathlib import Path

from benchmarks import support

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "commonground_bench_directory"
SIZES = (500, 5_000)
POSTCODES = 300
REQUESTS = 200
TARGET_P95_MS = 300
SEED = 20_261_204
# Around Greater Manchester.
SOUTH, NORTH, WEST, EAST = 53.35, 53.68, -2.70, -1.95


def _position(rng: random.Random) -> tuple[float, float]:
    return rng.uniform(SOUTH, NORTH), rng.uniform(WEST, EAST)


def load_postcodes(rng: random.Random) -> list[str]:
    from commonground.core.models import Area, Postcode

    wards = list(Area.objects.wards().only("pk"))
    rows = []
    for n in range(POSTCODES):
        latitude, longitude = _position(rng)
        rows.append(
            Postcode(
                postcode=f"BX{n // 100 + 1} {n % 10}{chr(65 + n // 10 % 26)}{chr(65 + n % 26)}",
                ward=rng.choice(wards),
                latitude=latitude,
                longitude=longitude,
            )
        )
    support.insert(Postcode, rows)
    return [row.postcode for row in rows]


def load_entries(rng: random.Random, count: int, first: int) -> int:
    from commonground.core.models import Area
    from commonground.directory.models import AuditResult, DirectoryEntry, EntryKind, Language, OpeningHours

    wards = list(Area.objects.wards().only("pk", "parent_id"))
    languages = list(Language.objects.values_list("pk", flat=True))

    def entries():
        for n in range(first, first + count):
            ward = rng.choice(wards)
            latitude, longitude = _position(rng)
            space = rng.random() < 0.2
            hidden = rng.random() < 0.1
            yield DirectoryEntry(
                kind=EntryKind.MEETING_SPACE if space else EntryKind.REPORTING_CENTRE,
                organisation_name=f"Organisation {n % 700}",
                place_name=f"Place {n}",
                description="A place checked by the partnership.",
                address_lines=f"{n} High Street\nTown",
                postcode="BX1 0AA",
                borough_id=ward.parent_id,
                ward_id=ward.pk,
                latitude=latitude,
                longitude=longitude,
                phone="0161 000 0000",
                email="place@bench.invalid",
                step_free_access=rng.random() < 0.6,
                capacity=rng.randint(10, 200) if space else None,
                published=not (hidden and rng.random() < 0.5),
                latest_audit_on=date(2026, 6, 1),
                latest_audit_result=AuditResult.DOES_NOT_MEET if hidden else AuditResult.MEETS,
            )

    made = support.insert(DirectoryEntry, entries(), keep=True)
    support.insert(
        OpeningHours,
        (
            OpeningHours(entry_id=entry.pk, weekday=day, opens_at=clock(9), closes_at=clock(17))
            for entry in made
            for day in range(5)
        ),
    )
    through = DirectoryEntry.languages.through
    support.insert(
        through,
        (
            through(directoryentry_id=entry.pk, language_id=language)
            for entry in made
            for language in rng.sample(languages, 2)
        ),
    )
    return len(made)


# --- Measuring -----------------------------------------------------------------------------------


def _measure(client, paths: list[str], expect: str) -> tuple[list[float], list[int]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for path in paths[:5]:  # warm the caches (templates, the map's boroughs) before measuring
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
    return f"  {label:<44} {statistics.median(ms):8.1f} {p95:8.1f} {ms[-1]:8.1f}   {counted:>9}   {len(ms):>4}   {verdict}"


def measure(rng: random.Random, requests: int, postcodes: list[str], size: int):
    from urllib.parse import quote

    from django.test import Client

    from commonground.core.models import Area

    client = Client()
    boroughs = list(Area.objects.boroughs().values_list("code", flat=True))
    finder = "/find/reporting-centres/"
    by_postcode = [f"{finder}?postcode={quote(rng.choice(postcodes))}" for _ in range(requests)]
    by_borough = [f"{finder}?borough={rng.choice(boroughs)}" for _ in range(requests)]
    open_now = [f"{finder}?postcode={quote(rng.choice(postcodes))}&open_now=on" for _ in range(requests)]
    api = "/api/v1/openreferral/services"
    api_pages = [f"{api}?page={rng.randint(1, 5)}" for _ in range(requests)]
    api_near = [f"{api}?postcode={quote(rng.choice(postcodes))}" for _ in range(requests)]
    label = f"{size:,} entries"
    return [
        (f"Finder by postcode ({label})", *_measure(client, by_postcode, "nearest first")),
        (f"Finder by borough ({label})", *_measure(client, by_borough, "places found in")),
        (f"Finder by postcode, open now ({label})", *_measure(client, open_now, "Map")),
        (f"API services, by name ({label})", *_measure(client, api_pages, "total_items")),
        (f"API services, nearest first ({label})", *_measure(client, api_near, "total_items")),
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
    print(f"The public finders at scale: PostgreSQL database {DATABASE}", flush=True)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)  # production settings serve from the manifest
    from commonground.core.actions.places import load_places

    load_places(actor=None, folder=settings.DEFAULT_PLACES_DIR)
    rng = random.Random(SEED)
    postcodes = load_postcodes(rng)
    results = []
    loaded = 0
    # A Wednesday mid-morning, so that "open now" finds places open.
    import time_machine

    try:
        with time_machine.travel(datetime(2026, 11, 25, 10, 30, tzinfo=UTC), tick=True):
            for size in SIZES:
                loaded += load_entries(rng, size - loaded, loaded)
                support.vacuum_analyze(DATABASE)
                print(f"  loaded {loaded:,} directory entries", flush=True)
                results.append(measure(rng, args.requests, postcodes, size))
        print(f"\nAnyone, no sign-in, {args.requests} requests per page and size")
        print(f"  {'page':<44} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}   {'queries':>9}   {'n':>4}")
        for rows in results:
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
