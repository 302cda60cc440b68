"""Publishing a quarter's statistics: draft → awaiting approval → approved → published.

A programme manager (PREPARE_STATISTICS) drafts an edition of an ended quarter: the figures are
counted and frozen at once, under disclosure control (queries/publication.py). They submit it; a
data protection officer (APPROVE_STATISTICS) who did not prepare it approves it with a note, or
sends it back with reasons; then a preparer publishes it. A published edition never changes: a
correction is a new revision of the same quarter, with a note, through the same approval.

Each action is keyword-only with the actor first, checks permission, and writes its audit event in
the same transaction as the change.
"""

import hashlib
import json

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from commonground.core import audit
from commonground.core.access import scope_for
from commonground.core.actions import moves
from commonground.core.models import AuditAction, User
from commonground.core.roles import Permission
from commonground.insights import edition_workflow, releases
from commonground.insights.models import EditionStatus, StatisticsEdition
from commonground.insights.quarters import Quarter
from commonground.insights.queries import publication


def content_sha256(edition: StatisticsEdition) -> str:
    """A fingerprint of what the edition says: period, revision, figures and notes."""
    content = {
        "period_start": edition.period_start.isoformat(),
        "period_end": edition.period_end.isoformat(),
        "revision": edition.revision,
        "headlines": edition.headlines,
        "tables": edition.tables,
        "quality_note": edition.quality_note,
        "correction_note": edition.correction_note,
    }
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def _check_quarter(quarter: Quarter) -> None:
    today = timezone.localdate()
    if quarter.end >= today:
        raise ValidationError(
            {"quarter": "Choose a quarter that has ended: its figures are not complete yet"}
        )
    first = publication.earliest_data_on()
    if first is None or quarter.end < first:
        raise ValidationError({"quarter": "Choose a quarter from when Common Ground holds data"})


def _freeze_into(edition: StatisticsEdition) -> None:
    headlines, tables = releases.freeze(
        publication.quarter_figures(Quarter(edition.period_start, edition.period_end))
    )
    edition.headlines, edition.tables = headlines, tables
    edition.content_sha256 = content_sha256(edition)


def _require(actor: User, permission: Permission) -> None:
    scope_for(actor).require(permission)


def _status_is(edition: StatisticsEdition, *allowed: EditionStatus, message: str) -> None:
    if edition.status not in allowed:
        raise ValidationError(message)


@transaction.atomic
def draft_edition(*, actor: User, quarter: Quarter, quality_note: str = "") -> StatisticsEdition:
    """The first edition of an ended quarter, with its figures counted and frozen now."""
    _require(actor, Permission.PREPARE_STATISTICS)
    _check_quarter(quarter)
    if StatisticsEdition.objects.filter(period_start=quarter.start).exists():
        raise ValidationError(
            {"quarter": "There is already an edition of this quarter: open it from the list instead"}
        )
    edition = StatisticsEdition(
        period_start=quarter.start,
        period_end=quarter.end,
        revision=1,
        quality_note=quality_note.strip(),
        prepared_by=actor,
        prepared_at=timezone.now(),
    )
    _freeze_into(edition)
    try:
        with transaction.atomic():
            edition.save()
    except IntegrityError as error:
        raise ValidationError({"quarter": "Someone has just drafted an edition of this quarter"}) from error
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=edition,
        changes={"status": EditionStatus.DRAFT, "content_sha256": edition.content_sha256},
    )
    return edition


@transaction.atomic
def update_draft(
    *, actor: User, edition: StatisticsEdition, quality_note: str, recount: bool = False
) -> StatisticsEdition:
    """Change the quality note of a draft and, if asked, count its figures again."""
    _require(actor, Permission.PREPARE_STATISTICS)
    edition = StatisticsEdition.objects.select_for_update().get(pk=edition.pk)
    _status_is(edition, EditionStatus.DRAFT, message="Only a draft can be changed")
    before = {"quality_note": edition.quality_note, "content_sha256": edition.content_sha256}
    edition.quality_note = quality_note.strip()
    if recount:
        _freeze_into(edition)
    edition.content_sha256 = content_sha256(edition)
    edition.save()
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=edition,
        changes=audit.diff(
            before, {"quality_note": edition.quality_note, "content_sha256": edition.content_sha256}
        ),
        reason="Figures counted again" if recount else "",
    )
    return edition


