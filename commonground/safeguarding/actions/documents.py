"""Panel packs prepared in the background. A pack of many cases takes seconds to render and much
memory, so above `PANEL_PACK_BACKGROUND_FROM` cases the reader's request only asks for it: the
worker gathers it as that reader (the same access check, audited per case as in the request),
renders the PDF into the database, and emails them a link to sign in — never the pack's content.
A prepared pack holds personal data: it is deleted `PANEL_PACK_KEEP_HOURS` after it was asked for."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from commonground.core import audit, notify
from commonground.core.access import scope_for
from commonground.core.actions import moves
from commonground.core.models import AuditAction, User
from commonground.safeguarding import documents, pack_workflow
from commonground.safeguarding.models import PanelPackFile
from commonground.safeguarding.queries.documents import agenda_referral_ids, pack_meeting_or_404, panel_pack
from commonground.safeguarding.tasks import render_panel_pack


def prepare_panel_pack(*, actor: User, meeting_id: int) -> PanelPackFile:
    """Ask the worker for this reader's pack of the meeting (404 if they may not produce it). A
    pack already being prepared for them is not asked for twice, unless its task looks abandoned."""
    scope = scope_for(actor)
    meeting = pack_meeting_or_404(scope, meeting_id)
    abandoned_before = timezone.now() - timedelta(minutes=settings.TASK_ABANDONED_AFTER_MINUTES)
    with transaction.atomic():
        preparing = PanelPackFile.objects.filter(
            meeting=meeting,
            requested_by=actor,
            status=PanelPackFile.Status.PREPARING,
            requested_at__gte=abandoned_before,
        ).first()
        if preparing is not None:
            return preparing
        pack = PanelPackFile.objects.create(
            meeting=meeting,
            requested_by=actor,
            requested_at=timezone.now(),
            referral_ids=agenda_referral_ids(scope, meeting.pk),
        )
        audit.record(actor=actor, action=AuditAction.CREATE, obj=pack, changes={"meeting": meeting.pk})
        transaction.on_commit(lambda: render_panel_pack.enqueue(pack_id=pack.pk))
    return pack


def render_prepared_panel_pack(pack_id: int) -> str:
    """The worker's part: gather the pack as its reader would (audited per case), render it, keep
    it, and tell the reader. If they may no longer produce it, it is marked as failed instead."""
    pack = PanelPackFile.objects.select_related("requested_by").filter(pk=pack_id).defer("pdf").first()
    if pack is None or pack.status != PanelPackFile.Status.PREPARING:
        return "nothing to prepare"
    reader = pack.requested_by
    try:
        data = panel_pack(scope_for(reader), pack.meeting_id)
    except Http404:
        with transaction.atomic():
            _audited_move(reader, pack, pack_workflow.REFUSED)
        return "failed: no longer theirs to produce"
    pdf = documents.panel_pack_pdf(data)
    with transaction.atomic():
        pack.pdf = pdf
        pack.referral_ids = [case.referral.pk for case in data.cases]
        pack.ready_at = timezone.now()
        _audited_move(reader, pack, pack_workflow.RENDERED, also=["pdf", "referral_ids", "ready_at"])
        link = settings.SITE_URL.rstrip("/") + reverse(
            "safeguarding:prepared-panel-pack", args=[pack.meeting_id, pack.pk]
        )
        notify.email(
            to=[reader.email] if reader.email else [],
            subject="Common Ground: your panel pack is ready",
            body=(
                "The panel pack you asked for is ready.\n\n"
                f"Sign in to download it: {link}\n\n"
                f"It will be deleted {settings.PANEL_PACK_KEEP_HOURS} hours after you asked for it.\n"
            ),
        )
    return f"ready: {len(data.cases)} cases"


def _audited_move(reader: User, pack: PanelPackFile, step: str, also: list[str] | None = None) -> None:
    """The worker prepares the pack as its reader, so the move is theirs in the trail."""
    before, after = moves.make_move(pack, pack_workflow.MACHINE, step, also=also or [])
    audit.record(actor=reader, action=AuditAction.UPDATE, obj=pack, changes={"status": [before, after]})


def remove_expired_panel_packs() -> int:
    """Delete every prepared pack asked for more than `PANEL_PACK_KEEP_HOURS` ago."""
    since = timezone.now() - timedelta(hours=settings.PANEL_PACK_KEEP_HOURS)
    deleted, _ = PanelPackFile.objects.filter(requested_at__lt=since).delete()
    return deleted
