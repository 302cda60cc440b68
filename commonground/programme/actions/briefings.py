"""Briefings: writing one (with its audience, expiry and checked attachments), sending it to its
audience, recording each reader's receipt, and chasing those who have not yet opened it. Each
write is audited in its own transaction.

A notice about a briefing says only that one is waiting and from whom (an agency): never its
title, its marking or a word of its body, which stay behind sign-in and the audience check."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from commonground.core import access, audit, notifications, policy
from commonground.core.access import scope_for
from commonground.core.actions import moves
from commonground.core.models import Agency, Area, AreaLevel, AuditAction, NotificationKind, User
from commonground.core.roles import Permission
from commonground.programme import briefing_audience, record_workflows
from commonground.programme.documents import CheckedDocument
from commonground.programme.models import (
    Briefing,
    BriefingAttachment,
    BriefingChase,
    BriefingReceipt,
    BriefingStatus,
    HandlingMarking,
)

# Kinds of notice (one per person and briefing; a chase is one per chase).
BRIEFING_WAITING = NotificationKind.BRIEFING_WAITING
BRIEFING_CHASED = NotificationKind.BRIEFING_CHASED

NO_AUDIENCE = "Choose who the briefing is for: at least one role, agency or borough"
EXPIRY_IN_THE_PAST = "The expiry must be in the future"


@dataclass(frozen=True)
class Attachment:
    """A file already checked by `documents.check_document`, with the name it was chosen by."""

    name: str
    document: CheckedDocument


def _from_whom(briefing: Briefing) -> str:
    """Who a notice says the briefing is from: the author's agency, or their job title."""
    author = briefing.author
    if author.agency is not None:
        return author.agency.name
    return author.job_title or "the partnership"


def waiting_notice(briefing: Briefing) -> notifications.Notice:
    """The notice to the audience: that a briefing is waiting, from whom, and its page."""
    return notifications.Notice(
        kind=BRIEFING_WAITING,
        item_key=notifications.item_key(briefing),
        subject=f"A briefing from {_from_whom(briefing)} is waiting for you",
        url=reverse("programme:briefing-detail", args=[briefing.pk]),
    )


def write_briefing(
    *,
    actor: User,
    title: str,
    body: str,
    marking: str,
    roles: list[Group],
    agencies: list[Agency],
    boroughs: list[Area],
    expires_at: datetime,
    attachments: Sequence[Attachment] = (),
) -> Briefing:
    """A draft briefing: nobody but its author sees it until it is sent."""
    scope_for(actor).require(Permission.AUTHOR_BRIEFINGS)
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Enter a title"
    if not body.strip():
        errors["body"] = "Enter the briefing"
    if marking not in HandlingMarking.values:
        errors["marking"] = "Select a handling marking"
    if not (roles or agencies or boroughs):
        errors["roles"] = NO_AUDIENCE
    if any(area.level != AreaLevel.BOROUGH for area in boroughs):
        errors["boroughs"] = "Select boroughs"
    if any(not agency.is_active for agency in agencies):
        errors["agencies"] = "Select agencies that are still active"
    if expires_at <= timezone.now():
        errors["expires_on"] = EXPIRY_IN_THE_PAST
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        briefing = Briefing.objects.create(
            title=title.strip(), body=body.strip(), marking=marking, expires_at=expires_at, author=actor
        )
        briefing.audience_roles.set(roles)
        briefing.audience_agencies.set(agencies)
        briefing.audience_boroughs.set(boroughs)
        for attachment in attachments:
            document = attachment.document
            BriefingAttachment.objects.create(
                briefing=briefing,
                file=ContentFile(document.content, name=f"briefing.{document.extension}"),
                original_name=attachment.name[:255],
                content_type=document.content_type,
                size=document.size,
            )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=briefing,
            changes={
                "marking": marking,
                "roles": sorted(group.name for group in roles),
                "agencies": sorted(agency.name for agency in agencies),
                "boroughs": sorted(area.code for area in boroughs),
                "expires_at": expires_at,
                "attachments": len(attachments),
            },
        )
    return briefing


def _own_briefing(actor: User, briefing: Briefing, *, lock: bool = False) -> Briefing:
    rows = access.visible(scope_for(actor), Briefing).filter(author=actor)
    if lock:
        rows = rows.select_for_update()
    return policy.row_to_act_on(rows, briefing.pk, "That briefing is not one of yours.")


def send_briefing(*, actor: User, briefing: Briefing) -> Briefing:
    """Draft to sent; its audience is told a briefing is waiting (never what it says)."""
    scope_for(actor).require(Permission.AUTHOR_BRIEFINGS)
    with transaction.atomic():
        own = _own_briefing(actor, briefing, lock=True)
        if own.expires_at <= timezone.now():
            raise ValidationError(EXPIRY_IN_THE_PAST)
        own.sent_at = timezone.now()
        before, after = moves.make_move(own, record_workflows.BRIEFING, "sent", also=["sent_at"])
        audience = briefing_audience.members(own).exclude(pk=actor.pk)
        told = notifications.notify_people(audience, waiting_notice(own))
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=own,
            changes={"status": [before, after], "told": told},
        )
    return own


def record_opened(*, actor: User, briefing: Briefing) -> BriefingReceipt | None:
    """A reader's receipt: first opening, then the last and how many times. Not for the author,
    nor for a data protection officer opening it after expiry (they are not its readers)."""
    if briefing.author_id == actor.pk or briefing.status != BriefingStatus.SENT:
        return None
    if not briefing_audience.members(briefing).filter(pk=actor.pk).exists():
        return None
    now = timezone.now()
    with transaction.atomic():
        receipt, created = BriefingReceipt.objects.select_for_update().get_or_create(
            briefing=briefing, reader=actor, defaults={"first_opened_at": now, "last_opened_at": now}
        )
        if not created:
            BriefingReceipt.objects.filter(pk=receipt.pk).update(
                last_opened_at=now, times_opened=F("times_opened") + 1
            )
            receipt.refresh_from_db()
        audit.record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=receipt,
            changes={"briefing": briefing.pk, "times_opened": receipt.times_opened},
        )
    return receipt


def chase_reader(*, actor: User, briefing: Briefing, person: User) -> BriefingChase:
    """Remind one person in the audience who has not yet opened the briefing."""
    scope_for(actor).require(Permission.AUTHOR_BRIEFINGS)
    with transaction.atomic():
        own = _own_briefing(actor, briefing, lock=True)
        if own.status != BriefingStatus.SENT:
            raise ValidationError("Send the briefing before chasing anyone")
        if own.expires_at <= timezone.now():
            raise ValidationError("This briefing has expired: nobody can open it now")
        if not briefing_audience.members(own).filter(pk=person.pk).exists():
            raise ValidationError("That person is not in the briefing's audience")
        if BriefingReceipt.objects.filter(briefing=own, reader=person).exists():
            raise ValidationError(f"{person.get_full_name() or person.username} has already read it")
        chase = BriefingChase.objects.create(briefing=own, person=person, chased_by=actor)
        notice = waiting_notice(own)
        notifications.notify_people(
            [person],
            notifications.Notice(
                kind=BRIEFING_CHASED,
                item_key=notifications.item_key(chase),
                subject=f"Reminder: {notice.subject}",
                url=notice.url,
            ),
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=chase,
            changes={"briefing": own.pk, "person": person.pk},
        )
    return chase
