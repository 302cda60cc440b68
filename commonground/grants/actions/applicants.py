"""Applicants' accounts: a sign-in link by email, opening it, signing out. The person types only
their email; a group's contact who has never applied gets an account with their first link.

Only a hash of a link's secret is stored, so the table alone signs nobody in. A link works once, for
LINK_LIFETIME; asking for a new one leaves older ones working until they expire."""

import functools
import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.core import audit, notify
from commonground.core.models import AuditAction
from commonground.grants.models import Applicant, SignInLink

LINK_LIFETIME = timedelta(minutes=30)


def applicant_label(applicant: Applicant) -> str:
    """How an applicant appears in the audit trail: by account number, not by email."""
    return f"applicant:{applicant.pk}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def send_sign_in_link(*, email: str, next_path: str, site_root: str) -> None:
    """Email a sign-in link to `email` (on commit). Says nothing back: the page answers the same
    whoever the address belongs to."""
    email = email.strip().lower()
    applicant, _created = Applicant.objects.get_or_create(email=email)
    token = secrets.token_urlsafe(32)
    SignInLink.objects.create(
        applicant=applicant,
        token_hash=token_hash(token),
        expires_at=timezone.now() + LINK_LIFETIME,
        next_path=next_path,
    )
    link = site_root.rstrip("/") + reverse("grants:public-sign-in-link", args=[token])
    minutes = int(LINK_LIFETIME.total_seconds() // 60)
    notify.email(
        to=[applicant.email],
        subject=_("Your link to sign in to #WeStandTogether community grants"),
        body=_(
            "Use this link to sign in and apply for, or continue, a #WeStandTogether community grant:\n\n"
            "%(link)s\n\n"
            "The link works once, for %(minutes)d minutes. If you did not ask for it, you can ignore "
            "this email: nobody can sign in without the link."
        )
        % {"link": link, "minutes": minutes},
    )


def link_for(token: str) -> SignInLink | None:
    """The unused, unexpired link with this secret, or None."""
    return (
        SignInLink.objects.select_related("applicant")
        .filter(token_hash=token_hash(token), used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )


@transaction.atomic
def use_sign_in_link(*, token: str, request=None) -> SignInLink | None:
    """Spend the link (once: the row is locked and checked again); None if it is not valid."""
    link = (
        SignInLink.objects.select_for_update()
        .filter(token_hash=token_hash(token), used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if link is None:
        return None
    now = timezone.now()
    link.used_at = now
    link.save(update_fields=["used_at"])
    applicant = link.applicant
    applicant.last_signed_in_at = now
    applicant.save(update_fields=["last_signed_in_at"])
    _audit_as_applicant(applicant, AuditAction.SIGN_IN, "Applicant signed in with an email link")
    return link


def _audit_as_applicant(applicant: Applicant, action: AuditAction, reason: str) -> None:
    """An event the applicant did, named by their account, never by their email."""
    audit.record(
        actor=None,
        actor_label=applicant_label(applicant),
        action=action,
        obj=applicant,
        object_repr=applicant_label(applicant),
        reason=reason,
    )


@transaction.atomic
def record_sign_out(*, applicant: Applicant) -> None:
    _audit_as_applicant(applicant, AuditAction.SIGN_OUT, "Applicant signed out")


@functools.cache
def _nobody_hash() -> str:
    """A hash of nothing anyone types: checked when the email is unknown, so a wrong email takes as
    long to refuse as a wrong password."""
    return make_password(secrets.token_urlsafe(16))


@transaction.atomic
def sign_in_with_password(*, email: str, password: str) -> Applicant | None:
    applicant = Applicant.objects.filter(email=email.strip().lower()).first()
    if applicant is None or not applicant.password:
        check_password(password, _nobody_hash())
        return None
    if not applicant.check_password(password):
        _audit_as_applicant(applicant, AuditAction.SIGN_IN_FAILED, "Wrong password for an applicant")
        return None
    applicant.last_signed_in_at = timezone.now()
    applicant.save(update_fields=["last_signed_in_at"])
    _audit_as_applicant(applicant, AuditAction.SIGN_IN, "Applicant signed in with a password")
    return applicant


@transaction.atomic
def set_applicant_password(*, applicant: Applicant, password: str) -> Applicant:
    """Set (or change) the password; every other session of the applicant is signed out."""
    locked = Applicant.objects.select_for_update().get(pk=applicant.pk)
    locked.set_password(password)
    locked.session_version += 1
    locked.save(update_fields=["password", "session_version"])
    audit.record(
        actor=None,
        actor_label=applicant_label(locked),
        action=AuditAction.PASSWORD_CHANGED,
        obj=locked,
        object_repr=applicant_label(locked),
        reason="Applicant set a password",
    )
    return locked
