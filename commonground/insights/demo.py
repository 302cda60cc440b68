"""A published statistics edition for the demo (synthetic; development only), so the public
statistics pages show tables on a first run.

The demo's own reports are all of today, and an edition covers a quarter that has ended, so a
clearly marked synthetic history of hate incidents is written for the last ended quarter (rows
written directly, like the tension demo's history: the report line's actions date a report now).
The edition then goes the ordinary way, through the actions: the demo programme manager drafts and
publishes it, the demo data protection officer approves it.

Idempotent: nothing is made once any edition has been published.
"""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from commonground.core.models import Area, User
from commonground.insights.actions import editions
from commonground.insights.models import EditionStatus, StatisticsEdition
from commonground.insights.quarters import Quarter
from commonground.reports.models import HostilityStrand, Report, ReportKind, ReportStatus
from commonground.reports.references import new_nonce, new_reference, secret_hash, status_secret

PREPARER = "programme"  # the demo programme manager (core/demo.py)
APPROVER = "dpo"  # the demo data protection officer
HISTORY_KEY = "demo:history:"  # submission keys of the synthetic history
DESCRIPTION = "[Demo] Synthetic past hate incident, for the demo statistics."
STRANDS = ["race", "religion", "sexual_orientation", "disability", "transgender"]
SEED = 7


def load_demo() -> None:
    """Nothing to set up: the accounts come from core, the strands from the report line."""


def last_ended_quarter():
    this_quarter = Quarter.containing(timezone.localdate())
    return Quarter.containing(this_quarter.start - timedelta(days=1))


def _write_history(quarter) -> None:
    if Report.objects.filter(submission_key__startswith=HISTORY_KEY).exists():
        return
    rng = random.Random(SEED)  # noqa: S311 (synthetic demo data, not a secret)
    strands = {strand.code: strand for strand in HostilityStrand.objects.filter(code__in=STRANDS)}
    zone = timezone.get_current_timezone()
    rows: list[tuple[Report, datetime, HostilityStrand | None]] = []
    for borough in Area.objects.boroughs().order_by("code"):
        for day in range(0, (quarter.end - quarter.start).days + 1, 3):
            for _ in range(rng.choice([0, 0, 1, 1, 2])):
                nonce = new_nonce()
                submitted_at = datetime.combine(quarter.start + timedelta(days=day), time(12), zone)
                rows.append(
                    (
                        Report(
                            reference=new_reference(),
                            status_nonce=nonce,
                            status_secret_hash=secret_hash(status_secret(nonce)),
                            submission_key=f"{HISTORY_KEY}{len(rows)}",
                            kind=ReportKind.HATE_INCIDENT,
                            status=ReportStatus.CLOSED,
                            triage_due_at=submitted_at + timedelta(days=2),
                            borough=borough,
                            description=DESCRIPTION,
                        ),
                        submitted_at,
                        strands.get(rng.choice(STRANDS)),
                    )
                )
    Report.objects.bulk_create([report for report, _, _ in rows])
    for report, submitted_at, strand in rows:
        # submitted_at is set on creation; history is dated afterwards.
        Report.objects.filter(pk=report.pk).update(submitted_at=submitted_at)
        if strand is not None:
            report.strands.add(strand)


@transaction.atomic
def load_demo_records() -> None:
    preparer = User.objects.filter(username=PREPARER).first()
    approver = User.objects.filter(username=APPROVER).first()
    if (
        preparer is None
        or approver is None
        or StatisticsEdition.objects.filter(status=EditionStatus.PUBLISHED).exists()
    ):
        return
    quarter = last_ended_quarter()
    _write_history(quarter)
    edition = StatisticsEdition.objects.filter(period_start=quarter.start).first() or editions.draft_edition(
        actor=preparer, quarter=quarter, quality_note="[Demo] Counted from synthetic demo data."
    )
    if edition.status == EditionStatus.DRAFT:
        edition = editions.submit_for_approval(actor=preparer, edition=edition)
    if edition.status == EditionStatus.AWAITING_APPROVAL:
        edition = editions.approve_edition(
            actor=approver, edition=edition, note="[Demo] Approved for the demo."
        )
    if edition.status == EditionStatus.APPROVED:
        editions.publish_edition(actor=preparer, edition=edition)
