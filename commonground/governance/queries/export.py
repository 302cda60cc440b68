"""The data of a subject access export: everything held in the records chosen for a request, source
by source, JSON-ready, third-party details marked for review (never removed), as the one-referral
export does (`safeguarding.queries.subject_access`, whose sections a referral reuses whole). Read
here; the disclosure action audits it and logs what was disclosed."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from commonground.core.models import AuditEvent, User
from commonground.governance.models import ChosenRecord, SubjectAccessRequest
from commonground.grants.models import Applicant, GrantApplication
from commonground.programme.models import Attendance
from commonground.reports.models import HelplineCall, Report
from commonground.safeguarding.models import Referral
from commonground.safeguarding.queries.documents import name_of
from commonground.safeguarding.queries.subject_access import export_record, subject_access_sections
from commonground.tension.models import TensionReport


def _report(pk: int) -> dict[str, Any]:
    report = Report.objects.get(pk=pk)
    return {
        "report": export_record(
            report,
            [
                "reference",
                "kind",
                "channel",
                "status",
                "submitted_at",
                "happened_on",
                "description",
                "postcode",
                "street",
                "online_platform",
                "online_link",
                "reporter_role",
                "reported_to_police",
                "person_of_concern",
                "contact_name",
                "contact_email",
                "contact_phone",
                "erased_at",
            ],
            recorded_by=name_of(report.recorded_by),
            # What the reporter told about someone else, and the staff who entered it.
            marked=("person_of_concern", "recorded_by"),
        ),
        "messages": [
            export_record(
                message,
                ["from_reporter", "body", "sent_at"],
                author=name_of(message.author),
                marked=("author",),
            )
            for message in report.messages.select_related("author")
        ],
        "status_changes": [
            export_record(change, ["from_status", "to_status", "public_note", "changed_at"])
            for change in report.status_changes.all()
        ],
    }


def _call(pk: int) -> dict[str, Any]:
    call = HelplineCall.objects.select_related("advisor", "report").get(pk=pk)
    return {
        "call": export_record(
            call,
            [
                "taken_at",
                "duration_minutes",
                "caller_type",
                "language",
                "topic",
                "outcome",
                "signposted_to",
                "notes",
            ],
            advisor=name_of(call.advisor),
            report=call.report.reference if call.report else "",
            marked=("advisor",),
        )
    }


def _tension_report(pk: int) -> dict[str, Any]:
    report = TensionReport.objects.get(pk=pk)
    # Area-level intelligence: the words may speak of others, so all of them are for review.
    return {
        "tension_report": export_record(
            report, ["reference", "observed_at", "category", "description"], marked=("description",)
        )
    }


def _applicant(pk: int) -> dict[str, Any]:
    applicant = Applicant.objects.get(pk=pk)
    return {
        "applicant": export_record(
            applicant, ["full_name", "email", "phone", "created_at", "last_signed_in_at"]
        )
    }


def _application(pk: int) -> dict[str, Any]:
    application = GrantApplication.objects.get(pk=pk)
    return {
        "application": export_record(
            application,
            ["reference", "status", "organisation_name", "created_at", "submitted_at"],
            answers=application.draft_answers,
            marked=("organisation_name",),
        )
    }


def _account(pk: int) -> dict[str, Any]:
    user = User.objects.get(pk=pk)
    return {
        "account": export_record(
            user,
            [
                "username",
                "first_name",
                "last_name",
                "email",
                "phone",
                "job_title",
                "date_joined",
                "last_login",
            ],
        )
    }


def _training(pk: int) -> dict[str, Any]:
    attendance = Attendance.objects.select_related("session__course", "recorded_by").get(pk=pk)
    return {
        "training": export_record(
            attendance,
            ["status", "completed_on", "recorded_at"],
            course=attendance.session.course.title,
            session_starts=attendance.session.starts_at,
            recorded_by=name_of(attendance.recorded_by),
            marked=("recorded_by",),
        )
    }


def _referral(pk: int) -> dict[str, Any]:
    referral = Referral.objects.select_related("borough", "ward", "referred_by").get(pk=pk)
    return subject_access_sections(referral)


READERS = {
    "reports.report": _report,
    "reports.helplinecall": _call,
    "safeguarding.referral": _referral,
    "tension.tensionreport": _tension_report,
    "grants.applicant": _applicant,
    "grants.grantapplication": _application,
    "core.user": _account,
    "programme.attendance": _training,
}


def record_data(ref: str) -> dict[str, Any]:
    """One chosen record and what hangs off it, with the audit trail about it (its subject)."""
    label, pk = ref.rsplit(":", 1)
    data: dict[str, Any]
    try:
        data = READERS[label](int(pk))
    except ObjectDoesNotExist:
        data = {"held": "No longer held"}
    data["audit_events"] = [
        export_record(
            event,
            ["sequence", "occurred_at", "action", "actor_label", "object_type", "object_id", "reason"],
            marked=("actor_label",),
        )
        for event in AuditEvent.objects.filter(subject_ref=ref).order_by("sequence")
    ]
    return data


def export_data(
    request: SubjectAccessRequest,
    records: list[ChosenRecord],
    *,
    produced_for: str,
    reason: str,
    at: datetime,
) -> dict[str, Any]:
    return {
        "export": {
            "document": "Subject access export",
            "request": request.pk,
            "data_subject": request.subject_name,
            "received_on": request.received_on.isoformat(),
            "due_on": request.due_on.isoformat(),
            "produced_for": produced_for,
            "produced_at": timezone.localtime(at).isoformat(),
            "reason": reason,
            "note": (
                "Everything held in the records chosen as this person's. Values marked for review are "
                "third-party details: check them, and any exemption, before disclosure."
            ),
        },
        "records": [
            {"source": record.source, "record": record.ref, "label": record.label, **record_data(record.ref)}
            for record in records
        ],
    }


__all__ = ["READERS", "export_data", "record_data"]
