"""Reads of safeguarding casework. Each starts from the user's scope (see scoping.py)."""

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.audit_reads import audited_page, record_list_view, record_read
from commonground.core.models import Area
from commonground.core.roles import Permission
from commonground.safeguarding import matching
from commonground.safeguarding.models import EqualityMonitoring, InformationRequest, Referral

# An area's boundary is its GeoJSON outline (about 8 KB for a borough): casework pages show the
# area's name only, and decoding outlines took most of the time of a list of 50 referrals.
WITHOUT_BOUNDARIES = ("borough__boundary", "ward__boundary")


def referrals_visible_to(scope: Scope, *, status: str = "") -> QuerySet[Referral]:
    """Referrals in scope, newest first; `status` narrows to one status."""
    referrals = (
        access.visible(scope, Referral)
        .select_related("borough", "ward")
        .defer(*WITHOUT_BOUNDARIES)
        .order_by("-received_at")
    )
    return referrals.filter(status=status) if status else referrals


def referrals_page(scope: Scope, *, page_number: str | int | None, status: str = "") -> Page:
    """One page of the coordinator's list; its reading is audited with the referrals on that page."""
    referrals = referrals_visible_to(scope, status=status)
    return audited_page(scope, referrals, page_number=page_number, list_name="Referrals")


def referral_for(scope: Scope, referral_id: int) -> Referral:
    """A referral to change (for a form posted to it), without recording an opening. 404 if out of scope."""
    return access.get_visible_or_404(scope, Referral, pk=referral_id)


def open_referral(scope: Scope, referral_id: int) -> Referral:
    """One referral for its page; each opening is audited. Out of scope answers 404."""
    referral = access.get_visible_or_404(
        scope,
        Referral.objects.select_related("borough", "ward", "referrer_agency", "referred_by")
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
    record_read(scope=scope, obj=referral, subject=referral)
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
    # The coordinator is shown these people's names: the reading is audited, naming each one.
    record_list_view(scope=scope, records=in_scope, list_name="Possible matches for a new referral")
    return PossibleDuplicates(in_scope=in_scope, elsewhere=len(matched) - len(in_scope))


__all__ = [
    "NO_DUPLICATES",
    "PossibleDuplicates",
    "boroughs_for_referral",
    "has_equality_monitoring",
    "open_referral",
    "possible_duplicates",
    "referral_for",
    "referrals_page",
    "referrals_visible_to",
    "wards_for_referral",
]
