"""Reads of safeguarding casework. Each starts from the user's scope (see scoping.py)."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from commonground.core import access, audit
from commonground.core.access import Scope
from commonground.core.models import Area, AuditAction
from commonground.core.roles import Permission
from commonground.safeguarding import matching
from commonground.safeguarding.models import EqualityMonitoring, InformationRequest, Referral
from commonground.safeguarding.scoping import managed_referrals

# An area's boundary is its GeoJSON outline (about 8 KB for a borough): casework pages show the
# area's name only, and decoding outlines took most of the time of a list of 50 referrals.
WITHOUT_BOUNDARIES = ("borough__boundary", "ward__boundary")


def referrals_visible_to(scope: Scope, *, status: str = "") -> QuerySet[Referral]:
    """The coordinator's referrals (their boroughs'), newest first; `status` narrows to one status.
    Panel cases are not here: a panel member sees them only as the panel case view."""
    referrals = (
        managed_referrals(scope)
        .select_related("borough", "ward")
        .defer(*WITHOUT_BOUNDARIES)
        .order_by("-received_at")
    )
    return referrals.filter(status=status) if status else referrals


def referral_for(scope: Scope, referral_id: int) -> Referral:
    """A referral to change (for a form posted to it), without recording an opening. 404 if out of scope."""
    return access.get_visible_or_404(scope, managed_referrals(scope), pk=referral_id)


def open_referral(scope: Scope, referral_id: int) -> Referral:
    """One referral for its coordinator's page; each opening is audited. Out of scope answers 404,
    and so does a panel case to a panel member (they have the panel case view)."""
    referral = access.get_visible_or_404(
        scope,
        managed_referrals(scope)
        .select_related("borough", "ward", "referrer_agency", "referred_by")
        .defer(*WITHOUT_BOUNDARIES)
        .prefetch_related(
            "screening_decisions__decided_by",
            "gateway_checks__recorded_by",
            # The information requests section lists every request with its agency and people.
            Prefetch(
                "information_requests",
                queryset=InformationRequest.objects.select_related("agency", "sent_by", "answered_by"),
            ),
        ),
        pk=referral_id,
    )
    with transaction.atomic():
        audit.record(actor=scope.user, action=AuditAction.VIEW, obj=referral, subject=referral)
    return referral


def has_equality_monitoring(scope: Scope, referral: Referral) -> bool:
    """Only whether it was recorded: its contents never appear beside a decision."""
    return access.visible(scope, EqualityMonitoring).filter(referral=referral).exists()


def boroughs_for_referral() -> QuerySet[Area]:
    return Area.objects.boroughs().defer("boundary").order_by("name")


def wards_for_referral() -> QuerySet[Area]:
    return (
        Area.objects.wards()
        .select_related("parent")
        .defer("boundary", "parent__boundary")
        .order_by("parent__name", "name")
    )


@dataclass(frozen=True)
class PossibleDuplicates:
    in_scope: list[Referral]
    elsewhere: int

    def __bool__(self) -> bool:
        return bool(self.in_scope) or self.elsewhere > 0


NO_DUPLICATES = PossibleDuplicates(in_scope=[], elsewhere=0)


def possible_duplicates(
    scope: Scope,
    first_name: str,
    last_name: str,
    date_of_birth: date | None,
    *,
    age_years: int | None = None,
    exclude_id: int | None = None,
) -> PossibleDuplicates:
    """Referrals that may be about the same person (the rule is in `matching`: a close name and the
    same date of birth, or ages within a year when a date of birth is unknown).

    Only a coordinator (`MANAGE_CASES`) is told anything. Matches in the coordinator's own
    boroughs come back in full; matches elsewhere come back as a count only, so the page can say
    that a coordinator in another borough may hold a record, never what it holds. Referrers
    without `MANAGE_CASES` are told nothing: whether someone has been referred before is itself
    sensitive. Counting the other boroughs' matches is the one read here that goes past the scope,
    on purpose, and it returns no row.
    """
    if not scope.can(Permission.MANAGE_CASES) or (date_of_birth is None and age_years is None):
        return NO_DUPLICATES
    today = timezone.localdate()
    new = matching.PersonDetails(first_name, last_name, date_of_birth, age_years, today)
    candidates = Referral.objects.all()
    if date_of_birth is not None:
        candidates = candidates.filter(Q(date_of_birth=date_of_birth) | Q(date_of_birth__isnull=True))
    if exclude_id is not None:
        candidates = candidates.exclude(pk=exclude_id)
    rows = candidates.values_list(
        "pk", "first_name", "last_name", "date_of_birth", "age_years", "received_at"
    ).iterator()
    matched = [
        pk
        for pk, first, last, dob, age, received_at in rows
        if matching.is_possible_duplicate(
            new, matching.PersonDetails(first, last, dob, age, matching.as_date(received_at)), today
        )
    ]
    if not matched:
        return NO_DUPLICATES
    in_scope = list(referrals_visible_to(scope).filter(pk__in=matched))
    return PossibleDuplicates(in_scope=in_scope, elsewhere=len(matched) - len(in_scope))


__all__ = [
    "NO_DUPLICATES",
    "PossibleDuplicates",
    "boroughs_for_referral",
    "has_equality_monitoring",
    "open_referral",
    "possible_duplicates",
    "referral_for",
    "referrals_visible_to",
    "wards_for_referral",
]
