"""Casework at scale: the coordinator's pages against 50,000 safeguarding cases and 500,000 case events.

The cases are referrals in the states a real caseload holds, spread over the ten boroughs; a third
reached a panel, and a fifth were adopted with a support plan. The events are the rows each step
leaves: screening decisions, police gateway checks, information requests and their answers, panel
agenda items with their factor discussions and decisions, attendance, interventions with progress
notes, plan actions, case milestones and exit reviews. They are loaded with `bulk_create` into a
PostgreSQL database of their own (`commonground_bench_casework`), kept for the next run unless
`--fresh` asks for a new load or `--drop` removes it afterwards.

Then, in this process with Django's test client (so the figures are server time, without a network
or a web server), the Bolton coordinator of the demo accounts, signed in with the second factor,
asks 200 times for each of: the list of referrals (varying the status filter and the page), a
referral's page (varying the referral) and the panel attendance report (varying the borough and the
period). We print p50, p95 and the slowest request; the p95 of this process's CPU time and of the
time spent waiting on PostgreSQL, which tell the code's own cost from a busy machine's; and the SQL
queries each request ran. The goal is p95 under 300 ms. Figures are printed, never asserted: the
machine is shared and noisy.

Run alone with `python -m benchmarks.casework`; `make bench` runs it after the other benchmarks.
"""

import argparse
import os
import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psycopg

from benchmarks import support

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "commonground_bench_casework"
CASES = 50_000
EVENTS = 500_000
REQUESTS = 200
TARGET_P95_MS = 300
SEED = 20_261_122
YEARS = 5

# How a caseload is spread over the statuses (per cent): most referrals end at screening; about a
# third reach a panel; adopted and exited cases carry a support plan.
STATUS_MIX = {
    "to_screen": 3,
    "with_police": 3,
    "information_gathering": 11,
    "police_led": 6,
    "signposted": 25,
    "no_further_action": 22,
    "at_panel": 3,
    "adopted": 10,
    "not_adopted": 7,
    "exited": 10,
}
RECENT = {"to_screen", "with_police", "information_gathering", "at_panel"}  # received in the last weeks
PANEL = {"at_panel", "adopted", "not_adopted", "exited"}
SUPPORTED = {"adopted", "exited"}
GATHERED = PANEL | {"information_gathering"}

FIRST_NAMES = [
    "Aaliyah", "Adam", "Aisha", "Alex", "Amir", "Ben", "Callum", "Chloe", "Connor", "Daniel", "Ella",
    "Ethan", "Fatima", "Grace", "Hamza", "Harry", "Ibrahim", "Isla", "Jack", "Jade", "Jordan", "Kai",
    "Leah", "Liam", "Maya", "Mohammed", "Nathan", "Noah", "Olivia", "Omar", "Reece", "Ryan", "Sam",
    "Sara", "Tyler", "Yusuf", "Zara", "Zain",
]  # fmt: skip
LAST_NAMES = [
    "Ahmed", "Ali", "Baker", "Begum", "Brown", "Clarke", "Davies", "Evans", "Green", "Hall", "Hussain",
    "Iqbal", "Jackson", "Johnson", "Khan", "Kowalski", "Lewis", "Mahmood", "Nowak", "Patel", "Roberts",
    "Shah", "Smith", "Taylor", "Thomas", "Walker", "White", "Williams", "Wilson", "Wright", "Young",
]  # fmt: skip
CONCERNS = [
    "Has been sharing violent extremist videos with classmates and talks about hurting people.",
    "Family worried about time spent in closed online groups and a new hostility to neighbours.",
    "Made comments at work supporting a recent attack; colleagues are concerned.",
    "Fixated on school shootings; searches for weapons online.",
    "Posting material from a proscribed group on social media.",
]


