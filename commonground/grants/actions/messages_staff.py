"""The grants team asks a group a question about its application. The message stays in the
service: the group's contact is emailed only that a message is waiting, with a link to sign in."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from commonground.core import audit, notify
from commonground.core.access import scope_for
from commonground.core.models import AuditAction, User
from commonground.core.roles import Permission
from commonground.grants.actions.staff_rows import locked_application
from commonground.grants.models import ApplicationMessage, ApplicationStatus, GrantApplication

MESSAGE_LIMIT = 5000
# The applicants' sign-in page; its address is the public side's.
APPLICANT_SIGN_IN = "grants:public-sign-in"


def ask_the_group(*, actor: User, application: GrantApplication, body: str) -> ApplicationMessage:
    scope = scope_for(actor)
    scope.require(Permission.MANAGE_GRANTS)
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Enter your message to the group"})
    if len(body) > MESSAGE_LIMIT:
        raise ValidationError({"body": f"Your message must be {MESSAGE_LIMIT} characters or fewer"})
    with transaction.atomic():
        current = locked_application(scope, application.pk)
        if current.status == ApplicationStatus.DRAFT:
            raise ValidationError("The group has not sent this application yet")
        message = ApplicationMessage.objects.create(application=current, staff_author=actor, body=body)
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=message,
            changes={"application": current.pk, "characters": len(body)},
        )
        notify.email(
            to=[current.applicant.email],
            subject=f"You have a message about your application {current.reference}",
            body=(
                f"You have a message from the community grants team about your application "
                f"{current.reference}.\n\nSign in to read it and reply: {applicant_sign_in_link()}\n"
            ),
        )
    return message


def applicant_sign_in_link() -> str:
    return settings.SITE_URL.rstrip("/") + reverse(APPLICANT_SIGN_IN)
