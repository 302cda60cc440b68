"""The panel pack of a 46-case meeting: how long gathering its data and rendering its PDF take,
how many SQL queries each runs, and this process's peak memory after each (ru_maxrss).

A Bolton meeting is built through the app's own actions, as a coordinator would: 46 referrals,
each screened, with a partner's answer to an information request and every vulnerability factor
discussed with evidence; the meeting's attendance is recorded. It lives in a PostgreSQL database of
its own (`commonground_bench_panel_pack`), made afresh each run and dropped at the end.

Then, in this process, the demo Bolton coordinator's pack is gathered (`queries.panel_pack`, the
access check and one export event per case included) and rendered (`documents.panel_pack_pdf`),
each timed and its queries counted; the peak memory is read after each step, so the render's
figure includes everything before it. The pack is rendered once more to show a second render's
cost. Above `PANEL_PACK_BACKGROUND_FROM` cases this work is the worker's, not a web request's.
Figures are printed, never asserted: the machine is shared and noisy.

Run alone with `python -m benchmarks.panel_pack`; `make bench` runs it with the other benchmarks.
"""

import argparse
import os
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from benchmarks import support

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "commonground_bench_panel_pack"
CASES = 46


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def build_meeting(cases: int):
    """A Bolton meeting with `cases` referrals on its agenda, each as a panel would see it."""
    from django.conf import settings
    from django.utils import timezone

    from commonground.core.actions.places import load_places
    from commonground.core.demo import load_demo
    from commonground.core.models import Area, User
    from commonground.safeguarding.actions import panels
    from commonground.safeguarding.actions.information import (
        answer_information_request,
        send_information_request,
    )
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


def measure(coordinator, meeting) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from commonground.core.access import scope_for
    from commonground.safeguarding import documents, queries

    scope = scope_for(coordinator)
    before = _peak_mib()
    with CaptureQueriesContext(connection) as gathered:
        started = time.perf_counter()
        pack = queries.panel_pack(scope, meeting.pk)
        gather_seconds = time.perf_counter() - started
    after_gather = _peak_mib()
    with CaptureQueriesContext(connection) as rendered:
        started = time.perf_counter()
        pdf = documents.panel_pack_pdf(pack)
        render_seconds = time.perf_counter() - started
    after_render = _peak_mib()
    started = time.perf_counter()
    documents.panel_pack_pdf(pack)
    second_render = time.perf_counter() - started
    after_second = _peak_mib()
    print(f"\nPanel pack of a {len(pack.cases)}-case meeting ({len(pdf) / 1024:,.0f} KiB of PDF)")
    print(f"  peak memory before:               {before:7.1f} MiB (ru_maxrss)")
    print(
        f"  gathering the data:  {gather_seconds * 1000:7.0f} ms  {len(gathered):3d} queries"
        f"   peak {after_gather:7.1f} MiB"
    )
    print(
        f"  rendering the PDF:   {render_seconds * 1000:7.0f} ms  {len(rendered):3d} queries"
        f"   peak {after_render:7.1f} MiB"
    )
    print(f"  rendering it again:  {second_render * 1000:7.0f} ms               peak {after_second:7.1f} MiB")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=CASES, help="cases on the meeting's agenda")
    args = parser.parse_args(argv)

    os.environ.update(support.environment(DATABASE))
    sys.path.insert(0, str(ROOT))
    support.create_database(DATABASE)

    import django
    from django.core.management import call_command

    django.setup()
    print(f"Panel pack: PostgreSQL database {DATABASE}", flush=True)
    try:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        coordinator, meeting = build_meeting(args.cases)
        print(f"  built the meeting through the app's actions in {time.perf_counter() - started:.0f} s")
        measure(coordinator, meeting)
    finally:
        from django.db import connections

        connections.close_all()
        support.drop_database(DATABASE)


if __name__ == "__main__":
    main()
