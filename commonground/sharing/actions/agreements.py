"""The data protection officer records, amends and ends information sharing agreements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.core import audit
from commonground.core.access import scope_for
from commonground.core.conflicts import ConflictError
from commonground.core.models import Agency, User
from commonground.core.models.audit import AuditAction
from commonground.core.roles import Permission
from commonground.sharing import rules
from commonground.sharing.models import DataCategory, SharingAgreement


@dataclass(frozen=True)
class AgreementTerms:
    title: str
    purpose: str
    article_6_basis: str
    article_9_condition: str
    schedule_1_condition: str
    categories: list[str]
    parties: list[Any]  # agencies (or what was typed for one: refused unless an agency)
    starts_on: date
    review_on: date
    ends_on: date | None = None


def _check(terms: AgreementTerms) -> list[Agency]:
    """The terms' agencies, or a ValidationError naming every field that is wrong."""
    errors: dict[str, list[str]] = {}
    problem = rules.dates_problem(terms.starts_on, terms.review_on, terms.ends_on)
    if problem == "end_before_start":
        errors["ends_on"] = [_("The end date must be the same as or after the start date")]
    elif problem == "review_before_start":
        errors["review_on"] = [_("The review date must be the same as or after the start date")]
    agencies = [party for party in terms.parties if isinstance(party, Agency) and party.pk]
    if len(agencies) != len(terms.parties):
        errors["parties"] = [_("Every party must be an agency of the partnership")]
    elif len({agency.pk for agency in agencies}) < 2:
        errors["parties"] = [_("Choose at least two agencies that share information")]
    unknown = set(terms.categories) - set(DataCategory.values)
    if not terms.categories or unknown:
        errors["categories"] = [_("Choose the categories of data the agreement covers")]
    special = DataCategory.SPECIAL_CATEGORY in terms.categories
    if bool(terms.article_9_condition) != bool(terms.schedule_1_condition) or (
        special and not terms.article_9_condition
    ):
        errors["article_9_condition"] = [
            _(
                "Special category data needs both an article 9 condition and a Data Protection Act 2018 "
                "schedule 1 condition"
            )
        ]
    if errors:
        raise ValidationError(errors)
    return agencies


def _fields(terms: AgreementTerms) -> dict[str, Any]:
    return {
        "title": terms.title,
        "purpose": terms.purpose,
        "article_6_basis": terms.article_6_basis,
        "article_9_condition": terms.article_9_condition,
        "schedule_1_condition": terms.schedule_1_condition,
        "categories": sorted(set(terms.categories)),
        "starts_on": terms.starts_on,
        "review_on": terms.review_on,
        "ends_on": terms.ends_on,
    }


def _changes(agreement: SharingAgreement, agencies: list[Agency]) -> dict[str, Any]:
    return {
        "title": agreement.title,
        "article_6_basis": agreement.article_6_basis,
        "article_9_condition": agreement.article_9_condition,
        "schedule_1_condition": agreement.schedule_1_condition,
        "categories": agreement.categories,
        "parties": sorted(agency.name for agency in agencies),
        "starts_on": agreement.starts_on.isoformat(),
        "review_on": agreement.review_on.isoformat(),
        "ends_on": agreement.ends_on.isoformat() if agreement.ends_on else "",
    }


def record_agreement(
    *, actor: User, terms: AgreementTerms, signed_document: UploadedFile | None = None
) -> SharingAgreement:
    scope_for(actor).require(Permission.MANAGE_SHARING_AGREEMENTS)
    agencies = _check(terms)
    with transaction.atomic():
        agreement = SharingAgreement(**_fields(terms), recorded_by=actor)
        if signed_document is not None:
            agreement.signed_document = signed_document
        agreement.save()
        agreement.parties.set(agencies)
        audit.record(
            actor=actor, action=AuditAction.CREATE, obj=agreement, changes=_changes(agreement, agencies)
        )
    return agreement


def amend_agreement(
    *,
    actor: User,
    agreement: SharingAgreement,
    version: int,
    terms: AgreementTerms,
    signed_document: UploadedFile | None = None,
) -> SharingAgreement:
    scope_for(actor).require(Permission.MANAGE_SHARING_AGREEMENTS)
    agencies = _check(terms)
    with transaction.atomic():
        current = SharingAgreement.objects.select_for_update().get(pk=agreement.pk)
        if current.version != version:
            raise ConflictError({"agreement": _("the agreement")}, current.version)
        for name, value in _fields(terms).items():
            setattr(current, name, value)
        if signed_document is not None:
            current.signed_document = signed_document
        current.version += 1
        current.save()
        current.parties.set(agencies)
        audit.record(actor=actor, action=AuditAction.UPDATE, obj=current, changes=_changes(current, agencies))
    return current


def end_agreement(
    *, actor: User, agreement: SharingAgreement, ends_on: date | None = None
) -> SharingAgreement:
    """Ends an agreement (today unless another day is given): nothing is shared under it after."""
    scope_for(actor).require(Permission.MANAGE_SHARING_AGREEMENTS)
    ends_on = ends_on or timezone.localdate()
    if ends_on < agreement.starts_on:
        raise ValidationError({"ends_on": [_("The end date must be the same as or after the start date")]})
    with transaction.atomic():
        current = SharingAgreement.objects.select_for_update().get(pk=agreement.pk)
        current.ends_on = ends_on
        current.version += 1
        current.save(update_fields=["ends_on", "version"])
        audit.record(
            actor=actor, action=AuditAction.UPDATE, obj=current, changes={"ends_on": ends_on.isoformat()}
        )
    return current