def _loaded_before() -> bool:
    """Whether an earlier run finished loading the bench database (a load cut short is redone)."""
    if not support.database_exists(DATABASE):
        return False
    with psycopg.connect(support.bench_url(DATABASE)) as connection:
        if connection.execute("SELECT to_regclass('bench_casework_loaded')").fetchone()[0] is None:
            return False
        return connection.execute("SELECT count(*) FROM bench_casework_loaded").fetchone()[0] > 0


# --- Loading -------------------------------------------------------------------------------------


class Cast:
    """The people and agencies of the synthetic partnership, per borough."""

    def __init__(self):
        from django.conf import settings

        from commonground.core.actions.places import load_places
        from commonground.core.actions.roles import grant_role
        from commonground.core.demo import load_demo
        from commonground.core.models import Agency, AgencyKind, Area, User
        from commonground.core.roles import Role

        load_places(actor=None, folder=settings.DEFAULT_PLACES_DIR)
        load_demo()
        self.boroughs = list(Area.objects.boroughs().order_by("code"))
        self.wards = {
            b.pk: list(Area.objects.wards().filter(parent=b).values_list("pk", flat=True))
            for b in self.boroughs
        }
        self.police = Agency.objects.get(name="Demo Police Force")
        self.health = Agency.objects.get(name="Demo Health Partnership")
        self.coordinators, self.agencies, self.answerers = {}, {}, {}
        kinds = [
            ("Council", AgencyKind.COUNCIL),
            ("Schools", AgencyKind.EDUCATION),
            ("Housing", AgencyKind.HOUSING),
            ("Youth Service", AgencyKind.YOUTH_SERVICE),
            ("Probation", AgencyKind.PROBATION),
        ]
        for borough in self.boroughs:
            agencies = []
            for suffix, kind in kinds:
                agency, _ = Agency.objects.get_or_create(
                    name=f"{borough.name} {suffix}", defaults={"kind": kind}
                )
                agency.areas.set([borough])
                agencies.append(agency)
            self.agencies[borough.pk] = [self.police, self.health, *agencies[1:]]
            code = borough.code.lower()
            coordinator = (
                User.objects.filter(username="coordinator").first() if borough.code == "E08000001" else None
            )
            if coordinator is None:
                coordinator, _ = User.objects.get_or_create(
                    username=f"bench-coordinator-{code}",
                    defaults={
                        "first_name": "Bench",
                        "last_name": f"Coordinator {borough.name}",
                        "agency": agencies[0],
                    },
                )
                grant_role(
                    actor=None, user=coordinator, role=Role.SAFEGUARDING_COORDINATOR, reason="Benchmark"
                )
            self.coordinators[borough.pk] = coordinator
            for agency in self.agencies[borough.pk]:
                if agency.pk in self.answerers:
                    continue
                answerer, _ = User.objects.get_or_create(
                    username=f"bench-answerer-{agency.pk}",
                    defaults={"first_name": "Bench", "last_name": f"Answerer {agency.pk}", "agency": agency},
                )
                grant_role(actor=None, user=answerer, role=Role.PANEL_MEMBER, reason="Benchmark")
                self.answerers[agency.pk] = answerer
        self.police_officer = self.answerers[self.police.pk]


