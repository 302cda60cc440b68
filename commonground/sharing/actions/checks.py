"""The check other apps' actions make before sharing with another agency: an agreement in force must
cover both agencies and the data. `require_agreement` returns it and records the disclosure, or
refuses with a message naming what is missing and tells the data protection officers."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from commonground.core import audit
from commonground.core.models import Agency, User
from commonground.core.models.audit import AuditAction
from commonground.core.models.notifications import NotificationKind
from commonground.core.notifications import Notice, notify_people
from commonground.core.policy import who_may
from commonground.core.roles import Permission
from commonground.sharing import rules
from commonground.sharing.models import AgreementDisclosure, DataCategory, SharingAgreement


class SharingRefused(ValidationError):
    """No agreement in force covers a sharing. A ValidationError, so forms show it; it carries what
    the data protection officers are told once the refused action has rolled back."""

    def __init__(self, message: str, *, notice: Notice) -> None:
        super().__init__(message)
        self.notice = notice


def terms_of(agreement: SharingAgreement) -> rules.Terms:
    return rules.Terms(
        title=agreement.title,
        parties=frozenset(party.pk for party in agreement.parties.all()),
        categories=frozenset(agreement.categories),
        starts_on=agreement.starts_on,
        review_on=agreement.review_on,
        ends_on=agreement.ends_on,
    )


def refusal_message(missing: rules.Missing, *, parties: str, category: str) -> str:
    if missing.reason == "expired" and missing.ended_on is not None:
        return _(
            "The sharing agreement “%(title)s” between %(parties)s ended on %(day)s: no agreement in "
            "force covers %(category)s."
        ) % {
            "title": missing.agreement_title,
            "parties": parties,
            "day": date_format(missing.ended_on, "j F Y"),
            "category": category,
        }
    if missing.reason == "not_in_force_yet" and missing.starts_on is not None:
        return _(
            "The sharing agreement “%(title)s” between %(parties)s starts on %(day)s: no agreement in "
            "force covers %(category)s yet."
        ) % {
            "title": missing.agreement_title,
            "parties": parties,
            "day": date_format(missing.starts_on, "j F Y"),
            "category": category,
        }
    if missing.reason == "category_not_covered":
        return _("The sharing agreement “%(title)s” between %(parties)s does not cover %(category)s.") % {
            "title": missing.agreement_title,
            "parties": parties,
            "category": category,
        }
    return _("No sharing agreement in force covers %(parties)s for %(category)s.") % {
        "parties": parties,
        "category": category,
    }


def agency_sharing_for(actor: User) -> Agency:
    """The agency whose information `actor` shares: their own. Someone outside every agency shares
    under no agreement, so is refused."""
    if actor.agency is None:
        raise ValidationError(
            _("Your account is not part of an agency, so nothing can be shared under an agreement.")
        )
    return actor.agency


def require_agreement(
    *,
    actor: User | None,
    from_agency: Agency,
    to_agency: Agency,
    category: DataCategory,
    record: models.Model,
    reference: str,
) -> SharingAgreement | None:
    """The agreement in force covering `from_agency` sharing `category` with `to_agency`, with the
    disclosure of `record` recorded under it; None when both are the same agency (nothing is shared).
    Raises SharingRefused (a ValidationError) naming what is missing; wrap the calling action in
    `reports_refusals` so the data protection officers hear of it after the rollback."""
    if from_agency.pk == to_agency.pk:
        return None
    agreement, refusal = _agreement_or_refusal(
        actor=actor,
        from_agency=from_agency,
        to_agency=to_agency,
        category=category,
        record=record,
        reference=reference,
    )
    if refusal is not None:
        raise refusal
    return agreement


def check_agreement(*, from_agency: Agency, to_agency: Agency, category: DataCategory) -> None:
    """Whether an agreement in force covers the sharing, before there is a record to log (a partner
    system's token, checked before the request's body is read): SharingRefused naming what is
    missing, the data protection officers told."""
    if from_agency.pk == to_agency.pk:
        return
    refusal = _refusal(from_agency=from_agency, to_agency=to_agency, category=category)
    if refusal is not None:
        tell_officers(refusal)
        raise refusal


def share_if_agreed(
    *,
    from_agency: Agency,
    to_agency: Agency,
    category: DataCategory,
    record: models.Model,
    reference: str,
    actor: User | None = None,
) -> bool:
    """For sharing that must not fail the action around it (a report routed as it arrives: the
    person's report is never refused for want of an agreement): True, with the disclosure recorded,
    when an agreement covers it; otherwise False, the data protection officers told in the caller's
    transaction, and the caller withholds the data."""
    try:
        require_agreement(
            actor=actor,
            from_agency=from_agency,
            to_agency=to_agency,
            category=category,
            record=record,
            reference=reference,
        )
    except SharingRefused as refusal:
        notify_people(who_may(Permission.MANAGE_SHARING_AGREEMENTS), refusal.notice)
        return False
    return True


def _agreement_or_refusal(
    *,
    actor: User | None,
    from_agency: Agency,
    to_agency: Agency,
    category: DataCategory,
    record: models.Model,
    reference: str,
) -> tuple[SharingAgreement | None, SharingRefused | None]:
    today = timezone.localdate()
    candidates = _candidates(from_agency, to_agency)
    parties = [from_agency.pk, to_agency.pk]
    for agreement in candidates:
        if rules.covers(terms_of(agreement), on=today, parties=parties, category=category):
            disclosure = AgreementDisclosure.objects.create(
                agreement=agreement,
                from_agency=from_agency,
                to_agency=to_agency,
                category=category,
                record_label=record._meta.label_lower,
                record_id=str(record.pk),
                reference=reference[:200],
                shared_by=actor,
            )
            audit.record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=disclosure,
                changes={"agreement": agreement.pk, "category": category, "record": reference},
            )
            return agreement, None
    return None, _refused(candidates, from_agency=from_agency, to_agency=to_agency, category=category)


def _candidates(from_agency: Agency, to_agency: Agency) -> list[SharingAgreement]:
    return list(
        SharingAgreement.objects.filter(parties=from_agency)
        .filter(parties=to_agency)
        .prefetch_related("parties")
        .order_by("-starts_on", "pk")
    )


def _refusal(*, from_agency: Agency, to_agency: Agency, category: DataCategory) -> SharingRefused | None:
    candidates = _candidates(from_agency, to_agency)
    parties = [from_agency.pk, to_agency.pk]
    today = timezone.localdate()
    if any(rules.covers(terms_of(a), on=today, parties=parties, category=category) for a in candidates):
        return None
    return _refused(candidates, from_agency=from_agency, to_agency=to_agency, category=category)


def _refused(
    candidates: list[SharingAgreement], *, from_agency: Agency, to_agency: Agency, category: DataCategory
) -> SharingRefused:
    today = timezone.localdate()
    parties = [from_agency.pk, to_agency.pk]
    missing = rules.what_is_missing(
        [terms_of(agreement) for agreement in candidates], on=today, parties=parties, category=category
    ) or rules.Missing("no_agreement")
    names = _("%(first)s and %(second)s") % {"first": from_agency.name, "second": to_agency.name}
    message = refusal_message(missing, parties=names, category=str(DataCategory(category).label))
    notice = Notice(
        kind=NotificationKind.SHARING_REFUSED,
        item_key=f"sharing:{from_agency.pk}-{to_agency.pk}-{category}-{today.isoformat()}",
        subject=str(_("Sharing refused: %(message)s") % {"message": message}),
        # The form to record the missing agreement, with the two agencies and the data ticked.
        url=reverse("sharing:record")
        + f"?parties={from_agency.pk}&parties={to_agency.pk}&category={DataCategory(category).value}",
    )
    return SharingRefused(message, notice=notice)


P = ParamSpec("P")
R = TypeVar("R")


def reports_refusals(action: Callable[P, R]) -> Callable[P, R]:
    """Around an action that calls `require_agreement`, outside its transaction: once a refusal has
    rolled the action back, the data protection officers are told (one notice per day, agencies and
    data), and the refusal goes on to the form."""

    @functools.wraps(action)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return action(*args, **kwargs)
        except SharingRefused as refusal:
            tell_officers(refusal)
            raise

    return wrapper


def tell_officers(refusal: SharingRefused) -> None:
    with transaction.atomic():
        notify_people(who_may(Permission.MANAGE_SHARING_AGREEMENTS), refusal.notice)
