"""Awarded grants as open data (the 360Giving Data Standard), for everyone: no sign-in, no scope.

Only applications the panel awarded are published; a draft, one being assessed, a declined or a
withdrawn application never is. What is published names the group, never a person: the contact's
name and email are read only so that they can be taken out of the group's own words. The funder,
the prefix of every identifier and the licence are settings, with the demonstration's values as
defaults."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Max, QuerySet, Sum
from django.http import Http404

from commonground.grants import threesixtygiving
from commonground.grants.models import ApplicationStatus, DecisionOutcome, GrantApplication, GrantRound


@dataclass(frozen=True)
class Licence:
    name: str
    url: str


def publisher() -> threesixtygiving.Publisher:
    return threesixtygiving.Publisher(
        prefix=settings.THREESIXTYGIVING_PREFIX,
        funder_id=settings.THREESIXTYGIVING_FUNDER_ID,
        funder_name=settings.THREESIXTYGIVING_FUNDER_NAME,
    )


def licence() -> Licence:
    return Licence(
        name=settings.THREESIXTYGIVING_LICENCE_NAME,
        url=settings.THREESIXTYGIVING_LICENCE_URL,
    )


def _awarded() -> QuerySet[GrantApplication]:
    return (
        GrantApplication.objects.filter(
            status=ApplicationStatus.AWARDED, decision__outcome=DecisionOutcome.AWARD
        )
        .select_related("grant_round", "borough", "decision", "applicant")
        .annotate(
            paid=Sum("decision__payments__amount"),
            last_paid_at=Max("decision__payments__recorded_at"),
        )
        .order_by("decision__decided_at", "reference")
    )


def rounds_with_awards() -> list[GrantRound]:
    """The rounds that have published grants, newest first: the filters offered."""
    return list(
        GrantRound.objects.filter(
            applications__status=ApplicationStatus.AWARDED,
            applications__decision__outcome=DecisionOutcome.AWARD,
        )
        .distinct()
        .order_by("-opens_on", "name")
    )


def round_with_awards_or_404(slug: str) -> GrantRound:
    """A round is named in the open data only once it has an award: any other slug, a round still
    open or one that awarded nothing, is not found."""
    found = next((r for r in rounds_with_awards() if r.slug == slug), None)
    if found is None:
        raise Http404("No round with published grants has that name")
    return found


def _as_award(application: Any) -> threesixtygiving.Award:
    decision = application.decision
    modified: datetime = max(
        [decision.decided_at, *([application.last_paid_at] if application.last_paid_at else [])]
    )
    starts, ends = application.event_starts_at, application.event_ends_at
    return threesixtygiving.Award(
        reference=application.reference,
        title=application.event_title,
        description=application.event_description,
        amount_awarded=decision.amount_awarded,
        amount_applied_for=application.amount_requested,
        amount_disbursed=application.paid,
        award_date=decision.decided_at.date(),
        organisation_name=application.organisation_name,
        organisation_type=application.organisation_type,
        charity_number=application.charity_number,
        company_number=application.company_number,
        round_code=application.grant_round.slug,
        round_title=application.grant_round.name,
        starts_on=starts.date() if starts else None,
        ends_on=ends.date() if ends else None,
        borough_name=application.borough.name if application.borough else "",
        borough_code=application.borough.code if application.borough else "",
        modified_at=modified,
        private_words=(application.applicant.full_name, application.applicant.email),
    )


@dataclass(frozen=True)
class GrantsPage:
    count: int
    records: list[dict[str, Any]]


def published_grants(
    *, grant_round: GrantRound | None = None, limit: int | None = None, offset: int = 0
) -> GrantsPage:
    """The awarded grants as 360Giving records, earliest award first (a page of them, with
    `limit`), of one round or of all."""
    rows = _awarded()
    if grant_round is not None:
        rows = rows.filter(grant_round=grant_round)
    count = rows.count()
    if limit is not None:
        rows = rows[offset : offset + limit]
    elif offset:
        rows = rows[offset:]
    who = publisher()
    return GrantsPage(count=count, records=[threesixtygiving.grant_record(_as_award(a), who) for a in rows])


def package() -> dict[str, Any]:
    """Every awarded grant, as the standard's JSON package."""
    who = publisher()
    return threesixtygiving.package((_as_award(a) for a in _awarded()), who, licence_url=licence().url)


def csv_text() -> str:
    return threesixtygiving.csv_text(package()["grants"])