def _status_list(rng: random.Random) -> list[str]:
    statuses = [status for status, share in STATUS_MIX.items() for _ in range(CASES * share // 100)]
    statuses += ["signposted"] * (CASES - len(statuses))
    rng.shuffle(statuses)
    return statuses


def load(rng: random.Random) -> dict[str, int]:
    """Load the cases and their events; the number of rows of each kind."""
    from django.db import connection

    from commonground.safeguarding.models import (
        AgendaItem,
        Attendance,
        CaseEvent,
        EqualityMonitoring,
        ExitReview,
        FactorDiscussion,
        GatewayCheck,
        InformationRequest,
        Intervention,
        PanelDecision,
        PanelMeeting,
        PlanAction,
        ProgressNote,
        Referral,
        ScreeningDecision,
        VulnerabilityFactor,
    )

    cast = Cast()
    now = datetime.now(UTC).replace(microsecond=0)
    today = now.date()
    start = now - timedelta(days=365 * YEARS)
    counts: Counter = Counter()

    # Referrals ---------------------------------------------------------------------------------
    def referrals():
        for number, status in enumerate(_status_list(rng)):
            borough = cast.boroughs[number % len(cast.boroughs)]
            if status in RECENT:
                received_at = now - timedelta(minutes=rng.randint(60, 60 * 24 * 75))
            else:
                received_at = start + timedelta(minutes=rng.randint(0, 60 * 24 * (365 * YEARS - 120)))
            age = rng.choice([13, 14, 15, 16, 16, 17, 18, 19, 22, 25, 31, 40])
            known_birthday = rng.random() < 0.8
            yield Referral(
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                date_of_birth=(received_at.date() - timedelta(days=365 * age + rng.randint(0, 364)))
                if known_birthday
                else None,
                age_years=None if known_birthday else age,
                gender=rng.choice(["Male", "Male", "Female", ""]),
                borough_id=borough.pk,
                ward_id=rng.choice(cast.wards[borough.pk])
                if cast.wards[borough.pk] and rng.random() < 0.7
                else None,
                address=f"{rng.randint(1, 200)} Example Street",
                referrer_name="Bench Referrer",
                referrer_role="Designated safeguarding lead",
                referrer_agency_name=f"{borough.name} school",
                referring_sector=rng.choice(
                    ["education", "education", "police", "health", "local_authority", "community"]
                ),
                referrer_contact="01234 000000",
                concern=rng.choice(CONCERNS),
                concern_type=rng.choice(
                    [
                        "islamist",
                        "extreme_right_wing",
                        "extreme_right_wing",
                        "mixed_unclear_unstable",
                        "no_ideology",
                        "school_massacre",
                    ]
                ),
                person_aware=rng.choice(["yes", "no", "not_asked"]),
                safeguarding_lead_consulted=rng.random() < 0.8,
                received_at=received_at,
                status=status,
            )

    cases = [
        (r.pk, r.borough_id, r.status, r.received_at)
        for r in support.insert(Referral, referrals(), keep=True)
    ]
    counts["referrals (cases)"] = len(cases)
    support.insert(
        EqualityMonitoring,
        (
            EqualityMonitoring(
                referral_id=pk,
                ethnic_group=rng.choice(
                    ["white_british", "asian_pakistani", "prefer_not_to_say", "black_african"]
                ),
                religion=rng.choice(["no_religion", "muslim", "christian", "prefer_not_to_say"]),
            )
            for pk, _, _, _ in cases
            if rng.random() < 0.6
        ),
    )

    # Screening and the police gateway ------------------------------------------------------------
    screening = {
        "with_police": ("passed_to_police", ""),
        "police_led": ("passed_to_police", ""),
        "signposted": ("not_appropriate", "Early help and the school's pastoral team"),
        "no_further_action": ("no_further_action", ""),
    }

    def screening_decisions():
        for pk, borough_id, status, received_at in cases:
            if status == "to_screen":
                continue
            decision, signposted_to = screening.get(status, ("proceed", ""))
            yield ScreeningDecision(
                referral_id=pk,
                decision=decision,
                reasons="Screened against the Channel criteria; reasons recorded for the benchmark.",
                signposted_to=signposted_to,
                decided_by=cast.coordinators[borough_id],
                decided_at=received_at + timedelta(days=rng.randint(1, 5)),
            )

    counts["screening decisions"] = support.insert(ScreeningDecision, screening_decisions())

    def gateway_checks():
        for pk, _, status, received_at in cases:
            if status in GATHERED or status == "police_led":
                yield GatewayCheck(
                    referral_id=pk,
                    outcome="police_led" if status == "police_led" else "passed_to_channel",
                    notes="No information that the person poses a terrorism risk."
                    if status != "police_led"
                    else "Counter-terrorism risk: police-led.",
                    recorded_by=cast.police_officer,
                    recorded_at=received_at + timedelta(days=rng.randint(5, 12)),
                )

    counts["police gateway checks"] = support.insert(GatewayCheck, gateway_checks())

    def information_requests():
        for pk, borough_id, status, received_at in cases:
            if status not in GATHERED:
                continue
            for agency in rng.sample(cast.agencies[borough_id], rng.randint(2, 5)):
                answered = status != "information_gathering" or rng.random() < 0.6
                sent = received_at + timedelta(days=rng.randint(6, 14))
                yield InformationRequest(
                    referral_id=pk,
                    agency=agency,
                    question="Is the person known to your service? Anything relevant to the concern?",
                    due_on=(sent + timedelta(days=10)).date(),
                    sent_by=cast.coordinators[borough_id],
                    answer="Known to the service; details shared for the panel." if answered else "",
                    answered_by=cast.answerers[agency.pk] if answered else None,
                    answered_at=sent + timedelta(days=rng.randint(1, 9)) if answered else None,
                )

    counts["information requests and answers"] = support.insert(InformationRequest, information_requests())

    # Panels ----------------------------------------------------------------------------------------
    # A panel every fortnight in each borough, from the first referral to four weeks ahead.
    def meetings():
        for borough in cast.boroughs:
            day = start.date() + timedelta(days=rng.randint(0, 13))
            while day <= today + timedelta(days=28):
                yield PanelMeeting(
                    borough=borough,
                    meets_on=day,
                    chair=cast.coordinators[borough.pk],
                    location="Town hall",
                    created_by=cast.coordinators[borough.pk],
                )
                day += timedelta(days=14)

    panels = support.insert(PanelMeeting, meetings(), keep=True)
    counts["panel meetings"] = len(panels)
    by_borough: dict[int, list] = {}
    for meeting in panels:
        by_borough.setdefault(meeting.borough_id, []).append(meeting)

    def attendance():
        for meeting in panels:
            present = [cast.police, cast.health, *rng.sample(cast.agencies[meeting.borough_id][2:], 3)]
            for agency in present:
                # The police send apologies to about one panel in twelve.
                attended = not (agency == cast.police and rng.random() < 0.08)
                yield Attendance(
                    meeting=meeting,
                    agency=agency,
                    person=cast.answerers[agency.pk],
                    name=f"Bench attendee {agency.pk}",
                    role="Panel member",
                    is_decision_maker=True,
                    attended=attended,
                )
            yield Attendance(
                meeting=meeting,
                agency=cast.agencies[meeting.borough_id][2],
                name="Chair's deputy",
                attended=rng.random() < 0.5,
            )

    counts["panel attendance"] = support.insert(Attendance, attendance())

    def _first_meeting_after(borough_id: int, day: date):
        for meeting in by_borough[borough_id]:
            if meeting.meets_on >= day:
                return meeting
        return by_borough[borough_id][-1]

    agenda = []  # (referral status, agenda item, whether it is the case's first)
    for pk, borough_id, status, received_at in cases:
        if status not in PANEL:
            continue
        meetings_of = by_borough[borough_id]
        first = _first_meeting_after(borough_id, received_at.date() + timedelta(days=21))
        index = meetings_of.index(first)
        reviews = rng.randint(1, 3) if status in SUPPORTED else 0
        for offset in range(reviews + 1):
            if index + offset >= len(meetings_of):
                break
            agenda.append(
                (
                    status,
                    AgendaItem(meeting=meetings_of[index + offset], referral_id=pk, order=offset),
                    offset == 0,
                )
            )
    saved = support.insert(AgendaItem, (item for _, item, _ in agenda), keep=True)
    agenda = [(status, item, first) for (status, _, first), item in zip(agenda, saved, strict=True)]
    counts["panel agenda items"] = len(agenda)

    def decisions():
        for status, item, first in agenda:
            if status == "at_panel":
                continue
            if first and status in SUPPORTED:
                yield PanelDecision(
                    agenda_item=item,
                    outcome="adopt",
                    reasons="Vulnerable to being drawn into terrorism; support should help.",
                    consent_given_by=rng.choice(["person", "parent_or_guardian"]),
                    consent_given_on=item.meeting.meets_on,
                    decided_by=cast.coordinators[item.meeting.borough_id],
                )
            elif first:
                yield PanelDecision(
                    agenda_item=item,
                    outcome="not_adopt",
                    reasons="Needs are better met by other services.",
                    signposted_to="Children's social care",
                    decided_by=cast.coordinators[item.meeting.borough_id],
                )
            else:
                yield PanelDecision(
                    agenda_item=item,
                    outcome="review_next",
                    reasons="Progress reviewed; keep under review.",
                    decided_by=cast.coordinators[item.meeting.borough_id],
                )

    counts["panel decisions"] = support.insert(PanelDecision, decisions())

    # Support plans, exit and reviews ---------------------------------------------------------------
    supported = [(pk, b, s, r) for pk, b, s, r in cases if s in SUPPORTED]

    def interventions():
        for pk, borough_id, _, received_at in supported:
            for _ in range(rng.randint(2, 3)):
                starts_on = received_at.date() + timedelta(days=rng.randint(40, 70))
                yield Intervention(
                    referral_id=pk,
                    kind=rng.choice(
                        ["mentoring", "mentoring", "education", "health", "family_support", "employment"]
                    ),
                    provider="Intervention provider",
                    owner=cast.coordinators[borough_id],
                    starts_on=starts_on,
                    due_on=starts_on + timedelta(days=90),
                    status=rng.choice(["active", "completed", "completed", "planned"]),
                )

    saved_interventions = support.insert(Intervention, interventions(), keep=True)
    counts["interventions"] = len(saved_interventions)

    def notes():
        for intervention in saved_interventions:
            for number in range(rng.randint(2, 4)):
                yield ProgressNote(
                    intervention=intervention,
                    note=f"Session {number + 1}: engaged well; next session booked.",
                    written_by=intervention.owner,
                )

    counts["progress notes"] = support.insert(ProgressNote, notes())

    def plan_actions():
        for pk, borough_id, status, received_at in supported:
            for number in range(2):
                yield PlanAction(
                    referral_id=pk,
                    description=f"Plan action {number + 1}: check in with the family",
                    owner=cast.coordinators[borough_id],
                    due_on=received_at.date() + timedelta(days=60 + 30 * number),
                    done_at=received_at + timedelta(days=55 + 30 * number) if status == "exited" else None,
                )

    counts["plan actions"] = support.insert(PlanAction, plan_actions())

    exits = []

    def case_events():
        for pk, borough_id, status, received_at in supported:
            if status != "exited":
                continue
            exited_on = min(received_at.date() + timedelta(days=rng.randint(150, 300)), today)
            exits.append((pk, borough_id, exited_on))
            if rng.random() < 0.15:
                yield CaseEvent(
                    referral_id=pk,
                    kind="consent_withdrawn",
                    happened_on=exited_on,
                    reasons="The person no longer wishes to take part.",
                    recorded_by=cast.coordinators[borough_id],
                )
            yield CaseEvent(
                referral_id=pk,
                kind="exited",
                happened_on=exited_on,
                reasons="The support plan has been completed.",
                recorded_by=cast.coordinators[borough_id],
            )

    counts["case milestones"] = support.insert(CaseEvent, case_events())

    def exit_reviews():
        for pk, borough_id, exited_on in exits:
            for months in (6, 12):
                due_on = exited_on + timedelta(days=months * 30)
                done = due_on < today
                yield ExitReview(
                    referral_id=pk,
                    months_after_exit=months,
                    due_on=due_on,
                    completed_at=datetime.combine(due_on, datetime.min.time(), UTC) if done else None,
                    completed_by=cast.coordinators[borough_id] if done else None,
                    outcome="No further concerns." if done else "",
                )

    counts["exit reviews"] = support.insert(ExitReview, exit_reviews())

    # The factor discussions make up the rest of the events: each case's first panel discusses a
    # share of the framework's factors (never all 22: the panel records those it has evidence on).
    factors = list(VulnerabilityFactor.objects.filter(is_active=True).values_list("pk", flat=True))
    discussed = [item for status, item, first in agenda if first and status != "at_panel"]
    remaining = EVENTS - sum(
        n for kind, n in counts.items() if kind not in {"referrals (cases)", "panel meetings"}
    )
    per_item, extra = divmod(max(remaining, 0), len(discussed))
    per_item = min(per_item, len(factors))

    def factor_discussions():
        for number, item in enumerate(discussed):
            chosen = rng.sample(factors, min(per_item + (1 if number < extra else 0), len(factors)))
            for factor in chosen:
                yield FactorDiscussion(
                    agenda_item=item,
                    factor_id=factor,
                    judgement=rng.choice(["present", "not_present", "not_known"]),
                    evidence="Discussed by the panel.",
                )

    counts["factor discussions"] = support.insert(FactorDiscussion, factor_discussions())

    # Dates that `auto_now_add` set to today: move them to when the step happened.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE safeguarding_informationrequest SET sent_at = answered_at - interval '3 days' "
            "WHERE answered_at IS NOT NULL"
        )
        cursor.execute(
            "UPDATE safeguarding_informationrequest SET sent_at = due_on - interval '10 days' "
            "WHERE answered_at IS NULL"
        )
        cursor.execute(
            "UPDATE safeguarding_paneldecision d SET decided_at = m.meets_on + interval '12 hours' "
            "FROM safeguarding_agendaitem a JOIN safeguarding_panelmeeting m ON m.id = a.meeting_id "
            "WHERE a.id = d.agenda_item_id"
        )
        cursor.execute(
            "UPDATE safeguarding_progressnote n SET written_at = i.starts_on + (n.id % 80) * interval '1 day' "
            "FROM safeguarding_intervention i WHERE i.id = n.intervention_id"
        )
        cursor.execute("UPDATE safeguarding_caseevent SET recorded_at = happened_on + interval '10 hours'")
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_casework_loaded (events integer, seconds double precision)"
        )
    return dict(counts)


