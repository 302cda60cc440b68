"""Submitting tension reports: from partner staff on the staff pages, from partner systems through
the API, and from the public report line (a community tension report there becomes one here).

A tension report is about a place, never a person. Any area of the partnership may be named:
partners report what they see, which is usually, not always, in their own areas (the form lists
their own areas first). Who may then read a report is decided by its areas (see scoping.py)."""

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from commonground.core import audit
from commonground.core.access import scope_for
from commonground.core.models import Agency, Area, AreaLevel, AuditAction, User
from commonground.core.roles import Permission
from commonground.reports.models import ReportKind
from commonground.tension import references
from commonground.tension.models import (
    HandlingCode,
    InformationAssessment,
    Marking,
    ReportCategory,
    SourceEvaluation,
    SourceType,
    TensionReport,
    TensionType,
    TriggerEvent,
)
from commonground.tension.queries.events import trigger_event_visible
from commonground.tension.queries.reports import TEXT_ERASED, reports_with_text_past_retention

# Partner systems' clocks drift: an observation a few minutes "ahead" of ours is not in the future.
CLOCK_SKEW = timedelta(minutes=5)
REPORTABLE_LEVELS = (AreaLevel.BOROUGH, AreaLevel.WARD)
REFERENCE_ATTEMPTS = 5

logger = logging.getLogger(__name__)


@dataclass
class ReportDetails:
    """What a partner saw: where, when, what, and how far the source and information can be trusted."""

    areas: list[Area]
    observed_at: datetime
    category: str
    description: str
    source_type: str
    source_evaluation: str
    information_assessment: str
    tension_type: str = TensionType.EVIDENCED
    handling_code: str = HandlingCode.SHARE
    handling_conditions: str = ""
    marking: str = Marking.OFFICIAL
    trigger_event: TriggerEvent | None = None
    report_line_reference: str = ""


def check_details(details: ReportDetails, now: datetime) -> None:
    """Refuse a report that cannot be right, naming each field to correct."""
    errors: dict[str, str] = {}
    if not details.areas:
        errors["areas"] = "Select at least one borough or ward"
    elif any(area.level not in REPORTABLE_LEVELS for area in details.areas):
        errors["areas"] = "Select boroughs or wards (not the whole combined authority)"
    if details.observed_at > now + CLOCK_SKEW:
        errors["observed_at"] = "The date and time observed must be now or in the past"
    if not details.description.strip():
        errors["description"] = "Describe what was seen or heard"
    for name, choices, message in (
        ("category", ReportCategory, "Select what it is about"),
        ("tension_type", TensionType, "Select the type of tension information"),
        ("source_type", SourceType, "Select the source"),
        ("source_evaluation", SourceEvaluation, "Select how reliable the source is"),
        ("information_assessment", InformationAssessment, "Select how the information is known"),
        ("handling_code", HandlingCode, "Select how it may be shared"),
        ("marking", Marking, "Select the marking"),
    ):
        if getattr(details, name) not in choices.values:
            errors[name] = message
    if (
        details.handling_code == HandlingCode.SHARE_WITH_CONDITIONS
        and not details.handling_conditions.strip()
    ):
        errors["handling_conditions"] = "Enter the conditions on sharing"
    if errors:
        raise ValidationError(errors)


def submit_tension_report(*, actor: User, details: ReportDetails) -> TensionReport:
    """Record what a member of partner staff saw, for their agency."""
    scope = scope_for(actor)
    scope.require(Permission.SUBMIT_TENSION_REPORTS)
    check_details(details, timezone.now())
    if details.trigger_event is not None and not trigger_event_visible(scope, details.trigger_event):
        raise ValidationError({"trigger_event": "Select a trigger event from the list"})
    agency = actor.agency if actor.agency_id is not None else None
    return _create(details, actor=actor, agency=agency)


def submit_partner_tension_report(
    *, agency: Agency, actor_label: str, details: ReportDetails
) -> TensionReport:
    """Record a report from a partner system. A retried call is answered by the API's idempotency
    keys (commonground/api/idempotency.py), which call this once per key."""
    check_details(details, timezone.now())
    return _create(details, actor=None, agency=agency, actor_label=actor_label)


