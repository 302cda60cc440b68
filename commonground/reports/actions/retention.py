"""Retention of the report line, enforced by the software.

- A report closed more than REPORT_RETENTION_DAYS ago (default 2 years) has its personal details
  erased: what happened, where exactly, contact details, photos and evidence files (deleted from
  storage), messages, reasons and notes.
  What stays is statistical: kind, channel, dates, borough and ward, strands, status.
- A helpline call without a report, older than HELPLINE_CALL_RETENTION_DAYS (default 1 year), has
  its notes and signposting erased; caller type, topic, outcome, language and duration stay. A call
  that made a report has them erased with the report.
Each erasure is audited (action "erase") by the system actor, in the erasure's transaction, and
published as "report erased" in it (tension monitoring erases the words it copied). Run daily by the
worker and by `manage.py apply_retention`; which records are due is asked of reports.queries.retention."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from commonground.core import audit, events
from commonground.core.models import AuditAction, User
from commonground.reports.events import REPORT_ERASED
from commonground.reports.models import HelplineCall, Report
from commonground.reports.queries.retention import calls_past_retention, reports_past_retention

ERASED = "[erased under the retention policy]"


@dataclass(frozen=True)
class RetentionResult:
    reports_erased: int
    calls_erased: int


def erase_report(report: Report, *, actor: User | None = None, reason: str = "") -> None:
    """The report's personal details erased, its statistical facts kept. By the retention sweep
    (the system actor), or by a data protection officer answering an erasure request (`actor`,
    `reason`)."""
    with transaction.atomic():
        for photo in report.photos.all():
            photo.image.delete(save=False)
        report.photos.all().delete()
        report.messages.all().delete()
        report.consents.all().delete()
        # The helpline call that made the report goes with it: its notes are about the same person.
        HelplineCall.objects.filter(report=report, erased_at__isnull=True).update(
            notes="", signposted_to="", erased_at=timezone.now()
        )
        report.status_changes.update(reason=ERASED, public_note="")
        # What was shared, with whom, when and on what basis stays; the reasons' words do not.
        report.sharing_decisions.update(reason=ERASED, not_told_because="")
        Report.objects.filter(pk=report.pk).update(
            description=ERASED,
            street="",
            postcode="",
            online_platform="",
            online_link="",
            person_of_concern="",
            contact_name="",
            contact_email="",
            contact_phone="",
            search_name="",
            search_email="",
            search_phone="",
            erased_at=timezone.now(),
        )
        audit.record(
            actor=actor,
            action=AuditAction.ERASE,
            obj=report,
            subject=report,
            reason=reason or f"Closed more than {settings.REPORT_RETENTION_DAYS} days ago",
        )
        events.publish(REPORT_ERASED, report=report, erased_text=ERASED)


def erase_call(call: HelplineCall, *, actor: User | None = None, reason: str = "") -> None:
    """A call's notes and signposting erased; its caller type, topic and outcome kept (statistics)."""
    with transaction.atomic():
        HelplineCall.objects.filter(pk=call.pk).update(notes="", signposted_to="", erased_at=timezone.now())
        audit.record(
            actor=actor,
            action=AuditAction.ERASE,
            obj=call,
            reason=reason
            or f"Call without a report, older than {settings.HELPLINE_CALL_RETENTION_DAYS} days",
        )


def apply_retention(now=None) -> RetentionResult:
    reports = list(reports_past_retention(now))
    for report in reports:
        erase_report(report)
    calls = list(calls_past_retention(now))
    for call in calls:
        erase_call(call)
    return RetentionResult(reports_erased=len(reports), calls_erased=len(calls))
