"""Referring a person, and editing a referral with optimistic locking."""

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.core import access, audit, policy
from commonground.core.access import scope_for
from commonground.core.conflicts import ConflictError, fields_changed_since
from commonground.core.models import Agency, Area, AuditAction, User
from commonground.core.roles import Permission
from commonground.reports.models import Report
from commonground.safeguarding import workflow
from commonground.safeguarding.matching import whole_years_between
from commonground.safeguarding.models import (
    EDITABLE_FIELDS,
    EqualityMonitoring,
    Referral,
    RetentionReview,
)
from commonground.safeguarding.scoping import managed_referrals

MAX_AGE = 119  # a person must be under 120


@dataclass
class ReferralDetails:
    """What a referrer tells us: the person, themselves and the concern."""

    first_name: str
    last_name: str
    borough: Area | None
    referrer_name: str
    referring_sector: str
    referrer_contact: str
    concern: str
    concern_type: str
    person_aware: str
    safeguarding_lead_consulted: bool
    other_names: str = ""
    date_of_birth: date | None = None
    age_years: int | None = None
    gender: str = ""
    ward: Area | None = None
    address: str = ""
    language: str = ""
    interpreter_needed: bool = False
    referrer_role: str = ""
    referrer_agency_name: str = ""
    action_already_taken: str = ""

    @classmethod
    def of(cls, referral: Referral) -> "ReferralDetails":
        """A referral's current details, as an edit starts from them (no query: the row in hand)."""
        return cls(**{f.name: getattr(referral, f.name) for f in fields(cls)})


@dataclass
class EqualityAnswers:
    ethnic_group: str = ""
    religion: str = ""

    def __bool__(self) -> bool:
        return bool(self.ethnic_group or self.religion)


def check_details(details: ReferralDetails, today: date) -> None:
    """Refuse a referral that cannot be right, naming each field to correct."""
    errors: dict[str, str] = {}
    dob, age = details.date_of_birth, details.age_years
    if dob is None and age is None:
        errors["date_of_birth"] = "Enter their date of birth or, if you do not know it, their age"
    if dob is not None:
        if dob > today:
            errors["date_of_birth"] = "Date of birth must be today or in the past"
        elif whole_years_between(dob, today) > MAX_AGE:
            errors["date_of_birth"] = f"Date of birth must be less than {MAX_AGE + 1} years ago"
    if age is not None and not 0 <= age <= MAX_AGE:
        errors["age_years"] = f"Age must be between 0 and {MAX_AGE}"
    if details.borough is None or details.borough.level != "borough":
        errors["borough"] = "Select the borough where the person lives"
    elif details.ward is not None and details.ward.parent_id != details.borough.pk:
        errors["ward"] = f"Select a ward in {details.borough.name}, or leave the ward blank"
    for name, message in (
        ("first_name", "Enter their first name"),
        ("last_name", "Enter their last name"),
        ("referrer_name", "Enter the referrer's name"),
        ("referrer_contact", "Enter a telephone number or email address for the referrer"),
        ("concern", "Describe the concern"),
    ):
        if not str(getattr(details, name)).strip():
            errors[name] = message
    if errors:
        raise ValidationError(errors)


def submit_referral(
    *,
    actor: User,
    details: ReferralDetails,
    equality: EqualityAnswers | None = None,
    source_report: Report | None = None,
) -> Referral:
    """Record a referral to be screened by the borough's safeguarding coordinator."""
    scope = scope_for(actor)
    scope.require(Permission.REFER_TO_SAFEGUARDING)
    if source_report is not None and not access.visible(scope, Report).filter(pk=source_report.pk).exists():
        raise PermissionDenied("That report is outside your areas and teams.")
    check_details(details, timezone.localdate())
    with transaction.atomic():
        referral = Referral.objects.create(
            **{f.name: getattr(details, f.name) for f in fields(details)},
            referrer_agency=_agency_of(actor),
            referred_by=actor,
            status=workflow.INITIAL,
            source_report=source_report,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=referral,
            subject=referral,
            changes={"status": referral.status, "borough": referral.borough.code},
        )
        if equality:
            monitoring = EqualityMonitoring.objects.create(
                referral=referral, ethnic_group=equality.ethnic_group, religion=equality.religion
            )
            # The answers are special category data: the trail records that they were given, not what.
            audit.record(actor=actor, action=AuditAction.CREATE, obj=monitoring, subject=referral)
    return referral


def _agency_of(actor: User) -> Agency | None:
    return actor.agency if actor.agency_id is not None else None


def edit_referral(
    *, actor: User, referral: Referral, expected_version: int, details: ReferralDetails, reason: str = ""
) -> Referral:
    """Change a referral's details. `expected_version` is the version the editor started from: if
    someone saved since, raise ConflictError naming what they changed, and change nothing."""
    scope = scope_for(actor)
    scope.require(Permission.MANAGE_CASES)
    with transaction.atomic():
        current = policy.row_to_act_on(
            managed_referrals(scope, Referral.objects.select_for_update()),
            referral.pk,
            "That referral is outside your boroughs.",
        )
        if RetentionReview.objects.filter(referral=current, erased_at__isnull=False).exists():
            # Erased under the retention policy: personal details must not come back by editing.
            raise ValidationError("This referral's personal details were erased under the retention policy.")
        if current.version != expected_version:
            raise ConflictError(
                fields_changed_since(current, expected_version, EDITABLE_FIELDS), current.version
            )
        check_details(details, timezone.localdate())
        before = _values(current)
        after = {name: getattr(details, name) for name in EDITABLE_FIELDS}
        changed = [name for name in EDITABLE_FIELDS if before[name] != after[name]]
        if not changed:
            return current
        for name in changed:
            setattr(current, name, after[name])
        current.version += 1
        current.save(update_fields=[*changed, "version"])
        # Field names only: the values stay in the referral, which is erased on its retention date.
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            subject=current,
            changes={"fields": changed, "version": [expected_version, current.version]},
            reason=reason,
        )
    return current


def _values(referral: Referral) -> dict[str, Any]:
    return {name: getattr(referral, name) for name in EDITABLE_FIELDS}