def _create(
    details: ReportDetails,
    *,
    actor: User | None,
    agency: Agency | None,
    actor_label: str = "",
) -> TensionReport:
    for attempt in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                report = TensionReport.objects.create(
                    reference=references.new_reference(),
                    observed_at=details.observed_at,
                    category=details.category,
                    tension_type=details.tension_type,
                    description=details.description,
                    source_type=details.source_type,
                    source_evaluation=details.source_evaluation,
                    information_assessment=details.information_assessment,
                    handling_code=details.handling_code,
                    handling_conditions=details.handling_conditions
                    if details.handling_code == HandlingCode.SHARE_WITH_CONDITIONS
                    else "",
                    marking=details.marking,
                    submitted_by=actor,
                    submitting_agency=agency,
                    report_line_reference=details.report_line_reference,
                    trigger_event=details.trigger_event,
                )
                report.areas.set(details.areas)
                audit.record(
                    actor=actor,
                    actor_label=actor_label,
                    action=AuditAction.CREATE,
                    obj=report,
                    changes={
                        "areas": sorted(area.code for area in details.areas),
                        "category": report.category,
                        "source_type": report.source_type,
                        "agency": agency.name if agency else "",
                        **(
                            {"report_line_reference": details.report_line_reference}
                            if details.report_line_reference
                            else {}
                        ),
                    },
                )
                return report
        except IntegrityError:
            # A reference drawn twice (rare): draw another.
            if attempt == REFERENCE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


# --- From the public report line ----------------------------------------------------------------

# The report line's categories (reports.models.TensionCategory values) in the partnership's terms.
REPORT_LINE_CATEGORIES = {
    "graffiti": ReportCategory.GRAFFITI,
    "leaflets": ReportCategory.GRAFFITI,
    "online": ReportCategory.ONLINE,
    "gathering": ReportCategory.PROTEST,
    "rumour": ReportCategory.RUMOUR,
    "other": ReportCategory.OTHER,
}


def record_report_line_tension(*, report) -> TensionReport | None:
    """Make a tension report from a community tension report received by the public report line
    (a `reports.models.Report`). Subscribed to the report line's "report submitted" event, so it
    runs inside the submission's transaction; the actor is the system. Only the place, the day, the category and the words are
    taken, never the reporter's contact details.

    A report of another kind, or with no borough or ward (online only, or a place not found), is
    skipped: the report line's teams still triage it. A fault here is logged and rolled back to
    its own savepoint, so a person's report is never lost because of it."""
    if report.kind != ReportKind.COMMUNITY_TENSION:
        return None
    area = report.ward or report.borough
    if area is None:
        return None
    description = report.description
    if report.street.strip():
        description = f"{description}\n\nStreet or place given: {report.street.strip()}"
    details = ReportDetails(
        areas=[area],
        observed_at=_observed_at(report.happened_on, report.submitted_at),
        category=REPORT_LINE_CATEGORIES.get(report.tension_category, ReportCategory.OTHER),
        tension_type=TensionType.EXPERIENCED,
        description=description,
        source_type=SourceType.REPORT_LINE,
        source_evaluation=SourceEvaluation.UNTESTED,
        information_assessment=InformationAssessment.KNOWN_INDIRECTLY,
        report_line_reference=report.reference,
    )
    try:
        return _create(details, actor=None, agency=None)
    except Exception:
        logger.exception("Could not make a tension report from report line report %s", report.reference)
        return None


def _observed_at(happened_on: date | None, submitted_at: datetime) -> datetime:
    """The day the reporter gave, at midday (the time is not asked), never after it was sent."""
    if happened_on is None:
        return submitted_at
    midday = timezone.make_aware(datetime.combine(happened_on, time(12, 0)))
    return min(midday, submitted_at)


def erase_report_line_copy(*, report, erased_text: str) -> int:
    """When the report line erases a report under its retention policy, the words copied from it
    into tension reports go too; the place, day and category stay for the trends. Returns how many
    tension reports were changed. Subscribed to the report line's "report erased" event, so it runs
    inside the erasure's transaction: a fault here rolls the erasure back, to be tried again."""
    report_line_reference = report.reference
    copies = list(
        TensionReport.objects.filter(report_line_reference=report_line_reference).exclude(
            description=erased_text
        )
    )
    for copy in copies:
        TensionReport.objects.filter(pk=copy.pk).update(description=erased_text)
        audit.record(
            actor=None,
            action=AuditAction.ERASE,
            obj=copy,
            reason=f"The report line's report {report_line_reference} was erased under its retention policy",
        )
    return len(copies)


def erase_report_text_past_retention(*, now: datetime | None = None) -> int:
    """Tension reports made more than TENSION_REPORT_TEXT_RETENTION_DAYS ago lose their words (which
    may mention people) and source details; each erasure audited by the system, in its own
    transaction. A second run changes nothing. Returns how many reports were erased."""
    erased = 0
    for report in reports_with_text_past_retention(now=now):
        with transaction.atomic():
            TensionReport.objects.filter(pk=report.pk).update(description=TEXT_ERASED, handling_conditions="")
            audit.record(
                actor=None,
                action=AuditAction.ERASE,
                obj=report,
                reason=f"Made more than {settings.TENSION_REPORT_TEXT_RETENTION_DAYS} days ago",
            )
        erased += 1
    return erased
