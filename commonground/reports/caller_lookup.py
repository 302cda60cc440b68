"""A helpline advisor finds a caller's report by its reference, to read out its plain-words
history (what the reporter is told), after checking one detail the caller gives.

Advisors see no reports otherwise: the reference and a matching detail are the caller's proof,
as the private link is online. A wrong reference and a wrong detail look the same ("not found"),
look-ups are limited per advisor, and every one is audited, found or not."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied

from commonground.core.access import Scope
from commonground.core.audit_reads import record_read
from commonground.core.roles import Permission
from commonground.reports import flood, references
from commonground.reports.models import Message, Report, StatusChange


class CallerDetail:
    POSTCODE = "postcode"
    DATE = "date"
    FIRST_NAME = "first_name"
    CHOICES = [
        (POSTCODE, "The postcode they gave"),
        (DATE, "The date it happened"),
        (FIRST_NAME, "Their first name"),
    ]


class TooManyLookups(PermissionDenied):
    pass


@dataclass(frozen=True)
class CallerReport:
    report: Report
    history: list[StatusChange]
    messages: list[Message]


def _squashed(value: str) -> str:
    return "".join(value.split()).casefold()


def _matches(report: Report, detail: str, value: str | date) -> bool:
    if detail == CallerDetail.POSTCODE:
        return bool(report.postcode) and _squashed(report.postcode) == _squashed(str(value))
    if detail == CallerDetail.DATE:
        return report.happened_on is not None and report.happened_on == value
    if detail == CallerDetail.FIRST_NAME:
        names = report.contact_name.split()
        return bool(names) and _squashed(names[0]) == _squashed(str(value))
    return False


def find_for_caller(scope: Scope, *, reference: str, detail: str, value: str | date) -> CallerReport | None:
    scope.require(Permission.LOG_HELPLINE_CALLS)
    reference = references.normalise_reference(reference) or _squashed(reference).upper()[:20]
    if not flood.allow_helpline_lookup(scope.user.pk):
        record_read(
            scope=scope,
            object_type="reports.report",
            object_repr="Look-up by reference refused: too many this hour",
            changes={"reference": reference, "detail": detail, "found": False, "throttled": True},
        )
        raise TooManyLookups("Too many look-ups this hour")
    report = (
        Report.objects.filter(reference=reference, erased_at__isnull=True)
        .prefetch_related("status_changes", "messages")
        .first()
    )
    if report is None or not _matches(report, detail, value):
        record_read(
            scope=scope,
            object_type="reports.report",
            object_repr="Look-up by reference: not found",
            changes={"reference": reference, "detail": detail, "found": False},
        )
        return None
    record_read(
        scope=scope,
        obj=report,
        subject=report,
        changes={"looked_up_for_caller": True, "detail": detail, "found": True},
    )
    return CallerReport(
        report=report,
        history=list(report.status_changes.order_by("changed_at", "pk")),
        messages=list(report.messages.order_by("sent_at", "pk")),
    )
