"""The funded group's monitoring report after its event: attendance, counts by the round's
categories, what happened, what was spent, and photos (each with the group's word that the people
shown agreed to it being shared). Photos are checked by their content and kept without metadata."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.core import audit
from commonground.core.models import AuditAction
from commonground.grants.actions.applicants import applicant_label
from commonground.grants.models import Applicant, MonitoringPhoto, MonitoringReport
from commonground.reports.photos import CleanPhoto


@dataclass(frozen=True)
class ReportPhoto:
    photo: CleanPhoto
    caption: str
    consent_to_publish: bool


@dataclass(frozen=True)
class MonitoringAnswers:
    attendance: int
    participation: dict[str, int]
    what_happened: str
    amount_spent: Decimal
    spend_notes: str
    photos: list[ReportPhoto]


@transaction.atomic
def submit_monitoring_report(
    *, applicant: Applicant, report: MonitoringReport, answers: MonitoringAnswers
) -> MonitoringReport:
    locked = MonitoringReport.objects.select_for_update().select_related("application").get(pk=report.pk)
    if locked.application.applicant_id != applicant.pk:
        raise ValidationError(_("This is not your application"))
    if locked.submitted_at is not None:
        raise ValidationError(_("You have already sent this report"))
    locked.attendance = answers.attendance
    locked.participation = answers.participation
    locked.what_happened = answers.what_happened
    locked.amount_spent = answers.amount_spent
    locked.spend_notes = answers.spend_notes
    locked.submitted_at = timezone.now()
    locked.save()
    for number, photo in enumerate(answers.photos, start=1):
        stored = MonitoringPhoto(
            report=locked, caption=photo.caption, consent_to_publish=photo.consent_to_publish
        )
        stored.file.save(
            f"report-{locked.pk}-{number}.{photo.photo.extension}",
            ContentFile(photo.photo.content),
            save=False,
        )
        stored.save()
    audit.record(
        actor=None,
        actor_label=applicant_label(applicant),
        action=AuditAction.UPDATE,
        obj=locked,
        reason="The group sent its monitoring report",
        changes={"photos": len(answers.photos)},
    )
    return locked
