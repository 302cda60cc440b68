"""Reads of safeguarding casework. Each starts from the user's scope (see scoping.py)."""

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from commonground.core import access, policy
from commonground.core.access import Scope
from commonground.core.audit_reads import audited_page, record_list_view, record_read
from commonground.core.models import Area, User
from commonground.core.roles import Permission
from commonground.core.sensitivity import Purpose, RecordView, view_of, views_of
from commonground.safeguarding import matching
from commonground.safeguarding.models import EqualityMonitoring, InformationRequest, Referral
from commonground.safeguarding.scoping import managed_referrals

# An area's boundary is its GeoJSON outline (about 8 KB for a borough): casework pages show the
# area's name only, and decoding outlines took most of the time of a list of 50 referrals.
WITHOUT_BOUNDARIES = ("borough__boundary", "ward__boundary")

# A referral not screened within 5 working days (roughly a week) shows as overdue: on the
# coordinators' home page, and as the screening target in the statistics (insights).
SCREENING_OVERDUE_DAYS = 7


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


def referrals_page(scope: Scope, *, page_number: str | int | None, status: str = "") -> Page:
    """One page of the coordinator's list; its reading is audited with the referrals on that page."""
    referrals = referrals_visible_to(scope, status=status)
    return audited_page(scope, referrals, page_number=page_number, list_name="Referrals")


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
    record_read(scope=scope, obj=referral, subject=referral)
    return referral


def case_view(referral: Referral, purpose: Purpose, **extra) -> RecordView:
    """A referral with its steps and information requests (prefetched by the caller), as `purpose`
    sees them (core.sensitivity, safeguarding/sensitivity.py): the fields it does not need are not
    in the view, so the page cannot show them."""
    return view_of(
        referral,
        purpose,
        gateway_checks=views_of(referral.gateway_checks.all(), purpose),
        screening_decisions=views_of(referral.screening_decisions.all(), purpose),
        information_requests=views_of(referral.information_requests.all(), purpose),
        **extra,
    )


def open_referral_page(scope: Scope, referral_id: int) -> RecordView:
    """The coordinator's page of a referral (`open_referral`, audited), for case management."""
    referral = open_referral(scope, referral_id)
    # The erasure notice: a record whose personal details were erased says so.
    return case_view(
        referral, Purpose.CASE_MANAGEMENT, retention_review=getattr(referral, "retention_review", None)
    )


def has_equality_monitoring(scope: Scope, referral: Referral | RecordView) -> bool:
    """Only whether it was recorded: its contents never appear beside a decision."""
    return access.visible(scope, EqualityMonitoring).filter(referral_id=referral.pk).exists()


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

    def __bool__(self) -> bool:
        return bool(self.in_scope)


NO_DUPLICATES = PossibleDuplicates(in_scope=[])


def _matching_ids(
    candidates: QuerySet[Referral],
    first_name: str,
    last_name: str,
    date_of_birth: date | None,
    age_years: int | None,
) -> list[int]:
    """The ids of `candidates` that may be about the same person (the rule is in `matching`: a
    close name and the same date of birth, or ages within a year when a date of birth is unknown)."""
    if date_of_birth is None and age_years is None:
        return []
    today = timezone.localdate()
    new = matching.PersonDetails(first_name, last_name, date_of_birth, age_years, today)
    if date_of_birth is not None:
        candidates = candidates.filter(Q(date_of_birth=date_of_birth) | Q(date_of_birth__isnull=True))
    rows = candidates.values_list(
        "pk", "first_name", "last_name", "date_of_birth", "age_years", "received_at"
    ).iterator()
    return [
        pk
        for pk, first, last, dob, age, received_at in rows
        if matching.is_possible_duplicate(
            new, matching.PersonDetails(first, last, dob, age, matching.as_date(received_at)), today
        )
    ]


def possible_duplicates(
    scope: Scope,
    first_name: str,
    last_name: str,
    date_of_birth: date | None,
    *,
    age_years: int | None = None,
    exclude_id: int | None = None,
) -> PossibleDuplicates:
    """Referrals in the coordinator's own boroughs that may be about the same person, shown while
    they check a referral before sending it. Only the coordinator's own records: they may open each
    of them anyway (and each opening is audited). Other boroughs are never looked at here: that
    check runs only when the referral is sent (`actions.duplicate_check`), audited, and tells the
    other borough's coordinator. Referrers without `MANAGE_CASES` are told nothing: whether
    someone has been referred before is itself sensitive."""
    if not scope.can(Permission.MANAGE_CASES):
        return NO_DUPLICATES
    candidates = managed_referrals(scope)
    if exclude_id is not None:
        candidates = candidates.exclude(pk=exclude_id)
    matched = _matching_ids(candidates, first_name, last_name, date_of_birth, age_years)
    if not matched:
        return NO_DUPLICATES
    in_scope = list(referrals_visible_to(scope).filter(pk__in=matched))
    # The coordinator is shown these people's names: the reading is audited, naming each one.
    record_list_view(scope=scope, records=in_scope, list_name="Possible matches for a new referral")
    return PossibleDuplicates(in_scope=in_scope)


def matches_in_other_boroughs(scope: Scope, referral: Referral) -> QuerySet[Referral]:
    """Referrals outside the coordinator's boroughs that may be about the same person as the
    referral they have just sent. The one read here that goes past the scope, on purpose: it is
    called only by `actions.duplicate_check` when a referral is sent, which audits it and tells
    the other boroughs' coordinators; the sender is told only that another borough may hold a
    record. Nothing for someone without `MANAGE_CASES`."""
    if not scope.can(Permission.MANAGE_CASES):
        return Referral.objects.none()
    elsewhere = Referral.objects.exclude(pk=referral.pk).exclude(pk__in=managed_referrals(scope).values("pk"))
    matched = _matching_ids(
        elsewhere, referral.first_name, referral.last_name, referral.date_of_birth, referral.age_years
    )
    return Referral.objects.filter(pk__in=matched).select_related("borough").defer(*WITHOUT_BOUNDARIES)


def coordinators_of(borough_id: int) -> list[User]:
    """Active staff who manage the cases of a borough (its coordinators, and any for the whole
    combined authority): whom to tell about a record of theirs."""
    return list(policy.who_may(Permission.MANAGE_CASES, area=borough_id))


__all__ = [
    "NO_DUPLICATES",
    "SCREENING_OVERDUE_DAYS",
    "PossibleDuplicates",
    "boroughs_for_referral",
    "case_view",
    "coordinators_of",
    "has_equality_monitoring",
    "matches_in_other_boroughs",
    "open_referral",
    "open_referral_page",
    "possible_duplicates",
    "referral_for",
    "referrals_page",
    "referrals_visible_to",
    "wards_for_referral",
]
