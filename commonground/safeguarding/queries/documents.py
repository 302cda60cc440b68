"""The data behind the safeguarding documents: the panel pack here, the subject access export in
`queries.subject_access`.

Both are reads, and both are audited (`AuditAction.EXPORT`, one event per referral, subject the
referral) in a transaction of their own. `documents.py` turns what is gathered here into bytes.

- The panel pack is for the meeting's coordinator (`MANAGE_CASES`, borough in scope) and for the
  panel members recorded as attending (present, not apologies); it holds the cases of the agenda
  the reader may see. Anyone else: 404. Equality monitoring is never gathered for it. Its data are
  gathered in the same number of queries whatever the size of the agenda. A large pack is prepared
  by the worker (`actions.documents`); downloading it is for its reader alone, with the same check,
  and is audited like producing it.
- The subject access export is for a data protection officer (`ACCESS_OUTSIDE_SCOPE`, else 404):
  everything held about the person of one referral, with a reason. Like
  `open_referral_outside_scope`, it reads past `access.visible` on purpose: that is its point.
  Third-party details are marked for review (see domain guide section 6), never removed.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from commonground.core import access, audit
from commonground.core.access import Scope
from commonground.core.models import AuditAction, User
from commonground.core.roles import Permission
from commonground.core.sensitivity import Purpose, RecordView, view_of, views_of
from commonground.safeguarding import panel_rules
from commonground.safeguarding.models import (
    AgendaItem,
    Attendance,
    FactorDiscussion,
    InformationRequest,
    PanelMeeting,
    PanelPackFile,
    Referral,
    ScreeningDecision,
)
from commonground.safeguarding.queries.panels import DimensionFactors, active_factors, by_dimension


def name_of(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def produced_for(user: User) -> str:
    agency = user.agency.name if user.agency else ""
    return f"{name_of(user)}, {agency}" if agency else name_of(user)


# --- The panel pack --------------------------------------------------------------------------------


# The pack is the panel's document, whoever produces it: it shows what the panel case view shows,
# from the same declaration (core.sensitivity, safeguarding/sensitivity.py).
PACK_PURPOSE = Purpose.PANEL


@dataclass(frozen=True)
class CaseSummary:
    referral: RecordView
    age: int | None
    screening: list[RecordView]
    information: list[RecordView]  # answered only
    factors: list[DimensionFactors]


@dataclass(frozen=True)
class PanelPack:
    meeting: PanelMeeting
    attendance: list[Attendance]
    cases: list[CaseSummary]
    produced_for: str  # "<name>, <agency>"
    produced_at: datetime


def _pack_meetings(scope: Scope):
    """The meetings whose pack this reader may produce: their boroughs' (coordinator) or those
    they are recorded as attending, present (panel member)."""
    allowed = Q(pk__in=[])
    if scope.can(Permission.MANAGE_CASES):
        allowed |= Q(borough__in=scope.area_ids)
    if scope.can(Permission.VIEW_PANEL_CASES):
        allowed |= Q(pk__in=Attendance.objects.filter(person=scope.user, attended=True).values("meeting_id"))
    return PanelMeeting.objects.filter(allowed)


def panel_pack(scope: Scope, meeting_id: int) -> PanelPack:
    """The pack of one meeting: the meeting, its attendance, and a summary of each case on the
    agenda the reader may see. Producing it is an export, audited per case. 404 otherwise."""
    meeting = access.get_visible_or_404(
        scope, _pack_meetings(scope).select_related("borough", "chair__agency"), pk=meeting_id
    )
    attendance = list(
        access.visible(scope, Attendance)
        .filter(meeting=meeting)
        .select_related("agency")
        .order_by("agency__name", "name")
    )
    items = list(
        access.visible(scope, AgendaItem)
        .filter(meeting=meeting)
        .select_related("referral__borough")
        .order_by("order", "pk")
    )
    referral_ids = [item.referral_id for item in items]
    screening: dict[int, list[ScreeningDecision]] = {pk: [] for pk in referral_ids}
    for decision in access.visible(scope, ScreeningDecision).filter(referral__in=referral_ids):
        screening[decision.referral_id].append(decision)
    information: dict[int, list[InformationRequest]] = {pk: [] for pk in referral_ids}
    for request in (
        access.visible(scope, InformationRequest)
        .filter(referral__in=referral_ids, answered_at__isnull=False)
        .exclude(answer="")
        .select_related("agency")
        .order_by("answered_at", "pk")
    ):
        information[request.referral_id].append(request)
    discussed: dict[int, dict[int, FactorDiscussion]] = {item.pk: {} for item in items}
    for row in (
        access.visible(scope, FactorDiscussion)
        .filter(agenda_item__in=[item.pk for item in items])
        .select_related("factor")
    ):
        discussed[row.agenda_item_id][row.factor_id] = row
    factors = active_factors()
    today = timezone.localdate()
    cases = [
        CaseSummary(
            referral=view_of(item.referral, PACK_PURPOSE),
            age=panel_rules.age_on(
                today,
                date_of_birth=item.referral.date_of_birth,
                age_years=item.referral.age_years,
                age_given_on=timezone.localtime(item.referral.received_at).date(),
            ),
            screening=views_of(screening[item.referral_id], PACK_PURPOSE),
            information=views_of(information[item.referral_id], PACK_PURPOSE),
            factors=by_dimension(factors, discussed[item.pk]),
        )
        for item in items
    ]
    with transaction.atomic():
        audit.record_each(
            actor=scope.user,
            action=AuditAction.EXPORT,
            obj=meeting,
            subject_refs=[audit.subject_ref_of(item.referral) for item in items] or [""],
            changes={"document": "panel pack"},
        )
    return PanelPack(
        meeting=meeting,
        attendance=attendance,
        cases=cases,
        produced_for=produced_for(scope.user),
        produced_at=timezone.now(),
    )


def pack_meeting_or_404(scope: Scope, meeting_id: int) -> PanelMeeting:
    """The meeting, if this reader may produce its pack; 404 otherwise."""
    return access.get_visible_or_404(scope, _pack_meetings(scope), pk=meeting_id)


def panel_pack_size(scope: Scope, meeting_id: int) -> int:
    """How many cases this reader's pack of the meeting would hold; 404 if they may not produce it."""
    meeting = pack_meeting_or_404(scope, meeting_id)
    return access.visible(scope, AgendaItem).filter(meeting=meeting).count()


