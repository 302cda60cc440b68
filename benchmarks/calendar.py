"""The #WeStandTogether calendar at scale: the public list, the list filtered by borough, the
whole-calendar iCalendar feed and GET /api/v1/events, against 5,000 and then 50,000 events.

Loaded with `bulk_create` into a PostgreSQL database of its own (`commonground_bench_calendar`),
made afresh on each run. Events come at a steady rate (five a day across the boroughs), so the
larger calendar is a longer history, as a real one grows: 5,000 events are some two and a half
years, 50,000 some 27, each with the same two months to come. Most are published, some cancelled,
a few drafts (never shown).

The feed carries every future event and the last 90 days only (`queries.public.feed_events`), so
its size follows the rate of events, not the length of the archive: it should cost the same at
both sizes. The list and the API read one page at a time through the (status, starts_at) and
(borough, status, starts_at) indexes.

Then, in this process with Django's test client (server time, no network), anonymous requests ask
for each many times (varying the borough, kind and page). We print p50, p95 and the slowest
request, the SQL queries each ran, and for the feed the events it carried. Figures are printed,
never asserted: the machine is shared and noisy.

Run alone with `python -m benchmarks.calendar`; `make bench` runs it after the others.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks import support

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "commonground_bench_calendar"
SIZES = (5_000, 50_000)
EVENTS_A_DAY = 5
DAYS_AHEAD = 60
REQUESTS = 100
TARGET_P95_MS = 300
SEED = 20_261_216


def load_events(rng: random.Random, count: int, already: int) -> int:
    """`count` events at EVENTS_A_DAY, the newest DAYS_AHEAD days from now, going back in time
    from where the `already` loaded ones end."""
    from django.utils import timezone

    from commonground.calendar.models import Event, EventKind, EventStatus
    from commonground.core.models import Area

    boroughs = list(Area.objects.boroughs().values_list("pk", flat=True))
    kinds = list(EventKind.values)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    newest = now + timedelta(days=DAYS_AHEAD)

    def rows():
        for n in range(already, already + count):
            starts = newest - timedelta(days=n // EVENTS_A_DAY, hours=rng.choice([0, 2, 4, 6]))
            roll = rng.random()
            status = (
                EventStatus.DRAFT
                if roll < 0.03
                else EventStatus.CANCELLED
                if roll < 0.06
                else EventStatus.PUBLISHED
            )
            yield Event(
                title=f"Bench event {n}",
                description="A synthetic event for measuring the calendar.",
                kind=rng.choice(kinds),
                starts_at=starts,
                ends_at=starts + timedelta(hours=rng.choice([1, 2, 3])),
                venue_name="Bench Community Centre",
                address="1 Bench Street",
                borough_id=rng.choice(boroughs),
                organiser="Bench Community Network",
                accessibility="Step-free access.",
                status=status,
                consent_recorded_at=None if status == EventStatus.DRAFT else now,
                consent_source="" if status == EventStatus.DRAFT else "Bench consent",
                created_at=now,
            )

    return support.insert(Event, rows())


def _measure(client, paths: list[str], expect: str) -> tuple[list[float], list[int], list[int]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for path in paths[:3]:  # warm the caches (templates) before measuring
        client.get(path)
    times, queries, sizes = [], [], []
    for path in paths:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            body = response.content
            elapsed = time.perf_counter() - started
        assert response.status_code == 200, f"{path} answered {response.status_code}"
        assert expect.encode() in body, f"{path} did not show {expect!r}"
        times.append(elapsed)
        queries.append(len(captured.captured_queries))
        sizes.append(body.count(b"BEGIN:VEVENT"))
    return times, queries, sizes


def _row(label: str, times: list[float], queries: list[int], sizes: list[int]) -> str:
    ms = sorted(t * 1000 for t in times)
    p95 = support.percentile(ms, 0.95)
    low, high = min(queries), max(queries)
    counted = f"{low}" if low == high else f"{low}–{high}"
    carried = f"{max(sizes):,}" if max(sizes) else ""
    verdict = "ok" if p95 < TARGET_P95_MS else "SLOW"
    return (
        f"  {label:<32} {statistics.median(ms):8.1f} {p95:8.1f} {ms[-1]:8.1f}   {counted:>7}   "
        f"{carried:>7}   {len(ms):>4}   {verdict}"
    )


def measure(rng: random.Random, requests: int, size: int):
    from django.test import Client

    from commonground.calendar.models import EventKind
    from commonground.core.models import Area

    client = Client()
    boroughs = list(Area.objects.boroughs().values_list("code", flat=True))
    kinds = list(EventKind.values)
    listing = [f"/events/?page={rng.randint(1, 5)}" for _ in range(requests)]
    by_borough = [
        f"/events/?borough={rng.choice(boroughs)}&kind={rng.choice(kinds)}" for _ in range(requests)
    ]
    feed = ["/events/calendar.ics" for _ in range(max(requests // 5, 10))]
    api = [
        f"/api/v1/events?limit=100&offset={rng.randint(0, 3) * 100}&include_past={rng.choice(['true', 'false'])}"
        for _ in range(requests)
    ]
    label = f"{size:,} events"
    return [
        (f"Public list ({label})", *_measure(client, listing, "#WeStandTogether events")),
        (f"By borough and kind ({label})", *_measure(client, by_borough, "#WeStandTogether events")),
        (f"Whole-calendar feed ({label})", *_measure(client, feed, "BEGIN:VCALENDAR")),
        (f"GET /api/v1/events ({label})", *_measure(client, api, '"items"')),
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
    print(f"The calendar at scale: PostgreSQL database {DATABASE}", flush=True)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)  # production settings serve from the manifest
    from commonground.core.actions.places import load_places

    load_places(actor=None, folder=settings.DEFAULT_PLACES_DIR)
    rng = random.Random(SEED)
    results = []
    loaded = 0
    started = datetime.now()
    try:
        for size in SIZES:
            loaded += load_events(rng, size - loaded, loaded)
            support.vacuum_analyze(DATABASE)
            print(f"  loaded {loaded:,} events ({(datetime.now() - started).seconds} s so far)", flush=True)
            results.append(measure(rng, args.requests, size))
        print(f"\nAnonymous visitors, {args.requests} requests per page and size (the feed a fifth as many)")
        print(
            f"  {'page':<32} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}   {'queries':>7}   {'events':>7}   {'n':>4}"
        )
        for rows in results:
            for label, times, queries, sizes in rows:
                print(_row(label, times, queries, sizes))
        print(
            f"  target: p95 under {TARGET_P95_MS} ms; the queries, and the events a feed carries, "
            "should not change between the sizes"
        )
    finally:
        from django.db import connections

        connections.close_all()
        if args.drop:
            support.drop_database(DATABASE)


if __name__ == "__main__":
    main()
