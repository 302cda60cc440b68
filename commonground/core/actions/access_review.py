"""Emergency ("break-glass") access and the data protection officer's access review: opening a
record outside one's scope with a reason, reviewing each such opening, marking a person's week
reviewed, and keeping failed attempts to open records out of scope for that review."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from commonground.core import access, audit
from commonground.core.access import scope_for
from commonground.core.models import (
    AccessReviewMark,
    AuditAction,
    BreakGlassAccess,
    BreakGlassOutcome,
    NotificationKind,
    OutOfScopeAttempt,
    ReviewItem,
    User,
)
from commonground.core.notifications import Notice, item_key, notify_people
from commonground.core.queries_access_review import (
    open_grant,
    record_to_open_in_emergency,
    staff_member_for_review,
    week_starting,
)
from commonground.core.roles import Permission


def open_in_emergency(*, actor: User, reference: str, reason: str) -> tuple[BreakGlassAccess, str]:
    """Open the record `reference` names, outside the actor's scope, for an hour: the reason is
    required; the record's owners are told at once (a notice, and an email as each chose); the
    audit event is marked outside normal scope. Returns the grant and the record's page.

    A record that does not exist (or is of a kind the actor may not see at all), or one already in
    their scope, is refused with a message on the reference. Asking again within the hour gives
    the same grant: the owners were told already."""
    scope = scope_for(actor)
    scope.require(Permission.BREAK_GLASS)
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = "Give the reason you need to open this record in an emergency"
    if not "".join((reference or "").split()):
        errors["reference"] = "Enter the reference of the record you need to open"
    if errors:
        raise ValidationError(errors)
    found = record_to_open_in_emergency(scope, reference)
    url = found.target.url(found.record)
    with transaction.atomic():
        already = open_grant(scope, found.record)
        if already is not None:
            return already, url
        now = timezone.now()
        grant = BreakGlassAccess.objects.create(
            user=actor,
            record_type=found.target.label,
            record_pk=found.record.pk,
            record_reference=found.reference,
            reason=reason,
            opened_at=now,
            expires_at=now + timedelta(minutes=settings.BREAK_GLASS_MINUTES),
        )
        audit.record(
            actor=actor,
            action=AuditAction.BREAK_GLASS,
            obj=found.record,
            object_repr=found.reference,
            subject=found.record,
            reason=reason,
            outside_normal_scope=True,
            changes={"break_glass": grant.pk, "until": grant.expires_at.isoformat()},
        )
        who = actor.get_full_name() or actor.get_username()
        notify_people(
            found.target.owners(found.record).exclude(pk=actor.pk),
            Notice(
                kind=NotificationKind.BREAK_GLASS_USED,
                item_key=item_key(grant),
                subject=f"{who} opened {found.target.noun} {found.reference} in an emergency",
                url=url,
            ),
        )
    return grant, url


def review_break_glass(*, actor: User, grant_id: int, outcome: str, note: str) -> BreakGlassAccess:
    """A data protection officer's outcome of one emergency access: appropriate or not, with a note
    (required when not appropriate). A second review replaces the first; both are in the trail."""
    scope = scope_for(actor)
    if not scope.can(Permission.REVIEW_ACCESS):
        raise Http404("Not found")
    note = (note or "").strip()
    if outcome not in BreakGlassOutcome.values:
        raise ValidationError({"outcome": "Select whether the emergency access was appropriate"})
    if outcome == BreakGlassOutcome.NOT_APPROPRIATE and not note:
        raise ValidationError({"note": "Say why the emergency access was not appropriate"})
    with transaction.atomic():
        grant = access.get_visible_or_404(scope, BreakGlassAccess.objects.select_for_update(), pk=grant_id)
        if grant.user_id == actor.pk:
            raise PermissionDenied("Another data protection officer must review your own emergency access.")
        before = {"outcome": grant.outcome, "note": grant.review_note}
        grant.outcome = outcome
        grant.review_note = note
        grant.reviewed_by = actor
        grant.reviewed_at = timezone.now()
        grant.save(update_fields=["outcome", "review_note", "reviewed_by", "reviewed_at"])
        audit.record(
            actor=actor,
            action=AuditAction.BREAK_GLASS_REVIEWED,
            obj=grant,
            changes={"before": before, "outcome": outcome, "note": note},
        )
    return grant


def mark_reviewed(*, actor: User, person_id: int, week: date, item: str, note: str) -> AccessReviewMark:
    """Mark one item of one person's week reviewed, with a note (marking it again replaces the note)."""
    scope = scope_for(actor)
    if not scope.can(Permission.REVIEW_ACCESS):
        raise Http404("Not found")
    note = (note or "").strip()
    if item not in ReviewItem.values:
        raise ValidationError({"item": "Select what you reviewed"})
    if not note:
        raise ValidationError({"note": "Write a note of what you found"})
    person = staff_member_for_review(scope, person_id)
    if person is None:
        raise Http404("Not found")
    week = week_starting(week)
    with transaction.atomic():
        mark, created = AccessReviewMark.objects.select_for_update().get_or_create(
            staff_member=person,
            week_starting=week,
            item=item,
            defaults={"note": note, "reviewed_by": actor, "reviewed_at": timezone.now()},
        )
        before = None if created else mark.note
        if not created:
            mark.note = note
            mark.reviewed_by = actor
            mark.reviewed_at = timezone.now()
            mark.save(update_fields=["note", "reviewed_by", "reviewed_at"])
        audit.record(
            actor=actor,
            action=AuditAction.ACCESS_REVIEW_MARKED,
            obj=mark,
            object_repr=f"{ReviewItem(item).label}, {person.get_username()}, week of {week:%d %B %Y}",
            subject=person,
            changes={"item": item, "week": week.isoformat(), "note": note, "before": before},
        )
    return mark


def keep_out_of_scope_attempts(*, actor: User, attempts: Iterable[tuple[str, str]], path: str) -> int:
    """Keep the records `actor` asked for out of scope during one request (model, key), for the access
    review. Not audited: like failed sign-ins with unknown names, they are counted, not a change
    anyone made. Called once the response is made, so no rolled-back transaction loses them."""
    now = timezone.now()
    rows = [
        OutOfScopeAttempt(
            user=actor, record_type=record_type, record_pk=record_pk[:64], path=path[:500], attempted_at=now
        )
        for record_type, record_pk in dict.fromkeys(attempts)
    ]
    OutOfScopeAttempt.objects.bulk_create(rows)
    return len(rows)


def remove_past_retention(*, actor: User | None = None) -> dict[str, int]:
    """Daily, as the system: failed attempts, reviewed emergency accesses and the review's marks older
    than ACCESS_REVIEW_RETENTION_DAYS. An emergency access nobody has reviewed is kept until it is."""
    cutoff = timezone.now() - timedelta(days=settings.ACCESS_REVIEW_RETENTION_DAYS)
    with transaction.atomic():
        removed = {
            "failed_attempts": OutOfScopeAttempt.objects.filter(attempted_at__lt=cutoff).delete()[0],
            "break_glass": BreakGlassAccess.objects.filter(opened_at__lt=cutoff)
            .exclude(outcome="")
            .delete()[0],
            "marks": AccessReviewMark.objects.filter(week_starting__lt=timezone.localdate(cutoff)).delete()[
                0
            ],
        }
        if any(removed.values()):
            audit.record(
                actor=actor,
                action=AuditAction.ERASE,
                object_type="core.accessreview",
                object_repr="Access review records past retention",
                changes=removed,
            )
    return removed
