"""The subject access search: every record type that can hold a person, searched by name (fuzzy),
date of birth, email, phone or reference, for a data protection officer (HANDLE_SUBJECT_ACCESS) with
a reason. It reads past every app's scope on purpose (as `safeguarding.queries.subject_access`
does for one referral): that is its point. Each search is audited with the reason and the records
shown (one event).

Speed: the large tables are searched through indexed keys (core/person_keys.py: reports' contact
name, email and phone keys, referrals' name key and date of birth, references), candidates scored
fuzzily in Python (`governance.people`); the small ones (calls' notes, tension reports, applicants,
accounts) by a word of the name and the same scoring."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404

from commonground.core import audit_reads, person_keys
from commonground.core.access import Scope
from commonground.core.models import User
from commonground.core.roles import Permission
from commonground.governance.people import Candidate, Person, group_into_people, name_matches, text_mentions
from commonground.grants.models import Applicant, GrantApplication
from commonground.programme.models import Attendance
from commonground.reports.models import CallTopic, HelplineCall, Report, ReportKind
from commonground.reports.references import normalise_reference
from commonground.safeguarding.models import Referral, ReferralStatus
from commonground.tension.models import TensionReport

# Most rows one source may add to a search: a search that finds more is too wide to be about one
# person, and the officer is told to narrow it.
MOST_PER_SOURCE = 200

REPORT = "Report to the report line"
CALL = "Helpline call"
REFERRAL = "Safeguarding referral"
TENSION = "Tension report"
APPLICANT = "Grant applicant"
APPLICATION = "Grant application"
ACCOUNT = "Staff account"
TRAINING = "Training record"

REFERRAL_STATUS_LABELS = dict(ReferralStatus.choices)

SOURCES = [REPORT, CALL, REFERRAL, TENSION, APPLICANT, APPLICATION, ACCOUNT, TRAINING]

REASON_REQUIRED = "Give the reason for this search"
NOTHING_TO_SEARCH = "Enter a name, date of birth, email address, phone number or reference"


@dataclass(frozen=True)
class Criteria:
    name: str = ""
    date_of_birth: date | None = None
    email: str = ""
    phone: str = ""
    reference: str = ""

    @property
    def used(self) -> list[str]:
        return [
            field
            for field in ("name", "date_of_birth", "email", "phone", "reference")
            if getattr(self, field)
        ]


@dataclass(frozen=True)
class SearchResult:
    people: list[Person]
    records: list[Candidate]
    too_wide: list[str]  # the sources that found more than MOST_PER_SOURCE


def may_handle_subject_access_or_404(scope: Scope) -> None:
    if not scope.can(Permission.HANDLE_SUBJECT_ACCESS):
        raise Http404("Not found")


def _ref(model: type[models.Model], pk: int) -> str:
    return f"{model._meta.label_lower}:{pk}"


def _words(name: str) -> list[str]:
    return [word for word in person_keys.normalise_name(name).split() if len(word) >= 2]


def _text_q(field: str, criteria: Criteria) -> Q | None:
    """Free text that may hold a searched detail: the start of each word of the name (a close
    spelling is then checked in Python), the email, the phone."""
    q = Q()
    for word in _words(criteria.name):
        q |= Q(**{f"{field}__icontains": word[:4]})
    if criteria.email:
        q |= Q(**{f"{field}__icontains": person_keys.email_key(criteria.email)})
    if criteria.phone:
        q |= Q(**{f"{field}__icontains": criteria.phone.strip()})
    return q or None


def _text_matches(text: str, criteria: Criteria) -> bool:
    lowered = (text or "").lower()
    return bool(
        (criteria.name and text_mentions(criteria.name, text))
        or (criteria.email and person_keys.email_key(criteria.email) in lowered)
        or (criteria.phone and criteria.phone.strip().lower() in lowered)
    )


def _reports(criteria: Criteria, too_wide: list[str]) -> list[Candidate]:
    q = Q()
    if criteria.name:
        q |= Q(search_name__in=person_keys.name_keys_to_look_up(criteria.name))
    if criteria.email:
        q |= Q(search_email=person_keys.email_key(criteria.email))
    if criteria.phone and person_keys.phone_key(criteria.phone):
        q |= Q(search_phone=person_keys.phone_key(criteria.phone))
    if criteria.reference and normalise_reference(criteria.reference):
        q |= Q(reference=normalise_reference(criteria.reference))
    if not q:
        return []
    rows = list(
        Report.objects.filter(q)
        .order_by("-pk")
        .values("pk", "reference", "contact_name", "contact_email", "contact_phone", "submitted_at", "kind")[
            : MOST_PER_SOURCE + 1
        ]
    )
    if len(rows) > MOST_PER_SOURCE:
        too_wide.append(REPORT)
    found = []
    for row in rows[:MOST_PER_SOURCE]:
        exact = (
            (
                criteria.email
                and person_keys.email_key(row["contact_email"]) == person_keys.email_key(criteria.email)
            )
            or (
                criteria.phone
                and person_keys.phone_key(row["contact_phone"]) == person_keys.phone_key(criteria.phone)
            )
            or (criteria.reference and row["reference"] == normalise_reference(criteria.reference))
        )
        if exact or name_matches(criteria.name, row["contact_name"]):
            found.append(
                Candidate(
                    source=REPORT,
                    ref=_ref(Report, row["pk"]),
                    reference=row["reference"],
                    name=row["contact_name"],
                    email=row["contact_email"],
                    phone=row["contact_phone"],
                    summary=str(ReportKind(row["kind"]).label),
                    when=row["submitted_at"].date(),
                )
            )
    return found


def _calls(criteria: Criteria, report_ids: list[int], too_wide: list[str]) -> list[Candidate]:
    q = Q(report_id__in=report_ids) if report_ids else Q()
    text = _text_q("notes", criteria)
    if text is not None:
        q |= text
    if not q:
        return []
    rows = list(
        HelplineCall.objects.filter(q)
        .order_by("-pk")
        .values("pk", "report_id", "notes", "taken_at", "topic")[: MOST_PER_SOURCE + 1]
    )
    if len(rows) > MOST_PER_SOURCE:
        too_wide.append(CALL)
    return [
        Candidate(
            source=CALL,
            ref=_ref(HelplineCall, row["pk"]),
            reference="",
            summary=str(CallTopic(row["topic"]).label),
            when=row["taken_at"].date(),
            links=(_ref(Report, row["report_id"]),) if row["report_id"] else (),
            mentions=criteria.name if text_mentions(criteria.name, row["notes"]) else "",
        )
        for row in rows[:MOST_PER_SOURCE]
        if row["report_id"] in report_ids or _text_matches(row["notes"], criteria)
    ]


def _referrals(criteria: Criteria, report_ids: list[int], too_wide: list[str]) -> list[Candidate]:
    q = Q()
    if criteria.name:
        q |= Q(search_name__in=person_keys.name_keys_to_look_up(criteria.name))
    if criteria.date_of_birth:
        q |= Q(date_of_birth=criteria.date_of_birth)
    if criteria.reference:
        q |= Q(reference=criteria.reference.strip().upper())
    if report_ids:
        q |= Q(source_report_id__in=report_ids)
    if not q:
        return []
    rows = list(
        Referral.objects.filter(q)
        .order_by("-pk")
        .values(
            "pk",
            "reference",
            "first_name",
            "last_name",
            "date_of_birth",
            "received_at",
            "source_report_id",
            "status",
        )[: MOST_PER_SOURCE + 1]
    )
    if len(rows) > MOST_PER_SOURCE:
        too_wide.append(REFERRAL)
    found = []
    for row in rows[:MOST_PER_SOURCE]:
        name = f"{row['first_name']} {row['last_name']}".strip()
        exact = (
            (criteria.date_of_birth and row["date_of_birth"] == criteria.date_of_birth)
            or (criteria.reference and row["reference"] == criteria.reference.strip().upper())
            or row["source_report_id"] in report_ids
        )
        if exact or name_matches(criteria.name, name):
            found.append(
                Candidate(
                    source=REFERRAL,
                    ref=_ref(Referral, row["pk"]),
                    reference=row["reference"],
                    name=name,
                    date_of_birth=row["date_of_birth"],
                    summary=REFERRAL_STATUS_LABELS.get(row["status"], row["status"]),
                    when=row["received_at"].date(),
                    links=(_ref(Report, row["source_report_id"]),) if row["source_report_id"] else (),
                )
            )
    return found


def _tension_reports(criteria: Criteria, report_refs: list[str], too_wide: list[str]) -> list[Candidate]:
    q = Q(report_line_reference__in=report_refs) if report_refs else Q()
    text = _text_q("description", criteria)
    if text is not None:
        q |= text
    if criteria.reference:
        q |= Q(reference=criteria.reference.strip().upper())
    if not q:
        return []
    rows = list(
        TensionReport.objects.filter(q)
        .order_by("-pk")
        .values("pk", "reference", "description", "observed_at", "report_line_reference")[
            : MOST_PER_SOURCE + 1
        ]
    )
    if len(rows) > MOST_PER_SOURCE:
        too_wide.append(TENSION)
    return [
        Candidate(
            source=TENSION,
            ref=_ref(TensionReport, row["pk"]),
            reference=row["reference"],
            summary="Mentioned in the report's text"
            if row["report_line_reference"] not in report_refs
            else "A copy of a report",
            when=row["observed_at"].date(),
        )
        for row in rows[:MOST_PER_SOURCE]
        if row["report_line_reference"] in report_refs
        or _text_matches(row["description"], criteria)
        or row["reference"] == criteria.reference.strip().upper()
    ]


def _applicants(criteria: Criteria, too_wide: list[str]) -> list[Candidate]:
    q = Q()
    words = _words(criteria.name)
    if words:
        q |= Q(full_name__icontains=words[-1])
    if criteria.email:
        q |= Q(email=person_keys.email_key(criteria.email))
    if criteria.phone:
        q |= Q(phone__icontains=criteria.phone.strip()[-6:])
    if criteria.reference:
        q |= Q(applications__reference=criteria.reference.strip().upper())
    if not q:
        return []
    rows = list(Applicant.objects.filter(q).distinct().order_by("-pk")[: MOST_PER_SOURCE + 1])
    if len(rows) > MOST_PER_SOURCE:
        too_wide.append(APPLICANT)
    found = []
    for applicant in rows[:MOST_PER_SOURCE]:
        exact = (criteria.email and applicant.email == person_keys.email_key(criteria.email)) or (
            criteria.phone and person_keys.phone_key(applicant.phone) == person_keys.phone_key(criteria.phone)
        )
        if exact or name_matches(criteria.name, applicant.full_name) or criteria.reference:
            found.append(
                Candidate(
                    source=APPLICANT,
                    ref=_ref(Applicant, applicant.pk),
                    reference="",
                    name=applicant.full_name,
                    email=applicant.email,
                    phone=applicant.phone,
                    summary="An applicant's account",
                    when=applicant.created_at.date(),
                )
            )
    applications = GrantApplication.objects.filter(
        applicant_id__in=[int(c.ref.rsplit(":", 1)[1]) for c in found]
    ).order_by("pk")
    for application in applications[:MOST_PER_SOURCE]:
        found.append(
            Candidate(
                source=APPLICATION,
                ref=_ref(GrantApplication, application.pk),
                reference=application.reference,
                summary=application.get_status_display(),
                when=application.created_at.date(),
                links=(_ref(Applicant, application.applicant_id),),
            )
        )
    return found


def _accounts(criteria: Criteria, too_wide: list[str]) -> list[Candidate]:
    q = Q()
    words = _words(criteria.name)
    if words:
        q |= Q(last_name__icontains=words[-1]) | Q(first_name__icontains=words[-1])
    if criteria.email:
        q |= Q(email__iexact=person_keys.email_key(criteria.email))
    if criteria.phone:
        q |= Q(phone__icontains=criteria.phone.strip()[-6:])
    if not q:
        return []
    rows = list(User.objects.filter(q).order_by("pk")[: MOST_PER_SOURCE + 1])
    if len(rows) > MOST_PER_SOURCE:
        too_wide.append(ACCOUNT)
    found = []
    for user in rows[:MOST_PER_SOURCE]:
        exact = (
            criteria.email and person_keys.email_key(user.email) == person_keys.email_key(criteria.email)
        ) or (criteria.phone and person_keys.phone_key(user.phone) == person_keys.phone_key(criteria.phone))
        if exact or name_matches(criteria.name, user.get_full_name()):
            found.append(
                Candidate(
                    source=ACCOUNT,
                    ref=_ref(User, user.pk),
                    reference=user.username,
                    name=user.get_full_name(),
                    email=user.email,
                    phone=user.phone,
                    summary=user.job_title,
                    when=user.date_joined.date(),
                )
            )
    attendances = Attendance.objects.filter(
        person_id__in=[int(c.ref.rsplit(":", 1)[1]) for c in found]
    ).select_related("session__course")
    for attendance in attendances.order_by("pk")[:MOST_PER_SOURCE]:
        found.append(
            Candidate(
                source=TRAINING,
                ref=_ref(Attendance, attendance.pk),
                reference="",
                summary=f"{attendance.session.course.title}: {attendance.get_status_display()}",
                when=attendance.session.starts_at.date(),
                links=(_ref(User, attendance.person_id),),
            )
        )
    return found


def describe_refs(refs: list[str]) -> list[Candidate]:
    """The records named (each "app.model:id"), as a search shows them; names of records that do
    not exist are left out."""
    wanted: dict[str, set[int]] = {}
    for ref in refs:
        label, _, pk = ref.rpartition(":")
        if pk.isdigit():
            wanted.setdefault(label, set()).add(int(pk))
    found: list[Candidate] = []
    for report in Report.objects.filter(pk__in=wanted.get("reports.report", ())):
        found.append(
            Candidate(
                source=REPORT,
                ref=_ref(Report, report.pk),
                reference=report.reference,
                name=report.contact_name,
            )
        )
    for call in HelplineCall.objects.filter(pk__in=wanted.get("reports.helplinecall", ())):
        found.append(Candidate(source=CALL, ref=_ref(HelplineCall, call.pk), reference="", summary=str(call)))
    for referral in Referral.objects.filter(pk__in=wanted.get("safeguarding.referral", ())):
        found.append(
            Candidate(
                source=REFERRAL,
                ref=_ref(Referral, referral.pk),
                reference=referral.reference,
                name=referral.full_name,
            )
        )
    for tension in TensionReport.objects.filter(pk__in=wanted.get("tension.tensionreport", ())):
        found.append(
            Candidate(source=TENSION, ref=_ref(TensionReport, tension.pk), reference=tension.reference)
        )
    for applicant in Applicant.objects.filter(pk__in=wanted.get("grants.applicant", ())):
        found.append(
            Candidate(
                source=APPLICANT, ref=_ref(Applicant, applicant.pk), reference="", name=applicant.full_name
            )
        )
    for application in GrantApplication.objects.filter(pk__in=wanted.get("grants.grantapplication", ())):
        found.append(
            Candidate(
                source=APPLICATION,
                ref=_ref(GrantApplication, application.pk),
                reference=application.reference,
            )
        )
    for user in User.objects.filter(pk__in=wanted.get("core.user", ())):
        found.append(
            Candidate(
                source=ACCOUNT, ref=_ref(User, user.pk), reference=user.username, name=user.get_full_name()
            )
        )
    for attendance in Attendance.objects.filter(pk__in=wanted.get("programme.attendance", ())).select_related(
        "session__course"
    ):
        found.append(
            Candidate(
                source=TRAINING,
                ref=_ref(Attendance, attendance.pk),
                reference="",
                summary=attendance.session.course.title,
            )
        )
    return found


def find_candidates(criteria: Criteria) -> SearchResult:
    """Every record that may be the person's, unaudited: `search` is the audited read."""
    too_wide: list[str] = []
    reports = _reports(criteria, too_wide)
    report_ids = [int(c.ref.rsplit(":", 1)[1]) for c in reports]
    records = [
        *reports,
        *_calls(criteria, report_ids, too_wide),
        *_referrals(criteria, report_ids, too_wide),
        *_tension_reports(criteria, [c.reference for c in reports], too_wide),
        *_applicants(criteria, too_wide),
        *_accounts(criteria, too_wide),
    ]
    return SearchResult(people=group_into_people(records), records=records, too_wide=too_wide)


def search(scope: Scope, criteria: Criteria, reason: str) -> SearchResult:
    """The officer's search, with a reason (ValidationError without one, or with nothing to search
    for); audited as one read naming every record shown, outside the normal scope."""
    may_handle_subject_access_or_404(scope)
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = REASON_REQUIRED
    if not criteria.used:
        errors["name"] = NOTHING_TO_SEARCH
    if errors:
        raise ValidationError(errors)
    result = find_candidates(criteria)
    audit_reads.record_read(
        scope=scope,
        object_type="subject access search",
        object_repr="Subject access search",
        changes={"searched_by": criteria.used, "shown": [record.ref for record in result.records]},
        reason=reason.strip(),
        outside_normal_scope=True,
    )
    return result
