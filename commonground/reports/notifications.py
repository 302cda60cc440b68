"""Emails to reporters who gave an address: the acknowledgement and each change of status."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from commonground.core import notify
from commonground.reports.models import Report


def status_url(secret: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("reports:status", args=[secret])


def acknowledge(report: Report, secret: str) -> None:
    if not report.contact_email:
        return
    with translation.override(report.language):
        notify.email(
            to=[report.contact_email],
            subject=_("Your report %(reference)s has been received") % {"reference": report.reference},
            body=_(
                "Thank you for your report.\n\nYour reference is %(reference)s.\n\n"
                "See what happens next, send us a message or change who we may share it with:\n%(url)s\n\n"
                "Keep this link private: anyone with it can see your report's progress.\n\n"
                "If someone is in danger now, call 999."
            )
            % {"reference": report.reference, "url": status_url(secret)},
        )


def status_changed(report: Report, public_note: str) -> None:
    if not report.contact_email:
        return
    from commonground.reports.references import status_secret

    with translation.override(report.language):
        notify.email(
            to=[report.contact_email],
            subject=_("Update on your report %(reference)s") % {"reference": report.reference},
            body=_(
                "There is an update on your report %(reference)s: %(status)s.\n\n%(note)s\n\nSee it here:\n%(url)s"
            )
            % {
                "reference": report.reference,
                "status": report.get_status_display().lower(),
                "note": public_note,
                "url": status_url(status_secret(report.status_nonce)),
            },
        )


def new_message(report: Report) -> None:
    if not report.contact_email:
        return
    from commonground.reports.references import status_secret

    with translation.override(report.language):
        notify.email(
            to=[report.contact_email],
            subject=_("New message about your report %(reference)s") % {"reference": report.reference},
            body=_("The team has sent you a message about your report. Read it and reply here:\n%(url)s")
            % {"url": status_url(status_secret(report.status_nonce))},
        )
