"""The panel pack of a 46-case meeting: how long gathering its data and rendering its PDF take,
how many SQL queries each runs, and the process's peak memory after each (VmHWM).

A Bolton meeting is built through the app's own actions, as a coordinator would: 46 referrals,
each screened, with a partner's answer to an information request and every vulnerability factor
discussed with evidence; the meeting's attendance is recorded. It lives in a PostgreSQL database of
its own (`commonground_bench_panel_pack`), made afresh each run and dropped at the end.

Then, in a new process (so that its peak memory is the pack's, not the build's), the demo Bolton
coordinator's pack is gathered (`queries.panel_pack`, the access check and one export event per
case included) and rendered (`documents.panel_pack_pdf`), each timed (wall clock and this process's
CPU time, which tells the code's cost from a busy machine's) and its queries counted; the peak
memory is read after each step, so the render's figure includes everything before it. The pack is
rendered once more to show a second render's cost. Above `PANEL_PACK_BACKGROUND_FROM` cases this
work is the worker's, not a web request's.
Figures are printed, never asserted: the machine is shared and noisy.

Run alone with `python -m benchmarks.panel_pack`; `make bench` runs it with the other benchmarks.
"""

import argparse
import os
import re
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from benchmarks import support

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "commonground_bench_panel_pack"
CASES = 46


def _peak_mib() -> float:
    """This process's peak resident memory. VmHWM rather than ru_maxrss: Linux keeps ru_maxrss
    across exec, so a process started by a larger one would report its parent's peak."""
    status = Path("/proc/self/status").read_text()
    if match := re.search(r"^VmHWM:\s+(\d+) kB", status, re.M):
        return int(match.group(1)) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def build_meeting(cases: int):
    """A Bolton meeting with `cases` referrals on its agenda, each as a panel would see it."""
    from django.conf import settings
    from django.utils import timezone

    from commonground.core.actions.places import load_places
    from commonground.core.demo import load_demo
    from commonground.core.models import Area, User
    from commonground.safeguarding.actions import panels
    from commonground.safeguarding.actions.information import send_information_request
    from commonground.safeguarding.actions.information_answers import answer_information_request
    from commonground.safeguarding.actions.referrals import ReferralDetails, submit_referral
    from commonground.safeguarding.actions.steps import record_screening_decision
    from commonground.safeguarding.models import (
        ConcernType,
        PersonAware,
        ReferringSector,
        VulnerabilityFactor,
    )

    load_places(actor=None, folder=settings.DEFAULT_PLACES_DIR)
    load_demo()
    coordinator = User.objects.get(username="coordinator")
    partner = User.objects.get(username="partner")
    answerer = User.objects.get(username="triage")  # answers for the council
    bolton = Area.objects.boroughs().get(name="Bolton")
    meeting = panels.create_panel_meeting(
        actor=coordinator,
        borough=bolton,
        meets_on=timezone.localdate(),
        chair=coordinator,
        location="Town hall",
    )
    panels.record_attendance(
        actor=coordinator,
        meeting=meeting,
        details=panels.AttendanceDetails(agency=partner.agency, person=partner, name="", attended=True),
    )
    factors = list(VulnerabilityFactor.objects.filter(is_active=True))
    for number in range(cases):
        referral = submit_referral(
            actor=coordinator,
            details=ReferralDetails(
                first_name=f"Person{number}",
                last_name="Example",
                date_of_birth=date(2008, 1, 1) + timedelta(days=number * 37),
                borough=bolton,
                referrer_name="Alex Morgan",
                referrer_role="Designated safeguarding lead",
                referrer_agency_name="Hillside High School",
                referring_sector=ReferringSector.EDUCATION,
                referrer_contact="01204 000000",
                concern="Shares extremist videos with classmates and talks about hurting people. " * 4,
                concern_type=ConcernType.EXTREME_RIGHT_WING,
                person_aware=PersonAware.NOT_ASKED,
                safeguarding_lead_consulted=True,
            ),
            equality=None,
        )
        record_screening_decision(
            actor=coordinator, referral=referral, decision="proceed", reasons="Needs a panel"
        )
        referral.refresh_from_db()
        request = send_information_request(
            actor=coordinator,
            referral=referral,
            agency=answerer.agency,
            question="Is the person known to you?",
            due_on=timezone.localdate() + timedelta(days=7),
        )
        answer_information_request(
            actor=answerer, request=request, answer="Known to us since last year. " * 5
        )
        item = panels.add_to_agenda(actor=coordinator, meeting=meeting, referral=referral)
        panels.record_factor_discussion(
            actor=coordinator,
            agenda_item=item,
            judgements={
                f.pk: panels.Judgement("present", "Seen by the school and the police.") for f in factors
            },
        )
    return coordinator, meeting


def measure(meeting_id: int) -> None:
    """In a process of its own (so its peak memory is the pack's, not the build's)."""
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from commonground.core.access import scope_for
    from commonground.core.models import User
    from commonground.safeguarding import documents, queries

    scope = scope_for(User.objects.get(username="coordinator"))
    before = _peak_mib()
    steps = []

    def step(label, work):
        with CaptureQueriesContext(connection) as captured:
            started, cpu = time.perf_counter(), time.process_time()
            result = work()
            steps.append(
                (label, time.perf_counter() - started, time.process_time() - cpu, len(captured), _peak_mib())
            )
        return result

    pack = step("gathering the data", lambda: queries.panel_pack(scope, meeting_id))
    pdf = step("rendering the PDF", lambda: documents.panel_pack_pdf(pack))
    step("rendering it again", lambda: documents.panel_pack_pdf(pack))
    print(
        f"\nPanel pack of a {len(pack.cases)}-case meeting ({len(pdf) / 1024:,.0f} KiB of PDF), in a new process"
    )
    print(f"  peak memory after start-up:     {before:7.1f} MiB (VmHWM)")
    print(f"  {'step':<22} {'time':>9} {'CPU':>9} {'queries':>8} {'peak memory':>12}")
    for label, seconds, cpu, queries_run, peak in steps:
        print(f"  {label:<22} {seconds * 1000:7.0f} ms {cpu * 1000:6.0f} ms {queries_run:8d} {peak:8.1f} MiB")
    print("  (above PANEL_PACK_BACKGROUND_FROM cases this is the worker's work, not a web request's)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=CASES, help="cases on the meeting's agenda")
    parser.add_argument("--measure", type=int, metavar="MEETING", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    os.environ.update(support.environment(DATABASE))
    sys.path.insert(0, str(ROOT))
    if args.measure:
        measure(args.measure)
        return
    support.create_database(DATABASE)

    import django
    from django.core.management import call_command

    django.setup()
    print(f"Panel pack: PostgreSQL database {DATABASE}", flush=True)
    try:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        _coordinator, meeting = build_meeting(args.cases)
        print(
            f"  built the meeting through the app's actions in {time.perf_counter() - started:.0f} s",
            flush=True,
        )
        from django.db import connections

        connections.close_all()
        subprocess.run(
            [sys.executable, "-m", "benchmarks.panel_pack", "--measure", str(meeting.pk)],
            cwd=ROOT,
            check=True,
        )
    finally:
        from django.db import connections

        connections.close_all()
        support.drop_database(DATABASE)


if __name__ == "__main__":
    main()
