"""The group's answers in an application's message thread. An answer is kept for the grants team to
read in the service; nobody is emailed its words."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.core import audit
from commonground.core.models import AuditAction
from commonground.grants.actions.applicants import applicant_label
from commonground.grants.models import Applicant, ApplicationMessage, ApplicationStatus, GrantApplication


@transaction.atomic
def send_reply(*, applicant: Applicant, application: GrantApplication, body: str) -> ApplicationMessage:
    if application.applicant_id != applicant.pk:
        raise ValidationError(_("This is not your application"))
    if application.status == ApplicationStatus.DRAFT:
        raise ValidationError(_("Send your application before writing to the grants team"))
    message = ApplicationMessage.objects.create(application=application, body=body)
    audit.record(
        actor=None,
        actor_label=applicant_label(applicant),
        action=AuditAction.CREATE,
        obj=message,
        reason="The group answered in the application's messages",
    )
    return message


def mark_team_messages_read(*, applicant: Applicant, application: GrantApplication) -> int:
    """The team's messages count as read once the group has opened the thread."""
    if application.applicant_id != applicant.pk:
        return 0
    return ApplicationMessage.objects.filter(
        application=application, staff_author__isnull=False, read_at__isnull=True
    ).update(read_at=timezone.now())