def agenda_referral_ids(scope: Scope, meeting_id: int) -> list[int]:
    """The referrals on the meeting's agenda this reader may see, in agenda order."""
    return list(
        access.visible(scope, AgendaItem)
        .filter(meeting_id=meeting_id)
        .order_by("order", "pk")
        .values_list("referral_id", flat=True)
    )


def _keep_since() -> datetime:
    return timezone.now() - timedelta(hours=settings.PANEL_PACK_KEEP_HOURS)


@dataclass(frozen=True)
class PreparedPack:
    file: PanelPackFile  # without its bytes
    out_of_date: bool  # the agenda changed since it was prepared


def prepared_panel_packs(scope: Scope, meeting_id: int) -> list[PreparedPack]:
    """The packs of this meeting prepared for this reader and not yet expired, newest first, each
    marked out of date if the agenda changed since. None if they may not produce the pack."""
    if not _pack_meetings(scope).filter(pk=meeting_id).exists():
        return []
    agenda = agenda_referral_ids(scope, meeting_id)
    files = (
        access.visible(scope, PanelPackFile)
        .filter(meeting_id=meeting_id, requested_at__gte=_keep_since())
        .exclude(status=PanelPackFile.Status.FAILED)
        .defer("pdf")
    )
    return [PreparedPack(file=file, out_of_date=file.referral_ids != agenda) for file in files]


def prepared_panel_pack_pdf(scope: Scope, meeting_id: int, pack_id: int) -> PanelPackFile:
    """A ready pack for its reader, while they may still produce the meeting's pack and it has not
    expired; 404 otherwise. Downloading it is an export of each case in it, audited as such."""
    meeting = pack_meeting_or_404(scope, meeting_id)
    pack = access.get_visible_or_404(
        scope,
        PanelPackFile.objects.filter(
            meeting=meeting, status=PanelPackFile.Status.READY, requested_at__gte=_keep_since()
        ),
        pk=pack_id,
    )
    with transaction.atomic():
        audit.record_each(
            actor=scope.user,
            action=AuditAction.EXPORT,
            obj=meeting,
            subject_refs=[f"{Referral._meta.label_lower}:{pk}" for pk in pack.referral_ids] or [""],
            changes={"document": "panel pack", "prepared": pack.pk},
        )
    return pack


__all__ = [
    "PACK_PURPOSE",
    "CaseSummary",
    "PanelPack",
    "PreparedPack",
    "agenda_referral_ids",
    "pack_meeting_or_404",
    "panel_pack",
    "panel_pack_size",
    "prepared_panel_pack_pdf",
    "prepared_panel_packs",
]
