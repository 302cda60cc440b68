"""A small fixed dataset for the statistics editions, with figures worked out by hand.

April to June 2026 (2026-q2):
- hate incidents: Bolton 12 race (April) + 8 religion (May) = 20; Bury 2 race (June); Manchester
  30 race (June) + 6 disability (May) = 36; 58 in all. April to June 2025: 40 in Bolton.
- Prevent referrals: 20 extreme right-wing, 12 Islamist, 3 no ideology (35); 25 still to screen
  and 10 with no further action.
- tension reports: 3 (fewer than the 10 a table needs).

Published, by hand (threshold 5, rounding to 5, secondary suppression):
- incidents by borough: Bury's 2 is suppressed; the smallest other entry of its column, Bolton's
  20, is suppressed with it; Manchester 36 → 35; the total 58 → 60.
- referrals by type of concern (threshold 10): no ideology 3 suppressed, Islamist 12 with it;
  extreme right-wing 20; total 35.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from commonground.core.models import Area
from commonground.reports.models import HostilityStrand, Report, ReportKind
from commonground.safeguarding.models import (
    ConcernType,
    PersonAware,
    Referral,
    ReferralStatus,
    ReferringSector,
)
from commonground.tension.models import TensionReport
from tests.factories import BOLTON, BURY, MANCHESTER

QUARTER_SLUG = "2026-q2"
_serial = iter(range(10**6))


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(12, 0), timezone.get_current_timezone())


def hate_incidents(borough_code: str | None, count: int, *, on: date, strands=("race",)) -> None:
    borough = Area.objects.get(code=borough_code) if borough_code else None
    reports = []
    for _ in range(count):
        n = next(_serial)
        reports.append(
            Report(
                reference=f"T{n:09d}",
                status_nonce="n",
                status_secret_hash=f"{n:064d}",
                kind=ReportKind.HATE_INCIDENT,
                triage_due_at=_moment(on) + timedelta(days=2),
                borough=borough,
                description="Test incident",
            )
        )
    created = Report.objects.bulk_create(reports)
    ids = [r.pk for r in created]
    Report.objects.filter(pk__in=ids).update(submitted_at=_moment(on))
    through = Report.strands.through
    links = [
        through(report_id=report_id, hostilitystrand_id=HostilityStrand.objects.get(code=code).pk)
        for report_id in ids
        for code in strands
    ]
    through.objects.bulk_create(links)


def referrals(count: int, *, on: date, concern: str, status: str, borough_code: str = BOLTON) -> None:
    borough = Area.objects.get(code=borough_code)
    Referral.objects.bulk_create(
        [
            Referral(
                first_name="Test",
                last_name=f"Person {next(_serial)}",
                age_years=15,
                borough=borough,
                referrer_name="A referrer",
                referring_sector=ReferringSector.EDUCATION,
                referrer_contact="01204 000000",
                concern="Test concern",
                concern_type=concern,
                person_aware=PersonAware.NOT_ASKED,
                safeguarding_lead_consulted=True,
                received_at=_moment(on),
                status=status,
            )
            for _ in range(count)
        ]
    )


def tension_reports(count: int, *, on: date, area_code: str, category: str = "graffiti") -> None:
    area = Area.objects.get(code=area_code)
    for _ in range(count):
        report = TensionReport.objects.create(
            reference=f"TR{next(_serial):08d}",
            observed_at=_moment(on),
            category=category,
            description="Stickers on a bus shelter",
            source_type="council",
            source_evaluation="1",
            information_assessment="A",
        )
        report.areas.add(area)
        TensionReport.objects.filter(pk=report.pk).update(submitted_at=_moment(on))


def fixed_quarter() -> None:
    """The dataset described above."""
    hate_incidents(BOLTON, 12, on=date(2026, 4, 10), strands=("race",))
    hate_incidents(BOLTON, 8, on=date(2026, 5, 10), strands=("religion",))
    hate_incidents(BURY, 2, on=date(2026, 6, 10), strands=("race",))
    hate_incidents(MANCHESTER, 30, on=date(2026, 6, 20), strands=("race",))
    hate_incidents(MANCHESTER, 6, on=date(2026, 5, 20), strands=("disability",))
    hate_incidents(BOLTON, 40, on=date(2025, 5, 1), strands=("race",))
    referrals(
        20, on=date(2026, 4, 15), concern=ConcernType.EXTREME_RIGHT_WING, status=ReferralStatus.TO_SCREEN
    )
    referrals(5, on=date(2026, 4, 15), concern=ConcernType.ISLAMIST, status=ReferralStatus.TO_SCREEN)
    referrals(7, on=date(2026, 4, 15), concern=ConcernType.ISLAMIST, status=ReferralStatus.NO_FURTHER_ACTION)
    referrals(
        3, on=date(2026, 4, 15), concern=ConcernType.NO_IDEOLOGY, status=ReferralStatus.NO_FURTHER_ACTION
    )
    tension_reports(3, on=date(2026, 5, 5), area_code=BOLTON)


def cells(table: dict) -> dict[str, list]:
    """A frozen table's cells by row label."""
    return dict(zip(table["rows"], table["cells"], strict=True))


def table_named(tables: list[dict], name: str) -> dict:
    return next(t for t in tables if t["name"] == name)
