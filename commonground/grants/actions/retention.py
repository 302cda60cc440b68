"""Retention of community grant records, enforced by the software (docs/decisions/0019).

- A sign-in link is deleted a week after it was made (used or not): it exists only to sign in.
- A draft never sent is deleted a year after it was started.
- A declined or withdrawn application is deleted two years after the decision (or after it was
  sent or started): long enough to answer a complaint or a second application.
- An awarded application, its payments, monitoring report and photos are deleted seven years after
  the award, as the partnership's other financial records are; the published 360Giving record names
  only the organisation, and later files simply no longer carry it.
- An applicant's account with no application left and no sign-in for two years is deleted.
Each deletion is audited by the system actor in its own transaction. Run daily by the worker; the
periods are settings (`GRANT_*_RETENTION_DAYS`)."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from commonground.core import audit
from commonground.core.models import AuditAction
from commonground.grants.models import Applicant, GrantApplication, MonitoringReport, PanelDecision
from commonground.grants.queries import retention as due


@dataclass(frozen=True)
class RetentionResult:
    sign_in_links_deleted: int
    applications_deleted: int
    applicants_deleted: int


def delete_application(application: GrantApplication, *, reason: str) -> None:
    """The application and everything under it, files removed from storage."""
    with transaction.atomic():
        audit.record(actor=None, action=AuditAction.ERASE, obj=application, reason=reason)
        report = MonitoringReport.objects.filter(application=application).first()
        if report is not None:
            for photo in report.photos.all():
                photo.file.delete(save=False)
            report.delete()  # its photos cascade
        decision = PanelDecision.objects.filter(application=application).first()
        if decision is not None:
            decision.payments.all().delete()
            decision.delete()
        # Budget lines, answers, messages, assignments, declarations and scores cascade.
        application.delete()


def delete_applicant(applicant: Applicant, *, reason: str) -> None:
    with transaction.atomic():
        audit.record(actor=None, action=AuditAction.ERASE, obj=applicant, reason=reason)
        applicant.delete()  # sign-in links cascade


def apply_retention(now: datetime | None = None) -> RetentionResult:
    with transaction.atomic():
        links = due.sign_in_links_past_retention(now)
        link_count = links.count()
        if link_count:
            links.delete()
            audit.record(
                actor=None, action=AuditAction.ERASE, reason=f"{link_count} sign-in link(s) past their week"
            )
    applications = 0
    for query, reason in (
        (due.drafts_past_retention, "A draft never sent, past its retention period"),
        (due.unsuccessful_past_retention, "Declined or withdrawn, past its retention period"),
        (due.awards_past_retention, "Awarded, past the retention period of financial records"),
    ):
        for application in list(query(now)):
            delete_application(application, reason=reason)
            applications += 1
    applicants = list(due.applicants_past_retention(now))
    for applicant in applicants:
        delete_applicant(applicant, reason="No application left and no sign-in for the retention period")
    return RetentionResult(
        sign_in_links_deleted=link_count,
        applications_deleted=applications,
        applicants_deleted=len(applicants),
    )
