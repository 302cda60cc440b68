"""Setting up a second factor and checking the code entered at sign-in (from the authenticator app,
or a one-time recovery code): each write audited in its transaction. Who needs one, and what the
set-up page shows, are in core/second_factor.py and core/recovery_codes.py."""

import enum
from dataclasses import dataclass

from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from commonground.core import audit, recovery_codes, second_factor
from commonground.core.models import AuditAction, User


def unconfirmed_device_for(user: User) -> TOTPDevice:
    """The device being set up (created on first visit to the set-up page; not yet trusted)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=second_factor.DEVICE_NAME, confirmed=False)
    return device


def confirm_device(*, actor: User, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm a device if the code is right and the user may set one up: the user's other devices
    are removed and new recovery codes issued (returned, to be shown once). None if refused."""
    if (
        device.user_id != actor.pk
        or not second_factor.may_set_up_device(actor)
        or not device.verify_token(token)
    ):
        return None
    with transaction.atomic():
        replaced = TOTPDevice.objects.filter(user=actor, confirmed=True).exclude(pk=device.pk).exists()
        TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = issue_recovery_codes(user=actor)
        audit.record(
            actor=actor,
            action=AuditAction.SECOND_FACTOR_ENROLLED,
            obj=actor,
            subject=actor,
            changes={"replaced_an_existing_device": replaced, "recovery_codes_issued": len(codes)},
        )
    return codes


class CodeOutcome(enum.Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    TOO_SOON = "too soon"  # django-otp doubles the wait after each wrong code, to slow guessing


@dataclass(frozen=True)
class CodeCheck:
    outcome: CodeOutcome
    device: Device | None = None


def check_sign_in_code(*, actor: User, code: str, is_recovery_code: bool) -> CodeCheck:
    """Check a code entered at sign-in against the user's authenticator app, or (for a recovery
    code) spend one of their recovery codes. A wrong code is audited."""
    if is_recovery_code:
        candidates: list[Device] = [d for d in [recovery_codes.recovery_device_for(actor)] if d]
    else:
        candidates = list(TOTPDevice.objects.filter(user=actor, confirmed=True))
    if candidates and not any(device.verify_is_allowed()[0] for device in candidates):
        return CodeCheck(CodeOutcome.TOO_SOON)
    if is_recovery_code:
        device = use_recovery_code(actor=actor, code=code)
        if device is not None:
            return CodeCheck(CodeOutcome.ACCEPTED, device)
    else:
        for device in candidates:
            if device.verify_token(code):
                return CodeCheck(CodeOutcome.ACCEPTED, device)
    with transaction.atomic():
        audit.record(actor=actor, action=AuditAction.SECOND_FACTOR_FAILED, obj=actor)
    return CodeCheck(CodeOutcome.WRONG)


def issue_recovery_codes(*, user: User) -> list[str]:
    """Replace the user's recovery codes with new ones. Part of the caller's transaction."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=recovery_codes.DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(recovery_codes.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def use_recovery_code(*, actor: User, code: str) -> StaticDevice | None:
    """The recovery device if `code` is one of the user's unused codes, which is then spent."""
    with transaction.atomic():
        # Locked, so that two requests with the same code cannot both spend it.
        device = StaticDevice.objects.select_for_update().filter(user=actor, confirmed=True).first()
        if device is None or not device.verify_token(code):
            return None
        remaining = device.token_set.count()
        audit.record(
            actor=actor,
            action=AuditAction.RECOVERY_CODE_USED,
            obj=actor,
            subject=actor,
            changes={"recovery_codes_left": remaining},
        )
    return device
