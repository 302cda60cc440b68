"""Submitting a report: one transaction, one report per submission key, routed to its teams."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from commonground.core import audit, events
from commonground.core.models import Agency, Area, AuditAction, User
from commonground.reports import notifications, references, routing
from commonground.reports.actions.call_backs import open_call_back_request
from commonground.reports.events import REPORT_SUBMITTED
from commonground.reports.models import (
    Channel,
    ConsentRecord,
    HostilityStrand,
    Report,
    ReportKind,
    ReportPhoto,
    ReportStatus,
    SharingPartner,
    StatusChange,
    Urgency,
)
from commonground.reports.photos import CleanPhoto

# Service levels for triage: urgent within an hour, standard within two working days.
URGENT_TRIAGE = timedelta(hours=1)
STANDARD_TRIAGE_WORKING_DAYS = 2


@dataclass
class ReportAnswers:
    """Everything a person (or an advisor for them) answered, whatever the channel."""

    kind: str
    description: str
    borough_code: str = ""
    ward_code: str = ""
    postcode: str = ""
    street: str = ""
    is_online: bool = False
    online_platform: str = ""
    online_link: str = ""
    happened_on: date | None = None
    reporter_role: str = ""
    strand_codes: list[str] = field(default_factory=list)
    reported_to_police: str = ""
    wants_support: bool | None = None
    tension_category: str = ""
    worry_route: str = ""
    person_of_concern: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    share_with: list[str] = field(default_factory=list)  # SharingPartner values consented to
    urgent: bool = False


@dataclass(frozen=True)
class Submitted:
    report: Report
    status_secret: str
    created: bool


def working_days_after(start: datetime, days: int) -> datetime:
    moment = start
    while days:
        moment += timedelta(days=1)
        if moment.weekday() < 5:
            days -= 1
    return moment


def _triage_due(now: datetime, urgent: bool) -> datetime:
    return now + URGENT_TRIAGE if urgent else working_days_after(now, STANDARD_TRIAGE_WORKING_DAYS)


def submit_report(
    *,
    actor: User | None,
    answers: ReportAnswers,
    channel: Channel = Channel.WEB,
    submission_key: str | None = None,
    photos: Sequence[CleanPhoto] = (),
    language: str = "en",
    recorded_by_agency: Agency | None = None,
    on_behalf_consent: bool | None = None,
    actor_label: str = "",
) -> Submitted:
    """Store a report and route it. A second call with the same submission key returns the first
    report unchanged (a double click, a refresh, a retried API call)."""
    if submission_key:
        existing = Report.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return Submitted(existing, references.status_secret(existing.status_nonce), created=False)
    for attempt in range(3):
        try:
            with transaction.atomic():
                return _create(
                    actor,
                    answers,
                    channel,
                    submission_key,
                    photos,
                    language,
                    recorded_by_agency,
                    on_behalf_consent,
                    actor_label,
                )
        except IntegrityError:
            # Either the same key raced us to the insert (the other request made the report), or
            # two reports drew the same reference (one in a trillion): then try a new one.
            existing = (
                Report.objects.filter(submission_key=submission_key).first() if submission_key else None
            )
            if existing is not None:
                return Submitted(existing, references.status_secret(existing.status_nonce), created=False)
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _create(
    actor,
    answers,
    channel,
    submission_key,
    photos,
    language,
    recorded_by_agency,
    on_behalf_consent,
    actor_label,
):
    now = timezone.now()
    places = Area.objects.defer("boundary")  # boundaries are large and not needed here
    ward = places.filter(code=answers.ward_code).first() if answers.ward_code else None
    if ward is None and answers.postcode:
        ward = places.filter(postcodes__postcode=answers.postcode).first()
    borough_id = ward.parent_id if ward else None
    if borough_id is None and answers.borough_code:
        borough_id = places.filter(code=answers.borough_code).values_list("pk", flat=True).first()
    nonce = references.new_nonce()
    secret = references.status_secret(nonce)
    report = Report(
        status_nonce=nonce,
        status_secret_hash=references.secret_hash(secret),
        submission_key=submission_key or None,
        kind=answers.kind,
        channel=channel,
        urgency=Urgency.URGENT if answers.urgent else Urgency.STANDARD,
        triage_due_at=_triage_due(now, answers.urgent),
        language=language,
        borough_id=borough_id,
        ward=ward,
        postcode=answers.postcode,
        street=answers.street,
        is_online=answers.is_online,
        online_platform=answers.online_platform,
        online_link=answers.online_link,
        happened_on=answers.happened_on,
        description=answers.description,
        reporter_role=answers.reporter_role,
        reported_to_police=answers.reported_to_police,
        wants_support=answers.wants_support,
        tension_category=answers.tension_category,
        worry_route=answers.worry_route,
        person_of_concern=answers.person_of_concern,
        contact_name=answers.contact_name,
        contact_email=answers.contact_email,
        contact_phone=answers.contact_phone,
        recorded_by=actor,
        recorded_by_agency=recorded_by_agency,
        on_behalf_consent=on_behalf_consent,
    )
    report.reference = references.new_reference()
    report.save()
    if answers.strand_codes:
        strand_ids = HostilityStrand.objects.filter(code__in=answers.strand_codes).values_list(
            "pk", flat=True
        )
        Report.strands.through.objects.bulk_create(
            Report.strands.through(report_id=report.pk, hostilitystrand_id=strand_id)
            for strand_id in strand_ids
        )
    for number, photo in enumerate(photos, start=1):
        ReportPhoto.objects.create(
            report=report,
            image=ContentFile(photo.content, name=f"{report.reference}-{number}.{photo.extension}"),
            content_type=photo.content_type,
            size=len(photo.content),
        )
    ConsentRecord.objects.bulk_create(
        ConsentRecord(report=report, partner=SharingPartner(partner), given=True, recorded_by=actor)
        for partner in answers.share_with
    )
    StatusChange.objects.create(
        report=report,
        to_status=ReportStatus.RECEIVED,
        reason=f"Received through the {channel.label.lower()}",
        changed_by=actor,
    )
    teams = routing.route(report)
    call_back = open_call_back_request(report=report)
    routing.suggest_links(report)
    audit.record(
        actor=actor,
        actor_label=actor_label or ("public report form" if actor is None and channel == Channel.WEB else ""),
        action=AuditAction.CREATE,
        obj=report,
        subject=report,
        changes={
            "kind": report.kind,
            "channel": channel,
            "teams": [t.name for t in teams],
            "anonymous": report.is_anonymous,
            **({"call_back_requested": True} if call_back else {}),
        },
    )
    # Other apps learn of it in this transaction (tension monitoring copies a community tension report).
    events.publish(REPORT_SUBMITTED, report=report)
    notifications.acknowledge(report, secret)
    notifications.reached_queues(report, teams, actor=actor)
    return Submitted(report, secret, created=True)


def is_kind(value: str) -> bool:
    return value in ReportKind.values
