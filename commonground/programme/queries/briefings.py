"""Reads of briefings, each from the reader's scope: a briefing exists for its author, for its
audience while it is open, and after expiry for the data protection officers
(`briefing_audience.openable`, through the scoping layer). Every opening is audited."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import Group
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone

from commonground.core import access, audit_reads
from commonground.core.access import Scope
from commonground.core.models import Agency, Area, AreaLevel, User
from commonground.core.roles import Role
from commonground.programme import briefing_audience
from commonground.programme.models import (
    Briefing,
    BriefingAttachment,
    BriefingChase,
    BriefingReceipt,
    BriefingStatus,
)


def _receipt_of(scope: Scope):
    return BriefingReceipt.objects.filter(briefing=OuterRef("pk"), reader=scope.user.pk)


def _sent_to_me(scope: Scope) -> QuerySet[Briefing]:
    return (
        access.visible(scope, Briefing)
        .filter(status=BriefingStatus.SENT, expires_at__gt=timezone.now())
        .filter(briefing_audience.in_audience(scope))
        .exclude(author=scope.user.pk)
        .select_related("author", "author__agency")
        .order_by("-sent_at", "-pk")
    )


def for_me(scope: Scope) -> QuerySet[Briefing]:
    """Open briefings sent to me (not my own), newest first, each marked read (`opened`) or not."""
    return _sent_to_me(scope).annotate(opened=Exists(_receipt_of(scope)))


def waiting_for_me(scope: Scope) -> QuerySet[Briefing]:
    """Briefings sent to me, still open, that I have not opened yet."""
    return _sent_to_me(scope).exclude(Exists(_receipt_of(scope)))


def written_by_me(scope: Scope) -> QuerySet[Briefing]:
    return (
        access.visible(scope, Briefing)
        .filter(author=scope.user.pk)
        .annotate(read_count=Count("receipts", distinct=True))
        .order_by("-created_at", "-pk")
    )


def expired(scope: Scope) -> QuerySet[Briefing]:
    """For the data protection officers: sent briefings now closed to their audience, to answer a
    request about one or check it. Nobody else is given this list."""
    if not scope.can(briefing_audience.AFTER_EXPIRY):
        return Briefing.objects.none()
    return (
        access.visible(scope, Briefing)
        .filter(status=BriefingStatus.SENT, expires_at__lte=timezone.now())
        .select_related("author", "author__agency")
        .order_by("-expires_at", "-pk")
    )


def open_briefing(scope: Scope, briefing_id: int) -> Briefing:
    """One briefing, or 404 (out of the audience, expired, or never there); the opening audited."""
    briefing = access.get_visible_or_404(
        scope, Briefing.objects.select_related("author", "author__agency"), pk=briefing_id
    )
    audit_reads.record_read(scope=scope, obj=briefing)
    return briefing


def briefing_for_author(scope: Scope, briefing_id: int) -> Briefing:
    """One of my own briefings, or 404 (someone else's does not exist here)."""
    return access.get_visible_or_404(
        scope, Briefing.objects.select_related("author").filter(author=scope.user.pk), pk=briefing_id
    )


def open_attachment(scope: Scope, briefing_id: int, attachment_id: int) -> BriefingAttachment:
    """An attachment of a briefing I may open, or 404; the download audited."""
    attachment = access.get_visible_or_404(
        scope, BriefingAttachment.objects.filter(briefing_id=briefing_id), pk=attachment_id
    )
    audit_reads.record_read(scope=scope, obj=attachment, changes={"briefing": briefing_id, "download": True})
    return attachment


def attachments_of(briefing: Briefing) -> list[BriefingAttachment]:
    return list(briefing.attachments.all())


@dataclass(frozen=True)
class Audience:
    roles: list[str]
    agencies: list[str]
    boroughs: list[str]
    people: list[User]

    @property
    def count(self) -> int:
        return len(self.people)


def audience_of(briefing: Briefing) -> Audience:
    """Who the briefing is for: its parts, and the people in it now (not counting its author)."""
    return Audience(
        roles=[group.name for group in briefing.audience_roles.order_by("name")],
        agencies=[agency.name for agency in briefing.audience_agencies.order_by("name")],
        boroughs=[area.name for area in briefing.audience_boroughs.order_by("name")],
        people=list(
            briefing_audience.members(briefing)
            .exclude(pk=briefing.author_id)
            .select_related("agency")
            .order_by("last_name", "first_name", "pk")
        ),
    )


@dataclass(frozen=True)
class ReaderRow:
    person: User
    first_opened_at: datetime | None = None
    last_opened_at: datetime | None = None
    times_opened: int = 0
    last_chased_at: datetime | None = None


@dataclass(frozen=True)
class Receipts:
    read: list[ReaderRow]
    not_yet: list[ReaderRow]


def receipts_of(scope: Scope, briefing: Briefing) -> Receipts:
    """For the author: who opened it and when, and who in the audience has not yet; the page's
    names audited as read."""
    receipts = list(
        access.visible(scope, BriefingReceipt)
        .filter(briefing=briefing)
        .select_related("reader", "reader__agency")
        .order_by("first_opened_at", "pk")
    )
    chased: dict[int, datetime] = {}
    for chase in access.visible(scope, BriefingChase).filter(briefing=briefing).order_by("chased_at"):
        chased[chase.person_id] = chase.chased_at
    readers = {receipt.reader_id for receipt in receipts}
    audience = audience_of(briefing).people
    read = [
        ReaderRow(r.reader, r.first_opened_at, r.last_opened_at, r.times_opened, chased.get(r.reader_id))
        for r in receipts
    ]
    not_yet = [ReaderRow(p, last_chased_at=chased.get(p.pk)) for p in audience if p.pk not in readers]
    audit_reads.record_read(
        scope=scope, obj=briefing, changes={"page": "read receipts"}, shown=[r.person for r in read + not_yet]
    )
    return Receipts(read=read, not_yet=not_yet)


def audience_person(briefing: Briefing, person_id: int) -> User:
    """Someone in the briefing's audience (for a chase), or 404."""
    person = briefing_audience.members(briefing).filter(pk=person_id).first()
    if person is None:
        raise Http404("Not found")
    return person


# --- Choices for writing a briefing -----------------------------------------------------------


def audience_role_choices() -> list[Group]:
    """The staff roles a briefing may go to, in the order roles are listed."""
    by_name = {group.name: group for group in Group.objects.filter(name__in=[r.group_name for r in Role])}
    return [by_name[role.group_name] for role in Role if role.group_name in by_name]


def audience_agency_choices() -> list[Agency]:
    return list(Agency.objects.filter(is_active=True).order_by("name"))


def audience_borough_choices() -> list[Area]:
    return list(Area.objects.filter(level=AreaLevel.BOROUGH).defer("boundary").order_by("name"))