# --- Measuring -----------------------------------------------------------------------------------


@dataclass
class Timings:
    """Per request: server time (wall clock), this process's CPU time, time waiting on SQL, queries."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    sql: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)


def _measure(client, paths: list[str], expect: str) -> Timings:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for path in paths[:5]:  # warm the caches (templates, content types) before measuring
        client.get(path)
    timings = Timings()
    for path in paths:
        with CaptureQueriesContext(connection) as captured:
            cpu, started = time.process_time(), time.perf_counter()
            response = client.get(path)
            timings.wall.append(time.perf_counter() - started)
            timings.cpu.append(time.process_time() - cpu)
        assert response.status_code == 200, f"{path} answered {response.status_code}"
        assert expect in response.content.decode(), f"{path} did not show {expect!r}"
        timings.sql.append(sum(float(query["time"]) for query in captured.captured_queries))
        timings.queries.append(len(captured.captured_queries))
    return timings


def _ms(samples: list[float]) -> list[float]:
    return sorted(sample * 1000 for sample in samples)


def _row(label: str, timings: Timings) -> str:
    wall = _ms(timings.wall)
    p95 = support.percentile(wall, 0.95)
    low, high = min(timings.queries), max(timings.queries)
    counted = f"{low}" if low == high else f"{low}-{high}"
    verdict = "ok" if p95 < TARGET_P95_MS else "SLOW"
    return (
        f"  {label:<24} {statistics.median(wall):7.1f} {p95:7.1f} {wall[-1]:7.1f}"
        f" {support.percentile(_ms(timings.cpu), 0.95):9.1f} {support.percentile(_ms(timings.sql), 0.95):9.1f}"
        f"   {counted:>7}  {len(wall):>4}  {verdict}"
    )


def measure(rng: random.Random, requests: int) -> None:
    from commonground.core.models import Area
    from commonground.safeguarding.models import Referral, ReferralStatus

    bolton = Area.objects.get(code="E08000001")
    client = support.signed_in_client("coordinator")
    ids = list(Referral.objects.filter(borough=bolton).values_list("pk", flat=True))
    per_status = _status_counts(bolton)
    total = sum(per_status.values())

    list_paths = []
    choices = ["", *ReferralStatus.values]
    for number in range(requests):
        status = choices[number % len(choices)]
        pages = max((per_status.get(status, 0) if status else total) // 50, 1)
        # Most people look at the first pages; some page far back.
        page = rng.randint(1, min(pages, 3)) if rng.random() < 0.7 else rng.randint(1, pages)
        list_paths.append(f"/staff/safeguarding/?status={status}&page={page}")

    case_paths = [f"/staff/safeguarding/referrals/{pk}/" for pk in rng.sample(ids, requests)]

    today = date.today()
    attendance_paths = []
    for _ in range(requests):
        days = rng.choice([30, 91, 182, 365, 365, 730, 365 * YEARS])
        date_to = today - timedelta(days=rng.randint(0, 365))
        date_from = date_to - timedelta(days=days)
        borough = rng.choice(["", str(bolton.pk)])
        attendance_paths.append(
            f"/staff/safeguarding/panels/attendance/?borough={borough}"
            f"&date_from={date_from:%d/%m/%Y}&date_to={date_to:%d/%m/%Y}"
        )

    results = [
        ("Case list", _measure(client, list_paths, "Safeguarding referrals")),
        ("Case (referral) page", _measure(client, case_paths, "Steps so far")),
        ("Panel attendance report", _measure(client, attendance_paths, "Panels without police")),
    ]
    print(f"\nThe Bolton coordinator, {requests} requests per page (server time, in process)")
    print(
        f"  {'page':<24} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'p95 CPU':>9} {'p95 SQL':>9}"
        f"   {'queries':>7}  {'n':>4}"
    )
    for label, timings in results:
        print(_row(label, timings))
    print(
        f"  target: p95 under {TARGET_P95_MS} ms (server time). CPU: this process; SQL: waiting on PostgreSQL."
    )
    load = os.getloadavg()[0]
    print(f"  load average while measuring: {load:.1f} on {os.cpu_count()} cores")
    print(
        f"  Bolton holds {total:,} of the cases; its list filtered by status: "
        + ", ".join(f"{status} {count:,}" for status, count in sorted(per_status.items()))
    )


def _status_counts(borough) -> dict[str, int]:
    from django.db.models import Count

    from commonground.safeguarding.models import Referral

    rows = Referral.objects.filter(borough=borough).order_by().values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


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
    reuse = not args.fresh and _loaded_before()
    if not reuse:
        support.create_database(DATABASE)

    import django
    from django.core.management import call_command

    django.setup()
    print(f"Casework at scale: PostgreSQL database {DATABASE}", flush=True)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)  # production settings serve from the manifest
    rng = random.Random(SEED)
    if reuse:
        print("  reusing the cases loaded by an earlier run (--fresh loads them again)")
    else:
        from django.db import connection

        started = time.perf_counter()
        counts = load(rng)
        support.vacuum_analyze(DATABASE)
        seconds = time.perf_counter() - started
        events = sum(n for kind, n in counts.items() if kind not in {"referrals (cases)", "panel meetings"})
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO bench_casework_loaded VALUES (%s, %s)", [events, seconds])
        print(f"  loaded in {seconds:.0f} s (bulk_create, batches of 5,000, then VACUUM ANALYZE):")
        for kind, n in counts.items():
            print(f"    {kind:<36} {n:>9,}")
        print(f"    {'case events in all':<36} {events:>9,}")
    try:
        measure(rng, args.requests)
    finally:
        from django.db import connections

        connections.close_all()
        if args.drop:
            support.drop_database(DATABASE)


if __name__ == "__main__":
    main()
