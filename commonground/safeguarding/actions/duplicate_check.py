"""Sending a referral from the staff form, with the check of other boroughs for the same person.

Before a referral is sent, a coordinator sees possible matches in their own boroughs only
(`queries.possible_duplicates`). Other boroughs are checked only here, when the referral is sent:
the check is audited (the referral ids it matched), and each other borough holding a match has its
coordinators told by email, after the transaction commits. The sender learns only that another
borough may hold a record and that its coordinator has been told: never which borough, nor what
it holds. So nobody can ask "has this person been referred elsewhere?" without sending a referral,
leaving a trace, and the other borough knowing."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from commonground.core import audit, notify
from commonground.core.access import scope_for
from commonground.core.models import AuditAction, User
from commonground.core.roles import Permission
from commonground.reports.models import Report
from commonground.safeguarding import queries
from commonground.safeguarding.actions.referrals import EqualityAnswers, ReferralDetails, submit_referral
from commonground.safeguarding.models import Referral

CHECK_NAME = "possible duplicates in other boroughs"


@dataclass(frozen=True)
class SentReferral:
    referral: Referral
    # Another borough may hold a record about the person, and its coordinators were told.
    other_boroughs_told: bool


def send_referral(
    *,
    actor: User,
    details: ReferralDetails,
    equality: EqualityAnswers | None = None,
    source_report: Report | None = None,
) -> SentReferral:
    """The staff form's "Send referral": record the referral and, for a coordinator, check other
    boroughs for the same person, in one transaction."""
    with transaction.atomic():
        referral = submit_referral(
            actor=actor, details=details, equality=equality, source_report=source_report
        )
        told = check_other_boroughs(actor=actor, referral=referral)
    return SentReferral(referral=referral, other_boroughs_told=told)


def check_other_boroughs(*, actor: User, referral: Referral) -> bool:
    """Match a referral just sent by a coordinator against other boroughs' records; audit the check
    with the ids matched; email each matching borough's coordinators. True if any borough was told.
    Referrers without `MANAGE_CASES` are not checked (nor told anything)."""
    scope = scope_for(actor)
    if not scope.can(Permission.MANAGE_CASES):
        return False
    with transaction.atomic():
        matches = list(queries.matches_in_other_boroughs(scope, referral))
        # Each coordinator of a matching borough, once, with the records of theirs that matched.
        coordinators: dict[int, User] = {}
        their_matches: dict[int, list[Referral]] = {}
        for match in matches:
            for coordinator in queries.coordinators_of(match.borough_id):
                if coordinator.pk != actor.pk:
                    coordinators[coordinator.pk] = coordinator
                    their_matches.setdefault(coordinator.pk, []).append(match)
        audit.record(
            actor=actor,
            action=AuditAction.DUPLICATE_CHECK,
            obj=referral,
            subject=referral,
            changes={
                "check": CHECK_NAME,
                "matched": sorted(match.pk for match in matches),
                "boroughs_told": sorted({match.borough.code for match in matches}),
                "coordinators_told": len(coordinators),
            },
        )
        for pk, coordinator in coordinators.items():
            _tell(coordinator, sender=actor, referral=referral, matches=their_matches[pk])
    return bool(matches)


def _tell(coordinator: User, *, sender: User, referral: Referral, matches: list[Referral]) -> None:
    """No detail of the person in the email: the coordinator signs in to see their own record."""
    if not coordinator.email:
        return
    links = "\n".join(
        f"- {match.reference} ({match.borough.name}): {_absolute(reverse('safeguarding:referral', args=[match.pk]))}"
        for match in matches
    )
    sender_name = sender.get_full_name() or sender.get_username()
    agency = f" ({sender.agency.name})" if sender.agency else ""
    contact = f"You can contact them at {sender.email}." if sender.email else ""
    notify.email(
        to=[coordinator.email],
        subject="Common Ground: a new referral may be about someone you hold a record for",
        body=(
            f"{sender_name}{agency}, a safeguarding coordinator, sent referral {referral.reference} "
            f"to {referral.borough.name} on {timezone.localdate():%d %B %Y}. It may be about the same "
            f"person as this record of yours (a close name and the same date of birth or age):\n\n"
            f"{links}\n\n"
            "They were told only that another borough may hold a record and that its coordinator "
            f"has been told, not which borough or what it holds. {contact}\n"
        ),
    )


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path