@transaction.atomic
def submit_for_approval(*, actor: User, edition: StatisticsEdition) -> StatisticsEdition:
    _require(actor, Permission.PREPARE_STATISTICS)
    edition = StatisticsEdition.objects.select_for_update().get(pk=edition.pk)
    edition.approval_note = ""
    before, after = moves.make_move(
        edition, edition_workflow.MACHINE, edition_workflow.SUBMIT, also=["approval_note"]
    )
    audit.record(actor=actor, action=AuditAction.UPDATE, obj=edition, changes={"status": [before, after]})
    return edition


def _check_approver(actor: User, edition: StatisticsEdition, step: str) -> None:
    _require(actor, Permission.APPROVE_STATISTICS)
    if edition.prepared_by_id == actor.pk:
        raise ValidationError("You prepared this edition, so someone else must approve it")
    moves.require_move(edition, edition_workflow.MACHINE, step)


@transaction.atomic
def approve_edition(*, actor: User, edition: StatisticsEdition, note: str = "") -> StatisticsEdition:
    """A data protection officer who did not prepare the edition approves it for publication."""
    edition = StatisticsEdition.objects.select_for_update().get(pk=edition.pk)
    _check_approver(actor, edition, edition_workflow.APPROVE)
    edition.approved_by = actor
    edition.approved_at = timezone.now()
    edition.approval_note = note.strip()
    before, after = moves.make_move(
        edition,
        edition_workflow.MACHINE,
        edition_workflow.APPROVE,
        also=["approved_by", "approved_at", "approval_note"],
    )
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=edition,
        changes={
            "status": [before, after],
            "content_sha256": edition.content_sha256,
        },
        reason=edition.approval_note,
    )
    return edition


@transaction.atomic
def send_back(*, actor: User, edition: StatisticsEdition, reasons: str) -> StatisticsEdition:
    """Return the edition to its preparer as a draft, with the reasons it was not approved."""
    if not reasons.strip():
        raise ValidationError({"reasons": "Say why the edition is being sent back"})
    edition = StatisticsEdition.objects.select_for_update().get(pk=edition.pk)
    _check_approver(actor, edition, edition_workflow.SEND_BACK)
    edition.approval_note = reasons.strip()
    before, after = moves.make_move(
        edition, edition_workflow.MACHINE, edition_workflow.SEND_BACK, also=["approval_note"]
    )
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=edition,
        changes={"status": [before, after]},
        reason=edition.approval_note,
    )
    return edition


@transaction.atomic
def publish_edition(*, actor: User, edition: StatisticsEdition) -> StatisticsEdition:
    """Publish an approved edition. From now on it never changes."""
    _require(actor, Permission.PREPARE_STATISTICS)
    edition = StatisticsEdition.objects.select_for_update().get(pk=edition.pk)
    moves.require_move(edition, edition_workflow.MACHINE, edition_workflow.PUBLISH)
    if content_sha256(edition) != edition.content_sha256:
        raise ValidationError("The edition's content no longer matches what was approved")
    edition.published_by = actor
    edition.published_at = timezone.now()
    before, after = moves.make_move(
        edition, edition_workflow.MACHINE, edition_workflow.PUBLISH, also=["published_by", "published_at"]
    )
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=edition,
        changes={
            "status": [before, after],
            "content_sha256": edition.content_sha256,
        },
    )
    return edition


@transaction.atomic
def correct_edition(
    *, actor: User, edition: StatisticsEdition, correction_note: str, quality_note: str | None = None
) -> StatisticsEdition:
    """A new draft revision of a published edition, its figures counted again from the data."""
    _require(actor, Permission.PREPARE_STATISTICS)
    if not correction_note.strip():
        raise ValidationError({"correction_note": "Say what is being corrected and why"})
    _status_is(edition, EditionStatus.PUBLISHED, message="Only a published edition can be corrected")
    if StatisticsEdition.objects.filter(supersedes=edition).exists():
        raise ValidationError("This revision has already been corrected: correct the newest revision")
    if (
        StatisticsEdition.objects.filter(period_start=edition.period_start)
        .exclude(status=EditionStatus.PUBLISHED)
        .exists()
    ):
        raise ValidationError("A correction of this quarter is already being prepared")
    correction = StatisticsEdition(
        period_start=edition.period_start,
        period_end=edition.period_end,
        revision=edition.revision + 1,
        supersedes=edition,
        correction_note=correction_note.strip(),
        quality_note=(edition.quality_note if quality_note is None else quality_note).strip(),
        prepared_by=actor,
        prepared_at=timezone.now(),
    )
    _freeze_into(correction)
    try:
        with transaction.atomic():
            correction.save()
    except IntegrityError as error:
        raise ValidationError("Someone has just started a correction of this edition") from error
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=correction,
        changes={"supersedes": edition.pk, "revision": correction.revision},
        reason=correction.correction_note,
    )
    return correction
