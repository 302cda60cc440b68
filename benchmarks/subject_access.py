"""The subject access search at scale: 1.5 million reports, 70,000 referrals and 60,000 helpline
calls, searched by name (fuzzy), email, phone, date of birth and reference, as a data protection
officer does on the search page.

Loaded with `bulk_create` into a database of its own (PostgreSQL `commonground_bench_subject_access`,
made afresh on each run; or SQLite with `--sqlite`). The search keys a report or referral gets from
its save path (core/person_keys.py) are set here from the same functions, as bulk_create skips save.
A third of reports leave a name, most of those an email or a phone; names are drawn from 300 first
names and 2,000 surnames (some 600,000 combinations), so a name is shared as it is in a large city.
A tenth of referrals come from a named report (the same person), a third of calls mention a name
in their notes and a fifth are logged against a report.

Then, in this process with Django's test client (server time, no network), the officer posts the
search page for people who exist, with a reason: each search reads the candidates by index, scores
names fuzzily, groups the records into people, writes its audit event and renders the page. We print
p50, p95 and the slowest search of each kind, and the records it showed. Figures are printed, never
asserted: the machine is shared and noisy.

Run alone with `python -m benchmarks.subject_access` (`--sqlite` for SQLite); `make bench` runs it.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from benchmarks import support

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "commonground_bench_subject_access"
REPORTS = 1_500_000
REFERRALS = 70_000
CALLS = 60_000
SEARCHES = 50
TARGET_P95_MS = 2_000
SEED = 20_261_205

FIRST = [
    a + b
    for a in ("Am", "Mo", "Sa", "Ja", "Ha", "Ro", "Ka", "Le", "Da", "Fa", "Na", "Ri", "Zo", "El", "Is")
    for b in (
        "ina",
        "hammed",
        "rah",
        "mes",
        "san",
        "bert",
        "rim",
        "ah",
        "vid",
        "tima",
        "dia",
        "ta",
        "e",
        "la",
        "aac",
        "ra",
        "an",
        "yn",
        "ia",
        "o",
    )
]
SURNAME_PARTS = (
    "Beg",
    "Kha",
    "Smi",
    "Jon",
    "Pat",
    "Now",
    "Ali",
    "Hus",
    "Tay",
    "Bro",
    "Wil",
    "Kow",
    "Ahm",
    "Rob",
    "Eva",
    "Hug",
    "Mir",
    "Sha",
    "Cla",
    "Dav",
)
SURNAMES = [
    a + b + c
    for a in SURNAME_PARTS
    for b in ("um", "an", "th", "es", "el", "ak", "ir", "ow", "in", "ar")
    for c in ("", "s", "son", "ley", "ski", "ford", "ton", "ani", "er", "wood")
]


def _named(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST), rng.choice(SURNAMES)


def load(rng: random.Random) -> dict[str, list]:
    """Every row, and samples of the people loaded to search for."""
    from django.utils import timezone

    from commonground.core import person_keys
    from commonground.core.actions.roles import grant_role
    from commonground.core.models import Agency, AgencyKind, Area, User
    from commonground.core.roles import Role
    from commonground.reports.models import (
        CallerType,
        CallOutcome,
        CallTopic,
        HelplineCall,
        Report,
        ReportKind,
        ReportStatus,
    )
    from commonground.safeguarding.models import ConcernType, PersonAware, Referral, ReferringSector

    boroughs = list(Area.objects.boroughs().values_list("pk", flat=True))
    agency = Agency.objects.create(name="Bench Data Protection", kind=AgencyKind.COUNCIL)
    agency.areas.set(boroughs)
    officer = User.objects.create(
        username="bench-dpo", first_name="Bench", last_name="Officer", agency=agency
    )
    grant_role(actor=None, user=officer, role=Role.DATA_PROTECTION_OFFICER, reason="Benchmark")
    advisor = User.objects.create(
        username="bench-advisor", first_name="Bench", last_name="Advisor", agency=agency
    )
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=officer, name="Bench authenticator", confirmed=True)

    now = timezone.now()
    samples: dict[str, list] = {"name": [], "email": [], "phone": [], "reference": [], "date_of_birth": []}
    named_reports: list[tuple[int, str, str]] = []  # (index, first, last)

    def reports():
        for n in range(REPORTS):
            first = last = email = phone = ""
            if rng.random() < 0.33:
                first, last = _named(rng)
                if rng.random() < 0.7:
                    email = f"{first}.{last}{n}@example.org".lower()
                if rng.random() < 0.6:
                    phone = f"07700 {rng.randint(0, 999_999):06d}"
                named_reports.append((n, first, last))
                if rng.random() < 0.0005 / min(1.0, REPORTS / 1_500_000):
                    samples["name"].append(f"{first} {last}")
                    if email:
                        samples["email"].append(email.upper())
                    if phone:
                        samples["phone"].append("+44 " + phone[1:])
            reference = f"CG-{n // 10_000:04d}-{n % 10_000:04d}"
            if n % max(REPORTS // SEARCHES, 1) == 7:
                samples["reference"].append(reference.lower())
            name = f"{first} {last}".strip()
            yield Report(
                reference=reference,
                status_nonce=f"{n:032x}",
                status_secret_hash=f"{n:064x}",
                kind=ReportKind.HATE_INCIDENT if n % 3 else ReportKind.COMMUNITY_TENSION,
                status=ReportStatus.CLOSED if n % 4 else ReportStatus.RECEIVED,
                triage_due_at=now,
                borough_id=boroughs[n % len(boroughs)],
                description="A synthetic report for measuring the subject access search.",
                contact_name=name,
                contact_email=email,
                contact_phone=phone,
                search_name=person_keys.name_key(name),
                search_email=person_keys.email_key(email),
                search_phone=person_keys.phone_key(phone),
            )

    started = datetime.now()
    support.insert(Report, reports(), batch_size=10_000)
    print(f"  loaded {REPORTS:,} reports ({(datetime.now() - started).seconds} s)", flush=True)
    first_pk = Report.objects.order_by("pk").values_list("pk", flat=True).first() or 1

    def referrals():
        for n in range(REFERRALS):
            source = None
            if rng.random() < 0.1:
                index, first, last = rng.choice(named_reports)
                source = first_pk + index
            else:
                first, last = _named(rng)
            born = date(1950, 1, 1) + timedelta(days=rng.randint(0, 65 * 365))
            if n % max(REFERRALS // SEARCHES, 1) == 3:
                samples["date_of_birth"].append(born)
            yield Referral(
                first_name=first,
                last_name=last,
                date_of_birth=born,
                borough_id=boroughs[n % len(boroughs)],
                referrer_name="Bench Referrer",
                referring_sector=ReferringSector.EDUCATION,
                referrer_contact="01204 000000",
                concern="A synthetic concern.",
                concern_type=ConcernType.EXTREME_RIGHT_WING,
                person_aware=PersonAware.NOT_ASKED,
                safeguarding_lead_consulted=True,
                reference=f"SG-{n // 10_000:04d}-{n % 10_000:04d}",
                source_report_id=source,
                search_name=person_keys.name_key_of(first, last),
            )

    support.insert(Referral, referrals(), batch_size=10_000)
    print(f"  loaded {REFERRALS:,} referrals ({(datetime.now() - started).seconds} s)", flush=True)

    linked = rng.sample(range(REPORTS), CALLS // 5)

    def calls():
        for n in range(CALLS):
            notes = "Advice on reporting to the police."
            if rng.random() < 0.33:
                first, last = _named(rng)
                notes = f"{first} {last} called about shouting in the street; advised to report."
            yield HelplineCall(
                advisor=advisor,
                taken_at=now - timedelta(minutes=n),
                duration_minutes=10,
                caller_type=CallerType.VICTIM,
                topic=CallTopic.HATE_INCIDENT,
                outcome=CallOutcome.ADVICE_ONLY,
                borough_id=boroughs[n % len(boroughs)],
                notes=notes,
                report_id=first_pk + linked[n] if n < len(linked) else None,
            )

    support.insert(HelplineCall, calls(), batch_size=10_000)
    print(f"  loaded {CALLS:,} calls ({(datetime.now() - started).seconds} s)", flush=True)
    return samples


def measure(samples: dict[str, list]) -> list[tuple[str, list[float], list[int]]]:
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from commonground.core.models import User
    from commonground.governance.actions.requests import create_request

    officer = User.objects.get(username="bench-dpo")
    client = Client()
    client.force_login(officer)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=officer).persistent_id
    session.save()
    request = create_request(
        actor=officer, subject_name="Bench Person", contact="by post", received_on=date.today()
    )
    url = f"/staff/subject-access/{request.pk}/search/"
    results = []
    for kind, values in samples.items():
        values = values[:SEARCHES]
        client.post(
            url,
            {kind: str(values[0]) if kind != "date_of_birth" else f"{values[0]:%d/%m/%Y}", "reason": "Warm"},
        )
        times, shown = [], []
        for value in values:
            typed = f"{value:%d/%m/%Y}" if kind == "date_of_birth" else value
            started = time.perf_counter()
            response = client.post(url, {kind: typed, "reason": f"Bench request {request.pk}"})
            body = response.content
            times.append(time.perf_counter() - started)
            assert response.status_code == 200, f"search by {kind} answered {response.status_code}"
            shown.append(body.count(b'name="refs"'))
            assert shown[-1] > 0, f"search by {kind} for {value!r} found nothing"
        results.append((kind.replace("_", " "), times, shown))
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sqlite", action="store_true", help="measure on SQLite (a file of its own) instead")
    parser.add_argument("--drop", action="store_true", help="drop the bench database at the end")
    parser.add_argument("--scale", type=float, default=1.0, help="a share of the volumes (a quick try)")
    args = parser.parse_args(argv)
    global REPORTS, REFERRALS, CALLS
    REPORTS, REFERRALS, CALLS = (int(n * args.scale) for n in (REPORTS, REFERRALS, CALLS))

    tmp = tempfile.TemporaryDirectory()
    os.environ.update(support.environment(DATABASE))
    if args.sqlite:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"
    else:
        support.create_database(DATABASE)
    sys.path.insert(0, str(ROOT))

    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    engine = "SQLite" if args.sqlite else f"PostgreSQL database {DATABASE}"
    print(f"The subject access search at scale: {engine}", flush=True)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)
    from commonground.core.actions.places import load_places

    load_places(actor=None, folder=settings.DEFAULT_PLACES_DIR)
    try:
        samples = load(random.Random(SEED))
        if args.sqlite:
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        else:
            support.vacuum_analyze(DATABASE)
        results = measure(samples)
        print(
            f"\nSearches by a data protection officer ({REPORTS:,} reports, {REFERRALS:,} referrals, {CALLS:,} calls)"
        )
        print(
            f"  {'search by':<16} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}   {'records shown':>13}   {'n':>4}"
        )
        for label, times, shown in results:
            ms = sorted(t * 1000 for t in times)
            p95 = support.percentile(ms, 0.95)
            verdict = "ok" if p95 < TARGET_P95_MS else "SLOW"
            print(
                f"  {label:<16} {statistics.median(ms):8.1f} {p95:8.1f} {ms[-1]:8.1f}   "
                f"{min(shown):>5}–{max(shown):<7}   {len(ms):>4}   {verdict}"
            )
        print(f"  target: p95 under {TARGET_P95_MS} ms")
    finally:
        from django.db import connections

        connections.close_all()
        if args.drop and not args.sqlite:
            support.drop_database(DATABASE)
        tmp.cleanup()


if __name__ == "__main__":
    main()
